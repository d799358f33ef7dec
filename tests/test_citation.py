"""The plain-text citation for awkward clippings: no source, no date, quotes in the title; in other languages."""
from __future__ import annotations

import datetime as dt

from sitegen.archive.records import Entry, Term
from sitegen.build import interface
from sitegen.config import Config
from sitegen.model import Clipping
from sitegen.render.direction import TextAttributes
from sitegen.render.filters import plain_citation

SOURCE = Term("sources", "quay-post", "Quay Post", "/sources/quay-post/")
ENGLISH = interface(Config())
GERMAN = interface(Config(language="de"))
ARABIC = interface(Config(language="ar"))


def cite(item: Entry, address: str, words=ENGLISH) -> str:
    return str(plain_citation(item, address, words, TextAttributes(words.language, words.direction).isolate))


def entry(title: str, date: dt.date | None = dt.date(2025, 3, 11), source: Term | None = SOURCE) -> Entry:
    return Entry(Clipping(id="abc", title=title, source_path="a.md", published=date), "/x/", source, ())


def test_source_title_date_and_address() -> None:
    assert cite(entry("Pier reopens"), "https://a.example/x/") == \
        "Quay Post, &#34;Pier reopens&#34;, 11 March 2025, https://a.example/x/"


def test_undated_clipping_without_source() -> None:
    assert cite(entry('The "new" <quay>', date=None, source=None), "/x/") == \
        "&#34;The &#34;new&#34; &lt;quay&gt;&#34;, undated, /x/"


def test_a_citation_in_the_interface_language_writes_its_quotes_and_date() -> None:
    assert cite(entry("Pier 50% reopens"), "/x/", GERMAN) == "Quay Post, „Pier 50% reopens“, 11. März 2025, /x/"


def test_parts_that_run_the_other_way_are_isolated() -> None:
    """In an Arabic citation the English title and the address keep their order; the copied text is the same."""
    assert cite(entry("Pier reopens"), "https://a.example/x/", ARABIC) == (
        "<bdi>Quay Post</bdi>، «<bdi>Pier reopens</bdi>»، 11 مارس 2025، <bdi>https://a.example/x/</bdi>")
    arabic = entry("افتتاح الرصيف", source=Term("sources", "s", "صحيفة الميناء", "/sources/s/"))
    assert cite(arabic, "/x/", ARABIC) == "صحيفة الميناء، «افتتاح الرصيف»، 11 مارس 2025، <bdi>/x/</bdi>"
    assert cite(arabic, "/x/") == "<bdi>صحيفة الميناء</bdi>, &#34;<bdi>افتتاح الرصيف</bdi>&#34;, 11 March 2025, /x/"
