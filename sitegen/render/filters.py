"""What templates apply to values: reading time, a clipping's text as HTML, a citation.

Clipping text is never trusted as markup: plain text is escaped, Markdown is rendered with raw HTML off.
"""
from __future__ import annotations

import html
from collections.abc import Callable

from markupsafe import Markup, escape

from ..archive.records import Entry
from ..i18n.interface import Interface
from ..model import Clipping
from ..read.markup import markdown

WORDS_PER_MINUTE = 230
"""A common adult reading speed for news prose; the reading time shown is words divided by this."""


def title_link_html(href: str, entry: Entry, text_attrs: Callable[[Clipping], Markup]) -> Markup:
    return Markup('<a href="%s"%s>%s</a>') % (href, text_attrs(entry.clipping), entry.clipping.title)


def plain_citation(entry: Entry, address: str, words: Interface, isolate: Callable[[str], Markup]) -> Markup:
    """`Source, "Title", 11 March 2025, https://...`: what a reader pastes into a footnote, in the interface
    language's pattern. `isolate` puts a part that runs the other way (an English title or the address in an
    Arabic citation) in `<bdi>`, so the bidirectional algorithm cannot reorder it; what is copied stays the text.

    The RIS and BibTeX records are made in the browser by cite.js from the page's citation_* tags:
    written into each page as data: links they would add ~1.2 KB a clipping page, as files two files and
    ~2 KB a clipping in the tar GitHub Pages counts (120 MB, or 200 MB and 200,000 files, at 100,000).
    """
    excerpt = entry.clipping.excerpt
    facts = {"title": isolate(entry.clipping.title), "date": words.long_date(entry.dated), "address": isolate(address)}
    if entry.source is None:
        pattern = words.gettext('"%(title)s" (excerpt), %(date)s, %(address)s') if excerpt else \
            words.gettext('"%(title)s", %(date)s, %(address)s')
        return escape(pattern) % facts
    pattern = words.gettext('%(source)s, "%(title)s" (excerpt), %(date)s, %(address)s') if excerpt else \
        words.gettext('%(source)s, "%(title)s", %(date)s, %(address)s')
    return escape(pattern) % {**facts, "source": isolate(entry.source.name)}


def reading_minutes(clipping: Clipping) -> int:
    """Minutes an average reader needs for the clipping's text; at least 1."""
    return max(1, round(len(clipping.body.split()) / WORDS_PER_MINUTE))


def body_html(clipping: Clipping) -> Markup:
    """The clipping's text as HTML: plain text escaped paragraph by paragraph, Markdown with raw HTML off. An
    excerpt ends with an ellipsis, so that its last words are not read as the article's end."""
    if clipping.body_format == "markdown":
        rendered = markdown().render(clipping.body)
        return Markup(rendered + "<p>…</p>" if clipping.excerpt else rendered)
    # Text needs only &, < and > escaped; quotes stay as typed (`&#34;` is five bytes for one, on 100,000 pages).
    paragraphs = [p for p in (p.strip() for p in clipping.body.split("\n\n")) if p]
    if clipping.excerpt and paragraphs and not paragraphs[-1].endswith("…"):
        paragraphs[-1] += " …"
    return Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs))
