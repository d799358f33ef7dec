"""Atom feeds read with a real feed parser (feedparser): the archive's, each source's and each category's."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import page_for, parse

ATOM = "{http://www.w3.org/2005/Atom}"


def read_feed(public: Path, url: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((public / url.lstrip("/")).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    return feed


def by_title(feed: feedparser.FeedParserDict, part: str) -> feedparser.FeedParserDict:
    return next(e for e in feed.entries if part in e.title)


def test_archive_feed_has_the_dated_clippings_newest_first(published_site: Path) -> None:
    feed = read_feed(published_site, "/feed.xml")
    assert feed.feed.title == "Example Clippings Archive"
    assert len(feed.entries) == 16  # 17 clippings, one undated; feed_entries (20) is more than that
    assert not any("lighthouse keeper" in e.title for e in feed.entries)
    published = [e.published_parsed for e in feed.entries]
    assert published == sorted(published, reverse=True)
    assert feed.entries[0].title == "Harbour office website briefly defaced"
    assert feed.feed.updated == "2024-10-01T00:00:00+00:00"
    links = {link.rel: link.href for link in feed.feed.links}
    assert links == {"self": PUBLISHED_AT + "feed.xml", "alternate": PUBLISHED_AT}


def test_entry_fields_come_from_the_clipping(published_site: Path) -> None:
    entry = by_title(read_feed(published_site, "/feed.xml"), "deep-water berth")
    assert entry.id.startswith("urn:uuid:")
    assert entry.link.startswith(PUBLISHED_AT + "2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-")
    assert page_for(published_site, entry.link.removeprefix(PUBLISHED_AT[:-1])).is_file()
    related = [link.href for link in entry.links if link.rel == "related"]
    assert related == ["https://harbour-gazette.example.com/2024/03/deep-water-berth-approved"]
    assert entry.published == "2024-03-11T00:00:00+00:00"
    assert entry.updated == "2024-03-11T10:05:00+00:00"  # the capture time, later that day
    assert entry.author == "Harbour Gazette"
    assert [t.term for t in entry.tags] == ["International", "Ports"]
    assert entry.summary == ("The Eastquay harbour board voted on Monday to build a deep-water berth at the end of "
                             "the south mole.")


def test_language_and_dangerous_text(published_site: Path) -> None:
    feed = read_feed(published_site, "/feed.xml")
    assert by_title(feed, "Yalıköy").title_detail.language == "tr"
    assert by_title(feed, "Fähre").title_detail.language == "de"
    raw = (published_site / "feed.xml").read_text(encoding="utf-8")
    assert "<script>" not in raw
    titles = {e.text for e in ET.fromstring(raw).iter(ATOM + "title")}
    assert '<script>alert("x")</script> Port fees rise' in titles
    assert by_title(feed, "Port fees rise").link.startswith(PUBLISHED_AT)
    # the javascript: link of 005 is no related link
    assert not any(link.href.startswith("javascript") for e in feed.entries for link in e.links)


def test_a_feed_for_every_source_and_category(published_site: Path) -> None:
    for kind in ("sources", "categories"):
        for folder in (published_site / kind).iterdir():
            if folder.is_dir():
                assert (folder / "feed.xml").is_file(), folder
    harbour = read_feed(published_site, "/sources/harbour-gazette/feed.xml")
    assert harbour.feed.title == "Harbour Gazette · Example Clippings Archive"
    assert len(harbour.entries) == 7 and {e.author for e in harbour.entries} == {"Harbour Gazette"}
    alternate = {link.rel: link.href for link in harbour.feed.links}["alternate"]
    assert alternate == PUBLISHED_AT + "sources/harbour-gazette/"
    ports = read_feed(published_site, "/categories/ports/feed.xml")
    assert len(ports.entries) == 4
    assert all("Ports" in [t.term for t in e.tags] for e in ports.entries)
    snippets = read_feed(published_site, "/categories/snippets/feed.xml")
    assert len(snippets.entries) == 2  # the third Snippets clipping is undated


def test_pages_point_at_their_feeds(published_site: Path) -> None:
    def feeds(url: str) -> list[str]:
        return [href for href, a in parse(page_for(published_site, url)).links
                if a.get("rel") == "alternate" and a.get("type") == "application/atom+xml"]
    assert feeds("/") == ["/archive/feed.xml"]
    assert feeds("/sources/harbour-gazette/") == ["/archive/feed.xml", "/archive/sources/harbour-gazette/feed.xml"]
    assert feeds("/sources/harbour-gazette/page/1/")[1] == "/archive/sources/harbour-gazette/feed.xml"
    assert feeds("/categories/ports/") == ["/archive/feed.xml", "/archive/categories/ports/feed.xml"]


def test_feed_entries_and_timezone_settings(tmp_path: Path) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text('feed_entries = 2\ntimezone = "Europe/Istanbul"\nbase_url = "https://example.org/"\n',
                      encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(config)) == 0
    feed = read_feed(tmp_path / "out", "/feed.xml")
    assert [e.title for e in feed.entries] == ["Harbour office website briefly defaced",
                                               "Neue Fähre für die Ostmarrener Hafenlinie"]
    assert feed.entries[0].published == "2024-10-01T00:00:00+03:00"
    assert len(read_feed(tmp_path / "out", "/sources/harbour-gazette/feed.xml").entries) == 2


def test_entry_ids_do_not_change_when_the_site_moves(tmp_path: Path, published_site: Path) -> None:
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", "https://archive.example.org/") == 0
    moved = read_feed(tmp_path / "out", "/feed.xml")
    before = read_feed(published_site, "/feed.xml")
    assert [e.id for e in moved.entries] == [e.id for e in before.entries]
    assert len({e.id for e in moved.entries}) == len(moved.entries)
    assert moved.entries[0].link.startswith("https://archive.example.org/2024/")


@pytest.mark.parametrize("base_url", ["/", "/archive/"])
def test_path_only_base_url_gives_site_relative_links(tmp_path: Path, base_url: str) -> None:
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", base_url) == 0
    feed = read_feed(tmp_path / "out", "/feed.xml")
    assert feed.entries[0].link.startswith(base_url + "2024/10/01/")
    assert feed.feed.id.startswith("urn:uuid:")


def test_control_characters_do_not_break_the_feed(tmp_path: Path, content_dir) -> None:
    content = content_dir({"ctl.txt": "Bell\x07 and form\x0cfeed\n\nPublished on 2024-05-01\n\nSources Wire\n\n"
                                      "Text with a vertical\x0btab and a \x01 start-of-heading.\n"})
    assert run_build(content, tmp_path / "out", "--base-url", "https://example.org/") == 0
    feed = read_feed(tmp_path / "out", "/feed.xml")
    assert len(feed.entries) == 1
    assert "\x07" not in feed.entries[0].title and "Bell" in feed.entries[0].title
