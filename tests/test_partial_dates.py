"""A clipping dated by month or year keeps that precision everywhere (issue 17, item 4)."""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from conftest import run_build
from helpers import export_text, load_file, page_for, parse, searched

from sitegen.read.fields import parse_partial_date

BASE = "https://example.org/archive/"


@pytest.mark.parametrize(("text", "expected"), [
    ("March 2025", (dt.date(2025, 3, 1), "month")),
    ("Mar. 2025", (dt.date(2025, 3, 1), "month")),
    ("2025-03", (dt.date(2025, 3, 1), "month")),
    ("2025", (dt.date(2025, 1, 1), "year")),
    ("March 11, 2025", (dt.date(2025, 3, 11), "day")),
    ("March", None), ("2025-13", None), ("Spring 2025", None), ("0000", None),
])
def test_partial_dates_are_read_with_their_precision(text: str, expected) -> None:
    assert parse_partial_date(text) == expected


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("partial")
    content = root / "content"
    content.mkdir()
    (content / "001_aaaaaaaa00000001.txt").write_text(export_text(
        "Monthly harbour review", date="March 2025", captured="", source="Harbour Monthly"), encoding="utf-8")
    (content / "002_aaaaaaaa00000002.txt").write_text(export_text(
        "Harbour yearbook", date="2024", captured="", source="Harbour Yearbook"), encoding="utf-8")
    (content / "003_aaaaaaaa00000003.txt").write_text(export_text(
        "Ferry landing opens", date="March 11, 2025", captured=""), encoding="utf-8")
    (content / "note.md").write_text("---\ntitle: Notes for March\ndate: 2025-03\nsource: Harbour Notes\n---\n\n"
                                     "Notes.\n", encoding="utf-8")
    assert run_build(content, root / "out", "--base-url", BASE) == 0
    return root / "out"


def test_partial_dates_are_not_undated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(export_text("Monthly harbour review", date="March 2025", captured=""), encoding="utf-8")
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None and (clipping.published, clipping.precision) == (dt.date(2025, 3, 1), "month")
    assert not [p for p in problems if "date" in p.message]


def test_a_month_dated_clipping_is_filed_on_its_month_and_shown_as_the_month(site: Path) -> None:
    pages = list((site / "2025/03").glob("monthly-harbour-review-*.html"))
    assert len(pages) == 1 and not list(site.glob("2025/03/01/monthly*"))
    page = pages[0].read_text(encoding="utf-8")
    assert '<time datetime="2025-03">March 2025</time>' in page and "1 March 2025" not in page
    assert '"datePublished":"2025-03"' in page
    assert '<meta name="citation_publication_date" content="2025/03">' in page
    assert re.search(r'<p class="citation">[^<]*, March 2025, ' + re.escape(BASE), page)
    assert 'data-pagefind-meta="date:March 2025"' in searched(page)
    month = parse(page_for(site, "/2025/03/"))
    assert "Monthly harbour review" in month.text and "March 2025" in month.text
    assert not (site / "2025/03/01").exists()  # no day page for a day no clipping gives


def test_a_year_dated_clipping_is_filed_on_its_year(site: Path) -> None:
    pages = list((site / "2024").glob("harbour-yearbook-*.html"))
    assert len(pages) == 1 and not (site / "2024/01").exists()
    page = pages[0].read_text(encoding="utf-8")
    assert '<time datetime="2024">2024</time>' in page and "1 January 2024" not in page
    year = parse(page_for(site, "/2024/"))
    assert "Dated only by the year" in year.text and "Harbour yearbook" in year.text


def test_lists_feeds_sitemap_and_export_keep_the_precision(site: Path) -> None:
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "</a><br>March 2025 · " in home and "</a><br>2024 · " in home  # list lines: the date as text
    assert ">1 March 2025" not in home and "1 January 2024" not in home
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    entry = feed[feed.index("Monthly harbour review"):].split("</entry>")[0]
    assert "<published>" not in entry  # Atom's <published> is a moment; a month is not one
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert re.search(r"monthly-harbour-review-[0-9a-f]+\.html</loc><lastmod>2025-03</lastmod>", sitemap)
    records = {r["title"]: r for r in json.loads((site / "clippings.json").read_text(encoding="utf-8"))["clippings"]}
    assert (records["Monthly harbour review"]["published"], records["Monthly harbour review"]["precision"]) == \
        ("2025-03", "month")
    assert (records["Harbour yearbook"]["published"], records["Harbour yearbook"]["precision"]) == ("2024", "year")
    assert records["Ferry landing opens"]["precision"] == "day"


def test_a_period_sorts_before_the_days_within_it(site: Path) -> None:
    titles = [r["title"] for r in json.loads((site / "clippings.json").read_text(encoding="utf-8"))["clippings"]]
    assert titles == ["Harbour yearbook", "Monthly harbour review", "Notes for March", "Ferry landing opens"]


def test_a_compact_month_page_lists_its_month_dated_clippings(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(export_text("Monthly harbour review", date="March 2025", captured=""),
                                   encoding="utf-8")
    (tmp_path / "sitegen.toml").write_text('page_style = "compact"\n', encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--no-search", "--config", str(tmp_path / "sitegen.toml")) == 0
    month = parse(page_for(tmp_path / "out", "/2025/03/"))
    assert "Dated only by the month" in month.text and "Monthly harbour review" in month.text


@pytest.mark.parametrize(("language", "month", "day", "year_heading"), [
    ("tr", "Mart 2025", "1 Mart 2025", "Yalnızca yılı belli olanlar"),
    ("de", "März 2025", "1. März 2025", "Nur mit Jahr datiert"),
    ("ar", "مارس 2025", "1 مارس 2025", None),
])
def test_a_partial_date_is_worded_in_the_interface_language_with_its_precision(
        tmp_path: Path, language: str, month: str, day: str, year_heading: str | None) -> None:
    """Issue 21 over issue 17: Babel words the date in the interface language, and only as much of it as the
    source gives (`Mart 2025` for a month, `2024` for a year), wherever a reader sees it."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "a.txt").write_text(export_text("Monthly harbour review", date="March 2025", captured="",
                                               source="Harbour Monthly"), encoding="utf-8")
    (content / "b.txt").write_text(export_text("Harbour yearbook", date="2024", captured="",
                                               source="Harbour Yearbook"), encoding="utf-8")
    (tmp_path / "sitegen.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--no-search", "--base-url", BASE,
                     "--config", str(tmp_path / "sitegen.toml")) == 0
    site = tmp_path / "out"
    page = next((site / "2025/03").glob("monthly-harbour-review-*.html")).read_text(encoding="utf-8")
    assert f'<time datetime="2025-03">{month}</time>' in page and day not in page
    assert month in page[page.index('<p class="citation">'):].split("</p>")[0]
    assert '"datePublished":"2025-03"' in page  # machine dates stay ISO, with the precision
    home = (site / "index.html").read_text(encoding="utf-8")
    assert f"</a><br>{month} · " in home and "</a><br>2024 · " in home
    yearbook = next((site / "2024").glob("harbour-yearbook-*.html")).read_text(encoding="utf-8")
    assert '<time datetime="2024">2024</time>' in yearbook
    if year_heading:
        assert year_heading in page_for(site, "/2024/").read_text(encoding="utf-8")
