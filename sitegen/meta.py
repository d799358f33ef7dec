"""What a clipping page says about itself to search engines, link previews and feed readers.

A short description (the first sentence or so of the text, as plain text), and schema.org `NewsArticle` data
for the JSON-LD block. Both are made from the clipping alone, so they are the same in every output that uses
them (page head, feeds, data export).
"""
from __future__ import annotations

import functools
import json
import re
from typing import Any

from markupsafe import Markup

from .archive import Entry
from .links import Links, external
from .model import Clipping

SUMMARY_MIN = 60
"""A summary keeps adding sentences until it is at least this long (one short sentence says too little)."""
SUMMARY_MAX = 160
"""Longest summary in characters (what search results show of a description); longer text is cut at a word
and ends with `…`."""
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*(?=\s)""")


@functools.cache
def _markdown() -> Any:
    """A CommonMark parser, made on first use (see render._markdown)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False})


def plain_text(clipping: Clipping) -> str:
    """The clipping's words without markup, whitespace collapsed (Markdown syntax removed, plain text as is)."""
    if clipping.body_format != "markdown":
        return " ".join(clipping.body.split())
    parts: list[str] = []
    for token in _markdown().parse(clipping.body):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return " ".join("".join(parts).split())


@functools.lru_cache(maxsize=4096)  # a page asks three times (description, Open Graph, JSON-LD)
def summary(clipping: Clipping) -> str:
    """The first sentence or so of the text: whole sentences up to `SUMMARY_MIN` characters, at most `SUMMARY_MAX`."""
    text = plain_text(clipping)
    end = len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() >= SUMMARY_MIN:
            end = match.end()
            break
    text = text[:end]
    if len(text) <= SUMMARY_MAX:
        return text
    cut = text[:SUMMARY_MAX - 1]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return cut.rstrip(" ,;:-–—") + "…"


def description(clipping: Clipping) -> str:
    """The page's description: the summary, or the title when the clipping has no text."""
    return summary(clipping) or clipping.title


def news_article(entry: Entry, links: Links, site_language: str) -> dict[str, Any]:
    """schema.org `NewsArticle` for a clipping page: the original article, archived here.

    Only what the page's other tags do not already say in a form crawlers read: the description, the
    categories and the site are left out (they are in the description meta tag, the citation tags and
    og:site_name), which keeps 100,000 clipping pages ~40 MB smaller.
    """
    clipping = entry.clipping
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": clipping.title,
        "url": links.absolute(entry.url),
        "inLanguage": clipping.language or site_language,
    }
    if clipping.date is not None:
        data["datePublished"] = clipping.date.isoformat()
    if entry.source is not None:
        data["publisher"] = {"@type": "Organization", "name": entry.source.name}
    if external(clipping.url):
        data["isBasedOn"] = external(clipping.url)
    return data


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` escaped as `\\u003c` and so on,
    so no text (a title with `</script>`) can end the block early; the JSON value is unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
