"""Factiva articles saved as HTML ("Full Article/Report plus Indexing", or "Full Article/Report").

Each document is a `div.article`. With indexing, it is a table of rows, each a two-letter code and its value:
HD headline, BY byline, WC word count, PD date, ET time, SN source, SC source code, SE section, ED edition, PG
page, LA language, CY copyright, LP lead paragraphs, TD the rest of the text, NS subjects, RE regions, IN
industries, CO companies, AN the accession number (`Document ABCD000020240115ek1f0001x`), which is the clipping's
id. Without indexing, the same values come as a headline and a run of unlabelled lines in a fixed order, each
recognised by its form. Values are in the language of the Factiva interface (`29 décembre 2011`, `295 mots`).
"""
from __future__ import annotations

import re

from lxml import etree, html

from ..model import Problem
from .decode import sniff_text, text_of
from .documents import Document, read_date, to_clippings
from .fields import collapse_spaces, language_from_name
from .registry import InputFile, LoadResult, ReadOptions

NAME = "Factiva HTML"

_ARTICLE = "//div[contains(concat(' ', normalize-space(@class), ' '), ' article ')]"
_PARAGRAPHS = ".//p[contains(concat(' ', normalize-space(@class), ' '), ' articleParagraph ')]"
_WORDS = re.compile(r"\d[\d.,' \xa0]*\s+(?:words?|mots?|wörter|palabras|parole|woorden|palavras|ord|słów|слов\w*)",
                    re.IGNORECASE)
_TIME = re.compile(r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s+[A-Z]{2,5})?", re.IGNORECASE)
_CODE = re.compile(r"[A-Z0-9]{2,12}")
_ACCESSION = re.compile(r"[A-Za-z0-9]{12,40}")
_FILTERS = frozenset({"ncat", "nfact", "nfce", "nfcpex", "nfcpin", "niwe", "nrgn", "nrmf", "ncolu"})
"""Subject codes that are Factiva's own filters and content types, not topics."""
_NAMES = {"HD": "Headline", "WC": "Word count", "ET": "Time", "SC": "Source code", "PG": "Page",
          "CY": "Copyright", "RE": "Regions", "IN": "Industries", "CO": "Companies", "IPD": "Descriptors",
          "IPC": "Information codes", "PUB": "Publisher", "RF": "Reference", "CR": "Credit", "CT": "Contact",
          "ART": "Caption", "NGC": "Group", "GC": "Group code", "SE": "Section"}


def recognise(head: bytes) -> bool:
    """An HTML page saved from Factiva: its title, or a Factiva article's class, in the first 64 KB."""
    if head[:2] not in (b"\xff\xfe", b"\xfe\xff") and b"Factiva" not in head and b'Article"' not in head:
        return False  # most pages: passed over by a byte search before anything is decoded
    text = sniff_text(head)
    return re.search(r"<title>\s*Factiva", text, re.IGNORECASE) is not None or \
        re.search(r"class=\"article [a-z]{2}Article\"", text) is not None


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """Every article of a saved Factiva page; never raises for bad content."""
    text, problems = text_of(file.data, file.path)
    if text is None:
        return [], problems
    try:
        root = html.document_fromstring(text, parser=html.HTMLParser(no_network=True, remove_comments=True))
    except (etree.ParserError, ValueError) as exc:
        return [], problems + [Problem(file.path, f"cannot read the HTML ({exc})", "error")]
    articles = root.xpath(_ARTICLE)
    if not articles:
        return [], problems + [Problem(file.path, "no Factiva articles (div.article) in the page", "error")]
    docs = []
    for position, article in enumerate(articles):
        doc = Document(position, article.sourceline or 1)
        try:
            if article.xpath(".//td[contains(@class, 'index')]"):
                _read_indexed(doc, article)
            else:
                _read_plain(doc, article)
        except Exception as exc:  # one article the reader cannot follow must not cost the others
            doc = Document(position, article.sourceline or 1)
            doc.problem(f"article {position + 1} could not be read ({type(exc).__name__}: {exc}): skipped", "error")
        docs.append(doc)
    clippings, found = to_clippings(docs, file.path, NAME)
    return clippings, problems + found


