"""The page record: what every planner makes and every later stage reads (templates, sitemap, search index)."""
from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Dated


@dataclass(frozen=True, slots=True)
class Page:
    """One output file: what it is, where it goes and how it is made."""

    kind: str
    """What the page is: `home`, `timeline`, `clipping`, `redirect`, `year`, `month`, `day`, `undated`, `sources`,
    `source`, `categories`, `category`, `search`, `feed`, `sitemap`, `robots`, `404`, `script` (cite.js).
    Templates, the sitemap and the search index ask this; nothing inspects a context to find out."""
    url: str
    """Site-relative address, ending in `/` or a file name."""
    template: str
    """Template that renders it."""
    context: Mapping[str, Any]
    """What the template may use; nothing else."""
    lastmod: dt.date | Dated | None = None
    """The latest date the clippings it shows give (published, or captured when later): the sitemap's lastmod.
    A clipping page dated only by month or year, with no capture time, has that month or year (`2025-03`)."""
    indexable: bool = True
    """A page for readers and crawlers, listed in the sitemap (not a feed, data file, redirect or the 404 page)."""
    lean: bool = False
    """A compact site's clipping or list page (`page_style`): the text and plain links, without description,
    link-preview tags, search box or footer."""


@dataclass(frozen=True, slots=True)
class Crumb:
    """One step of a breadcrumb trail."""

    label: str
    url: str
