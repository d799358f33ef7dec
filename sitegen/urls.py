"""The URL scheme in one place: every page address is made here, and only here.

Addresses are site-relative (`/2025/03/11/slug-id.html`); the base path is added when a link is written
(`render.href`). Every address ends in `/` (a folder with an index.html) or a file name.

A clipping's page is a file in its day's folder, not a folder of its own: GitHub Pages counts a site as a tar
file, where every folder costs a 512-byte entry, so folders for 100,000 clippings would weigh 51 MB of the 1 GB
it allows (and cost a build 100,000 folders to make). `.html` is the form Jekyll, GitHub Pages' own generator,
gives dated posts; Pages also serves such a page at the address without `.html`.
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import posixpath

from slugify import slugify

SLUG_MAX = 60
"""Longest slug, cut at a word boundary. Short enough that a clipping page's path in the site
(`./YYYY/MM/DD/<slug>-<id>.html`, 87 characters at most) fits tar's 100-byte name field: GitHub Pages
counts the site as a tar file, where a longer name costs an extra 1 KB entry (≈ 90 MB at 100,000 clippings
with 80-character slugs), and every link to the page is shorter too."""


SLUGS: dict[tuple[str, int], str] = {}
"""Slugs made so far, by (text, max_length); the build cache keeps them from one build to the next, since
slugifying every title is the costliest part of collecting an archive."""


def make_slug(text: str, max_length: int = SLUG_MAX) -> str:
    """Lower-case ASCII words joined by `-`, cut at a word boundary; may be empty (e.g. only punctuation)."""
    slug = SLUGS.get((text, max_length))
    if slug is None:
        # The transliteration table is named, not auto-detected: with `auto`, installing Unidecode next to
        # sitegen would change every non-ASCII address, and the failed import it tries first is slow.
        slug = SLUGS[text, max_length] = slugify(text, max_length=max_length, word_boundary=True,
                                                 save_order=True, backend="text-unidecode")
    return slug


@functools.lru_cache(maxsize=4096)
def term_slug(name: str) -> str:
    """Slug of a source or category; names that slugify to nothing get a stable hash instead.

    Cached: an archive names a few hundred sources and categories tens of thousands of times, and slugify
    (transliteration included) is the costliest step of collecting."""
    return make_slug(name) or "x-" + hashlib.sha1(name.casefold().encode("utf-8")).hexdigest()[:10]


def article_url(date: dt.date | None, slug: str) -> str:
    """A clipping's page: filed under its date, or under /undated/."""
    if date is None:
        return f"/undated/{slug}.html"
    return f"/{date.year:04d}/{date.month:02d}/{date.day:02d}/{slug}.html"


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
