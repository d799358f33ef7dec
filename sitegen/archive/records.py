"""The archive's records: each clipping placed as an entry, with its source and categories as terms, and the
archive that groups them. Made once per build by `collect`; every later stage only reads them."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ..model import Clipping, Dated


@dataclass(frozen=True, slots=True)
class Term:
    """A source or a category: one page for every spelling that slugifies alike."""

    kind: str
    """`sources` or `categories`: the URL folder."""
    slug: str
    """The path segment, unique within its kind."""
    name: str
    """The spelling shown: the most used one."""
    url: str
    """Site-relative address of its page."""


@dataclass(frozen=True, slots=True)
class Entry:
    """A clipping placed in the archive: its address and its source and categories as terms."""

    clipping: Clipping
    url: str
    """Site-relative address of the clipping's page."""
    source: Term | None
    categories: tuple[Term, ...]

    @property
    def date(self) -> dt.date | None:
        return self.clipping.date

    @property
    def dated(self) -> Dated | None:
        return self.clipping.dated


@dataclass(slots=True)
class Archive:
    """All entries, oldest first, with the groups that pages list."""

    entries: list[Entry]
    """Dated entries, oldest first."""
    undated: list[Entry]
    """Entries with no usable date, in file order."""
    sources: list[Term]
    """Sorted by name."""
    categories: list[Term]
    """Sorted by name."""
    by_term: dict[Term, list[Entry]] = field(default_factory=dict)
    """Entries of each source and category, oldest first."""
    by_period: dict[tuple[int, ...], list[Entry]] = field(default_factory=dict)
    """Entries of each (year,), (year, month) and (year, month, day), oldest first: a month-dated entry in its
    year and month only, a year-dated one in its year only."""
    period_own: dict[tuple[int, ...], list[Entry]] = field(default_factory=dict)
    """Entries dated by the period itself and no finer: (year,) → year-dated, (year, month) → month-dated."""
    versions: dict[str, list[Entry]] = field(default_factory=dict)
    """For an entry's address, the other versions of its story (syndicated copies), oldest first."""
    redirects: list[tuple[str, Entry]] = field(default_factory=list)
    """(address, entry): the address a duplicate would have had, kept pointing at the copy that is published."""
