"""The URL scheme in one place: every page address is made here, and only here.

Addresses are site-relative (`/2025/03/11/slug-id.html`); the base path is added when a link is written
(`site.links.Links.href`). Every address ends in `/` (a folder with an index.html) or a file name. Slugs, the
words of an address, are made in `archive.slugs`.

A clipping's page is a file in its day's folder, not a folder of its own: GitHub Pages counts a site as a tar
file, where every folder costs a 512-byte entry, so folders for 100,000 clippings would weigh 51 MB of the 1 GB
it allows (and cost a build 100,000 folders to make). `.html` is the form Jekyll, GitHub Pages' own generator,
gives dated posts; Pages also serves such a page at the address without `.html`.
"""
from __future__ import annotations

import posixpath

from .model import Dated


def article_url(dated: Dated | None, slug: str) -> str:
    """A clipping's page: filed under its date (a month- or year-dated clipping in its month's or year's folder,
    never on a day it does not give), or under /undated/."""
    if dated is None:
        return f"/undated/{slug}.html"
    return period_url(dated.year, dated.month, dated.day) + f"{slug}.html"


def relative_href(address: str, page: str) -> str:
    """`address` as a link relative to the page at `page` (both site addresses): for links between pages near
    each other in the date tree (`b.html`, `../02/c.html`, `./`), shorter than the whole path on pages paid
    for 100,000 times, and the same under any base path."""
    folder = page[:page.rfind("/") + 1]
    if address.startswith(folder):
        return address[len(folder):] or "./"
    return posixpath.relpath(address, folder) + ("/" if address.endswith("/") else "")


def period_url(year: int, month: int | None = None, day: int | None = None) -> str:
    """Timeline page of a year, month or day: every prefix of an article address."""
    url = f"/{year:04d}/"
    if month is not None:
        url += f"{month:02d}/"
        if day is not None:
            url += f"{day:02d}/"
    return url


def term_url(kind: str, slug: str) -> str:
    """Page of a source (`kind="sources"`) or a category (`kind="categories"`)."""
    return f"/{kind}/{slug}/"


def page_url(first_page_url: str, number: int) -> str:
    """Numbered page of a paginated list (numbered from the oldest, so pages never shift)."""
    return f"{first_page_url}page/{number}/"


def output_path(url: str) -> str:
    """Relative file path a URL is written to: folder URLs get `index.html`."""
    path = url.lstrip("/")
    return path + "index.html" if (not path or path.endswith("/")) else path


def feed_url(list_url: str = "/") -> str:
    """Atom feed of a list: `/feed.xml` for the whole archive, `/sources/<slug>/feed.xml` for a source."""
    return list_url + "feed.xml"
