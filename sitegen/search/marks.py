"""The search marks of a clipping page, written into the copy Pagefind reads and never published.

Pagefind learns from `data-pagefind-*` attributes what to index (the article: headline and text), what to
leave out (the facts around it), the filters (year, source, categories), the sort key (date) and the meta shown
with a result (date, source, language, excerpt). Only the indexer needs them, yet on every clipping page they
weighed ~370 bytes: 37 MB of the 1 GB GitHub Pages allows, at 100,000 clippings. So the published page carries
none of them (but the rare `dir:rtl`), and the indexer's scratch copy of each page gets them back here, in the
very places the template used to write them: the page Pagefind reads is byte for byte the page it read before.

This is a transform of sitegen's own markup (`templates/article.html`, its classes `clipping`, `kicker`,
`facts-line`/`facts`, `body`, `excerpt-note`), and it is safe to make with patterns: clipping text is always
escaped, so every `<...>` in a page is the template's. A page that already holds `data-pagefind-body` (a site's
own `article.html` that marks itself) is indexed as it is.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import escape

_ARTICLE = b'<article class="clipping">'
_BODY = re.compile(rb'<div class="body"(?: lang="([^"]*)")?')
_DATE = re.compile(rb'<time datetime="([^"]*)">([^<]*)</time>')
_KICKER = re.compile(rb'<p class="kicker"><a href="[^"]*"')
_FACTS = re.compile(rb'<p class="facts-line"|<dl class="facts"')
_NOTE = b'<p class="excerpt-note">'


@dataclass(frozen=True, slots=True)
class Marks:
    """What the marks say that the page does not spell out the same way: the site's words and an address."""

    categories: str
    """How a category page's address begins in a link (`/archive/categories/`): the facts' category links."""
    undated: str
    """The date shown with the result of an undated clipping (the interface's word for undated)."""
    excerpt: str
    """What a result of an excerpt says it is (the interface's word for excerpt)."""


def marked(page: bytes, marks: Marks) -> bytes:
    """The page with the search marks its template leaves out; any other page as it is."""
    start = page.find(_ARTICLE)
    if start < 0 or b"data-pagefind-body" in page:
        return page
    body = _BODY.search(page, start)
    if body is None:
        return page
    header = page[start + len(_ARTICLE):body.start()]
    date = _DATE.search(header)
    if date is None:
        year, sort, shown = b"Undated", b"0000-00-00", _escaped(marks.undated)
    else:
        year, sort, shown = b"%d" % int(date[1][:4]), date[1], date[2]
    note = page.find(_NOTE, body.end())
    parts = [page[:start],
             b'<article class="clipping" data-pagefind-body data-pagefind-filter="year:%s" '
             b'data-pagefind-sort="date:%s" data-pagefind-meta="date:%s">' % (year, sort, shown)]
    if note >= 0 and header.startswith(b"\n<header>"):
        header = b'\n<header data-pagefind-meta="excerpt:%s">' % _escaped(marks.excerpt) + header[len(b"\n<header>"):]
    header = _KICKER.sub(lambda m: m[0][:17] + b" data-pagefind-ignore" + m[0][17:]
                         + b' data-pagefind-filter="source" data-pagefind-meta="source"', header, count=1)
    facts = _FACTS.search(header)
    if facts is not None:
        category = re.compile(rb'<a href="' + re.escape(marks.categories.encode()) + rb'[^"]*"')
        header = (header[:facts.end()] + b" data-pagefind-ignore"
                  + category.sub(lambda m: m[0] + b' data-pagefind-filter="category"', header[facts.end():]))
    parts.append(header)
    opening = body[0] + (b' data-pagefind-meta="lang:%s"' % body[1] if body[1] is not None else b"")
    parts.append(opening)
    rest = page[body.end():]
    if note >= 0:
        rest = rest.replace(_NOTE, _NOTE[:-1] + b" data-pagefind-ignore>")
    parts.append(rest)
    return b"".join(parts)


def _escaped(word: str) -> bytes:
    """A word as the template wrote it into an attribute (autoescaped)."""
    return str(escape(word)).encode()
