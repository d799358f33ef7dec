"""Nexis Uni exports: a Word file (`.docx`) of many documents, or a ZIP of such files.

The file opens with a cover (date and job number, the list of documents with links to them, the search terms,
sometimes in a table); then each document: its title (a sub-title after `;`), the publication, the date line,
`Copyright ...`, labelled fields (`Section:`, `Length:`, `Byline:`, `Highlight:`... a label and a no-break
space), a line `Body`, the text, optionally `Graphic` and `Notes` sections and a `Classification` block of more
fields (`Language:`, `Subject:` with scores...), `Load-Date:`, and `End of Document`. Labels are in the language
of the Nexis Uni interface the export was made in (see `labels.py`). The first document shares its stretch of
paragraphs with the cover: its header is found from its first field backwards (date line, publication, title).
The cover's list links each document to its Nexis id (`urn:contentItem:...`), which becomes the clipping's id.
"""
from __future__ import annotations

import re
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from io import BytesIO

from ..model import Clipping, Problem
from . import docx, labels
from .documents import Document, read_date, split_title, to_clippings
from .docx import DocxError, Paragraph
from .fields import collapse_spaces
from .registry import InputFile, LoadResult, ReadOptions

NAME = "Nexis Uni DOCX"
ZIP_NAME = "Nexis Uni ZIP"
MAX_MEMBERS = 2000
MAX_MEMBER_BYTES = 100 * 1024 * 1024
HEADER_PARAGRAPHS = 8
"""Paragraphs before a document's first field searched for its date line."""

_END = frozenset({"end of document", "ende des dokuments", "fin du document", "fin del documento",
                  "einde van document", "fine del documento", "fim do documento", "koniec dokumentu"})
_BODY = frozenset({"body", "text", "texte", "corps", "cuerpo", "texto", "tekst", "testo", "inhalt", "corpo"})
_SECTIONS = {
    "classification": "", "klassifikation": "", "klassifizierung": "", "classement": "", "clasificación": "",
    "classificatie": "", "classificazione": "", "classificação": "",
    "graphic": "Graphic", "grafik": "Graphic", "graphique": "Graphic", "gráfico": "Graphic", "grafico": "Graphic",
    "afbeelding": "Graphic", "notes": "Notes", "anmerkungen": "Notes", "hinweise": "Notes", "remarques": "Notes",
    "notas": "Notes", "opmerkingen": "Notes", "note": "Notes",
}
"""Headings of the sections after the body: `` for fields, else the extra field their text is kept as."""
_LABEL = re.compile(r"([^\W\d_][^:\n]{0,39}?):([\xa0 ])\s*(.*)", re.DOTALL)
_ITEM_ID = re.compile(r"urn:contentItem:([0-9A-Za-z-]{8,})")
_COVER_ENTRY = re.compile(r"(\d{1,5})\.\s+(.+)", re.DOTALL)
_RIGHTS = re.compile(r"(?:copyright\b|©|\(c\)\s*\d)", re.IGNORECASE)


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """Every document of a Nexis Uni DOCX; never raises for bad content."""
    if file.data[:5].lstrip() == b"{\\rtf":  # some downloads named .DOCX are RTF
        from . import rtf

        return rtf.load(file, options)
    try:
        paras = docx.paragraphs(file.data)
    except DocxError as exc:
        return [], [Problem(file.path, str(exc), "error")]
    return parse(paras, file.path, NAME)


def load_zip(file: InputFile, options: ReadOptions) -> LoadResult:
    """Every document of every DOCX in a ZIP archive (as Nexis Uni delivers large downloads)."""
    try:
        archive = zipfile.ZipFile(BytesIO(file.data))
        names = [n for n in archive.namelist() if n.lower().endswith(".docx")
                 and not n.rsplit("/", 1)[-1].startswith(("~$", "._")) and not n.startswith("__MACOSX/")]
    except docx.ZIP_ERRORS as exc:
        return [], [Problem(file.path, f"not a readable ZIP file ({exc})", "error")]
    if not names:
        return [], [Problem(file.path, "a ZIP file without DOCX files in it", "error")]
    if len(names) > MAX_MEMBERS:
        return [], [Problem(file.path, f"{len(names)} DOCX files in one ZIP (at most {MAX_MEMBERS} are read)",
                            "error")]
    clippings: list[Clipping] = []
    problems: list[Problem] = []
    position = 0
    for name in names:
        try:
            paras = docx.paragraphs(docx.read_member(archive, name, MAX_MEMBER_BYTES))
        except (DocxError, *docx.ZIP_ERRORS) as exc:
            problems.append(Problem(file.path, f"{name}: {exc}", "error"))
            continue
        found, found_problems = parse(paras, file.path, ZIP_NAME, first_position=position, member=name)
        position += len(list(_chunks(paras)))
        clippings += found
        problems += found_problems
    return clippings, problems


