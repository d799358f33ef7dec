"""Every page type in a real browser (Debian's Chromium through Playwright), at a phone's, a tablet's and a
desk's width, in light and dark: no horizontal scrolling, no axe-core violations, and a screenshot of each.
The example archive is built for https://name.github.io/archive/ and served under /archive/ as Pages would.

One browser for the session, one tab per width, reused page after page. Screenshots go to a temporary
folder whose path is printed at the end of the session (`pytest -rA` shows it).
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from browser import axe_source, serve
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import clipping_pages, page_for

playwright_api = pytest.importorskip("playwright.sync_api")

CLIPPING = "/2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-653c24d7.html"
MARKDOWN_CLIPPING = "/2024/09/20/neue-fahre-fur-die-ostmarrener-hafenlinie-d83d13e2.html"
TURKISH = "/2024/08/05/yalikoy-iskelesinde-yenileme-calismalari-basladi-e6bb45b5.html"
PAGE_TYPES = {
    "home": "/",
    "clipping": CLIPPING,
    "clipping-markdown-de": MARKDOWN_CLIPPING,
    "timeline": "/timeline/",
    "year": "/2024/",
    "month": "/2024/03/",
    "day": "/2024/03/11/",
    "undated": "/undated/",
    "sources": "/sources/",
    "source": "/sources/harbour-gazette/",
    "categories": "/categories/",
    "category": "/categories/ports/",
    "list-page-2": "/categories/international/page/2/",
    "404": "/no/such/page/",  # any missing address gets 404.html, as on GitHub Pages
    # A hook for the search page (issue 5): tested as soon as the build writes it.
    "search": "/search/",
}
OPTIONAL = {"search": "/search/index.html", "404": "/404.html"}
"""Page types other issues add, and the file whose presence says the build has them."""
ADDRESS = PUBLISHED_AT.rstrip("/") + CLIPPING
"""The clipping's public address, as citations give it."""
WIDTHS = (360, 768, 1280)


@pytest.fixture(scope="session")
def site_address(published_site: Path) -> Iterator[str]:
    """Where the site is served locally: the origin plus the base path, so `site_address + address` works."""
    with serve(published_site, "/archive/") as origin:
        yield origin + "/archive"


@pytest.fixture(scope="session")
def tabs(browser) -> dict[int, object]:
    """One tab per width, reused by every test at that width; axe-core is loaded into every page it opens."""
    axe = axe_source()
    tabs = {}
    for width in WIDTHS:
        tabs[width] = browser.new_page(viewport={"width": width, "height": 900})
        tabs[width].add_init_script(axe)
    return tabs


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    folder = tmp_path_factory.mktemp("screenshots")
    request.config.add_cleanup(lambda: print(f"\nscreenshots: {folder}"))
    return folder


def run_axe(page) -> list[str]:
    """axe-core's violations (every rule axe runs by default) on the page as it is now, one line per element."""
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at {node['target']}"
            for v in result["violations"] for node in v["nodes"]]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_page_type_fits_and_is_accessible(kind: str, width: int, published_site: Path, site_address: str, tabs,
                                         screenshots: Path) -> None:
    url = PAGE_TYPES[kind]
    if kind in OPTIONAL and not page_for(published_site, OPTIONAL[kind]).is_file():
        pytest.skip(f"{OPTIONAL[kind]} is not built yet")
    fits_and_is_accessible(tabs[width], site_address + url, 404 if kind == "404" else 200,
                           screenshots / f"{kind}-{width}")


