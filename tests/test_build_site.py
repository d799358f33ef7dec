"""End to end: build the example archive with the CLI and check the HTML a reader gets."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from helpers import clipping_pages, html_files, page_for, parse

HARBOUR = "/sources/harbour-gazette/"


DATED_CLIPPING = re.compile(r"^/\d{4}/\d\d/\d\d/[^/]+\.html$")
"""A dated clipping's address: a page in its day's folder (whose own page is the folder's index.html)."""


def article_urls(public: Path) -> list[str]:
    return sorted("/" + p.relative_to(public).as_posix() for p in clipping_pages(public, "[0-9]*/*/*/*.html"))


def undated_urls(public: Path) -> list[str]:
    return ["/undated/" + p.name for p in clipping_pages(public, "undated/*.html")]


def find_article(public: Path, title_part: str) -> tuple[str, Path]:
    for url in article_urls(public) + undated_urls(public):
        page = page_for(public, url)
        if title_part in parse(page).h1[0]:
            return url, page
    raise AssertionError(f"no clipping page titled like {title_part!r}")


def test_every_readable_clipping_has_its_page(built_site: Path) -> None:
    assert len(article_urls(built_site)) == 16
    assert len(undated_urls(built_site)) == 1


def test_clipping_page_shows_title_dates_source_categories_and_original(built_site: Path) -> None:
    url, path = find_article(built_site, "deep-water berth")
    assert url.startswith("/2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-")
    page = parse(path)
    assert page.h1 == ["Harbour board approves deep-water berth at Eastquay"]
    assert page.title.startswith("Harbour board approves deep-water berth at Eastquay · Example Clippings Archive")
    assert "2024-03-11" in page.times
    hrefs = [href for href, _ in page.links]
    assert HARBOUR in hrefs
    assert "/categories/international/" in hrefs and "/categories/ports/" in hrefs
    assert any(h.startswith("https://") for h in hrefs)
    assert "/categories/english/" not in hrefs


def test_language_is_a_language_not_a_category(built_site: Path) -> None:
    _, path = find_article(built_site, "Yalıköy")
    page = parse(path)
    assert page.html_lang == "en"
    assert "tr" in page.langs
    assert not (built_site / "categories/turkish").exists()


def test_neighbours_in_time_link_both_ways(built_site: Path) -> None:
    urls = article_urls(built_site)
    by_date = sorted(urls)  # dates lead the address, so this is time order by day
    for url in by_date:
        links = {a.get("rel"): href for href, a in parse(page_for(built_site, url)).links
                 if a.get("rel") in ("prev", "next")}
        for rel, back in (("prev", "next"), ("next", "prev")):
            if rel in links:
                target = {a.get("rel"): h for h, a in parse(page_for(built_site, links[rel])).links}
                assert target.get(back) == url


def test_timeline_pages_for_year_month_day(built_site: Path) -> None:
    day = parse(page_for(built_site, "/2024/03/11/"))
    assert day.h1 == ["11 March 2024"]
    hrefs = [urljoin("/2024/03/11/", href) for href, _ in day.links]  # a day links its clippings relatively
    assert sum(1 for href in hrefs if href.startswith("/2024/03/11/") and DATED_CLIPPING.match(href)) == 2
    month = parse(page_for(built_site, "/2024/03/"))
    assert month.h1 == ["March 2024"]
    assert "3 clippings" in month.text
    year = parse(page_for(built_site, "/2024/"))
    assert year.h1 == ["2024"]
    assert "/2024/03/" in [href for href, _ in year.links]
    timeline = parse(page_for(built_site, "/timeline/"))
    assert "/2023/" in [href for href, _ in timeline.links] and "/2024/" in [href for href, _ in timeline.links]


def test_invalid_published_date_falls_back_to_capture_date(built_site: Path) -> None:
    url, _ = find_article(built_site, "revised tide tables")
    assert url.startswith("/2024/04/08/")


def test_source_spelled_in_two_cases_is_one_paginated_source(built_site: Path) -> None:
    assert not (built_site / "sources/harbour-gazette-2").exists()
    front = parse(page_for(built_site, HARBOUR))
    assert "Harbour Gazette" in front.h1[0]
    assert "7 clippings" in front.text
    older = [href for href, a in front.links if a.get("rel") == "next"]
    assert older == [HARBOUR + "page/1/"] * len(older) and older
    page1 = parse(page_for(built_site, HARBOUR + "page/1/"))
    newer = {href for href, a in page1.links if a.get("rel") == "prev"}
    assert newer == {HARBOUR}
    listed = [h for p in (front, page1) for h, _ in p.links if DATED_CLIPPING.match(h)]
    assert len(set(listed)) == 7
    dates = [h[1:11] for h, _ in front.links if DATED_CLIPPING.match(h) and "rel" not in _]
    assert dates == sorted(dates, reverse=True)


def test_same_title_same_day_get_two_addresses(built_site: Path) -> None:
    pages = [u for u in article_urls(built_site) if "customs-office-extends-opening-hours" in u]
    assert len(pages) == 2 and all(u.startswith("/2024/07/08/") for u in pages)


def test_script_is_escaped_in_titles_and_bodies(built_site: Path) -> None:
    for path in html_files(built_site):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html, path
        assert "<b>raw</b>" not in html, path
        assert not re.search(r"""href=["']?\s*javascript:""", html, re.I), path
    _, path = find_article(built_site, "Port fees rise")
    html = path.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; Port fees rise" in html
    assert "*not emphasis*" in html and "# not a heading" in html
    _, path = find_article(built_site, "briefly defaced")
    assert "&lt;b&gt;raw&lt;/b&gt;" in path.read_text(encoding="utf-8")


def test_text_fallback_legacy_code_page_is_decoded(built_site: Path) -> None:
    _, path = find_article(built_site, "Kuşkaya")
    assert "Kuşkaya balıkçı barınağı genişletiliyor" in parse(path).h1[0]


def test_every_internal_link_resolves(built_site: Path) -> None:
    for path in html_files(built_site):
        address = "/" + path.relative_to(built_site).as_posix().removesuffix("index.html")
        for href, _ in parse(path).links:
            parts = urlsplit(urljoin(address, href))  # relative links (a day's clippings) resolve from the page
            if parts.scheme or href.startswith("#"):
                continue
            assert page_for(built_site, parts.path).is_file(), f"{path}: broken link {href}"


def test_every_clipping_is_reachable_from_home(built_site: Path) -> None:
    seen, queue = set(), ["/"]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        for href, _ in parse(page_for(built_site, url)).links:
            if href.startswith("/") and href.endswith(("/", ".html")):
                queue.append(href)
    expected = set(article_urls(built_site)) | set(undated_urls(built_site))
    assert expected <= seen


def test_sources_and_categories_indexes(built_site: Path) -> None:
    sources = parse(page_for(built_site, "/sources/"))
    assert "Karadeniz Postası" in sources.text and "Süddeutsche Rundschau" in sources.text
    assert "/sources/karadeniz-postasi/" in [h for h, _ in sources.links]
    categories = parse(page_for(built_site, "/categories/"))
    assert "/categories/ports/" in [h for h, _ in categories.links]
    assert "English" not in categories.text


def test_static_files_are_copied(built_site: Path) -> None:
    assert (built_site / "style.css").is_file()
    assert 'href="/style.css"' in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("url", ["/", "/timeline/", "/sources/", "/categories/", "/2024/", "/undated/"])
def test_pages_have_one_h1(built_site: Path, url: str) -> None:
    assert len(parse(page_for(built_site, url)).h1) == 1
