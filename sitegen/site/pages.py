"""Planning the pages: every page of the site as a Page record, with exactly what its template may use.

Lists and counts come from the archive, computed once; no page ever scans the whole archive. Each page says what
it is (`kind`), when what it shows last changed (`lastmod`) and whether it is lean (a compact site's page), so
that templates and the sitemap never guess from a page's context.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from ..archive.records import Archive, Entry
from ..config import Config
from ..i18n.interface import Interface
from ..model import Dated
from ..urls import period_url
from .charts import months_chart, years_chart
from .exports import export_links
from .paginate import paginate
from .records import Crumb, Page
from .related import RelatedFinder

RECENT_ON_HOME = 20
"""How many of the newest clippings the home page shows."""
COMPACT_FROM = 40_000
"""Clippings from which `page_style = "auto"` makes compact clipping pages. A full page costs ~3 KB more; with
the search index, lists and export, a site of full pages reaches 1 GB (all GitHub Pages allows) near 50,000
clippings of an average 3 KB of text."""


def compact_pages(style: str, clippings: int) -> bool:
    """Whether clipping pages are compact: as set, or (`auto`) when the archive is large."""
    return style == "compact" or (style == "auto" and clippings >= COMPACT_FROM)


def compact_site(config: Config, archive: Archive) -> bool:
    """Whether this archive's site is compact (pages, lists, search results, export): decided once per build."""
    return compact_pages(config.page_style, len(archive.entries) + len(archive.undated))


def plan(archive: Archive, config: Config, compact: bool, words: Interface) -> Iterator[Page]:
    """Every page of the site, in a fixed order; headings, breadcrumbs and labels in the interface language."""
    changed = _changed_dates(archive)
    newest = max((d for d in changed.values() if d is not None), default=None)
    years = _year_counts(archive, words)
    totals = {"clippings": len(archive.entries) + len(archive.undated), "sources": len(archive.sources),
              "categories": len(archive.categories), "years": len(years)}
    top = sorted(archive.sources, key=lambda t: -len(archive.by_term[t]))[:10]
    home = [Crumb(words.gettext("Home"), "/")]
    yield Page("home", "/", "home.html", {
        "recent": archive.entries[::-1][:RECENT_ON_HOME], "totals": totals, "years": years,
        "top_sources": [(t, len(archive.by_term[t])) for t in top],
        "top_categories": [(t, len(archive.by_term[t])) for t in
                           sorted(archive.categories, key=lambda t: -len(archive.by_term[t]))[:10]],
        "undated_count": len(archive.undated), "exports": export_links(compact, words),
    }, newest)
    yield Page("timeline", "/timeline/", "timeline.html", {
        "years": years, "months": _month_counts(archive, words), "undated_count": len(archive.undated),
        "crumbs": home, "chart": years_chart({k[0]: len(v) for k, v in archive.by_period.items() if len(k) == 1},
                                             words),
    }, newest)
    related = RelatedFinder(archive, 0 if compact else config.related_links)
    for entries in (archive.entries, archive.undated):
        yield from _article_pages(entries, related, archive.versions, changed, compact, words)
    for address, target in archive.redirects:
        yield Page("redirect", address, "redirect.html", {"target": target}, indexable=False)
    yield from _period_pages(archive, config, changed, compact, words)
    if archive.undated:
        yield from _list_pages("undated", "/undated/", "undated.html", archive.undated, config, changed, compact,
                               {"heading": words.gettext("Undated clippings"), "crumbs": home})
    for kind, terms, label in (("sources", archive.sources, words.gettext("Sources")),
                               ("categories", archive.categories, words.gettext("Categories"))):
        yield Page(kind, f"/{kind}/", f"{kind}.html", {
            "heading": label, "terms": [(t, len(archive.by_term[t])) for t in terms], "crumbs": home,
        }, newest)
        crumbs = [*home, Crumb(label, f"/{kind}/")]
        one = "source" if kind == "sources" else "category"
        for term in terms:
            yield from _list_pages(one, term.url, f"{one}.html", archive.by_term[term], config, changed, compact,
                                   {"heading": term.name, "term": term, "crumbs": crumbs})


def _changed_dates(archive: Archive) -> dict[str, dt.date | None]:
    """For each clipping's address, the latest date the clipping itself gives: published, or captured when
    that is later (never a build or file time: a rebuild must write the same bytes)."""
    changed = {}
    for entry in (*archive.entries, *archive.undated):
        clipping = entry.clipping
        captured = clipping.captured.date() if clipping.captured is not None else None
        published = clipping.published
        changed[entry.url] = max(published, captured) if published and captured else published or captured
    return changed


def _latest(entries: Sequence[Entry], changed: Mapping[str, dt.date | None]) -> dt.date | None:
    return max((d for e in entries if (d := changed[e.url]) is not None), default=None)


def _article_pages(entries: Sequence[Entry], related: RelatedFinder, versions: Mapping[str, Sequence[Entry]],
                   changed: Mapping[str, dt.date | None], compact: bool, words: Interface) -> Iterator[Page]:
    """Clipping pages, each linked to its neighbours in time, to a few more of its source and category, and to
    the other versions of its story."""
    trails: dict[Dated | None, list[Crumb]] = {}  # one trail per period, shared by its clippings' pages
    for i, entry in enumerate(entries):
        previous = entries[i - 1] if i > 0 else None
        following = entries[i + 1] if i + 1 < len(entries) else None
        shown = {e.url for e in (previous, following) if e is not None}
        more_source = related.source(entry, shown)
        if more_source:
            shown.update(e.url for e in more_source.entries)
        if entry.dated not in trails:
            trails[entry.dated] = _crumbs(entry.dated, words)
        yield Page("clipping", entry.url, "article.html", {
            "entry": entry, "clipping": entry.clipping,
            **({} if compact else {"crumbs": trails[entry.dated]}),
            "previous": previous, "next": following,
            "more_source": more_source, "more_category": related.category(entry, shown),
            "versions": versions.get(entry.url, ()),
        }, _own_lastmod(entry, changed[entry.url]), lean=compact)


