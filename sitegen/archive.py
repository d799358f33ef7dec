"""The collection: every clipping placed once, in time order, grouped by date, source and category.

Everything a page needs about the archive as a whole (order, neighbours, groups, counts) is computed here once
per build, so that no page ever scans the whole archive.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import Clipping, Problem
from .urls import article_url, make_slug, term_slug, term_url

SHORT_ID = 8
"""Characters of the clipping id kept in its address: enough to tell clippings apart, short enough to cite."""


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
    """Entries of each (year,), (year, month) and (year, month, day), oldest first."""
    versions: dict[str, list[Entry]] = field(default_factory=dict)
    """For an entry's address, the other versions of its story (syndicated copies), oldest first."""
    redirects: list[tuple[str, Entry]] = field(default_factory=list)
    """(address, entry): the address a duplicate would have had, kept pointing at the copy that is published."""


def collect(clippings: list[Clipping], resolve_source: Callable[[str], str] = str,
            duplicate_of: Mapping[str, str] | None = None,
            versions: Callable[[], Iterable[Sequence[str]]] = tuple) -> tuple[Archive, list[Problem]]:
    """Place every clipping: order it, give it a unique address, and group it.

    `resolve_source` maps a source name to its canonical name (aliases). `duplicate_of` maps the file of a
    duplicate to the file of the copy that is published: the duplicate still takes part in address assignment, so
    its address stays reserved and becomes a redirect. `versions()` gives the groups of files holding one story;
    called last, so that they can be looked for meanwhile.
    """
    duplicate_of = duplicate_of or {}
    listed = [c for c in clippings if c.source_path not in duplicate_of]
    sources = _terms("sources", [resolve_source(c.source) for c in listed if c.source])
    categories = _terms("categories", [name for c in listed for name in c.categories])
    entries: list[Entry] = []
    for clipping in sorted(clippings, key=_chronological):
        if clipping.source_path in duplicate_of:
            entries.append(Entry(clipping, "", None, ()))
            continue
        source = sources[term_slug(resolve_source(clipping.source))] if clipping.source else None
        cats = tuple(dict.fromkeys(categories[term_slug(n)] for n in clipping.categories))
        entries.append(Entry(clipping, "", source, cats))
    entries, problems = _assign_urls(entries)
    by_path = {e.clipping.source_path: e for e in entries}
    entries = [e for e in entries if e.clipping.source_path not in duplicate_of]

    archive = Archive(
        entries=[e for e in entries if e.date is not None],
        undated=[e for e in entries if e.date is None],
        sources=sorted(sources.values(), key=_by_name),
        categories=sorted(categories.values(), key=_by_name),
        redirects=sorted(((by_path[dup].url, by_path[kept]) for dup, kept in duplicate_of.items()),
                         key=lambda redirect: redirect[0]),
    )
    for entry in archive.entries:
        if entry.source is not None:
            archive.by_term.setdefault(entry.source, []).append(entry)
        for term in entry.categories:
            archive.by_term.setdefault(term, []).append(entry)
        d = entry.date
        for key in ((d.year,), (d.year, d.month), (d.year, d.month, d.day)):
            archive.by_period.setdefault(key, []).append(entry)
    for entry in archive.undated:
        for term in (entry.source, *entry.categories):
            if term is not None:
                archive.by_term.setdefault(term, []).append(entry)
    archive.versions = _versions(entries, by_path, versions())
    return archive, problems


def _versions(entries: list[Entry], by_path: Mapping[str, Entry],
              groups: Iterable[Sequence[str]]) -> dict[str, list[Entry]]:
    """Each grouped entry's address → the other entries of its group, in the archive's order."""
    order = {id(e): i for i, e in enumerate(entries)}
    versions: dict[str, list[Entry]] = {}
    for group in groups:
        members = sorted((by_path[path] for path in group if path in by_path and id(by_path[path]) in order),
                         key=lambda e: order[id(e)])
        if len(members) < 2:
            continue
        for entry in members:
            versions[entry.url] = [other for other in members if other is not entry]
    return versions


def _chronological(c: Clipping) -> tuple:
    """Date, then capture time, then title and id: a total order that does not depend on load order."""
    return (c.date or dt.date.max, c.captured or dt.datetime.min, c.title.casefold(), c.id, c.source_path)


def _by_name(term: Term) -> tuple[str, str]:
    return (term.name.casefold(), term.slug)


def _terms(kind: str, names: list[str]) -> dict[str, Term]:
    """One term per slug, shown with its most used spelling (ties: mixed case before all caps, then sorted)."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name in names:
        spellings[term_slug(name)][name] += 1
    return {slug: Term(kind, slug, preferred_spelling(counts), term_url(kind, slug))
            for slug, counts in spellings.items()}


def preferred_spelling(counts: Counter[str]) -> str:
    """The spelling a term is shown with: the most used; ties: mixed case before all caps, then sorted."""
    return min(counts, key=lambda n: (-counts[n], n.isupper(), n))


def _clipping_slug(clipping: Clipping, id_length: int) -> str:
    short_id = make_slug(clipping.id, max_length=0)[:id_length].strip("-")
    slug = "-".join(part for part in (make_slug(clipping.title), short_id) if part)
    # The page lies beside its day's list, whose file is `index.html` (ids start with a letter or digit, so the
    # slug is never empty).
    return "clipping-index" if slug == "index" else slug


def _assign_urls(entries: list[Entry]) -> tuple[list[Entry], list[Problem]]:
    """Address = date + title slug + short id. The id never changes when other clippings come and go, so
    neither does the address; in the rare clash the clipping with the smallest id keeps the short form and
    the others carry their whole id (the order of loading never decides)."""
    wanted: dict[str, list[int]] = defaultdict(list)
    for i, entry in enumerate(entries):
        wanted[article_url(entry.date, _clipping_slug(entry.clipping, SHORT_ID))].append(i)
    urls = {members[0]: url for url, members in wanted.items() if len(members) == 1}
    taken = set(wanted)
    problems = []
    for url, members in sorted(wanted.items()):
        if len(members) == 1:
            continue
        first, *others = sorted(members, key=lambda i: (entries[i].clipping.id, entries[i].clipping.source_path))
        urls[first] = url
        for i in others:
            c = entries[i].clipping
            slug = _clipping_slug(c, 40)
            candidate, n = article_url(c.date, slug), 2
            while candidate in taken:
                candidate, n = article_url(c.date, f"{slug}-{n}"), n + 1
            taken.add(candidate)
            urls[i] = candidate
            problems.append(Problem(c.source_path, f"address {url} is taken by {entries[first].clipping.source_path}; "
                                    f"this clipping is published at {candidate}", "warning"))
    return [Entry(e.clipping, urls[i], e.source, e.categories) for i, e in enumerate(entries)], problems
