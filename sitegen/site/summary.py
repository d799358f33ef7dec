"""A clipping in a sentence or so: the page's description, a feed entry's summary.

Made from the clipping alone, so it is the same in every output that uses it (page head, feeds, the export).
"""
from __future__ import annotations

import functools
import re

from ..model import Clipping
from ..read.markup import plain_text

SUMMARY_MIN = 60
"""A summary keeps adding sentences until it is at least this long (one short sentence says too little)."""
SUMMARY_MAX = 160
"""Longest summary in characters (what search results show of a description); longer text is cut at a word
and ends with `…`."""
_SENTENCE_END = re.compile(r"""[.!?…]["'”’»)\]]*(?=\s)""")


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
