"""Search over many shards in a real browser: 3,000 clippings, one a day, indexed in shards of at most 200, so the
search page answers shard by shard (static/search-engine.js) and merges what the shards find.

Every clipping holds "lanternfish"; every 37th also "quernstone". What each query must find is computed here from
the archive written, so the tests check the exact clippings, their order and the count, not just that some appear.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

import pytest
from browser import serve
from conftest import SEARCH_TIMEOUT, run_build
from playwright.sync_api import Page, expect

PREFIX = "/archive/"
COUNT = 3000
SHARD_SIZE = 200
START = dt.date(2016, 1, 1)
SOURCES = ("Harbour Gazette", "Northcape Courier", "Bay Ledger", "Tidewater Post", "Quay Times")
OPENINGS = ("The port authority said", "Fishermen on the north quay reported", "Council minutes record that",
            "A spokesperson for the ferry line confirmed", "Residents near the breakwater said")
RARE = 37
"""Every RARE-th clipping holds the rare word."""
TIMEOUT = 4 * SEARCH_TIMEOUT
"""A query over every shard of 3,000 clippings, on a loaded CI machine."""


def day(i: int) -> dt.date:
    return START + dt.timedelta(days=i)


def source(i: int) -> str:
    return SOURCES[i % len(SOURCES)]


def rare(i: int) -> bool:
    return i % RARE == 0


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The archive of COUNT clippings, built with small shards and served under /archive/."""
    root = tmp_path_factory.mktemp("progressive")
    content = root / "content"
    content.mkdir()
    for i in range(COUNT):
        words = "quernstone and " if rare(i) else ""
        (content / f"note-{i:04d}.md").write_text(
            f'---\ntitle: "Harbour notes {i:04d}"\ndate: {day(i).isoformat()}\nsource: "{source(i)}"\n'
            f"id: note-{i:04d}\n---\n{OPENINGS[i % len(OPENINGS)]} the {words}lanternfish catch of day {i} "
            f"was weighed at {i % 97} tonnes.\n", encoding="utf-8")
    config = root / "sitegen.toml"
    config.write_text(f'title = "Shards Test Archive"\nlanguage = "en"\nsearch_shard_size = {SHARD_SIZE}\n',
                      encoding="utf-8")
    out = root / "public"
    assert run_build(content, out, "--config", str(config), "--base-url", PREFIX) == 0
    shards = [p for p in (out / "pagefind").iterdir() if p.is_dir()]
    assert len(shards) >= 10  # the point of these tests: many shards are searched and merged
    with serve(out, PREFIX) as origin:
        yield origin + PREFIX


def record_statuses(page: Page) -> None:
    """Keep every text the status line shows, in order, in the page (so none is missed between polls)."""
    page.add_init_script("""
      window.__said = [];
      new MutationObserver(() => {
        const status = document.getElementById("search-status");
        const text = status && status.textContent.trim();
        if (!text || status.querySelector("noscript")) return;
        if (window.__said[window.__said.length - 1] !== text) window.__said.push(text);
      }).observe(document, { subtree: true, childList: true, characterData: true });
    """)


def said(page: Page) -> list[str]:
    return page.evaluate("window.__said")


def finished(page: Page, text: str) -> None:
    """Wait until the search is over (the page drops aria-busy) and says `text`."""
    expect(page.locator("#search-status")).to_have_text(text, timeout=TIMEOUT)
    expect(page.locator("#search")).not_to_have_attribute("aria-busy", "true", timeout=TIMEOUT)


def dates(page: Page) -> list[dt.date]:
    """The date of each result on the page, in order, read from its address (/archive/YYYY/MM/DD/...)."""
    hrefs = page.locator("#search-results li > a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [dt.date(*map(int, re.match(r"/archive/(\d{4})/(\d\d)/(\d\d)/", href).groups())) for href in hrefs]


def show(page: Page, count: int, total: int) -> None:
    """Press "Show more results" until `count` of the `total` results are on the page."""
    links = page.locator("#search-results li > a")
    while links.count() < count:
        shown = links.count()
        page.click("#search-more")
        expect(links).to_have_count(min(total, shown + 20), timeout=TIMEOUT)
    if count == total:
        expect(page.locator("#search-more")).to_be_hidden()


def test_a_word_in_every_clipping_shows_results_and_counts_them_all(page: Page, site_url: str) -> None:
    record_statuses(page)
    page.goto(site_url + "search/?q=lanternfish")
    expect(page.locator("#search-results li")).to_have_count(20, timeout=TIMEOUT)
    finished(page, "3,000 clippings found for “lanternfish”.")
    expect(page.locator("#search-results li")).to_have_count(20)
    expect(page.locator("#search-results li").first.locator(".excerpt mark")).to_have_text(["lanternfish"])
    # Before the end the count is marked as a lower bound; no other count is ever shown as found.
    for text in said(page):
        assert (text == "Searching…" or text.startswith("At least ") and text.endswith("still searching…")
                or text == "3,000 clippings found for “lanternfish”."), text
    assert len(set(dates(page))) == 20


@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_newest_and_oldest_first_are_exact_across_shards(page: Page, site_url: str, order: str) -> None:
    page.goto(site_url + f"search/?q=lanternfish&sort={order}")
    finished(page, "3,000 clippings found for “lanternfish”.")
    every = [day(i) for i in range(COUNT)]
    expected = sorted(every, reverse=order == "newest")
    assert dates(page) == expected[:20]
    show(page, 60, COUNT)
    assert dates(page) == expected[:60]


def test_a_rare_word_newest_first_lists_every_clipping_in_order(page: Page, site_url: str) -> None:
    expected = sorted((day(i) for i in range(COUNT) if rare(i)), reverse=True)
    page.goto(site_url + "search/?q=quernstone&sort=newest")
    finished(page, f"{len(expected)} clippings found for “quernstone”.")
    show(page, len(expected), len(expected))
    assert dates(page) == expected


def test_filters_return_exactly_the_clippings_they_name(page: Page, site_url: str) -> None:
    by_source = {day(i) for i in range(COUNT) if rare(i) and source(i) == "Bay Ledger"}
    page.goto(site_url + "search/?q=quernstone&source=Bay+Ledger")
    finished(page, f"{len(by_source)} clippings found for “quernstone”.")
    assert sorted(dates(page)) == sorted(by_source)
    expect(page.locator("#search-results .meta")).to_contain_text(["Bay Ledger"] * len(by_source))

    in_2019 = sorted((day(i) for i in range(COUNT) if rare(i) and day(i).year == 2019), reverse=True)
    page.goto(site_url + "search/?q=quernstone&year=2019&sort=newest")
    finished(page, f"{len(in_2019)} clippings found for “quernstone”.")
    assert dates(page) == in_2019

    every_2019 = sum(day(i).year == 2019 for i in range(COUNT))
    page.goto(site_url + "search/?q=lanternfish&year=2019&source=Quay+Times&sort=oldest")
    expected = sorted(day(i) for i in range(COUNT) if day(i).year == 2019 and source(i) == "Quay Times")
    finished(page, f"{len(expected)} clippings found for “lanternfish”.")
    assert every_2019 > len(expected) > 20
    show(page, len(expected), len(expected))
    assert dates(page) == expected


def test_best_match_lists_every_clipping_of_a_rare_word_once(page: Page, site_url: str) -> None:
    expected = sorted(day(i) for i in range(COUNT) if rare(i))
    page.goto(site_url + "search/?q=quernstone")
    finished(page, f"{len(expected)} clippings found for “quernstone”.")
    show(page, len(expected), len(expected))
    assert sorted(dates(page)) == expected
