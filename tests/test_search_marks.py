"""The search marks Pagefind reads (`data-pagefind-*`): put back into the indexer's copy of a clipping page, never
published. The copy must say exactly what the template used to write into the page itself."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import run_build
from helpers import clipping_pages, searched

from sitegen.search.marks import Marks, marked

BASE = "/archive/"
MARK = re.compile(r' data-pagefind-[a-z]+(="[^"]*")?')


def markdown(title: str, date: str, categories: str, lang: str = "", url: str = "") -> str:
    extra = (f"lang: {lang}\n" if lang else "") + (f"url: {url}\n" if url else "")
    dated = f"date: {date}\n" if date else ""
    return (f'---\ntitle: "{title}"\n{dated}source: "Bay Ledger"\ncategories: [{categories}]\n{extra}---\n'
            "The harbour board met on Tuesday to weigh the quay's repairs.\n")


@pytest.fixture(scope="module", params=["compact", "full"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp(f"marks-{request.param}")
    content = root / "content"
    content.mkdir()
    (content / "one.md").write_text(markdown("Quay repairs weighed", "2024-06-15", "Ports, Harbour & Quays",
                                             lang="de", url="https://ledger.example.org/quay"), encoding="utf-8")
    (content / "two.md").write_text(markdown("Harbour dues", "2024-06", "Ports"), encoding="utf-8")
    (content / "three.md").write_text(markdown("Old ferry notes", "", "Ports"), encoding="utf-8")
    (root / "sitegen.toml").write_text(f'page_style = "{request.param}"\nexcerpt_only = ["Bay Ledger"]\n',
                                       encoding="utf-8")
    assert run_build(content, root / "out", "--config", str(root / "sitegen.toml"), "--base-url", BASE) == 0
    return root / "out"


def read(site: Path, pattern: str) -> str:
    [path] = clipping_pages(site, pattern)
    return path.read_text(encoding="utf-8")


def test_published_pages_carry_no_search_marks_and_the_copy_carries_them_all(site: Path) -> None:
    published = read(site, "2024/06/15/*.html")
    assert "data-pagefind" not in published
    page = searched(published, BASE)
    assert re.sub(MARK, "", page) == published  # marks added, nothing else changed
    assert '<article class="clipping" data-pagefind-body data-pagefind-filter="year:2024" ' \
           'data-pagefind-sort="date:2024-06-15" data-pagefind-meta="date:15 June 2024">' in page
    assert '<header data-pagefind-meta="excerpt:Excerpt">' in page
    assert '<p class="kicker" data-pagefind-ignore><a href="/archive/sources/bay-ledger/" ' \
           'data-pagefind-filter="source" data-pagefind-meta="source">Bay Ledger</a></p>' in page
    assert re.search(r'<(p class="facts-line"|dl class="facts") data-pagefind-ignore>', page)
    assert re.findall(r'<a href="/archive/categories/[^"]*" data-pagefind-filter="category">([^<]*)</a>', page) \
        == ["Ports", "Harbour &amp; Quays"]  # as the clipping gives them
    assert len(re.findall(r"data-pagefind-filter", page)) == 4  # year, source, two categories: not the original
    assert '<div class="body" lang="de" data-pagefind-meta="lang:de">' in page
    assert '<p class="excerpt-note" data-pagefind-ignore>' in page


def test_partial_and_missing_dates_are_marked_as_the_template_marked_them(site: Path) -> None:
    month = searched(read(site, "2024/06/*.html"), BASE)
    assert 'data-pagefind-filter="year:2024" data-pagefind-sort="date:2024-06" ' \
           'data-pagefind-meta="date:June 2024"' in month
    assert "data-pagefind-meta=\"lang:" not in month
    undated = searched(read(site, "undated/*.html"), BASE)
    assert 'data-pagefind-filter="year:Undated" data-pagefind-sort="date:0000-00-00" ' \
           'data-pagefind-meta="date:undated"' in undated


def test_pages_that_are_not_sitegen_clipping_pages_or_mark_themselves_are_left_as_they_are(site: Path) -> None:
    marks = Marks(BASE + "categories/", "undated", "Excerpt")
    for page in (site / "index.html", site / "2024/06/15/index.html"):
        assert marked(page.read_bytes(), marks) == page.read_bytes()
    own = b'<article class="clipping" data-pagefind-body><h1>Own</h1><div class="body"><p>Text</p></div></article>'
    assert marked(own, marks) == own
