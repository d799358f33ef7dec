"""What a clipping page says about itself to search engines: schema.org `NewsArticle` data for its JSON-LD
block (the description is `site.summary.description`, the same in the page head, the feeds and the export)."""
from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..archive.records import Entry
from ..site.links import Links, external


def news_article(entry: Entry, links: Links, site_language: str) -> dict[str, Any]:
    """schema.org `NewsArticle` for a clipping page: the original article, archived here.

    Only what the page's other tags do not already say in a form crawlers read: the description, the
    categories and the site are left out (they are in the description meta tag, the citation tags and
    og:site_name), which keeps 100,000 clipping pages ~40 MB smaller.
    """
    clipping = entry.clipping
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": clipping.title,
        "url": links.absolute(entry.url),
        "inLanguage": clipping.language or site_language,
    }
    if entry.dated is not None:
        data["datePublished"] = entry.dated.isoformat()  # `2025-03` for a month-dated clipping
    if entry.source is not None:
        data["publisher"] = {"@type": "Organization", "name": entry.source.name}
    if external(clipping.url):
        data["isBasedOn"] = external(clipping.url)
    return data


def json_ld(data: dict[str, Any]) -> Markup:
    """JSON for a `<script type="application/ld+json">` block: `<`, `>` and `&` escaped as `\\u003c` and so on,
    so no text (a title with `</script>`) can end the block early; the JSON value is unchanged."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
