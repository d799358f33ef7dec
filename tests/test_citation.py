"""The plain-text citation for awkward clippings: no source, no date, quotes in the title; in other languages."""
from __future__ import annotations

import datetime as dt

from sitegen.archive.records import Entry, Term
from sitegen.build import interface
from sitegen.config import Config
from sitegen.model import Clipping
from sitegen.render.filters import plain_citation

SOURCE = Term("sources", "quay-post", "Quay Post", "/sources/quay-post/")
ENGLISH = interface(Config())
GERMAN = interface(Config(language="de"))
ARABIC = interface(Config(language="ar"))


def cite(item: Entry, address: str, words=ENGLISH) -> str:
    return plain_citation(item, address, words)


def entry(title: str, date: dt.date | None = dt.date(2025, 3, 11), source: Term | None = SOURCE) -> Entry:
    return Entry(Clipping(id="abc", title=title, source_path="a.md", published=date), "/x/", source, ())


def test_source_title_date_and_address() -> None:
    assert cite(entry("Pier reopens"), "https://a.example/x/") == \
        'Quay Post, "Pier reopens", 11 March 2025, https://a.example/x/'


def test_undated_clipping_without_source() -> None:
    assert cite(entry('The "new" <quay>', date=None, source=None), "/x/") == \
        '"The "new" <quay>", undated, /x/'


def test_a_citation_in_the_interface_language_writes_its_quotes_and_date() -> None:
    assert cite(entry("Pier 50% reopens"), "/x/", GERMAN) == "Quay Post, „Pier 50% reopens“, 11. März 2025, /x/"
    assert cite(entry("Pier reopens"), "/x/", ARABIC) == "Quay Post، «Pier reopens»، 11 مارس 2025، /x/"
