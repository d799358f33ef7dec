"""Clipping addresses: the date, the title's slug and a short id; they never change when others come and go.

The id comes from the export (the file name, a vendor's accession number) or from what identifies the
document, never from the order of loading, so adding, removing or editing one clipping never moves another.
"""
from __future__ import annotations

from collections import defaultdict

from ..model import Clipping, Problem
from ..urls import article_url
from .records import Entry
from .slugs import Slugs

SHORT_ID = 8
"""Characters of the clipping id kept in its address: enough to tell clippings apart, short enough to cite."""


def _clipping_slug(clipping: Clipping, id_length: int, slugs: Slugs) -> str:
    short_id = slugs.slug(clipping.id, max_length=0)[:id_length].strip("-")
    slug = "-".join(part for part in (slugs.slug(clipping.title), short_id) if part)
    # The page lies beside its day's list, whose file is `index.html` (ids start with a letter or digit, so the
    # slug is never empty).
    return "clipping-index" if slug == "index" else slug


def assign_urls(entries: list[Entry], slugs: Slugs) -> tuple[list[Entry], list[Problem]]:
    """Address = date + title slug + short id. The id never changes when other clippings come and go, so
    neither does the address; in the rare clash the clipping with the smallest id keeps the short form and
    the others carry their whole id (the order of loading never decides)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        wanted[article_url(entry.dated, _clipping_slug(entry.clipping, SHORT_ID, slugs))].append(i)
    urls = {members[0]: url for url, members in wanted.items() if len(members) == 1}
    taken = set(wanted)
    problems = []
    for url, members in sorted(wanted.items()):
        if len(members) == 1:
            continue
        first, *others = sorted(members, key=lambda i: (entries[i].clipping.id, entries[i].clipping.source_path,
                                                            entries[i].clipping.position))
        urls[first] = url
        for i in others:
            c = entries[i].clipping
            slug = _clipping_slug(c, 40, slugs)
            candidate, n = article_url(c.dated, slug), 2
            while candidate in taken:
                candidate, n = article_url(c.dated, f"{slug}-{n}"), n + 1
            taken.add(candidate)
            urls[i] = candidate
            problems.append(Problem(c.source_path, f"address {url} is taken by {entries[first].clipping.origin}; "
                                    f"this clipping is published at {candidate}", "warning",
                                    c.line if c.position else None))
    return [Entry(e.clipping, urls[i], e.source, e.categories) for i, e in enumerate(entries)], problems
