"""Search in a real browser: Chromium (Debian's, driven by Playwright) on the built site served under /archive/.

The search fixture archive is indexed in six shards, so every query here runs across all of them.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve
from conftest import SEARCH_TIMEOUT
from playwright.sync_api import Browser, Page, expect

PREFIX = "/archive/"


@pytest.fixture(scope="module")
def site_url(search_site: Path) -> Iterator[str]:
    """The built site served on a free port under the sub-path /archive/, as GitHub Pages serves a project."""
    with serve(search_site, PREFIX) as origin:
        yield origin + PREFIX


def results(page: Page, count: int) -> list[tuple[str, str]]:
    """Wait until the page reports `count` results and shows them; (title, href) of each, in order."""
    noun = "clipping" if count == 1 else "clippings"
    expect(page.locator("#search-status")).to_contain_text(f"{count} {noun} found", timeout=SEARCH_TIMEOUT)
    links = page.locator("#search-results li > a")
    expect(links).to_have_count(count, timeout=SEARCH_TIMEOUT)
    return [(link.text_content() or "", link.get_attribute("href") or "") for link in links.all()]


def test_a_word_from_one_clipping_body_finds_that_clipping(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.fill("#search-q", "quillwort")
    assert results(page, 1) == [("Lighthouse keepers' union marks its centenary",
                                 "/archive/2019/05/14/lighthouse-keepers-union-marks-its-centenary-keepers.html")]
    expect(page.locator("#search-results .excerpt mark")).to_have_text(["quillwort"])
    expect(page.locator("#search-results .meta")).to_have_text(["14 May 2019 · Northcape Courier"])
    assert page.url == site_url + "search/?q=quillwort"  # the search can be linked


def test_one_query_spans_every_shard_and_a_source_filter_narrows_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=harbour")
    found = results(page, 4)
    assert {href.split("/")[2] for _, href in found} == {"2024", "2023", "2021", "undated"}  # four shards
    page.select_option("select[name=source]", "Bay Ledger")
    narrowed = results(page, 3)
    assert {href for _, href in narrowed} < {href for _, href in found}
    expect(page.locator("#search-results .meta")).not_to_contain_text(["Northcape Courier"])
    assert "source=Bay+Ledger" in page.url
    page.select_option("select[name=year]", "2023")
    assert [title for title, _ in results(page, 1)] == ["Harbour dredging contract awarded"]


def test_newest_and_oldest_first_order_results_across_shards(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=harbour&sort=newest")
    expect(page.locator("select[name=sort]")).to_have_value("newest")
    newest = [href.split("/")[2:5] for _, href in results(page, 4)]
    assert newest == [["2024", "06", "20"], ["2023", "09", "12"], ["2021", "02", "03"], ["undated"] + newest[3][1:]]
    page.select_option("select[name=sort]", "oldest")
    expect(page).to_have_url(site_url + "search/?q=harbour&sort=oldest")
    oldest = [href.split("/")[2] for _, href in results(page, 4)]
    assert oldest == ["2021", "2023", "2024", "undated"]


@pytest.mark.parametrize(("query", "title", "lang"), [
    ("römorkör", "Liman idaresi yeni bir römorkör satın aldı", "tr"),
    ("romorkor", "Liman idaresi yeni bir römorkör satın aldı", "tr"),
    ("Schleusenwärter", "Neue Schleuse am Nordkanal eröffnet", "de"),
    ("cruceristas", "Nueva terminal de cruceros en Puerto Ventisca", "es"),
], ids=["turkish", "turkish-without-diacritics", "german", "spanish"])
def test_clippings_in_other_languages_are_found(page: Page, site_url: str, query: str, title: str,
                                                lang: str) -> None:
    page.goto(site_url + "search/")
    page.fill("#search-q", query)
    assert [t for t, _ in results(page, 1)] == [title]
    expect(page.locator("#search-results li > a")).to_have_attribute("lang", lang)


def test_keyboard_only_search_and_open_a_result(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/")
    page.focus("#search-q")
    page.keyboard.type("dredging")
    page.keyboard.press("Enter")
    results(page, 1)
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#search-results') !== null"):
            break
    else:
        pytest.fail("Tab never reached the first result")
    page.keyboard.press("Enter")
    page.wait_for_url(site_url + "2023/09/12/**")
    expect(page.locator("h1")).to_have_text("Harbour dredging contract awarded")


def test_clicking_a_result_opens_the_clipping_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=Schleusenw%C3%A4rter")
    results(page, 1)
    page.click("#search-results li > a")
    page.wait_for_url(site_url + "2023/11/30/**")
    expect(page.locator("h1")).to_have_text("Neue Schleuse am Nordkanal eröffnet")


def test_the_header_search_box_leads_to_results(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.fill("#site-search-q", "quillwort")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(site_url + "search/?q=quillwort")
    assert len(results(page, 1)) == 1
    expect(page.locator("#search-q")).to_have_value("quillwort")


def test_without_javascript_the_header_box_still_reaches_the_search_page(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "2019/")
    page.fill("#site-search-q", "harbour")
    page.press("#site-search-q", "Enter")
    page.wait_for_url(site_url + "search/?q=harbour")
    # Chromium's script switch leaves <noscript> unparsed, so read its source rather than its rendering.
    assert "Searching needs JavaScript" in page.locator("#search-status noscript").inner_html()
    expect(page.locator("h1")).to_have_text("Search")
    context.close()


def test_markup_in_titles_and_text_is_shown_as_text(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=quaylamp")
    assert [t for t, _ in results(page, 1)] == ["<img src=x onerror=alert(1)> Quay lights switched to LED"]
    expect(page.locator("#search-results img, #search-results script")).to_have_count(0)
    page.fill("#search-q", "alert")
    results(page, 1)
    expect(page.locator("#search-results .excerpt")).to_contain_text("<script>alert(1)</script>")
    expect(page.locator("#search-results img, #search-results script")).to_have_count(0)


def test_filters_narrow_a_search_but_do_not_replace_it(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?source=Bay+Ledger")
    expect(page.locator("select[name=source]")).to_have_value("Bay Ledger")
    expect(page.locator("#search-status")).to_contain_text("Type at least two letters")
    expect(page.locator("#search-results li")).to_have_count(0)
    page.fill("#search-q", "harbour")
    assert len(results(page, 3)) == 3


def test_no_results_and_a_missing_index_are_said_plainly(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=zeppelinhangar")
    expect(page.locator("#search-status")).to_contain_text("No clippings found for “zeppelinhangar”")
    expect(page.locator("#search-results li")).to_have_count(0)
    page.route("**/pagefind/**", lambda route: route.abort())
    page.goto(site_url + "search/?q=harbour")
    expect(page.locator("#search-status")).to_contain_text("Search is not available right now")
