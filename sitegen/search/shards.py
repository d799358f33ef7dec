"""Search-index shards: the clippings split into ranges of dates, each indexed by Pagefind on its own.

Pagefind's indexer holds a whole index in memory; one index over 100,000 clipping bodies peaked near 12 GB.
So the clippings are indexed in shards, each a range of dates holding at most `search_shard_size` clippings,
one shard at a time in its own Pagefind service process (whose memory is returned when it exits), each into
its own folder `/pagefind/<shard>/`. The search page loads the newest shard as Pagefind's primary index and
merges the others (`mergeIndex`), so one query spans them all.

Shard boundaries are aligned blocks of a fixed binary tree over dates (year ranges of 2^k years, then months
within a year, then days within a month); a block splits in two only while it holds too many clippings. A
block's bounds never depend on other blocks, so adding a clipping can only split the shard it falls into:
every other shard keeps its name and its files. Shards are disjoint date ranges, which also gives "newest
first" across shards for free: newest shard first, each sorted by date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..archive.records import Archive, Entry
from ..model import Clipping
from ..site.records import Crumb, Page

INDEX_FOLDER = "pagefind"
"""Where the index lives in the site: `/pagefind/<shard>/`."""


_KEY_BITS = 21
"""A date as one integer: year, month - 1 (4 bits), day - 1 (5 bits); see `_key`. A tree of 2^21 keys spans 4,096
years; later years (a typo like `4025`, or up to 9999) fall in the next trees of the forest, so that every dated
clipping is in a shard, while the shards of years before 4096 keep the names they always had."""


_PAGE_GLOB = "*.html"
"""Clipping pages in a date folder (the folder's own index.html, a list, is never among the pages indexed)."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One index shard: a range of dates and the clipping pages in it."""

    name: str
    """Folder name under `/pagefind/` and the shard's filter value: `2016_2023`, `2019-01_2019-08`, `undated`."""
    glob: str
    """The clipping pages it indexes, as a Pagefind glob relative to the site root."""
    count: int
    """Clippings in it."""
    wordless: int = 0
    """Clippings in it with no letter or digit in title or text: Pagefind writes no result for those."""
    years: tuple[int, int] | None = None
    """The first and last year its clippings are filed under (None: the undated shard); the search page
    searches only the shards of a year the reader filters by."""
    periods: tuple[str, ...] = ()
    """More pages it indexes, as globs like `glob`: those of the clippings dated only by a month (`2025/03/*.html`)
    or a year (`2025/*.html`) whose period starts in its range (they sort at that start)."""


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What indexing wrote, for the build summary."""

    shards: int
    pages: int
    """Clippings the index holds."""
    files: int
    bytes: int
    seconds: float
    indexed: int = 0
    """Shards indexed by this build; the others were kept from the previous one (their pages were unchanged)."""


def _key(date: dt.date) -> int:
    return date.year << 9 | (date.month - 1) << 5 | (date.day - 1)


def plan_shards(archive: Archive, max_size: int) -> list[Shard]:
    """The shards, newest first; each holds at most `max_size` clippings unless one day alone holds more.

    A clipping dated only by a month or a year is in the shard whose range holds the start of its period, where
    it sorts (see `Shard.periods`): shards stay disjoint ranges of the date the search sorts by, so that newest
    and oldest first are exact across shards for them too."""
    dated = [e for e in archive.entries if e.dated is not None]
    keys = sorted(_key(e.date) for e in dated)
    blocks: list[tuple[int, int, int]] = []  # (first key, bits, count), oldest first

    def split(start: int, bits: int) -> None:
        lo = bisect.bisect_left(keys, start)
        count = bisect.bisect_left(keys, start + (1 << bits)) - lo
        if count == 0:
            return
        if count <= max_size or bits == 0:
            blocks.append((start, bits, count))
            return
        split(start, bits - 1)
        split(start + (1 << (bits - 1)), bits - 1)

    for root in sorted({key >> _KEY_BITS for key in keys}):  # one tree per 4,096 years that hold clippings
        split(root << _KEY_BITS, _KEY_BITS)
    days = sorted(_key(e.date) for e in dated if e.dated.day is not None)
    periods = sorted({(_key(e.date), _period_glob(e)) for e in dated if e.dated.day is None})
    wordless = sorted(_key(e.date) for e in dated if not _has_words(e.clipping))
    shards = [_shard(start, bits, count, keys, days, periods, wordless) for start, bits, count in blocks]
    if archive.undated:
        shards.insert(0, Shard("undated", f"undated/{_PAGE_GLOB}", len(archive.undated),
                               sum(not _has_words(e.clipping) for e in archive.undated), None))
    return shards[::-1]


def _period_glob(entry: Entry) -> str:
    """The pages of the clippings dated only by the entry's month (`/YYYY/MM/`) or year (`/YYYY/`)."""
    dated = entry.dated
    folder = f"{dated.year:04d}" if dated.month is None else f"{dated.year:04d}/{dated.month:02d}"
    return f"{folder}/{_PAGE_GLOB}"


def _has_words(clipping: Clipping) -> bool:
    return any(map(str.isalnum, clipping.title)) or any(map(str.isalnum, clipping.body))


def _shard(start: int, bits: int, count: int, keys: list[int], days: list[int], periods: list[tuple[int, str]],
           wordless: list[int]) -> Shard:
    """Name a block by its calendar bounds and glob exactly the date folders that hold its clippings."""
    end = start + (1 << bits) - 1
    silent = bisect.bisect_right(wordless, end) - bisect.bisect_left(wordless, start)
    present = keys[bisect.bisect_left(keys, start):bisect.bisect_right(keys, end)]
    in_days = days[bisect.bisect_left(days, start):bisect.bisect_right(days, end)]
    year, month, day = start >> 9, (start >> 5 & 15) + 1, (start & 31) + 1
    last_year, last_month, last_day = end >> 9, min((end >> 5 & 15) + 1, 12), min((end & 31) + 1, 31)
    if bits >= 9:
        name = f"{year:04d}" if year == last_year else f"{year:04d}_{last_year:04d}"
        folders = sorted({f"{k >> 9:04d}" for k in in_days})
        pattern = "{}/[0-9][0-9]/[0-9][0-9]"
    elif bits >= 5:
        name = f"{year:04d}-{month:02d}" + ("" if month == last_month else f"_{year:04d}-{last_month:02d}")
        folders = sorted({f"{(k >> 5 & 15) + 1:02d}" for k in in_days})
        pattern = f"{year:04d}/{{}}/[0-9][0-9]"
    else:
        name = f"{year:04d}-{month:02d}-{day:02d}" + (
            "" if day == last_day else f"_{year:04d}-{month:02d}-{last_day:02d}")
        folders = sorted({f"{(k & 31) + 1:02d}" for k in in_days})
        pattern = f"{year:04d}/{month:02d}/{{}}"
    globs = [glob for key, glob in periods if start <= key <= end]
    if folders:
        choice = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
        globs.insert(0, pattern.format(choice) + f"/{_PAGE_GLOB}")
    return Shard(name, globs[0], count, silent, (present[0] >> 9, present[-1] >> 9), tuple(globs[1:]))


def search_page(archive: Archive, shards: Sequence[Shard], lastmod: dt.date | None, home: str) -> Page:
    """`/search/`: the form, the facets known at build time, and the shards the script queries. `lastmod`: the
    archive's latest change, which may change the facets; `home`: the home page's name in the interface."""
    years = sorted({str(k[0]) for k in archive.by_period if len(k) == 1}, reverse=True)
    return Page("search", "/search/", "search.html", {
        "shards": [{"name": s.name, "count": s.count, "years": s.years} for s in shards],
        "sources": [t.name for t in archive.sources],
        "categories": [t.name for t in archive.categories],
        "years": years,
        "undated": bool(archive.undated),
        "crumbs": [Crumb(home, "/")],
    }, lastmod)


def shard_pattern(shard: Shard) -> str:
    """The shard's globs (`glob` and `periods`) as one regular expression over site-relative paths (the glob
    language `_shard` writes: `{a,b}` alternatives, `[0-9]` classes and `*` within one folder name)."""
    return "|".join(f"(?:{_glob_pattern(glob)})" for glob in (shard.glob, *shard.periods))


def _glob_pattern(glob: str) -> str:
    parts = []
    for token in re.findall(r"\{[^}]*\}|\[[^]]*\]|\*|[^{[*]+", glob):
        if token.startswith("{"):
            parts.append("(?:" + "|".join(re.escape(option) for option in token[1:-1].split(",")) + ")")
        elif token.startswith("["):
            parts.append(token)
        elif token == "*":
            parts.append("[^/]*")
        else:
            parts.append(re.escape(token))
    return "".join(parts)
