"""End to end: a content folder of news-database exports (LexisNexis text and RTF, Nexis Uni Word, Factiva HTML)
built into a site with the real CLI, and checked with `sitegen check`."""
from __future__ import annotations

import json
import shutil
from pathlib import Path
from urllib.parse import urljoin

import pytest
from conftest import run_build
from helpers import clipping_pages, page_for, parse

from sitegen.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
EXPORTS = ["lexisnexis-en.txt", "lexisnexis-de.doc", "nexis-uni-en.docx", "factiva-fr.html"]
TITLES = {  # title → (source, date)
    "Harbour bridge to close for eleven weeks": ("The Velmora Courier", "2024-01-15"),
    "Councillors approved a grant of 40,000 crowns for the Quay Street traders …": ("Velmora Evening Post",
                                                                                    "2024-01-16"),
    "Mayor answers listeners on the bridge closure": ("Radio Velmora Transcripts", "2024-01-18"),
    "Tides, trade and the bridge that binds a city": ("Harbour & Coast Quarterly", None),
    "Velmora bridge to shut for repairs after corrosion found": ("Coastal Press Agency", "2024-01-14"),
    "Brücke über den Hafen wird gesperrt": ("Nordküsten-Zeitung", "2024-01-03"),
    "Le pont du port fermé onze semaines": ("Le Courrier du Littoral", "2024-01-05"),
    "Händler fordern Hilfe": ("Nordküsten-Zeitung", "2024-01-06"),
    "Ferry fares frozen for the closure": ("Velmora Courier Online", "2024-01-19"),
    "Lighthouse keepers' archive opens to the public": ("Velmora Evening Post", "2024-02-02"),
    "Corrosion forces Velmora bridge closure": ("Regional Wire Service", "2024-01-22"),
    "Velmora bridge to close after corrosion found": ("Coastal Business Wire", "2024-01-16"),
    "Les commerçants du quai réclament une aide": ("Le Courrier du Littoral", "2024-01-17"),
    "Le pont fermera en avril": ("Le Courrier du Littoral", None),
}


@pytest.fixture(scope="module")
def news_content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    content = tmp_path_factory.mktemp("news") / "content"
    content.mkdir()
    for name in EXPORTS:
        shutil.copy(FIXTURES / name, content / name)
    return content


@pytest.fixture(scope="module")
def news_site(news_content: Path) -> Path:
    out = news_content.parent / "public"
    assert run_build(news_content, out) == 0
    return out


def every_clipping_page(public: Path) -> list[Path]:
    """Clipping pages filed under a day, a month or a year (a month- or year-dated clipping), or undated."""
    return [path for pattern in ("[0-9]*/*/*/*.html", "[0-9]*/[0-9][0-9]/*.html", "[0-9]*/*.html", "undated/*.html")
            for path in clipping_pages(public, pattern)]


def pages(public: Path) -> dict[str, tuple[str, object]]:
    """Title → (address, parsed page) of every clipping page."""
    found = {}
    for path in every_clipping_page(public):
        page = parse(path)
        found[page.h1[0]] = ("/" + path.relative_to(public).as_posix(), page)
    return found


def test_one_page_per_document_with_its_title_source_and_date(news_site: Path):
    found = pages(news_site)
    # the Courier's two editions share a headline: two pages of one title
    assert sorted(found) == sorted(TITLES)
    courier = [p for p in clipping_pages(news_site, "2024/01/15/*.html") if "harbour-bridge-to-close" in p.name]
    assert len(courier) == 2
    for title, (source, day) in TITLES.items():
        url, page = found[title]
        assert source in page.text, title
        if day is not None:
            assert day in page.times and url.startswith("/" + day.replace("-", "/") + "/"), (title, url)


def test_pages_are_linked_from_timeline_sources_and_categories(news_site: Path):
    found = pages(news_site)
    day = parse(page_for(news_site, "/2024/01/16/"))
    linked = {urljoin("/2024/01/16/", href) for href, _ in day.links}
    assert found["Velmora bridge to close after corrosion found"][0] in linked
    assert found["Councillors approved a grant of 40,000 crowns for the Quay Street traders …"][0] in linked
    source = parse(page_for(news_site, "/sources/le-courrier-du-littoral/"))
    source_links = {urljoin("/sources/le-courrier-du-littoral/", href) for href, _ in source.links}
    for title in ("Le pont du port fermé onze semaines", "Les commerçants du quai réclament une aide"):
        assert found[title][0] in source_links
    bridges = parse(page_for(news_site, "/categories/bridges/"))
    bridge_links = {urljoin("/categories/bridges/", href) for href, _ in bridges.links}
    for title in ("Harbour bridge to close for eleven weeks", "Corrosion forces Velmora bridge closure"):
        assert found[title][0] in bridge_links


