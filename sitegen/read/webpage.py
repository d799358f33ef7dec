"""Saved web pages (`.html`): the article's text taken out of the page with trafilatura, and its title, date,
byline, site name and address from the page's own metadata (`page_meta.py`).

trafilatura drops what is not the article (navigation, cookie banners, share buttons, comments, related
links); its fast mode is used, without the fallback extractors, so that a thousand pages take seconds.
Metadata the page does not mark up is asked of trafilatura's own search, and a date found that way is
reported, as it was not marked as the publication date.
"""
from __future__ import annotations

import datetime as dt
import functools
import logging
from pathlib import PurePosixPath
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from ..model import Clipping, Problem
from .dates import parse_when
from .fields import collapse_spaces, language_tag, web_url
from .page_meta import PageMeta, page_meta
from .registry import InputFile, LoadResult, ReadOptions, digest_id
from .walk import SAVED_FILES

NAME = "Web page"
SUFFIXES = (".html", ".htm", ".xhtml")
HEAD_BYTES = 4096
"""Where a browser's or SingleFile's note about the saving is looked for."""
MAX_ELEMENTS = 10_000
"""Larger pages are not given to trafilatura, whose time grows faster than the page (10,000 paragraphs: 2.5 s,
100,000: 144 s); real article pages have a few thousand elements at most (4,634 in trafilatura's own test set)."""
_NOT_TEXT = ("script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form")
STORY_SHARE = 0.8
"""Share of the page's paragraph text an `<article>` must hold to be read alone."""


