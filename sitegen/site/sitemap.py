"""`sitemap.xml` (sitemaps.org 0.9) and `robots.txt`: every page, with the date its content last changed.

`lastmod` is taken from the clippings a page shows (the newest published or capture date among them), never
from the build time or file times: a checkout sets every file's time anew, and a rebuild must write the same
bytes. A sitemap holds at most 50,000 URLs; a bigger site gets `sitemap.xml` as a sitemap index pointing at
`sitemaps/1.xml.gz`, `sitemaps/2.xml.gz`, ..., gzip-compressed as the protocol allows (at 100,000 clippings the
parts would otherwise weigh ~18 MB of the 1 GB GitHub Pages allows; compressed, ~2.6 MB). A sitemap needs
absolute URLs, so with a `base_url` that is only a path none is written (the build warns) and `robots.txt`
names none.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from ..archive.records import Archive, Entry
from .links import Links
from .pages import Page

MAX_URLS = 50_000
"""URLs allowed in one sitemap file by the protocol."""


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One `<url>` (or one `<sitemap>` of an index)."""

    loc: str
    lastmod: str | None
    """`YYYY-MM-DD`, a W3C date."""


def sitemap_pages(pages: Sequence[Page], archive: Archive, links: Links) -> list[Page]:
    """The sitemap (or index and parts) for the HTML pages among `pages`; none when URLs cannot be absolute."""
    max_urls = MAX_URLS
    if not links.is_absolute:
        return []
    changed = {e.url: _changed(e) for e in (*archive.entries, *archive.undated)}
    newest = max((d for d in changed.values() if d is not None), default=None)
    urls = []
    for page in pages:
        if not page.url.endswith(("/", ".html")) or page.url == "/404.html" or page.template == "redirect.html":
            continue  # feeds, data files, the 404 page, a duplicate's address: not pages to index
        if page.url in changed:
            date = changed[page.url]
        elif "listing" in page.context or "period" in page.context:
            shown = page.context["listing"].entries if "listing" in page.context \
                else archive.by_period[page.context["period"]]  # a year page: its months' clippings
            date = max((d for e in shown if (d := changed[e.url]) is not None), default=None)
        else:
            date = newest  # home and indexes show counts and the latest clippings of the whole archive
        urls.append(SitemapUrl(links.absolute(page.url), date.isoformat() if date else None))
    urls.sort(key=lambda u: u.loc)
    if len(urls) <= max_urls:
        return [Page("/sitemap.xml", "sitemap.xml", {"urls": urls})]
    parts = [urls[i:i + max_urls] for i in range(0, len(urls), max_urls)]
    result = [Page(f"/sitemaps/{n}.xml.gz", "sitemap.xml", {"urls": part}) for n, part in enumerate(parts, start=1)]
    index = [SitemapUrl(links.absolute(p.url), max((u.lastmod for u in p.context["urls"] if u.lastmod), default=None))
             for p in result]
    return [Page("/sitemap.xml", "sitemap-index.xml", {"sitemaps": index}), *result]


def robots_page(links: Links) -> Page:
    """`robots.txt`: everything may be crawled; the sitemap is named when there is one."""
    return Page("/robots.txt", "robots.txt",
                {"sitemap": links.absolute("/sitemap.xml") if links.is_absolute else None})


def _changed(entry: Entry) -> dt.date | None:
    """The latest date the clipping itself gives: published, or captured when that is later."""
    clipping = entry.clipping
    dates = [d for d in (clipping.published, clipping.captured.date() if clipping.captured else None) if d]
    return max(dates, default=None)