def parse(paras: Sequence[Paragraph], path: str, fmt: str, first_position: int = 0, member: str = "") -> LoadResult:
    """The documents of one DOCX's paragraphs (format `fmt`), numbered from `first_position`; `member`: the
    DOCX's name inside a ZIP, said in its problems."""
    chunks = list(_chunks(paras))
    where = f"{member}: " if member else ""
    if not chunks:
        return [], [Problem(path, f"{where}no 'End of Document' lines: not a Nexis Uni export", "error")]
    cover = _cover_ids(chunks[0])
    body_words = _body_words(chunks)
    docs = []
    for index, chunk in enumerate(chunks):
        doc = Document(first_position + index, chunk[0].number if chunk else 1)
        try:
            _read(doc, chunk, cover.get(index + 1), body_words)
        except Exception as exc:  # one document the reader cannot follow must not cost the others
            doc = Document(first_position + index, doc.line)
            doc.problem(f"document {index + 1} could not be read ({type(exc).__name__}: {exc}): skipped", "error")
        docs.append(doc)
    return to_clippings(docs, path, fmt, prefix=where)


def _chunks(paras: Sequence[Paragraph]) -> Iterator[list[Paragraph]]:
    """The non-blank paragraphs of each document (the first with the cover before it), split at the end lines:
    the known ones, or else the short line the file ends with (an interface language not listed)."""
    texts = [p for p in paras if p.text.strip()]
    ends = {i for i, p in enumerate(texts) if collapse_spaces(p.text).casefold() in _END}
    if not ends and texts:
        last = collapse_spaces(texts[-1].text).casefold()
        if len(last.split()) <= 5 and not any(c.isdigit() for c in last):
            ends = {i for i, p in enumerate(texts) if collapse_spaces(p.text).casefold() == last}
            if len(ends) < 2:
                ends = set()
    start = 0
    for end in sorted(ends):
        yield texts[start:end]
        start = end + 1


def _cover_ids(chunk: Sequence[Paragraph]) -> dict[int, tuple[str, str]]:
    """The cover's list of documents: number (as written, `3. Title`, else in list order) → (Nexis id, title)."""
    found: dict[int, tuple[str, str]] = {}
    for para in chunk:
        item = next((m for link in para.links if (m := _ITEM_ID.search(link)) is not None), None)
        if item is None:
            continue
        text = collapse_spaces(para.text)
        match = _COVER_ENTRY.fullmatch(text)
        number, title = (int(match[1]), match[2]) if match else (len(found) + 1, text)
        found.setdefault(number, (item[1], title))
    return found


def _label(para: Paragraph) -> tuple[str, str] | None:
    """(label, value) for a field paragraph: a known label, or any short label followed by a no-break space (how
    Nexis Uni writes every label, in any interface language)."""
    match = _LABEL.fullmatch(para.text.strip())
    if match is None:
        return None
    if match[1].casefold() not in labels.UNI and match[2] != "\xa0":
        return None
    return match[1].strip(), collapse_spaces(match[3])


