""""More from this source" and "more in this category": a few clippings closest in time to the one being read.

They are picked by position in the archive's per-source and per-category lists; every entry's index in each
of its lists is found once per build, so a clipping page costs a few look-ups, never a scan or a search, and
the build stays linear at 100,000 clippings.
"""
from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ..archive.records import Archive, Entry, Term


@dataclass(frozen=True, slots=True)
class Related:
    """Clippings that share a source or category with the one being read, newest first, undated ones last."""

    term: Term
    entries: tuple[Entry, ...]


class RelatedFinder:
    """Built once per build; answers for one entry at a time with up to `links` clippings a block.

    Each link costs about 200 bytes of every clipping page (20 MB at 100,000 clippings), hence the setting.
    """

    def __init__(self, archive: Archive, links: int) -> None:
        self._links = links
        self._by_term = archive.by_term
        # by_term lists hold dated entries in archive order, then undated ones in theirs: an entry's index in a
        # list orders it as the archive does, and the undated ones are those from `_undated[term]` on.
        self._undated = {term: _first_undated(members) for term, members in archive.by_term.items()} if links else {}
        # Each entry's index in each of its terms' lists, found once for all pages.
        self._index = {term: {e.url: i for i, e in enumerate(members)}
                       for term, members in archive.by_term.items()} if links else {}

    def source(self, entry: Entry, skip: Collection[str]) -> Related | None:
        """Clippings of the entry's source nearest in time, leaving out the addresses in `skip`."""
        if entry.source is None or not self._links:
            return None
        picked = self._nearest(entry.source, entry, skip)
        return Related(entry.source, picked) if picked else None

    def category(self, entry: Entry, skip: Collection[str]) -> Related | None:
        """The same from the entry's most specific category (the smallest one that has other clippings, sizes
        rounded to a power of two)."""
        if not self._links:
            return None
        # Sizes count by powers of two: one new clipping must not tip every page that has two categories of
        # nearly the same size over to the other one (a rebuild would rewrite all of them).
        for term in sorted(entry.categories, key=lambda t: (len(self._by_term[t]).bit_length(), t.name.casefold())):
            picked = self._nearest(term, entry, skip)
            if picked:
                return Related(term, picked)
        return None

    def _nearest(self, term: Term, entry: Entry, skip: Collection[str]) -> tuple[Entry, ...]:
        """Up to `links` members of the term around the entry's own position, alternately earlier and later."""
        members = self._by_term[term]
        i = self._index[term][entry.url]
        picked: list[int] = []
        for distance in range(1, len(members)):
            for j in (i - distance, i + distance):
                if 0 <= j < len(members) and members[j].url != entry.url and members[j].url not in skip:
                    picked.append(j)
            if len(picked) >= self._links or (i - distance < 0 and i + distance >= len(members)):
                break
        undated = self._undated[term]
        return tuple(members[j] for j in sorted(picked[:self._links], key=lambda j: (j >= undated, -j)))


def _first_undated(members: list[Entry]) -> int:
    """Where a term's undated entries (listed last) begin."""
    i = len(members)
    while i and members[i - 1].date is None:
        i -= 1
    return i