def _own_lastmod(entry: Entry, changed: dt.date | None) -> dt.date | Dated | None:
    """A clipping page's lastmod: its latest date, at the precision its source gives (a month-dated clipping that
    was never captured changed in March 2025, not on 1 March)."""
    dated = entry.dated
    if dated is not None and dated.precision != "day" and changed == dated.date and entry.clipping.captured is None:
        return dated
    return changed


def _crumbs(d: Dated | None, words: Interface) -> list[Crumb]:
    """Home › year › month › day (or › Undated), as far as the clipping's date goes: a full clipping page's way
    back up the timeline."""
    home = Crumb(words.gettext("Home"), "/")
    if d is None:
        return [home, Crumb(words.gettext("Undated"), "/undated/")]
    crumbs = [home, Crumb(words.year(d.year), period_url(d.year))]
    if d.month is not None:
        crumbs.append(Crumb(words.month_name(d.month), period_url(d.year, d.month)))
    if d.day is not None:
        crumbs.append(Crumb(words.day(d.date), period_url(d.year, d.month, d.day)))
    return crumbs


def _period_pages(archive: Archive, config: Config, changed: Mapping[str, dt.date | None],
                  compact: bool, words: Interface) -> Iterator[Page]:
    """Year, month and day pages: every prefix of an article address is a page.

    A year lists its months; a month its days and, unless pages are compact, its clippings; a day its clippings.
    (In a large archive a month's list would repeat its days' lists: ~30 MB at 100,000 clippings.) On a compact
    site list pages are lean too: no description, link-preview tags, search box or footer (see base.html)."""
    months_of = _month_counts(archive, words)
    days_of: dict[tuple[int, ...], list[tuple[str, int, str]]] = {}
    month_totals: dict[int, dict[int, int]] = {}
    for key, entries in sorted(archive.by_period.items()):
        if len(key) == 3:
            label = words.day_month(dt.date(*key))
            days_of.setdefault(key[:2], []).append((label, len(entries), period_url(*key)))
        elif len(key) == 2:
            month_totals.setdefault(key[0], {})[key[1]] = len(entries)
    for key, entries in sorted(archive.by_period.items()):
        year = key[0]
        crumbs = [Crumb(words.gettext("Home"), "/"), Crumb(words.gettext("Timeline"), "/timeline/")]
        if len(key) == 1:
            # A year lists its months, not its clippings: a year's list would repeat its months' lists (at
            # 100,000 clippings another ~25 MB of the 1 GB GitHub Pages allows) and be too long to page through.
            yield Page("year", period_url(year), "year.html", {
                "heading": words.year(year), "crumbs": crumbs, "count": len(entries),
                "months": months_of.get(words.year(year), []),
                "chart": months_chart(year, month_totals.get(year, {}), words),
                "own": archive.period_own.get(key, ())},
                _latest(entries, changed))
            continue
        if len(key) == 2:
            kind, heading, template = "month", words.month_year(year, key[1]), "month.html"
            crumbs.append(Crumb(words.year(year), period_url(year)))
            extra: dict[str, Any] = {"days": days_of.get(key, []), "own": archive.period_own.get(key, ())}
            if compact:
                yield Page(kind, period_url(*key), "month_days.html", {
                    "heading": heading, "crumbs": crumbs, "count": len(entries), **extra},
                    _latest(entries, changed), lean=True)
                continue
        else:
            date = dt.date(*key)
            kind, heading, template = "day", words.long_date(date), "day.html"
            crumbs += [Crumb(words.year(year), period_url(year)),
                       Crumb(words.month_name(key[1]), period_url(*key[:2]))]
            extra = {}
        yield from _list_pages(kind, period_url(*key), template, entries, config, changed, compact,
                               {"heading": heading, "crumbs": crumbs, **extra})


def _list_pages(kind: str, url: str, template: str, oldest_first: Sequence[Entry], config: Config,
                changed: Mapping[str, dt.date | None], compact: bool, context: dict[str, Any]) -> Iterator[Page]:
    for page_address, listing in paginate(url, oldest_first, config.items_per_page):
        yield Page(kind, page_address, template, {**context, "listing": listing, "count": len(oldest_first)},
                   _latest(listing.entries, changed), lean=compact)


def _year_counts(archive: Archive, words: Interface) -> list[tuple[str, int, str]]:
    """(year as written, clippings, address), newest year first."""
    return [(words.year(k[0]), len(v), period_url(k[0])) for k, v in sorted(archive.by_period.items(), reverse=True)
            if len(k) == 1]


def _month_counts(archive: Archive, words: Interface) -> dict[str, list[tuple[str, int, str]]]:
    """For each year (as `_year_counts` writes it): (month name, clippings, address) for the months that have
    clippings, in order."""
    months: dict[str, list[tuple[str, int, str]]] = {}
    for key, entries in sorted(archive.by_period.items()):
        if len(key) == 2:
            months.setdefault(words.year(key[0]), []).append(
                (words.month_name(key[1]), len(entries), period_url(*key)))
    return months
