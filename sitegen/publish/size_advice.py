"""Advice about the site as a whole before it is deployed: a base URL without a host, the size GitHub Pages
counts, and which settings would make a site near its limit smaller."""
from __future__ import annotations

from ..config import Config
from ..site.links import Links
from ..site.pages import compact_pages
from .size import PAGES_LIMIT, WARN_SHARE, SiteSize, size_warnings


def site_warnings(config: Config, size: SiteSize) -> list[str]:
    """Warnings about the site as a whole, for the user to see before deploying."""
    warnings = []
    if not Links.from_config(config).is_absolute:
        warnings.append(f"base_url {config.base_url!r} is only a path, so no sitemap.xml is written and feeds, "
                        "canonical links and the data export use addresses without a host; set base_url (or "
                        "--base-url) to the full address, e.g. https://name.github.io/archive/")
    warnings += size_warnings(size)
    if size.artifact_bytes > PAGES_LIMIT * WARN_SHARE and (options := size_options(config, size)):
        warnings.append("to make it smaller: " + "; ".join(options))
    return warnings


COMPACT_SAVES = 3_000
"""Bytes a compact clipping page saves over a full one (measured: 3.0 to 3.3 KB on make_corpus.py archives)."""


COMPACT_RESULT_SAVES = 1_100
"""Bytes a compact site saves per clipping in the search index, keeping a lede in each result (measured on
make_corpus.py archives: 21.6 MB of result fragments become 10.3 MB for 10,000 clippings)."""


COMPACT_EXPORT_SAVES = 650
"""Bytes a compact site saves per clipping by publishing the data export gzip-compressed (84 MB -> 18 MB
for 100,000 clippings)."""


EXCERPT_SAVES = 3_000
"""Bytes an excerpt saves, page and search index together, on a clipping of an average 3 KB of text."""


def size_options(config: Config, size: SiteSize) -> list[str]:
    """The settings that would make this site smaller, each with about what it would save, largest first."""
    parts = {part.name: part for part in size.parts}
    clippings = parts["clipping pages"].files if "clipping pages" in parts else 0
    options: list[tuple[int, str]] = []
    if config.page_style != "compact" and not compact_pages(config.page_style, clippings):
        saved = (COMPACT_SAVES + COMPACT_EXPORT_SAVES + (COMPACT_RESULT_SAVES if config.search else 0)) * clippings
        options.append((saved, f'page_style = "compact" (about {saved / 1e6:,.0f} MB)'))
    if config.search and "search index" in parts:
        saved = parts["search index"].artifact_bytes
        options.append((saved, f"search = false (the index: {saved / 1e6:,.0f} MB)"))
    saved = EXCERPT_SAVES * clippings // 10
    options.append((saved, f"excerpt_only = [...] for the sources whose terms allow only excerpts, or the largest "
                           f"(about {saved / 1e6:,.0f} MB for every tenth of the clippings)"))
    return [text for _, text in sorted(options, key=lambda option: -option[0])]
