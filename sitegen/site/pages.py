"""Page models: every page of the site with its address, its template and exactly what the template may use.

Lists are paginated from the oldest item: page 1 always holds the oldest clippings, so adding a clipping
changes the front page (and at most one numbered page) instead of shifting every page by one.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..archive.records import Archive, Entry
from ..config import Config
from ..model import MONTHS
from ..urls import page_url, period_url
from .charts import months_chart, years_chart
from .exports import export_links
from .related import RelatedFinder

RECENT_ON_HOME = 20
"""How many of the newest clippings the home page shows."""
COMPACT_FROM = 40_000
"""Clippings from which `page_style = "auto"` makes compact clipping pages. A full page costs ~3 KB more; with
the search index, lists and export, a site of full pages reaches 1 GB (all GitHub Pages allows) near 50,000
clippings of an average 3 KB of text."""


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: where it goes and how it is made."""

    url: str
    """Site-relative address, ending in `/` or a file name."""
    template: str
    """Template that renders it."""
    context: Mapping[str, Any]
    """What the template may use; nothing else."""


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of a breadcrumb trail."""

    label: str
    url: str


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
    def first_date(self) -> dt.date | None:
        return self.entries[-1].date if self.entries else None

    @property
    def last_date(self) -> dt.date | None:
        return self.entries[0].date if self.entries else None


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


def plan(archive: Archive, config: Config) -> Iterator[Page]:
    """Every page of the site, in a fixed order; lists and counts come from the archive, computed once."""
    years = _year_counts(archive)
    totals = {"clippings": len(archive.entries) + len(archive.undated), "sources": len(archive.sources),
              "categories": len(archive.categories), "years": len(years)}
    top = sorted(archive.sources, key=lambda t: -len(archive.by_term[t]))[:10]
    compact = compact_site(config, archive)
    yield Page("/", "home.html", {
        "recent": archive.entries[::-1][:RECENT_ON_HOME], "totals": totals, "years": years,
        "top_sources": [(t, len(archive.by_term[t])) for t in top],
        "top_categories": [(t, len(archive.by_term[t])) for t in
                           sorted(archive.categories, key=lambda t: -len(archive.by_term[t]))[:10]],
        "undated_count": len(archive.undated), "exports": export_links(compact),
    })
    yield Page("/timeline/", "timeline.html", {
        "years": years, "months": _month_counts(archive), "undated_count": len(archive.undated),
        "crumbs": [Crumb("Home", "/")],
        "chart": years_chart({k[0]: len(v) for k, v in archive.by_period.items() if len(k) == 1}),
    })
    related = RelatedFinder(archive, 0 if compact else config.related_links)
    yield from _article_pages(archive.entries, related, archive.versions, compact)
    yield from _article_pages(archive.undated, related, archive.versions, compact)
    for address, target in archive.redirects:
        yield Page(address, "redirect.html", {"target": target})
    yield from _period_pages(archive, config, compact)
    if archive.undated:
        yield from _list_pages("/undated/", "undated.html", archive.undated, config,
                               {"heading": "Undated clippings", "crumbs": [Crumb("Home", "/")], "compact": compact})
    for kind, terms, label in (("sources", archive.sources, "Sources"),
                               ("categories", archive.categories, "Categories")):
        yield Page(f"/{kind}/", f"{kind}.html", {
            "heading": label, "terms": [(t, len(archive.by_term[t])) for t in terms], "crumbs": [Crumb("Home", "/")],
        })
        crumbs = [Crumb("Home", "/"), Crumb(label, f"/{kind}/")]
        template = "source.html" if kind == "sources" else "category.html"
        for term in terms:
            yield from _list_pages(term.url, template, archive.by_term[term], config,
                                   {"heading": term.name, "term": term, "crumbs": crumbs, "compact": compact})


def compact_pages(style: str, clippings: int) -> bool:
    """Whether clipping pages are compact: as set, or (`auto`) when the archive is large."""
    return style == "compact" or (style == "auto" and clippings >= COMPACT_FROM)


def compact_site(config: Config, archive: Archive) -> bool:
    """Whether this archive's site is compact (pages, lists, search results, export): `compact_pages` for it."""
    return compact_pages(config.page_style, len(archive.entries) + len(archive.undated))