def _read(doc: Document, chunk: Sequence[Paragraph], listed: tuple[str, str] | None,
          body_words: frozenset[str]) -> None:
    texts = [collapse_spaces(p.text) for p in chunk]
    anchor = next((i for i, p in enumerate(chunk) if texts[i].casefold() in body_words or _label(p)), None)
    if anchor is None:
        doc.problem(f"document {doc.position + 1}: no fields and no 'Body' line: skipped", "error")
        return
    title_at = _header(doc, chunk, texts, anchor)
    if title_at is not None:
        doc.line = chunk[title_at].number
        doc.vendor_id = _own_id(chunk[title_at], listed, doc.title)
    fields: dict[str, tuple[str, int]] = {}
    start = anchor
    while start < len(chunk) and _field(doc, fields, chunk[start]):
        start += 1
    if start < len(chunk) and texts[start].casefold() in body_words:
        start += 1
    body_end = len(chunk)
    while body_end > start and (_label(chunk[body_end - 1]) or texts[body_end - 1].casefold() in _SECTIONS):
        body_end -= 1
    section = None  # None: the body; then the heading's name ("" for Classification)
    for position in range(start, len(chunk)):
        text = texts[position]
        if text.casefold() in _SECTIONS:
            section = _SECTIONS[text.casefold()]
        elif section is None and position < body_end:
            row = chunk[position].row
            if row and position > start and chunk[position - 1].row == row and doc.paragraphs:
                doc.paragraphs[-1] += " | " + text  # the cells of a table row, as one line
            else:
                doc.paragraphs += [line for line in map(collapse_spaces, chunk[position].text.split("\n")) if line]
        elif not _field(doc, fields, chunk[position]):
            doc.keep(section or "Text after the body", text)
    labels.apply(doc, fields)


def _body_words(chunks: Sequence[Sequence[Paragraph]]) -> frozenset[str]:
    """The words that open a body: the known ones, and a one-word line that follows the fields of most documents
    of this file (`Brødtekst`: the heading in an interface language not listed)."""
    after_fields: Counter[str] = Counter()
    for chunk in chunks:
        index = next((i for i, p in enumerate(chunk) if _label(p)), len(chunk))
        while index < len(chunk) and _label(chunk[index]):
            index += 1
        if index < len(chunk) and (word := chunk[index].text.strip()).isalpha():
            after_fields[word.casefold()] += 1
    found = {word for word, count in after_fields.items() if count >= 2 and 2 * count >= len(chunks)}
    return _BODY | found


def _header(doc: Document, chunk: Sequence[Paragraph], texts: list[str], anchor: int) -> int | None:
    """Read title, publication, date line and copyright before the first field; return the title's index."""
    candidates = []
    for index in range(anchor - 1, max(-1, anchor - 1 - HEADER_PARAGRAPHS), -1):
        if _RIGHTS.match(texts[index]):
            doc.keep("Copyright", texts[index])
        else:
            candidates.append(index)
    candidates.reverse()
    dated = next((n for n in range(len(candidates) - 1, -1, -1) if read_date(texts[candidates[n]])), None)
    if dated is None:
        doc.problem("no date line found before the document's fields", "warning", chunk[anchor].number)
        dated = len(candidates)
    else:
        doc.published = read_date(texts[candidates[dated]])
        doc.edition = " ".join(texts[i] for i in candidates[dated + 1:])
    if dated >= 1:
        doc.source = texts[candidates[dated - 1]]
    if dated >= 2:
        title_at = candidates[dated - 2]
        doc.title, doc.subtitle = split_title(texts[title_at])
        return title_at
    return None


def _own_id(title: Paragraph, listed: tuple[str, str] | None, title_text: str) -> str:
    """The document's Nexis id: from a link on its title, else from the cover's entry for it when that entry
    lists the same title (an export edited after download may list others)."""
    for link in title.links:
        if (item := _ITEM_ID.search(link)) is not None:
            return item[1]
    if listed is not None:
        def key(text: str) -> str:
            return re.sub(r"\W+", "", text.casefold())[:60]

        if key(listed[1]).startswith(key(title_text)) or key(title_text).startswith(key(listed[1])):
            return listed[0]
    return ""


def _field(doc: Document, fields: dict[str, tuple[str, int]], para: Paragraph) -> bool:
    found = _label(para)
    if found is None:
        return False
    label, value = found
    meaning = labels.UNI.get(label.casefold(), "")
    if meaning == "subject":
        doc.subjects.append(value)
        doc.keep(label, value)
    elif meaning and meaning not in fields:
        fields[meaning] = (value, para.number)
    else:
        doc.keep(label, value)
    return True