@functools.cache
def _trafilatura() -> ModuleType:
    """Imported on first use (a build that reads no page never pays for it), with its log kept quiet: what it
    would log (a page without text) is reported as a problem instead."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext"):
        logging.getLogger(name).addHandler(logging.NullHandler())
        logging.getLogger(name).propagate = False
    return trafilatura


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """One page as one clipping, and the problems found; never raises for bad content."""
    if (folder := _saved_with(file.path)) is not None:
        return [], [Problem(file.path, f"part of a saved page (in its folder '{folder}'), skipped", "notice")]
    return read_page(file.data, file.path)


def _saved_with(path: str) -> str | None:
    """The folder a browser's "Save page, complete" fills with the page's parts (`Page_files/`): its HTML files
    are frames and ads of the saved page, not articles."""
    return next((folder for folder in path.split("/")[:-1] if folder.endswith(SAVED_FILES)), None)


def read_page(data: bytes, path: str, address: str | None = None, fetched: dt.datetime | None = None) -> LoadResult:
    """`load` for a page given as bytes; `address` and `fetched`: where and when `sitegen clip` got it (used
    when the page does not name its own address, and as the capture time)."""
    if not data.strip():
        return [], [Problem(path, "empty file", "error")]
    trafilatura = _trafilatura()
    from trafilatura.utils import load_html

    tree = load_html(data)
    if tree is None:
        return [], [Problem(path, "not a readable HTML page", "error")]
    meta = page_meta(tree, data[:HEAD_BYTES])
    url = web_url(meta.url) or web_url(meta.saved_from) or (web_url(address) if address else None)
    problems: list[Problem] = []
    elements = sum(1 for _ in tree.iter())
    if elements > MAX_ELEMENTS:
        problems.append(Problem(path, f"a page of {elements:,} elements (more than {MAX_ELEMENTS:,}): all its "
                                      "paragraphs are kept, without trafilatura's choice of the article", "warning"))
        text = "\n".join(_plain_paragraphs(tree))
    else:
        if not meta.title or meta.published is None:
            _fill_in(trafilatura, tree, url, meta, path, problems)
        text = _extracted(trafilatura, tree, url, path, problems)
    title = meta.title or PurePosixPath(path).stem
    body = _paragraphs(text, title)
    if not body and not meta.title:
        return [], [Problem(path, "no article found in the page (no title and no text)", "error")]
    if not body:
        problems.append(Problem(path, "no article text found in the page; only its title is kept", "warning"))
    if not meta.title:
        problems.append(Problem(path, "the page names no title; using the file name", "warning"))
    source = meta.site or _host(url)
    day = meta.published.day.isoformat() if meta.published else ""
    extra = (("Description", meta.description),) if meta.description else ()
    captured = meta.saved_at.moment() if meta.saved_at else fetched
    return [Clipping(
        id=digest_id(source, day, title), title=title, source_path=path,
        published=meta.published.day if meta.published else None, captured=captured, source=source,
        categories=tuple(meta.categories), language=_language(meta.language), url=url, body=body,
        body_format="text", extra=extra, precision=meta.published.precision if meta.published else "day",
        author=meta.author, line=1, position=0)], problems


def _extracted(trafilatura: ModuleType, tree: Any, url: str | None, path: str, problems: list[Problem]) -> str:
    """The article's text by trafilatura, one block a line; the page's paragraphs if trafilatura fails on it."""
    try:
        document = trafilatura.bare_extraction(_story(tree), url=url, fast=True, include_comments=False,
                                               include_tables=True, include_images=False, include_links=False,
                                               with_metadata=False)
    except Exception as exc:  # a page trafilatura cannot handle is still a page: its paragraphs are kept
        problems.append(Problem(path, f"trafilatura could not read the page ({type(exc).__name__}); all its "
                                      "paragraphs are kept", "warning"))
        return "\n".join(_plain_paragraphs(tree))
    return document.text if document is not None else ""


def _plain_paragraphs(tree: Any) -> list[str]:
    """The text of the page's paragraphs and headings, in order, scripts, menus, headers and footers left out:
    linear in the page, for pages too large or odd for trafilatura."""
    from lxml import etree

    etree.strip_elements(tree, *_NOT_TEXT, with_tail=False)
    return [p.text_content() for p in tree.iter("p", "h1", "h2", "h3", "h4", "h5", "h6")]


def _fill_in(trafilatura: ModuleType, tree: object, url: str | None, meta: PageMeta, path: str,
             problems: list[Problem]) -> None:
    """Ask trafilatura's metadata search for the title and date the page does not mark up (slower: only then)."""
    found = trafilatura.extract_metadata(tree, default_url=url, extensive=False,
                                         date_config={"extensive_search": False, "original_date": True})
    if not meta.title and found.title:
        meta.title = collapse_spaces(found.title)
    if not meta.author and found.author:
        meta.author = collapse_spaces(found.author)
    if not meta.site and found.sitename:
        meta.site = collapse_spaces(found.sitename)
    if meta.published is None and found.date and (when := parse_when(found.date)) is not None:
        meta.published = when
        problems.append(Problem(path, f"the page marks no publication date; {found.date} was found in its markup "
                                      "by trafilatura: check it", "notice"))


def _story(tree: Any) -> Any:
    """The page's one `<article>` in a page of its own, when it holds most of the page's paragraphs' text (the
    story, not a teaser); else the whole page. trafilatura then looks through a tree several times smaller
    (menus, related lists and footers gone): about twice as fast, and the same text on pages built that way."""
    articles = tree.xpath("//body//article[not(ancestor::article)]")
    if len(articles) != 1 or _paragraph_chars(articles[0]) < STORY_SHARE * _paragraph_chars(tree):
        return tree
    from lxml.html import document_fromstring

    page = document_fromstring("<html><body></body></html>")
    page.body.append(articles[0])  # moved, not copied: the page's tree is not used after this
    return page


def _paragraph_chars(element: Any) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


def _paragraphs(text: str, title: str) -> str:
    """trafilatura's text (one block a line) as paragraphs separated by a blank line, without the headline
    when it comes first (the page shows it above the text)."""
    paragraphs = [p for p in map(collapse_spaces, text.split("\n")) if p]
    if paragraphs and paragraphs[0].casefold() == title.casefold():
        del paragraphs[0]
    return "\n\n".join(paragraphs)


def _host(url: str | None) -> str:
    return (urlsplit(url).hostname or "").removeprefix("www.") if url else ""


def _language(value: str) -> str | None:
    """`en`, `de-AT`, `pt_BR` (Open Graph's locale) or a language name, as a BCP 47 tag."""
    return language_tag(value) if value else None