def _article_pages(entries: Sequence[Entry], related: RelatedFinder,
                   versions: Mapping[str, Sequence[Entry]], compact: bool) -> Iterator[Page]:
    """Clipping pages, each linked to its neighbours in time, to a few more of its source and category, and to
    the other versions of its story."""
    trails: dict[dt.date | None, list[Crumb]] = {}  # one trail per day, shared by its clippings' pages
    for i, entry in enumerate(entries):
        previous = entries[i - 1] if i > 0 else None
        following = entries[i + 1] if i + 1 < len(entries) else None
        shown = {e.url for e in (previous, following) if e is not None}
        more_source = related.source(entry, shown)
        if more_source:
            shown.update(e.url for e in more_source.entries)
        if entry.date not in trails:
            trails[entry.date] = _crumbs(entry.date)
        yield Page(entry.url, "article.html", {
            "entry": entry, "clipping": entry.clipping,
            **({} if compact else {"crumbs": trails[entry.date]}),
            "previous": previous, "next": following,
            "more_source": more_source, "more_category": related.category(entry, shown),
            "versions": versions.get(entry.url, ()), "compact": compact,
        })


def _crumbs(d: dt.date | None) -> list[Crumb]:
    """Home › year › month › day (or › Undated): a full clipping page's way back up the timeline."""
    if d is None:
        return [Crumb("Home", "/"), Crumb("Undated", "/undated/")]
    return [Crumb("Home", "/"), Crumb(str(d.year), period_url(d.year)),
            Crumb(MONTHS[d.month - 1], period_url(d.year, d.month)),
            Crumb(str(d.day), period_url(d.year, d.month, d.day))]


def _period_pages(archive: Archive, config: Config, compact: bool) -> Iterator[Page]:
    """Year, month and day pages: every prefix of an article address is a page.

    A year lists its months; a month its days and, unless pages are compact, its clippings; a day its clippings.
    (In a large archive a month's list would repeat its days' lists: ~30 MB at 100,000 clippings.) On a compact
    site list pages are lean too: no description, link-preview tags, search box or footer (see base.html)."""
    months_of = _month_counts(archive)
    days_of: dict[tuple[int, ...], list[tuple[str, int, str]]] = {}
    month_totals: dict[int, dict[int, int]] = {}
    for key, entries in sorted(archive.by_period.items()):
        if len(key) == 3:
            label = f"{key[2]} {MONTHS[key[1] - 1]}"
            days_of.setdefault(key[:2], []).append((label, len(entries), period_url(*key)))
        elif len(key) == 2:
            month_totals.setdefault(key[0], {})[key[1]] = len(entries)
    for key, entries in sorted(archive.by_period.items()):
        year = key[0]
        crumbs = [Crumb("Home", "/"), Crumb("Timeline", "/timeline/")]
        if len(key) == 1:
            # A year lists its months, not its clippings: a year's list would repeat its months' lists (at
            # 100,000 clippings another ~25 MB of the 1 GB GitHub Pages allows) and be too long to page through.
            yield Page(period_url(year), "year.html", {
                "heading": str(year), "period": key, "crumbs": crumbs, "count": len(entries),
                "months": months_of[year], "chart": months_chart(year, month_totals[year])})
            continue
        if len(key) == 2:
            heading, template = f"{MONTHS[key[1] - 1]} {year}", "month.html"
            crumbs.append(Crumb(str(year), period_url(year)))
            extra: dict[str, Any] = {"days": days_of[key]}
            if compact:
                yield Page(period_url(*key), "month_days.html", {
                    "heading": heading, "period": key, "crumbs": crumbs, "count": len(entries), "compact": True,
                    **extra})
                continue
        else:
            date = dt.date(*key)
            heading, template = f"{date.day} {MONTHS[date.month - 1]} {year}", "day.html"
            crumbs += [Crumb(str(year), period_url(year)), Crumb(MONTHS[key[1] - 1], period_url(*key[:2]))]
            extra = {}
        yield from _list_pages(period_url(*key), template, entries, config,
                               {"heading": heading, "period": key, "crumbs": crumbs, "compact": compact, **extra})


def _list_pages(url: str, template: str, oldest_first: Sequence[Entry], config: Config,
                context: dict[str, Any]) -> Iterator[Page]:
    for page_address, listing in paginate(url, oldest_first, config.items_per_page):
        yield Page(page_address, template, {**context, "listing": listing, "count": len(oldest_first)})


def _year_counts(archive: Archive) -> list[tuple[str, int, str]]:
    """(year, clippings, address), newest year first."""
    return [(str(k[0]), len(v), period_url(k[0])) for k, v in sorted(archive.by_period.items(), reverse=True)
            if len(k) == 1]


def _month_counts(archive: Archive) -> dict[int, list[tuple[str, int, str]]]:
    """For each year: (month name, clippings, address) for the months that have clippings, in order."""
    months: dict[int, list[tuple[str, int, str]]] = {}
    for key, entries in sorted(archive.by_period.items()):
        if len(key) == 2:
            months.setdefault(key[0], []).append((MONTHS[key[1] - 1], len(entries), period_url(*key)))
    return months