def _read_indexed(doc: Document, article: html.HtmlElement) -> None:
    for row in article.iter("tr"):
        cells = row.findall("td")
        if len(cells) < 2:
            continue
        code = collapse_spaces(cells[0].text_content())
        if not _CODE.fullmatch(code):
            continue
        _value(doc, code, cells[1], row.sourceline)


def _value(doc: Document, code: str, cell: html.HtmlElement, line: int | None) -> None:
    text = collapse_spaces(cell.text_content())
    if code in ("LP", "TD"):
        paras = [collapse_spaces(p.text_content()) for p in cell.xpath(_PARAGRAPHS)] or [text]
        doc.paragraphs += [p for p in paras if p]
    elif code == "HD":
        doc.title = text
    elif code == "BY":
        doc.author = text
    elif code == "SN":
        doc.source = text
    elif code == "PD":
        _date(doc, text, line)
    elif code == "LA":
        code_ = language_from_name(text)
        if code_ is None:
            doc.keep("Language", text)
        doc.language = code_ or doc.language
    elif code == "ED":
        doc.edition = text
    elif code == "SE":
        doc.section = text
        doc.keep("Section", text)
    elif code == "NS":
        doc.subjects += [name for name in _coded(text, skip=_FILTERS)]
        doc.keep("Subjects", text)
    elif code == "AN":
        doc.vendor_id = _accession(text)
        doc.keep("Accession number", doc.vendor_id or text)
    elif code in ("RE", "IN", "CO"):
        doc.keep(_NAMES[code], "; ".join(_coded(text)))
    else:
        doc.keep(_NAMES.get(code, code), text)


def _date(doc: Document, text: str, line: int | None) -> None:
    when = read_date(text)
    if when is None:
        doc.problem(f"cannot read the date '{text[:60]}'", "warning", line)
    else:
        doc.published = when


def _coded(text: str, skip: frozenset[str] = frozenset()) -> list[str]:
    """`gpol : Domestic Politics | gcat : Political/General News` → the names (codes in `skip` left out)."""
    names = []
    for item in text.split("|"):
        code, _, name = item.partition(" : ")
        name = collapse_spaces(name if name else code)
        if name and collapse_spaces(code) not in skip and not name.endswith(("Filter", "Filters")):
            names.append(name)
    return names


def _accession(text: str) -> str:
    """`Document ABC0000020111229e7ct0001r` (the word in the interface language) → the number."""
    last = text.split()[-1] if text.split() else ""
    return last if _ACCESSION.fullmatch(last) else ""


def _read_plain(doc: Document, article: html.HtmlElement) -> None:
    """The layout without indexing codes: a section line, the headline (`div#hd`), an author line (`.author`),
    then word count, date, time, source, source code, edition/page, language, copyright, each told by its form;
    the text in `p.articleParagraph`; the accession number in a last `Document ...` paragraph."""
    seen_headline = False
    for div in article.iterchildren("div"):
        text = collapse_spaces(div.text_content())
        if not text:
            continue
        if div.get("id") == "hd" or div.find(".//b") is not None and not seen_headline:
            doc.title, seen_headline = text, True
        elif not seen_headline:
            doc.section = text
            doc.keep("Section", text)
        elif "author" in (div.get("class") or "").split():
            doc.author = text
        elif _WORDS.fullmatch(text):
            doc.keep("Word count", text)
        elif doc.published is None and (when := read_date(text)) is not None:
            doc.published = when
        elif _TIME.fullmatch(text):
            doc.keep("Time", text)
        elif text.startswith(("©", "(c)", "(C)", "Copyright")):
            doc.keep("Copyright", text)
        elif (code := language_from_name(text)) is not None and doc.language is None:
            doc.language = code
        elif not doc.source:
            doc.source = text
        elif _CODE.fullmatch(text) and not any(k == "Source code" for k, _ in doc.extra):
            doc.keep("Source code", text)
        else:
            doc.keep("Edition or page", text)
    doc.paragraphs += [p for p in (collapse_spaces(p.text_content()) for p in article.xpath(_PARAGRAPHS)) if p]
    for para in article.iterchildren("p"):
        text = collapse_spaces(para.text_content())
        if para.get("class") or not text:
            continue
        accession = _accession(text) if len(text.split()) == 2 else ""
        if accession:
            doc.vendor_id = accession
            doc.keep("Accession number", accession)
        else:
            doc.keep("Publisher", text)
