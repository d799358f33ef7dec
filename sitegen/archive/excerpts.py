"""`excerpt_only` and `excerpt_formats`: publish only the start of some sources' or formats' clippings.

Some monitoring contracts allow an archive to show an excerpt of a source's articles, not the whole text; most
news databases' terms (LexisNexis, Factiva, monitoring services) forbid republishing the full text they deliver;
and an archive too large for GitHub Pages' 1 GB can keep its biggest sources as excerpts. The clipping's text is
cut here, before the archive is collected, so its page, the search index, the feeds and the export all hold the
excerpt and nothing else; the page says so and links the original. Duplicates are found before the cut, on the
full texts.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from ..model import Clipping, Problem
from ..read.markup import plain_text
from .textcut import cut, unspaced

EXCERPT_WORDS = 60
"""Words kept: about the first paragraph of a news article, what quotation rules and licences commonly allow.
In scripts written without spaces (Chinese, Japanese, Thai...) two characters count as a word (see textcut)."""
EXCERPT_CHARS = 600
"""Characters kept at most, whatever the script: 60 words of English are about 360."""


def excerpt(clipping: Clipping) -> Clipping:
    """The clipping with its text cut to the first `EXCERPT_WORDS` words (markup removed) and marked as cut."""
    text = plain_text(clipping)
    kept = cut(text, EXCERPT_WORDS, EXCERPT_CHARS)
    if kept is not None:
        text = kept + ("…" if kept and unspaced(kept[-1]) else " …")
    return replace(clipping, body=text, body_format="text", excerpt=True, cut=True)


def apply(clippings: Iterable[Clipping], sources: Sequence[str],
          source_slug: Callable[[str], str]) -> tuple[list[Clipping], list[str]]:
    """Cut the clippings of the named sources (named as on the site: `source_slug` makes aliases and spellings
    of one source one).

    Also returns the names that matched no clipping's source: a misspelt name would publish a source's full
    text where only an excerpt is allowed, so the caller reports them."""
    wanted = {source_slug(name): name for name in sources}
    found: set[str] = set()
    result = []
    for clipping in clippings:
        slug = source_slug(clipping.source) if clipping.source else None
        if slug in wanted:
            found.add(slug)
            clipping = excerpt(clipping)
        result.append(clipping)
    return result, [name for slug, name in wanted.items() if slug not in found]


def by_format(clippings: Iterable[Clipping], formats: Sequence[str]) -> list[Clipping]:
    """Cut the clippings read from the named formats (`excerpt_formats`; `*`: all of them)."""
    every, wanted = "*" in formats, frozenset(formats)
    return [excerpt(c) if every or c.format in wanted else c for c in clippings]


def unmatched_problem(name: str, config_file: Path | None) -> Problem:
    """A warning naming the setting (and its line) for an `excerpt_only` name no clipping has as its source."""
    where, line = "sitegen.toml", None
    if config_file is not None:
        where = str(config_file.resolve())
        text = config_file.read_text(encoding="utf-8-sig")
        line = next((n for n, row in enumerate(text.splitlines(), 1) if row.lstrip().startswith("excerpt_only")), None)
    return Problem(where, f"excerpt_only names {name!r}, which is no clipping's source: nothing of it is cut",
                   "warning", line)
