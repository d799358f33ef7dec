"""Search in every interface language, in Chromium: the search page's words and counts come from the catalog
(plural forms chosen by the browser's Intl.PluralRules), dates in results are the interface's, and a
right-to-left clipping's result runs right to left."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import serve
from conftest import SEARCH_ARCHIVE, SEARCH_TIMEOUT, run_build
from playwright.sync_api import Page, expect

RTL_ARCHIVE = Path(__file__).parent / "rtl-archive"


def served(tmp_path_factory: pytest.TempPathFactory, archive: Path, language: str) -> Iterator[str]:
    folder = tmp_path_factory.mktemp(f"search-{language}")
    settings = (archive / "sitegen.toml").read_text(encoding="utf-8").replace('language = "en"',
                                                                               f'language = "{language}"')
    (folder / "sitegen.toml").write_text(settings, encoding="utf-8")
    assert run_build(archive / "content", folder / "public", "--config", str(folder / "sitegen.toml"),
                     "--base-url", "/archive/") == 0
    with serve(folder / "public", "/archive/") as origin:
        yield origin + "/archive/"


@pytest.fixture(scope="module")
def arabic_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from served(tmp_path_factory, SEARCH_ARCHIVE, "ar")


@pytest.fixture(scope="module")
def russian_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from served(tmp_path_factory, SEARCH_ARCHIVE, "ru")


@pytest.fixture(scope="module")
def rtl_search(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from served(tmp_path_factory, RTL_ARCHIVE, "en")


def status(page: Page, text: str) -> None:
    expect(page.locator("#search-status")).to_have_text(text, timeout=SEARCH_TIMEOUT)


def test_search_speaks_arabic_with_its_plural_forms(page: Page, arabic_search: str) -> None:
    page.goto(arabic_search + "search/")
    status(page, "اكتب كلمة للبحث في كل المقالات.")
    page.fill("#search-q", "quillwort")
    status(page, "عُثر على مقال واحد عن «quillwort».")
    expect(page.locator("#search-results .meta")).to_have_text(["14 مايو 2019 · Northcape Courier"])
    page.fill("#search-q", "harbour")
    status(page, "عُثر على 4 مقالات عن «harbour».")  # `few`: 3 to 10
    page.fill("#search-q", "zeppelinhangar")
    status(page, "لم يُعثر على مقالات عن «zeppelinhangar». تحقّق من الإملاء، أو جرّب كلمات أخرى أو عوامل تصفية أقل.")
    expect(page.locator("select[name=sort] option")).to_have_text(["الأكثر صلة", "الأحدث أولًا", "الأقدم أولًا"])


def test_search_speaks_russian_with_its_plural_forms(page: Page, russian_search: str) -> None:
    page.goto(russian_search + "search/?q=harbour")
    status(page, "По запросу «harbour» найдены 4 публикации.")  # `few`
    page.fill("#search-q", "quillwort")
    status(page, "По запросу «quillwort» найдена 1 публикация.")  # `one`


def test_a_right_to_left_result_runs_right_to_left(page: Page, rtl_search: str) -> None:
    page.goto(rtl_search + "search/?q=يفتتح")
    status(page, "1 clipping found for “يفتتح”.")
    link = page.locator("#search-results li > a")
    expect(link).to_have_text("ميناء الزهراء يفتتح رصيفًا جديدًا لسفن الحاويات")
    assert link.get_attribute("dir") == "rtl" and link.get_attribute("lang") == "ar"
    assert page.locator("#search-results .excerpt").evaluate("e => getComputedStyle(e).direction") == "rtl"
    page.goto(rtl_search + "search/?q=cranes")
    status(page, "1 clipping found for “cranes”.")
    assert page.locator("#search-results li > a").get_attribute("dir") == "ltr"
