"""Everything a published site needs besides its HTML pages: feeds, sitemap, robots.txt, 404 page, the data
export, `.nojekyll`, `CNAME` and the mark of a folder sitegen made.

`build.py` asks this module for extra pages (rendered like any other) and extra files (written as they are),
so the pages themselves are planned in one place (`pages.py`) and the open-web pieces in another.
"""
from __future__ import annotations

from collections.abc import Sequence

from ..archive.records import Archive
from ..config import Config
from ..i18n.interface import Interface
from .exports import export_files
from .feeds import feed_pages
from .links import Links
from .records import Page
from .sitemap import robots_page, sitemap_pages

MARKER = ".sitegen-output"
"""The mark of a folder sitegen made (see publish/ownership.py): written by every build, a hidden file that GitHub
Pages' upload leaves out."""
MARKER_TEXT = b"This folder is the output of sitegen (sitegen build), which replaces it as a whole on every build.\n"


def web_pages(archive: Archive, pages: Sequence[Page], config: Config, words: Interface) -> list[Page]:
    """Feeds, the 404 page, the citation script, robots.txt and the sitemap (which lists `pages`)."""
    links = Links.from_config(config)
    return [
        *feed_pages(archive, config, links, words),
        Page("404", "/404.html", "404.html", {}, indexable=False),
        Page("script", "/cite.js", "cite.js", {}, indexable=False),  # its words in the interface language
        robots_page(links),
        *sitemap_pages(pages, links),
    ]


def web_files(archive: Archive, config: Config, compact: bool) -> dict[str, bytes]:
    """Files written as they are: the data export (compressed on a compact site), `.nojekyll`, `CNAME`, the mark."""
    files = export_files(archive, Links.from_config(config), config.title, config.export_text, compressed=compact)
    # Publishing from a branch runs Jekyll, which hides files and folders starting with `_`; this turns it off.
    files[".nojekyll"] = b""
    files[MARKER] = MARKER_TEXT  # the next build may replace this folder: sitegen made it
    if config.cname:
        files["CNAME"] = (config.cname + "\n").encode("ascii")
    return files


