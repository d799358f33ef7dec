"""Atom feeds: the whole archive's, and one per source and per category, each with its newest clippings.

Entry ids are `urn:uuid:` names made from the clipping's id, not from its URL: a site that moves to another host
or path (a custom domain, a renamed repository) keeps its entry ids, so feed readers do not show every clipping
again as new. Times come from the clipping (published date, capture time) in the configured time zone, never
from the build, so a rebuild writes the same bytes.
"""
from __future__ import annotations

import datetime as dt
import re
import uuid
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from ..archive.records import Archive, Entry
from ..config import Config
from ..i18n.interface import Interface
from ..urls import feed_url
from .links import Links, external
from .records import Page
from .summary import summary

EPOCH = "1970-01-01T00:00:00+00:00"
"""`updated` of a feed with no dated clipping: Atom requires a time, and the build time would break determinism."""

# Characters XML 1.0 forbids; one of them in a clipping's text would make the whole feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One clipping as a feed entry; every string is XML-safe."""

    id: str
    title: str
    link: str
    """The clipping's page on this site."""
    original: str | None
    """The original article, linked as `rel="related"`."""
    published: str | None
    """None for a clipping dated only by month or year."""
    excerpt: bool
    updated: str
    author: str | None
    """The source's name."""
    categories: tuple[str, ...]
    summary: str
    language: str | None


@dataclass(frozen=True, slots=True)
class Feed:
    """One Atom document: the newest clippings of a list, newest first."""

    id: str
    title: str
    subtitle: str
    self_link: str
    page_link: str
    """The HTML page the feed follows."""
    updated: str
    language: str
    entries: tuple[FeedEntry, ...]


def feed_pages(archive: Archive, config: Config, links: Links, words: Interface) -> Iterator[Page]:
    """The archive's feed, then one per source and one per category, in the archive's order; titles in the
    interface language (the entries' times stay RFC 3339)."""
    zone = zoneinfo.ZoneInfo(config.timezone)
    yield _page("/", config.title, config.description, archive.entries, config, links, zone)
    for term in (*archive.sources, *archive.categories):
        names = {"name": term.name, "site": config.title}
        subtitle = words.gettext("Clippings from %(name)s.") if term.kind == "sources" else \
            words.gettext("Clippings in the category %(name)s.")
        yield _page(term.url, words.gettext("%(name)s · %(site)s") % names, subtitle % names,
                    archive.by_term.get(term, []), config, links, zone)


def entry_id(clipping_id: str) -> str:
    """A clipping's Atom id: stable for as long as its id is, wherever the site is published."""
    return "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, "sitegen:clipping:" + clipping_id))


def _page(list_url: str, title: str, subtitle: str, oldest_first: Sequence[Entry], config: Config, links: Links,
          zone: zoneinfo.ZoneInfo) -> Page:
    dated = [e for e in oldest_first if e.date is not None]
    entries = tuple(_entry(e, links, zone) for e in dated[::-1][:config.feed_entries])
    address = feed_url(list_url)
    feed_id = links.absolute(address) if links.is_absolute else \
        "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"sitegen:feed:{config.title}:{address}"))
    feed = Feed(
        id=feed_id, title=_xml(title), subtitle=_xml(subtitle), self_link=links.absolute(address),
        page_link=links.absolute(list_url), updated=max((e.updated for e in entries), default=EPOCH),
        language=config.language, entries=entries,
    )
    return Page("feed", address, "feed.xml", {"feed": feed}, indexable=False)


def _entry(entry: Entry, links: Links, zone: zoneinfo.ZoneInfo) -> FeedEntry:
    clipping = entry.clipping
    captured = clipping.captured.replace(tzinfo=zone) if clipping.captured is not None else None
    if clipping.published is not None:
        published = dt.datetime.combine(clipping.published, dt.time(), zone)
        updated = max(published, captured) if captured is not None else published
        if clipping.precision != "day":  # Atom's <published> is a moment: none rather than a day not given
            published = None
    else:
        assert captured is not None  # dated entries without a published date are filed by their capture time
        published = updated = captured
    return FeedEntry(
        id=entry_id(clipping.id),
        title=_xml(clipping.title),
        link=links.absolute(entry.url),
        original=external(clipping.url),
        published=_timestamp(published) if published is not None else None,
        updated=_timestamp(updated),
        author=_xml(entry.source.name) if entry.source is not None else None,
        categories=tuple(_xml(term.name) for term in entry.categories),
        summary=_xml(summary(clipping)),
        language=clipping.language,
        excerpt=clipping.excerpt,
    )


def _timestamp(moment: dt.datetime) -> str:
    """RFC 3339 with the zone's offset (Atom's date construct), to the second."""
    return moment.isoformat(timespec="seconds")


def _xml(text: str) -> str:
    return _NOT_XML.sub("", text)

