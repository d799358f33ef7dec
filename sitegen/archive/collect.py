"""The collection: every clipping placed once, in time order, grouped by date, source and category.

Everything a page needs about the archive as a whole (order, neighbours, groups, counts) is computed here once
per build, so that no page ever scans the whole archive.
"""
from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..model import PRECISION_ORDER, Clipping, Problem
from ..urls import term_url
from .addresses import assign_urls
from .names import name_key, term_slugs
from .records import Archive, Entry, Term
from .slugs import Slugs


def collect(clippings: list[Clipping], slugs: Slugs, resolve_source: Callable[[str], str] = str,
            duplicate_of: Mapping[str, str] | None = None,
            versions: Callable[[], Iterable[Sequence[str]]] = tuple) -> tuple[Archive, list[Problem]]:
    """Place every clipping: order it, give it a unique address, and group it.

    `resolve_source` maps a source name to its canonical name (aliases). `duplicate_of` maps the origin of a
    duplicate to the origin of the copy that is published: the duplicate still takes part in address assignment,
    so its address stays reserved and becomes a redirect (unless it has the published copy's id, and so its very
    address: the same export saved twice). `versions()` gives the groups of clippings (origins)
    holding one story; called last, so that they can be looked for meanwhile.
    """
    duplicate_of = duplicate_of or {}
    ids = {c.origin: c.id for c in clippings}
    same_address = {dup for dup, kept in duplicate_of.items() if ids[dup] == ids[kept]}
    clippings = [c for c in clippings if c.origin not in same_address]
    listed = [c for c in clippings if c.origin not in duplicate_of]
    sources = _terms("sources", [resolve_source(c.source) for c in listed if c.source], slugs)
    categories = _terms("categories", [name for c in listed for name in c.categories], slugs)
    entries: list[Entry] = []
    for clipping in sorted(clippings, key=_chronological):
        if clipping.origin in duplicate_of:
            entries.append(Entry(clipping, "", None, ()))
            continue
        source = sources[resolve_source(clipping.source)] if clipping.source else None
        cats = tuple(dict.fromkeys(categories[n] for n in clipping.categories))
        entries.append(Entry(clipping, "", source, cats))
    entries, problems = assign_urls(entries, slugs)
    by_origin = {e.clipping.origin: e for e in entries}
    entries = [e for e in entries if e.clipping.origin not in duplicate_of]

    archive = Archive(
        entries=[e for e in entries if e.date is not None],
        undated=[e for e in entries if e.date is None],
        sources=sorted(set(sources.values()), key=_by_name),
        categories=sorted(set(categories.values()), key=_by_name),
        redirects=sorted(((by_origin[dup].url, by_origin[kept]) for dup, kept in duplicate_of.items()
                          if dup not in same_address),
                         key=lambda redirect: redirect[0]),
    )
    for entry in archive.entries:
        if entry.source is not None:
            archive.by_term.setdefault(entry.source, []).append(entry)
        for term in entry.categories:
            archive.by_term.setdefault(term, []).append(entry)
        d = entry.date
        depth = PRECISION_ORDER[entry.clipping.precision] + 1 if entry.clipping.published else 3
        keys = ((d.year,), (d.year, d.month), (d.year, d.month, d.day))[:depth]  # never a day it does not give
        for key in keys:
            archive.by_period.setdefault(key, []).append(entry)
        if len(keys) < 3:
            archive.period_own.setdefault(keys[-1], []).append(entry)
    for entry in archive.undated:
        for term in (entry.source, *entry.categories):
            if term is not None:
                archive.by_term.setdefault(term, []).append(entry)
    archive.versions = _versions(entries, by_origin, versions())
    return archive, problems


def _versions(entries: list[Entry], by_origin: Mapping[str, Entry],
              groups: Iterable[Sequence[str]]) -> dict[str, list[Entry]]:
    """Each grouped entry's address → the other entries of its group, in the archive's order."""
    order = {id(e): i for i, e in enumerate(entries)}
    versions: dict[str, list[Entry]] = {}
    for group in groups:
        members = sorted((by_origin[o] for o in group if o in by_origin and id(by_origin[o]) in order),
                         key=lambda e: order[id(e)])
        if len(members) < 2:
            continue
        for entry in members:
            versions[entry.url] = [other for other in members if other is not entry]
    return versions


def _chronological(c: Clipping) -> tuple:
    """Date (a month or year at its first day, before that day's clippings), then capture time, then title and id:
    a total order that does not depend on load order."""
    precision = PRECISION_ORDER[c.precision] if c.published else 2
    return (c.date or dt.date.max, precision, c.captured or dt.datetime.min, c.title.casefold(), c.id, c.source_path,
            c.position)


def _by_name(term: Term) -> tuple[str, str]:
    return (term.name.casefold(), term.slug)


def _terms(kind: str, names: list[str], slugs: Slugs) -> dict[str, Term]:
    """Each spelling's term: one term per name (by its key: see `names`), shown with its most used spelling
    (ties: mixed case before all caps, then sorted), at an address no other name has."""
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in Counter(names).items():
        spellings[name_key(name)][name] += count
    slug_of = term_slugs(spellings, slugs)
    terms = {key: Term(kind, slug_of[key], preferred_spelling(counts), term_url(kind, slug_of[key]))
             for key, counts in spellings.items()}
    return {name: terms[key] for key, counts in spellings.items() for name in counts}


def preferred_spelling(counts: Counter[str]) -> str:
    """The spelling a term is shown with: the most used; ties: mixed case before all caps, then sorted."""
    return min(counts, key=lambda n: (-counts[n], n.isupper(), n))


