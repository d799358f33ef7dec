"""Paginated lists: page 1 always holds the oldest clippings, so adding a clipping changes the front page (and
at most one numbered page) instead of shifting every page by one."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..archive.records import Entry
from ..model import Dated
from ..urls import page_url


@dataclass(frozen=True, slots=True)
class Listing:
    """One page of a paginated list, newest first, with links to its neighbours."""

    entries: Sequence[Entry]
    number: int | None
    """None on the list's front page; otherwise the page number counted from the oldest page (1)."""
    newer_url: str | None
    older_url: str | None
    newest_url: str
    """The list's front page."""
    oldest_url: str | None
    """Page 1, when the list has numbered pages."""

    @property
    def first_date(self) -> Dated | None:
        return self.entries[-1].dated if self.entries else None

    @property
    def last_date(self) -> Dated | None:
        return self.entries[0].dated if self.entries else None


def paginate(url: str, oldest_first: Sequence[Entry], per_page: int) -> list[tuple[str, Listing]]:
    """Split a list into pages anchored at the oldest item.

    Chunks of `per_page` are counted from the oldest. The front page shows the newest chunk and, when that
    chunk is not full, the full chunk before it too (so it never shows a handful of items); the remaining
    chunks are pages 1..k. Adding an item therefore rewrites the front page and, once per `per_page` items,
    adds one numbered page; no existing page's items move.
    """
    n = len(oldest_first)
    chunks = [oldest_first[i:i + per_page] for i in range(0, n, per_page)] or [oldest_first[:0]]
    numbered = len(chunks) - 1
    if numbered and len(chunks[-1]) < per_page:
        numbered -= 1
    front = [e for chunk in chunks[numbered:] for e in chunk]
    slices: list[tuple[int | None, Sequence[Entry]]] = [(k + 1, chunks[k]) for k in range(numbered)]
    slices.append((None, front))

    def address(number: int | None) -> str:
        return url if number is None else page_url(url, number)

    pages = []
    for number, items in slices:
        newer: int | None = None
        if number is not None:
            newer = number + 1 if number < numbered else None
        older = (number - 1 if number > 1 else None) if number is not None else (numbered or None)
        listing = Listing(
            entries=items[::-1],
            number=number,
            newer_url=address(newer) if number is not None else None,
            older_url=address(older) if older else None,
            newest_url=url,
            oldest_url=address(1) if numbered else None,
        )
        pages.append((address(number), listing))
    return pages
