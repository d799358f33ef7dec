"""What a saved article page says about itself in markup meant for machines: schema.org JSON-LD, Open Graph and
other `<meta>` tags, the canonical link, `<html lang>`, and the note a browser or SingleFile leaves when saving.

These fields are written by the publisher for search engines and link previews, so they are read as given;
the page's visible text is never searched for something that looks like a date or a name.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .dates import When, parse_when
from .fields import collapse_spaces

if TYPE_CHECKING:
    from lxml.html import HtmlElement

ARTICLE_TYPES = frozenset({"article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle",
                           "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "blogposting",
                           "socialmediaposting", "liveblogposting", "scholarlyarticle", "report", "techarticle"})
_DATE_METAS = ("article:published_time", "og:article:published_time", "datepublished", "citation_publication_date",
               "citation_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
               "pubdate", "publishdate", "publish-date", "publication_date", "sailthru.date", "parsely-pub-date")
_AUTHOR_METAS = ("author", "article:author", "dc.creator", "dcterms.creator", "citation_author", "parsely-author",
                 "sailthru.author", "byl")
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d+\)(\S+?)\s*-->")
_SINGLE_FILE = re.compile(rb"Page saved with SingleFile\s+url:\s*(\S+)\s+saved date:\s*([^\n(]+)")
_BYLINE = re.compile(r"^(?:by|von|par|por|di|door|av)\s+", re.IGNORECASE)
MAX_JSON_LD = 2 * 2**20
"""A JSON-LD block larger than this is not read (a page's metadata is a few KB)."""


@dataclass
class PageMeta:
    """The fields found, each as the page gives it; empty when it gives none."""

    title: str = ""
    published: When | None = None
    published_text: str = ""
    author: str = ""
    site: str = ""
    url: str = ""
    language: str = ""
    description: str = ""
    categories: list[str] = field(default_factory=list)
    saved_at: When | None = None
    saved_from: str = ""


def page_meta(tree: HtmlElement, head: bytes) -> PageMeta:
    """Read the page's own metadata: JSON-LD first (the most explicit), then meta tags, then the rest."""
    meta = PageMeta()
    article = next(_articles(tree), {})
    metas = _metas(tree)
    meta.title = _first(_text(article.get("headline")), _text(article.get("name")), *metas.get("og:title", ()),
                        *metas.get("twitter:title", ()), *metas.get("citation_title", ()), *metas.get("dc.title", ()))
    for value in (_text(article.get("datePublished")), _text(article.get("dateCreated")),
                  *(v for name in _DATE_METAS for v in metas.get(name, ())), *_time_elements(tree)):
        if value and (when := parse_when(value)) is not None:
            meta.published, meta.published_text = when, value
            break
    meta.author = _first(_names(article.get("author")),
                         *(_BYLINE.sub("", v) for name in _AUTHOR_METAS for v in metas.get(name, ())
                           if not v.startswith(("http://", "https://"))))
    meta.site = _first(_names(article.get("publisher")), *metas.get("og:site_name", ()),
                       *metas.get("application-name", ()), *metas.get("dc.publisher", ()))
    canonical = tree.xpath('//link[translate(@rel, "CANONICAL", "canonical")="canonical"]/@href')
    meta.url = _first(*(str(c) for c in canonical), *metas.get("og:url", ()), _text(article.get("url")),
                      _text(_entity_id(article.get("mainEntityOfPage"))))
    language = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    meta.language = _first(language, _names(article.get("inLanguage")), *metas.get("og:locale", ()),
                           *metas.get("content-language", ()), *metas.get("dc.language", ()))
    meta.description = _first(_text(article.get("description")), *metas.get("og:description", ()),
                              *metas.get("description", ()))
    meta.categories = _categories(article, metas)
    _saved(meta, head)
    return meta


def _articles(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects of an article type, in page order (inside `@graph` lists too)."""
    for script in tree.xpath('//script[contains(translate(@type, "JSONLD", "jsonld"), "ld+json")]'):
        text = script.text or ""
        if len(text) > MAX_JSON_LD:
            continue
        try:
            data = json.loads(text, strict=False)
        except (ValueError, RecursionError):  # RecursionError: arrays nested thousands deep
            continue
        yield from (item for item in _objects(data) if _is_article(item))


def _objects(data: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            yield from _objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"], depth + 1)


def _is_article(item: dict[str, Any]) -> bool:
    kinds = item.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    return any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds)


def _metas(tree: HtmlElement) -> dict[str, list[str]]:
    """Every `<meta>` content by its property, name, itemprop or http-equiv (lower case), in page order."""
    found: dict[str, list[str]] = {}
    for element in tree.iter("meta"):
        content = collapse_spaces(element.get("content") or "")
        if not content:
            continue
        for attribute in ("property", "name", "itemprop", "http-equiv"):
            if key := (element.get(attribute) or "").strip().lower():
                found.setdefault(key, []).append(content)
    return found


def _time_elements(tree: HtmlElement) -> list[str]:
    """`<time itemprop="datePublished" datetime=...>` or `<time pubdate datetime=...>`: marked as the publication."""
    return [str(v) for v in tree.xpath('//time[@itemprop="datePublished" or @pubdate]/@datetime')]


def _text(value: Any) -> str:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str)), "")
    return collapse_spaces(value) if isinstance(value, str) else ""


def _entity_id(value: Any) -> Any:
    return value.get("@id") if isinstance(value, dict) else value


def _names(value: Any) -> str:
    """A schema.org person, organisation or language (a name, an object with a name, or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("alternateName")
        if isinstance(item, str) and (name := collapse_spaces(item)) and name not in names:
            names.append(name)
    return ", ".join(names)


def _categories(article: dict[str, Any], metas: dict[str, list[str]]) -> list[str]:
    """The article's section and tags, as the publisher names them (not the SEO `keywords` meta)."""
    raw: list[str] = []
    for key in ("articleSection", "keywords"):
        value = article.get(key)
        raw += value if isinstance(value, list) else [value] if isinstance(value, str) else []
    for key in ("article:section", "article:tag", "news_keywords", "parsely-section"):
        raw += metas.get(key, [])
    names: dict[str, str] = {}
    for value in raw:
        for name in value.split(",") if isinstance(value, str) else ():
            if name := collapse_spaces(name):
                names.setdefault(name.casefold(), name)
    return list(names.values())


def _saved(meta: PageMeta, head: bytes) -> None:
    """The address and time a browser's "Save as" or SingleFile noted at the top of the file."""
    single = _SINGLE_FILE.search(head)
    if single:
        meta.saved_from = single[1].decode("utf-8", "replace")
        meta.saved_at = parse_when(single[2].decode("utf-8", "replace"))
        return
    saved = _SAVED_FROM.search(head)
    if saved:
        meta.saved_from = saved[1].decode("utf-8", "replace")


def _first(*values: str) -> str:
    return next((v for v in values if v), "")