def test_every_document_is_indexed_for_search(news_site: Path):
    total = 0
    for entry in (news_site / "pagefind").glob("*/pagefind-entry.json"):
        total += sum(lang["page_count"] for lang in json.loads(entry.read_text())["languages"].values())
    assert total == len(TITLES) + 1  # the Courier's second edition too


def test_the_story_from_three_vendors_links_its_versions(news_site: Path):
    found = pages(news_site)
    url, page = found["Velmora bridge to close after corrosion found"]
    hrefs = {urljoin(url, href) for href, _ in page.links}
    assert found["Velmora bridge to shut for repairs after corrosion found"][0] in hrefs
    assert found["Corrosion forces Velmora bridge closure"][0] in hrefs


def test_check_prints_one_line_per_problem_and_a_count_per_format(news_content: Path, capsys):
    code = main(["check", "--content", str(news_content)])
    out = capsys.readouterr().out.splitlines()
    assert code == 1  # the Nexis Uni document that could not be read is an error
    problems = [line for line in out if line.startswith(str(news_content))]
    assert f"{news_content}/nexis-uni-en.docx:59: error: document 3: no fields and no 'Body' line: skipped" in problems
    assert f"{news_content}/lexisnexis-en.txt:150: warning: document 4 has no headline and no text: skipped" in problems
    assert f"{news_content}/factiva-fr.html:23: warning: cannot read the date '31 février 2024'" in problems
    formats = [line for line in out if line.startswith("  ")]
    assert formats == ["  Factiva HTML: 3 clippings from 1 file; 3 warnings",
                       "  LexisNexis RTF: 3 clippings from 1 file",
                       "  LexisNexis TXT: 6 clippings from 1 file; 1 warning, 1 notice",
                       "  Nexis Uni DOCX: 3 clippings from 1 file; 1 error"]
    assert len(problems) + len(formats) + 1 == len(out)


def test_excerpt_formats_publishes_the_named_formats_as_excerpts(news_content: Path, tmp_path: Path):
    config = tmp_path / "sitegen.toml"
    config.write_text('excerpt_formats = ["LexisNexis TXT", "Factiva HTML"]\nsearch = false\n', encoding="utf-8")
    out = tmp_path / "public"
    assert main(["build", "--content", str(news_content), "--out", str(out), "--config", str(config)]) == 0
    found = pages(out)
    courier = found["Harbour bridge to close for eleven weeks"][1].text
    assert "excerpt" in courier.casefold() and "SHOPKEEPERS WARN OF LOST TRADE" not in courier
    nexis = found["Ferry fares frozen for the closure"][1].text
    assert "A second meeting is planned for March." in nexis  # Nexis Uni is not named: its full text
    config.write_text('excerpt_formats = ["LexisNexis TEXT"]\n', encoding="utf-8")
    assert main(["build", "--content", str(news_content), "--out", str(out), "--config", str(config)]) == 1


def test_an_unchanged_export_is_not_read_again(tmp_path: Path, monkeypatch):
    """The build cache keeps each file's clippings, all of a multi-document export's, by the file's content."""
    from sitegen.read import docx, lexisnexis

    monkeypatch.chdir(tmp_path)  # the cache lives in the site folder
    content = tmp_path / "content"
    content.mkdir()
    for name in ("lexisnexis-en.txt", "nexis-uni-en.docx"):
        shutil.copy(FIXTURES / name, content / name)
    reads: list[str] = []
    documents, paragraphs = lexisnexis._documents, docx.paragraphs
    monkeypatch.setattr(lexisnexis, "_documents", lambda text: reads.append("txt") or documents(text))
    monkeypatch.setattr(docx, "paragraphs", lambda data: reads.append("docx") or paragraphs(data))
    out = tmp_path / "public"
    assert run_build(content, out, "--jobs", "1") == 0
    assert sorted(reads) == ["docx", "txt"]
    first = sorted(p.relative_to(out) for p in every_clipping_page(out) if not p.is_relative_to(out / "undated"))
    assert len(first) == 9
    (content / "note.md").write_text("---\ntitle: A note\ndate: 2024-01-20\n---\nText.\n", encoding="utf-8")
    assert run_build(content, out, "--jobs", "1") == 0
    assert sorted(reads) == ["docx", "txt"]  # neither export was read again
    assert len([p for p in every_clipping_page(out) if not p.is_relative_to(out / "undated")]) == 10