def fits_and_is_accessible(page, address: str, status: int, screenshot: Path) -> None:
    """No sideways scrolling and no axe-core violation, in light and dark; a screenshot of each."""
    response = page.goto(address)
    assert response is not None and response.status == status
    width = page.viewport_size["width"]
    backgrounds = set()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{address} scrolls sideways by {overflow}px at {width}px ({scheme})"
        assert run_axe(page) == [], f"{address} at {width}px ({scheme})"
        backgrounds.add(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        page.screenshot(path=f"{screenshot}-{scheme}.png", full_page=True)
    assert len(backgrounds) == 2, "dark mode should change the page's colours"


# Right to left: every page type of the example archive with an Arabic interface, and the right-to-left fixture
# archive (Arabic, Hebrew and untagged Persian clippings) with an English one.
RTL_ARCHIVE = Path(__file__).parent / "rtl-archive"
ARABIC_CLIPPING = "/2024/03/11/myn-lzhr-yftth-rsyfan-jdydan-lsfn-lhwyt-cde9aec6.html"
RTL_PAGES = {"arabic-clipping": ARABIC_CLIPPING,
             "hebrew-clipping": "/2024/03/19/m-bvrt-khshmlyt-khdshh-tkhbr-t-hnml-ly-ce0f7f3e.html",
             "persian-clipping": "/2024/04/02/bndr-shmly-s-t-khr-gmrkh-r-fzysh-dd-46f82dbb.html",
             "english-clipping": "/2024/03/11/ferry-fares-frozen-for-the-summer-season-6d8f433d.html",
             "home": "/", "month": "/2024/03/", "day": "/2024/03/11/", "source": "/sources/shyf-lzhr/",
             "category": "/categories/mwny/", "search": "/search/"}


def built_and_served(tmp_path_factory: pytest.TempPathFactory, content: Path, settings: str) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    (folder / "sitegen.toml").write_text(settings, encoding="utf-8")
    assert run_build(content, folder / "public", "--config", str(folder / "sitegen.toml"),
                     "--base-url", PUBLISHED_AT) == 0
    with serve(folder / "public", "/archive/") as origin:
        yield origin + "/archive"


@pytest.fixture(scope="session")
def arabic_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example archive with an Arabic interface, served under /archive/."""
    settings = (EXAMPLE / "sitegen.toml").read_text(encoding="utf-8").replace('language = "en"', 'language = "ar"')
    yield from built_and_served(tmp_path_factory, EXAMPLE / "content", settings)


@pytest.fixture(scope="session")
def rtl_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The right-to-left fixture archive with an English interface, served under /archive/."""
    yield from built_and_served(tmp_path_factory, RTL_ARCHIVE / "content",
                                (RTL_ARCHIVE / "sitegen.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(PAGE_TYPES))
def test_arabic_interface_fits_and_is_accessible(kind: str, width: int, arabic_address: str, tabs,
                                                 screenshots: Path) -> None:
    fits_and_is_accessible(tabs[width], arabic_address + PAGE_TYPES[kind], 404 if kind == "404" else 200,
                           screenshots / f"ar-{kind}-{width}")


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("kind", list(RTL_PAGES))
def test_right_to_left_clippings_fit_and_are_accessible(kind: str, width: int, rtl_address: str, tabs,
                                                        screenshots: Path) -> None:
    fits_and_is_accessible(tabs[width], rtl_address + RTL_PAGES[kind], 200, screenshots / f"rtl-{kind}-{width}")


def box(page, selector: str) -> dict[str, float]:
    return page.locator(selector).first.bounding_box()


def test_an_arabic_page_is_mirrored(arabic_address: str, tabs) -> None:
    page = tabs[1280]
    page.goto(arabic_address + CLIPPING)
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # The site's name starts the header on the right; the breadcrumbs run right to left, their separators too.
    assert box(page, ".brand")["x"] > box(page, "header.site nav")["x"]
    crumbs = page.locator(".crumbs li")
    assert crumbs.nth(0).bounding_box()["x"] > crumbs.nth(1).bounding_box()["x"]
    assert page.evaluate("getComputedStyle(document.querySelectorAll('.crumbs li')[1], '::before').content") == '"‹"'
    # The earlier clipping is on the right (where reading starts), the later on the left.
    assert box(page, ".neighbours .previous")["x"] > box(page, ".neighbours .next")["x"]
    # The English title keeps its own direction inside the Arabic page.
    assert page.evaluate("getComputedStyle(document.querySelector('main h1')).direction") == "ltr"


def test_compact_arabic_neighbours_point_the_way_the_page_runs(tmp_path: Path, browser) -> None:
    settings = 'language = "ar"\npage_style = "compact"\n'
    (tmp_path / "sitegen.toml").write_text(settings, encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(tmp_path / "sitegen.toml")) == 0
    page = browser.new_page(viewport={"width": 768, "height": 900})
    try:
        with serve(tmp_path / "out") as address:
            page.goto(address + CLIPPING)
            earlier, later = page.locator(".neighbours [rel=prev]"), page.locator(".neighbours [rel=next]")
            assert earlier.bounding_box()["x"] > later.bounding_box()["x"]
            assert page.evaluate("getComputedStyle(document.querySelector('[rel=prev]'), '::before').content") \
                == '"→ "'
            assert page.evaluate("getComputedStyle(document.querySelector('[rel=next]'), '::after').content") \
                == '" ←"'
    finally:
        page.close()


def test_an_arabic_clipping_reads_right_to_left_in_an_english_page(rtl_address: str, tabs) -> None:
    page = tabs[1280]
    page.goto(rtl_address + ARABIC_CLIPPING)
    assert page.evaluate("getComputedStyle(document.body).direction") == "ltr"
    body = page.locator(".body")
    assert body.evaluate("e => getComputedStyle(e).direction") == "rtl"
    # The quotation's rule is on the right of the Arabic text, where its lines start.
    quote = page.locator(".body blockquote")
    assert quote.evaluate("e => getComputedStyle(e).borderRightWidth") == "3px"
    assert quote.evaluate("e => getComputedStyle(e).borderLeftWidth") == "0px"
    title = box(page, "main h1")
    assert abs(title["x"] + title["width"] - (box(page, ".body")["x"] + box(page, ".body")["width"])) < 2
    page.goto(rtl_address + "/2024/03/")
    # In a list, the Arabic title runs right to left; the date under it keeps its English order, the Arabic
    # source name after it.
    line = page.locator(".entries li", has_text="الزهراء يفتتح")
    assert line.locator("a").evaluate("e => getComputedStyle(e).direction") == "rtl"
    assert line.inner_text().split("\n")[-1] == "11 March 2024 · صحيفة الزهراء"  # under the title
    date = line.evaluate(  # the date: the text after the link, a line below it, before the <bdi>
        "e => { const r = document.createRange(); r.selectNodeContents(e.querySelector('br').nextSibling);"
        " return r.getBoundingClientRect().toJSON() }")
    assert date["x"] < line.locator("bdi").bounding_box()["x"]
    assert date["y"] >= line.locator("a").bounding_box()["y"] + line.locator("a").bounding_box()["height"] - 1


def test_skip_link_is_first_visible_on_focus_and_moves_to_main(site_address: str, tabs) -> None:
    page = tabs[360]
    page.goto(site_address + CLIPPING)
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement, r = e.getBoundingClientRect();
        return {cls: e.className, top: r.top, outline: getComputedStyle(e).outlineStyle}; }""")
    assert focused["cls"] == "skip" and focused["top"] >= 0 and focused["outline"] == "solid"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_every_link_shows_a_focus_ring(site_address: str, tabs) -> None:
    page = tabs[1280]
    page.goto(site_address + CLIPPING)
    styles = set()
    for _ in range(12):
        page.keyboard.press("Tab")
        styles.add(page.evaluate("getComputedStyle(document.activeElement).outlineStyle"))
    assert styles == {"solid"}


def test_chart_bars_are_named_links_reachable_by_keyboard(site_address: str, tabs) -> None:
    page = tabs[768]
    page.goto(site_address + "/2024/")
    march = page.get_by_role("link", name="March 2024: 3 clippings")
    assert march.count() == 1
    assert page.get_by_role("link", name="February 2024: 0 clippings").count() == 0  # an empty month is no link
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('svg') !== null"):
            break
    else:
        raise AssertionError("no chart bar took keyboard focus")
    assert page.evaluate("document.activeElement.querySelector('title').textContent") == "January 2024: 1 clipping"
    page.keyboard.press("Enter")
    page.wait_for_url("**/2024/01/")
    page.goto(site_address + "/2024/")
    march.click()
    page.wait_for_url("**/2024/03/")
    assert page.locator("h1").inner_text() == "March 2024"


def test_month_labels_shrink_to_one_letter_on_a_phone(site_address: str, tabs) -> None:
    for width, visible in ((360, "M"), (1280, "Mar")):
        page = tabs[width]
        page.goto(site_address + "/2024/")
        labels = page.locator(".chart text.l:visible").all_text_contents()
        assert visible in labels and len(labels) == 12


def test_one_click_selects_the_whole_citation(site_address: str, tabs) -> None:
    page = tabs[360]
    page.goto(site_address + CLIPPING)
    page.locator(".citation").click()
    expected = f'Harbour Gazette, "Harbour board approves deep-water berth at Eastquay", 11 March 2024, {ADDRESS}'
    assert page.evaluate("getSelection().toString()").strip() == expected


def download(page, name: str) -> tuple[str, str]:
    """Click the button named `name` and return (file name, text) of what the browser downloads."""
    with page.expect_download() as info:
        page.get_by_role("button", name=name, exact=True).click()
    return info.value.suggested_filename, Path(info.value.path()).read_bytes().decode("utf-8")


def test_ris_download_is_a_newspaper_record(site_address: str, tabs) -> None:
    page = tabs[1280]
    page.goto(site_address + CLIPPING)
    name, ris = download(page, "Download RIS")
    assert name == "harbour-board-approves-deep-water-berth-at-eastquay-653c24d7.ris"
    assert ris.endswith("ER  - \r\n") and "\n" not in ris.replace("\r\n", "")
    assert ris.split("\r\n") == [
        "TY  - NEWS", "TI  - Harbour board approves deep-water berth at Eastquay", "T2  - Harbour Gazette",
        "PY  - 2024", "DA  - 2024/03/11", "KW  - International", "KW  - Ports", "LA  - en",
        f"UR  - {ADDRESS}", "ER  - ", ""]


def test_bibtex_download_is_one_entry(site_address: str, tabs) -> None:
    page = tabs[360]
    page.goto(site_address + TURKISH)
    name, bib = download(page, "Download BibTeX")
    assert name == "yalikoy-iskelesinde-yenileme-calismalari-basladi-e6bb45b5.bib"
    assert bib == ("@article{yalikoy-iskelesinde-yenileme-calismalari-basladi-e6bb45b5,\n"
                   "  title = {Yalıköy iskelesinde yenileme çalışmaları başladı},\n"
                   "  journal = {Karadeniz Postası},\n  date = {2024-08-05},\n  year = {2024},\n"
                   "  language = {tr},\n  url = {" + PUBLISHED_AT.rstrip("/") + TURKISH + "},\n"
                   "  month = aug,\n}\n")


def test_downloads_escape_bibtex_and_use_the_page_address_without_a_base_url(browser, tmp_path: Path,
                                                                              content_dir) -> None:
    content = content_dir({"fees.md": "---\ntitle: 'Fees {up} 5% & rising_fast #1'\n---\nText.\n"})
    assert run_build(content, tmp_path / "out", "--base-url", "/") == 0
    (path,) = clipping_pages(tmp_path / "out", "undated/*.html")
    page = browser.new_page()
    try:
        with serve(tmp_path / "out") as address:
            url = f"{address}/undated/{path.name}"
            page.goto(url)
            _, bib = download(page, "Download BibTeX")
            _, ris = download(page, "Download RIS")
    finally:
        page.close()
    assert r"title = {Fees \{up\} 5\% \& rising\_fast \#1}," in bib
    assert f"url = {{{url}}}" in bib and "year" not in bib and "journal" not in bib
    assert f"UR  - {url}\r\n" in ris and "DA  -" not in ris


def test_copy_button_puts_the_citation_on_the_clipboard(site_address: str, tabs) -> None:
    page = tabs[768]
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(site_address + CLIPPING)
    page.get_by_role("button", name="Copy citation").click()
    page.get_by_role("status").get_by_text("Copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == page.locator(".citation").inner_text().strip()


def test_print_shows_the_clipping_with_source_date_and_address(site_address: str, tabs) -> None:
    page = tabs[1280]
    page.goto(site_address + CLIPPING)
    page.emulate_media(media="print")
    try:
        for hidden in ("header.site nav", ".crumbs", ".neighbours", ".more", ".tools", "footer.site"):
            assert not page.locator(hidden).first.is_visible(), hidden
        for shown in ("h1", ".body", ".facts", ".citation"):
            assert page.locator(shown).is_visible(), shown
        assert ADDRESS in page.locator(".citation").inner_text()
        after = page.evaluate("getComputedStyle(document.querySelector('.facts a[rel~=external]'), '::after').content")
        assert "https://harbour-gazette.example.com/" in after
    finally:
        page.emulate_media(media="screen")


def test_clipping_reads_without_script_and_with_one_stylesheet(site_address: str, browser) -> None:
    page = browser.new_page(java_script_enabled=False)
    try:
        page.goto(site_address + CLIPPING)
        assert page.locator(".body").inner_text().startswith("The Eastquay harbour board voted on Monday")
        assert page.locator(".citation").is_visible()
        # The citation tools come with the script, or not at all (the header's search form works without it).
        assert page.locator("main").get_by_role("button").count() == 0
        assert page.evaluate("document.styleSheets.length") == 1
    finally:
        page.close()


def test_long_unbroken_words_never_make_a_phone_scroll_sideways(browser, tmp_path: Path, content_dir) -> None:
    long_word = "Hafenbetriebsgesellschaftsverwaltungsratsvorsitzendenstellvertreterwahl" * 2
    clippings = {f"c{i}.md": f"---\ntitle: {long_word} {i}\ndate: 2025-03-1{i}\nsource: {long_word}\n"
                             f"categories: [{long_word}]\nurl: https://example.org/{long_word}\n---\n{long_word}\n"
                 for i in range(3)}
    assert run_build(content_dir(clippings), tmp_path / "out", "--base-url", "https://archive.example.org/") == 0
    (clipping,) = clipping_pages(tmp_path / "out", "2025/03/11/*.html")
    urls = ["/", "/sources/", "/2025/", "/2025/03/11/", "/" + clipping.relative_to(tmp_path / "out").as_posix()]
    page = browser.new_page(viewport={"width": 360, "height": 800})
    try:
        with serve(tmp_path / "out") as address:
            for url in urls:
                page.goto(address + url)
                assert page.evaluate("document.documentElement.scrollWidth - innerWidth") <= 0, url
    finally:
        page.close()


@pytest.fixture(scope="session")
def compact_address(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The example archive with compact pages (as large archives get them) and one source as excerpts, served."""
    folder = tmp_path_factory.mktemp("compact-site")
    config = folder / "sitegen.toml"
    config.write_text('page_style = "compact"\nexcerpt_only = ["Harbour Gazette"]\n', encoding="utf-8")
    assert run_build(EXAMPLE / "content", folder / "public", "--config", str(config), "--base-url", "/archive/") == 0
    with serve(folder / "public", "/archive/") as origin:
        yield origin + "/archive"


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("url", [CLIPPING, TURKISH, "/2024/03/", "/2024/03/11/", "/categories/ports/"],
                         ids=["excerpt", "clipping", "month", "day", "category"])
def test_compact_pages_fit_and_are_accessible(url: str, width: int, compact_address: str, tabs) -> None:
    page = tabs[width]
    response = page.goto(compact_address + url)
    assert response is not None and response.status == 200
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}px ({scheme})"
        assert run_axe(page) == [], f"{url} at {width}px ({scheme})"
    if url == CLIPPING:
        assert page.get_by_role("link", name="read the whole article at harbour-gazette.example.com").is_visible()
