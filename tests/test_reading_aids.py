"""Reading aids on a clipping page, as a reader and a reference manager get them: the citation, Highwire tags,
breadcrumbs, reading time, more from the source and category; and the page's weight. (The RIS and BibTeX
downloads are made by static/cite.js in the browser: see test_browser.py.)"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import page_for, parse

CLIPPING = "/2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-653c24d7.html"
ADDRESS = PUBLISHED_AT + CLIPPING.lstrip("/")
TURKISH = "/2024/08/05/yalikoy-iskelesinde-yenileme-calismalari-basladi-e6bb45b5.html"


def clipping_pages(folder: Path, pattern: str = "*.html") -> list[Path]:
    """Clipping pages in folder matching pattern: `<slug>-<id>.html` files beside the day's own index.html
    (a list of the day's clippings, not a clipping)."""
    return sorted(p for p in folder.glob(pattern) if p.name != "index.html")


def html(site: Path, url: str) -> str:
    return page_for(site, url).read_text(encoding="utf-8")


def section(site: Path, url: str, heading: str) -> list[str]:
    """Addresses linked in the list of the `more` section whose heading starts with `heading`."""
    for part in html(site, url).split('<section class="more">')[1:]:
        if re.search(r"<h2>" + re.escape(heading), part):
            return re.findall(r'<li><a href="([^"]+)"', part.split("</section>")[0])
    return []


def test_highwire_tags_describe_the_clipping(published_site: Path, built_site: Path) -> None:
    meta = parse(page_for(published_site, CLIPPING)).meta
    assert meta["citation_title"] == "Harbour board approves deep-water berth at Eastquay"
    assert meta["citation_journal_title"] == "Harbour Gazette"
    assert meta["citation_publication_date"] == "2024/03/11"
    assert meta["citation_language"] == "en"
    assert meta["citation_keywords"] == "International; Ports"
    assert f'<link rel="canonical" href="{ADDRESS}">' in page_for(published_site, CLIPPING).read_text()
    assert "citation_public_url" not in meta  # the canonical link says it once (cite.js reads it)
    assert parse(page_for(published_site, TURKISH)).meta["citation_language"] == "tr"


def test_plain_citation_names_source_title_date_and_address(published_site: Path) -> None:
    text = parse(page_for(published_site, CLIPPING)).text
    assert f'Harbour Gazette, "Harbour board approves deep-water berth at Eastquay", 11 March 2024, {ADDRESS}' in text


def test_breadcrumbs_lead_home_year_month_day(built_site: Path) -> None:
    page = html(built_site, CLIPPING)
    crumbs = re.search(r'<nav class="crumbs" aria-label="Breadcrumb"><ol>(.*?)</ol></nav>', page, re.S).group(1)
    assert re.findall(r'<a href="([^"]+)">([^<]+)</a>', crumbs) == [
        ("/", "Home"), ("/2024/", "2024"), ("/2024/03/", "March"), ("/2024/03/11/", "11")]


def test_more_from_the_source_and_the_category_are_near_in_time_and_not_repeated(built_site: Path) -> None:
    from_source = section(built_site, CLIPPING, "More from")
    harbour = {h for h, _ in parse(page_for(built_site, "/sources/harbour-gazette/")).links} | \
              {h for h, _ in parse(page_for(built_site, "/sources/harbour-gazette/page/1/")).links}
    assert len(from_source) == 3 and set(from_source) <= harbour
    # Nearest in time: the two Harbour Gazette clippings after 11 March 2024 and the one before it.
    assert [u[:12] for u in from_source] == ["/2024/04/02/", "/2024/03/19/", "/2023/11/20/"]
    in_category = section(built_site, CLIPPING, 'More in <a href="/categories/ports/">')
    ports = {h for h, _ in parse(page_for(built_site, "/categories/ports/")).links}
    assert in_category and set(in_category) <= ports
    neighbours = {h for h, a in parse(page_for(built_site, CLIPPING)).links if a.get("rel") in ("prev", "next")}
    shown = from_source + in_category + sorted(neighbours)
    assert CLIPPING not in shown and len(shown) == len(set(shown))


def test_reading_time_and_no_related_blocks_when_alone(tmp_path: Path, content_dir) -> None:
    words = " ".join(["harbour"] * 700)
    content = content_dir({"long.md": "---\ntitle: A long report\ndate: 2025-03-11\nsource: Quay Post\n---\n"
                                      f"{words}\n"})
    assert run_build(content, tmp_path / "out") == 0
    (path,) = clipping_pages(tmp_path / "out/2025/03/11")
    url = "/" + path.relative_to(tmp_path / "out").as_posix()
    page = html(tmp_path / "out", url)
    assert "<dt>Reading time</dt><dd>3 min</dd>" in page
    assert 'class="more"' not in page


def test_without_an_absolute_base_url_the_citation_uses_the_path(tmp_path: Path, content_dir) -> None:
    content = content_dir({"a.md": "---\ntitle: Pier reopens\ndate: 2025-03-11\nsource: Quay Post\n---\nText.\n"})
    assert run_build(content, tmp_path / "out", "--base-url", "/archive/") == 0
    (path,) = clipping_pages(tmp_path / "out/2025/03/11")
    page = parse(path)
    assert path.name.startswith("pier-reopens-")
    assert f'Quay Post, "Pier reopens", 11 March 2025, /archive/2025/03/11/{path.name}' in page.text


def test_clipping_pages_are_light(built_site: Path) -> None:
    css = (built_site / "style.css").stat().st_size
    pages = clipping_pages(built_site, "[0-9]*/*/*/*.html")
    assert len(pages) == 16  # every dated clipping
    for path in pages:
        text = path.read_text(encoding="utf-8")
        # JSON-LD is data, not a script
        scripts = [tag for tag in re.findall(r"<script[^>]*>", text) if "application/ld+json" not in tag]
        assert scripts == ['<script src="/cite.js" defer>'], path  # one shared, deferred file; nothing inline
        assert len(re.findall(r'<link rel="stylesheet"', text)) == 1
        assert path.stat().st_size + css < 30_000, path


def test_captured_date_is_shown_only_when_it_differs(built_site: Path) -> None:
    same_day = html(built_site, CLIPPING)  # published and captured on 11 March 2024
    assert "<dt>Captured</dt>" not in same_day
    other_day = html(built_site, "/2024/09/20/neue-fahre-fur-die-ostmarrener-hafenlinie-d83d13e2.html")
    assert '<dt>Captured</dt><dd><time datetime="2024-09-21">21 September 2024</time></dd>' in other_day


def test_undated_clippings_come_last_in_more_from_the_source(built_site: Path) -> None:
    more = section(built_site, "/2024/07/08/customs-office-extends-opening-hours-6500d3cd.html", "More from")
    assert len(more) == 3 and more[-1].startswith("/undated/")
    assert more[:2] == sorted(more[:2], reverse=True)


def test_related_links_setting_sets_the_count_and_zero_leaves_them_out(tmp_path: Path) -> None:
    for links, expected in ((1, 1), (0, 0)):
        config = tmp_path / f"site{links}.toml"
        config.write_text(f"related_links = {links}\n", encoding="utf-8")
        out = tmp_path / f"out{links}"
        assert run_build(EXAMPLE / "content", out, "--config", str(config)) == 0
        assert len(section(out, CLIPPING, "More from")) == expected
        assert html(out, CLIPPING).count('<section class="more">') == (2 if links else 0)
    config.write_text("related_links = 11\n", encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "bad", "--config", str(config)) == 1
