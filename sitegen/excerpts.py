"""`excerpt_only`: publish only the start of some sources' clippings.

Some monitoring contracts allow an archive to show an excerpt of a source's articles, not the whole text; and
an archive too large for GitHub Pages' 1 GB can keep its biggest sources as excerpts. The clipping's text is
cut here, before the archive is collected, so its page, the search index, the feeds and the export all hold the
excerpt and nothing else; the page says so and links the original. Duplicates are found before the cut, on the
full texts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from .meta import plain_text
from .model import Clipping
from .urls import term_slug

EXCERPT_WORDS = 60
"""Words kept: about the first paragraph of a news article, what quotation rules and licences commonly allow."""


def excerpt(clipping: Clipping) -> Clipping:
    """The clipping with its text cut to the first `EXCERPT_WORDS` words (markup removed) and marked as cut."""
    words = plain_text(clipping).split()
    text = " ".join(words[:EXCERPT_WORDS]) + (" …" if len(words) > EXCERPT_WORDS else "")
    return replace(clipping, body=text, body_format="text", excerpt=True)


def apply(clippings: Iterable[Clipping], sources: Iterable[str],
          resolve: Callable[[str], str]) -> list[Clipping]:
    """Cut the clippings of the named sources (named as on the site: aliases and spellings count as one)."""
    cut = {term_slug(resolve(name)) for name in sources}
    return [excerpt(c) if c.source and term_slug(resolve(c.source)) in cut else c for c in clippings]
