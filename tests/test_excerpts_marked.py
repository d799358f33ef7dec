"""A clipping the source gave only part of says so wherever it shows (issue 17, item 5)."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import run_build
from helpers import clipping_pages, load_file, parse, search_results

BASE = "https://example.org/archive/"
CUT_OFF = ("The harbour board met on Tuesday to discuss the new ferry landing, which was approved after a long "
           "debate.\n\nThe chair said the works would start in spring, and that the board would review the costs "
           "again once the")


def snippet_export(title: str, body: str, categories: str = "Ports -\n\n,Snippets", link: str = "Click Here",
                   ending: str = "\t") -> str:
    """The monitoring export's snippet layout (as the shared sample has it): the category list continued on a
    later line ending in `Snippets`, the text stopping mid-sentence, the file ending in a tab."""
    return (f"\n\n{title}\n\n\n\nPublished on March 11, 2025\n\nDocument Date: Tue, Mar 11 2025 09:15:00 am\n\n"
            f"Category: ,English,{categories}\n\nShow on website: {link}\n\nSources Coastal Courier\n\n{body}{ending}")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("excerpts")
    content = root / "content"
    content.mkdir()
    files = {
        "001_aaaaaaaa00000001.txt": snippet_export("Ferry landing approved", CUT_OFF,
                                                   link="https://courier.example.net/ferry-landing"),
        "002_aaaaaaaa00000002.txt": snippet_export("Board reviews costs", CUT_OFF, categories="Ports -"),
        "003_aaaaaaaa00000003.txt": snippet_export("Quay wall finished", CUT_OFF.rsplit(", and", 1)[0] + ".",
                                                   categories="Ports -", ending="\n"),
    }
    for name, text in files.items():
        (content / name).write_text(text, encoding="utf-8")
    assert run_build(content, root / "out", "--base-url", BASE) == 0
    return root / "out"


def page(site: Path, slug: str) -> str:
    [path] = clipping_pages(site / "2025/03/11", f"{slug}-*.html")
    return path.read_text(encoding="utf-8")


def test_the_export_marks_snippets_and_cut_off_texts_as_excerpts(tmp_path: Path) -> None:
    for name, text, expected in (("a.txt", snippet_export("A", CUT_OFF), True),
                                 ("b.txt", snippet_export("B", CUT_OFF, categories="Ports -"), True),
                                 ("c.txt", snippet_export("C", "A whole text that ends with a full stop, as whole "
                                                          "texts do.", categories="Ports -"), False),
                                 ("d.txt", snippet_export("D", "Short, as a credit line", categories="Ports -"),
                                  False)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        clipping, _ = load_file(tmp_path / name, tmp_path)
        assert clipping is not None and clipping.excerpt is expected, name
        assert not clipping.cut


def test_the_page_says_it_is_an_excerpt_ends_with_an_ellipsis_and_links_the_original(site: Path) -> None:
    html = page(site, "ferry-landing-approved")
    text = parse_text(html)
    assert "This is an excerpt: the source gave only part of the article; read the whole article at " \
           "courier.example.net" in text
    assert "review the costs again once the …" in text
    assert 'href="https://courier.example.net/ferry-landing"' in html
    other = parse_text(page(site, "board-reviews-costs"))
    assert "This is an excerpt: the source gave only part of the article." in other and "once the …" in other
    whole = parse_text(page(site, "quay-wall-finished"))
    assert "This is an excerpt" not in whole and "…" not in whole


def parse_text(html: str) -> str:
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".html", delete=False, encoding="utf-8") as f:
        f.write(html)
    return parse(Path(f.name)).text


def test_citation_feed_export_and_search_carry_the_flag(site: Path) -> None:
    assert 'Coastal Courier, "Ferry landing approved" (excerpt), 11 March 2025, ' + BASE in \
        parse_text(page(site, "ferry-landing-approved"))
    assert '"Quay wall finished", 11 March 2025' in parse_text(page(site, "quay-wall-finished"))
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    entries = {e.split("<title type=\"text\">")[1].split("<")[0]: e for e in feed.split("<entry")[1:]}
    assert '<category term="excerpt"' in entries["Ferry landing approved"]
    assert '<category term="excerpt"' not in entries["Quay wall finished"]
    records = {r["title"]: r for r in json.loads((site / "clippings.json").read_text(encoding="utf-8"))["clippings"]}
    assert records["Ferry landing approved"]["excerpt"] is True and records["Quay wall finished"]["excerpt"] is False
    assert (site / "clippings.csv").read_text(encoding="utf-8-sig").splitlines()[0].endswith(",extra,excerpt")
    metas = {}
    for fragment in search_results(site).values():
        data = json.loads(gzip.decompress(fragment)[12:])
        metas[data["meta"]["title"]] = data["meta"]
    assert metas["Ferry landing approved"]["excerpt"] == "Excerpt" and "excerpt" not in metas["Quay wall finished"]
