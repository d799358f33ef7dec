"""Clipping text as markup: the one CommonMark parser sitegen uses, and a clipping's plain words.

Raw HTML is off, so `<script>` in a Markdown clipping is shown as text, and markdown-it's link validation drops
javascript:, vbscript: and file: links. The parser is made on first use: importing markdown-it costs more than
a rebuild that renders no Markdown clipping.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..model import Clipping

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.cache
def markdown() -> MarkdownIt:
    """CommonMark with raw HTML off; a heading in a clipping's text sits under its page's own <h1>, so `#`
    becomes <h2> (and so on)."""
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False})
    parser.core.ruler.push("demote_headings", _demote_headings)
    return parser


def _demote_headings(state) -> None:
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


def plain_text(clipping: Clipping) -> str:
    """The clipping's words without markup, whitespace collapsed (Markdown syntax removed, plain text as is)."""
    if clipping.body_format != "markdown":
        return " ".join(clipping.body.split())
    parts: list[str] = []
    for token in markdown().parse(clipping.body):
        for child in token.children or ():
            if child.type in ("text", "code_inline"):
                parts.append(child.content)
            elif child.type in ("softbreak", "hardbreak"):
                parts.append(" ")
        parts.append(" ")
    return " ".join("".join(parts).split())
