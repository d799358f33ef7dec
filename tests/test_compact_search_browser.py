"""Search on a compact site, in Chromium: result fragments keep only a lede, yet every word stays findable.

Compact sites cut each Pagefind result fragment to its first 40 words (see `sitegen.search.pagefind.trim_results`).
Pagefind's own script must still read the rewritten fragments, find a word that only the end of a long
clipping holds, and show the lede as that result's excerpt.
"""
from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from browser import serve
from conftest import SEARCH_ARCHIVE, SEARCH_TIMEOUT, run_build
from playwright.sync_api import Page, expect

PREFIX = "/archive/"

LEDE = ("The harbour museum opened its restored chart room on Saturday, with instruments lent by three families "
        "whose members served as pilots on the estuary.")
MIDDLE = " ".join(["Visitors walked past tide tables, signal flags and a row of brass lamps."] * 8)
LATE = "The last case holds a ship's compass on its gimbal, still swinging true after ninety winters."


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("compact-search")
    content = folder / "content"
    shutil.copytree(SEARCH_ARCHIVE / "content", content)
    (content / "chart-room.md").write_text(
        '---\ntitle: "Museum reopens its chart room"\nsource: "Bay Ledger"\ndate: 2022-04-09\nid: chart-room\n---\n'
        f"{LEDE}\n\n{MIDDLE}\n\n{LATE}\n", encoding="utf-8")
    config = folder / "sitegen.toml"
    config.write_text((SEARCH_ARCHIVE / "sitegen.toml").read_text(encoding="utf-8") + 'page_style = "compact"\n',
                      encoding="utf-8")
    assert run_build(content, folder / "public", "--config", str(config), "--base-url", PREFIX) == 0
    with serve(folder / "public", PREFIX) as origin:
        yield origin + PREFIX


def test_a_word_past_the_kept_lede_still_finds_its_clipping(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=gimbal")
    expect(page.locator("#search-status")).to_contain_text("1 clipping found", timeout=SEARCH_TIMEOUT)
    link = page.locator("#search-results li > a")
    expect(link).to_have_text("Museum reopens its chart room")
    assert link.get_attribute("href") == "/archive/2022/04/09/museum-reopens-its-chart-room-chart-ro.html"
    excerpt = page.locator("#search-results .excerpt")
    # The start of the text stands in for the far match (not the title again).
    expect(excerpt).to_have_text(" ".join(f"{LEDE} {MIDDLE}".split()[:30]) + " …")
    link.click()
    expect(page.locator("article .body")).to_contain_text(LATE)  # the page itself has the whole text


def test_a_word_in_the_lede_is_marked_in_the_excerpt(page: Page, site_url: str) -> None:
    page.goto(site_url + "search/?q=restored")
    result = page.locator("#search-results li").filter(has_text="Museum reopens its chart room")
    expect(result.locator(".excerpt mark")).to_have_text(["restored"], timeout=SEARCH_TIMEOUT)
