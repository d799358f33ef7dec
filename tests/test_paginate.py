"""Pagination anchored at the oldest item: complete, linked both ways, and stable when items are added."""
from __future__ import annotations

import datetime as dt

import pytest

from sitegen.archive.records import Entry
from sitegen.model import Clipping
from sitegen.site.pages import paginate


def entries(n: int) -> list[Entry]:
    start = dt.date(2020, 1, 1)
    return [Entry(Clipping(id=f"{i:04x}", title=f"Item {i}", source_path=f"{i}.txt",
                           published=start + dt.timedelta(days=i)), f"/item/{i}/", None, ())
            for i in range(n)]


@pytest.mark.parametrize("n", [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 23])
def test_every_item_appears_once_newest_first(n: int) -> None:
    pages = paginate("/list/", entries(n), 3)
    seen = [e.url for _, listing in pages for e in listing.entries]
    assert sorted(seen) == sorted(e.url for e in entries(n))
    for _, listing in pages:
        dates = [e.date for e in listing.entries]
        assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("n", [1, 2, 3, 5, 6, 8, 9, 10, 31])
def test_front_page_is_never_a_stub(n: int) -> None:
    pages = dict(paginate("/list/", entries(n), 3))
    front = pages["/list/"]
    assert len(front.entries) == n if n < 3 else 3 <= len(front.entries) <= 5
    assert front.entries[0].url == f"/item/{n - 1}/"


@pytest.mark.parametrize("n", [4, 7, 12, 20])
def test_links_go_both_ways_and_resolve(n: int) -> None:
    pages = dict(paginate("/list/", entries(n), 3))
    for address, listing in pages.items():
        if listing.older_url:
            assert pages[listing.older_url].newer_url in (address, None) or listing.number is None
            assert pages[listing.older_url].entries[0].date < listing.entries[-1].date
        if listing.newer_url:
            assert pages[listing.newer_url].older_url == address
    walked, address = [], "/list/"
    while address:
        walked.extend(e.url for e in pages[address].entries)
        address = pages[address].older_url
    assert len(walked) == n


def test_adding_items_never_moves_items_between_numbered_pages() -> None:
    before = {url: [e.url for e in page.entries] for url, page in paginate("/list/", entries(20), 3) if page.number}
    for n in range(21, 30):
        after = {url: [e.url for e in page.entries] for url, page in paginate("/list/", entries(n), 3)
                 if page.number}
        for url, items in before.items():
            assert after[url] == items, f"page {url} changed when item {n} was added"
        before = after


def test_page_one_holds_the_oldest_items() -> None:
    pages = dict(paginate("/list/", entries(10), 3))
    assert [e.url for e in pages["/list/page/1/"].entries] == ["/item/2/", "/item/1/", "/item/0/"]
    assert pages["/list/page/1/"].older_url is None
