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

from collections.abc import Sequence
from dataclasses import dataclass

from .links import Links
from .records import Page

MAX_URLS = 50_000
"""URLs allowed in one sitemap file by the protocol."""


@dataclass(frozen=True, slots=True)
class SitemapUrl:
    """One `<url>` (or one `<sitemap>` of an index)."""

    loc: str
    lastmod: str | None
    """`YYYY-MM-DD`, a W3C date."""


def sitemap_pages(pages: Sequence[Page], links: Links) -> list[Page]:
    """The sitemap (or index and parts) for the indexable pages among `pages`; none when URLs cannot be absolute."""
    if not links.is_absolute:
        return []
    urls = sorted((SitemapUrl(links.absolute(page.url), page.lastmod.isoformat() if page.lastmod else None)
                   for page in pages if page.indexable), key=lambda u: u.loc)
    if len(urls) <= MAX_URLS:
        return [Page("sitemap", "/sitemap.xml", "sitemap.xml", {"urls": urls}, indexable=False)]
    parts = [urls[i:i + MAX_URLS] for i in range(0, len(urls), MAX_URLS)]
    result = [Page("sitemap", f"/sitemaps/{n}.xml.gz", "sitemap.xml", {"urls": part}, indexable=False)
              for n, part in enumerate(parts, start=1)]
    index = [SitemapUrl(links.absolute(p.url), max((u.lastmod for u in p.context["urls"] if u.lastmod), default=None))
             for p in result]
    return [Page("sitemap", "/sitemap.xml", "sitemap-index.xml", {"sitemaps": index}, indexable=False), *result]


def robots_page(links: Links) -> Page:
    """`robots.txt`: everything may be crawled; the sitemap is named when there is one."""
    return Page("robots", "/robots.txt", "robots.txt",
                {"sitemap": links.absolute("/sitemap.xml") if links.is_absolute else None}, indexable=False)
