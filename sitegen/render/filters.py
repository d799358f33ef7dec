"""What templates apply to values: dates in words, reading time, a clipping's text as HTML, a citation.

Clipping text is never trusted as markup: plain text is escaped, Markdown is rendered with raw HTML off.
"""
from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable

from markupsafe import Markup

from ..archive.records import Entry
from ..model import MONTHS, Clipping, Dated
from ..read.markup import markdown

WORDS_PER_MINUTE = 230
"""A common adult reading speed for news prose; the reading time shown is words divided by this."""


def title_link_html(href: str, entry: Entry, lang_attr: Callable[[str | None], Markup | str]) -> Markup:
    return Markup('<a href="%s"%s>%s</a>') % (href, lang_attr(entry.clipping.language), entry.clipping.title)


def long_date(value: Dated | dt.date | dt.datetime | None) -> str:
    """The one way a date is shown, in every template and output: `11 March 2025`, `March 2025` or `2025`, as
    precise as the source gives it (a plain date or time is a day). The wording is `english_date`'s, kept apart
    from the precision so that a translation replaces the wording only."""
    if value is None:
        return "undated"
    if not isinstance(value, Dated):
        value = Dated(value.date() if isinstance(value, dt.datetime) else value)
    return english_date(value)


def english_date(value: Dated) -> str:
    """`11 March 2025` (unambiguous in every locale, unlike 03/11/2025), `March 2025`, `2025`."""
    if value.month is None:
        return str(value.year)
    if value.day is None:
        return f"{MONTHS[value.month - 1]} {value.year}"
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def plain_citation(entry: Entry, address: str) -> str:
    """`Source, "Title", 11 March 2025, https://...`: what a reader pastes into a footnote.

    The RIS and BibTeX records are made in the browser by static/cite.js from the page's citation_* tags:
    written into each page as data: links they would add ~1.2 KB a clipping page, as files two files and
    ~2 KB a clipping in the tar GitHub Pages counts (120 MB, or 200 MB and 200,000 files, at 100,000).
    """
    parts = [entry.source.name] if entry.source else []
    title = f'"{entry.clipping.title}"' + (" (excerpt)" if entry.clipping.excerpt else "")
    parts += [title, long_date(entry.dated), address]
    return ", ".join(parts)


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
