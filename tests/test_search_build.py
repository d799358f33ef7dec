"""Search in the built site: what is indexed, the index's shards, the search box, and turning search off."""
from __future__ import annotations

import asyncio
import gzip
import html
import json
import re
import threading
from pathlib import Path

from conftest import SEARCH_ARCHIVE, run_build
from helpers import html_files, page_for, search_results, searched
from test_build_behaviour import PAGEFIND_UNSTABLE, clipping, snapshot

RUNTIME = {"pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"}


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def clipping_pages(public: Path, pattern: str) -> list[Path]:
    """Clipping pages matching pattern: `<slug>-<id>.html` files in their day's folder (or /undated/), beside the
    folder's own index.html (a list, not a clipping)."""
    return sorted(p for p in public.glob(pattern) if p.name != "index.html")


def shard_names(public: Path) -> list[str]:
    found = re.search(r"data-shards='([^']*)'", text(public / "search/index.html"))
    assert found
    return [shard["name"] for shard in json.loads(html.unescape(found.group(1)))]


def test_clipping_pages_mark_the_text_filters_meta_and_sort_only_for_pagefind(search_site: Path) -> None:
    published = text(clipping_pages(search_site, "2023/09/12/*.html")[0])
    assert "data-pagefind" not in published  # the marks weigh ~370 bytes a page: only the indexer's copy has them
    page = searched(published, "/archive/")
    article = re.search(r"<article [^>]*>", page).group(0)
    assert "data-pagefind-body" in article
    assert 'data-pagefind-filter="year:2023"' in article
    assert 'data-pagefind-sort="date:2023-09-12"' in article
    assert 'data-pagefind-meta="date:12 September 2023"' in article
    assert page.count("data-pagefind-body") == 1
    assert '<dl class="facts" data-pagefind-ignore>' in page
    assert 'data-pagefind-filter="source" data-pagefind-meta="source">Bay Ledger</a>' in page
    assert 'data-pagefind-filter="category">Economy</a>' in page
    assert re.sub(r' data-pagefind-[a-z]+(="[^"]*")?', "", page) == published  # nothing else is changed
    undated = searched(text(clipping_pages(search_site, "undated/*.html")[0]), "/archive/")
    assert 'data-pagefind-filter="year:Undated"' in undated and 'data-pagefind-sort="date:0000-00-00"' in undated
    assert 'data-pagefind-meta="date:undated"' in undated


def test_lists_navigation_and_footers_stay_out_of_the_index(search_site: Path) -> None:
    clippings = {*clipping_pages(search_site, "[0-9]*/*/*/*.html"), *clipping_pages(search_site, "undated/*.html")}
    assert len(clippings) == 10
    for path in html_files(search_site):
        if path not in clippings:  # the day lists beside the clipping pages too
            assert "data-pagefind" not in text(path), path
    page = searched(text(next(iter(clippings))))
    body = page[page.index("data-pagefind-body"):page.index("</article>")]
    assert "<nav" not in body and "<footer" not in body


def test_one_index_folder_per_shard_holding_every_clipping(search_site: Path) -> None:
    names = shard_names(search_site)
    assert names == ["2024_2031", "2023", "2022", "2020_2021", "2016_2019", "undated"]
    assert sorted(p.name for p in (search_site / "pagefind").iterdir()) == sorted(names)
    total = 0
    for name in names:
        entry = json.loads(text(search_site / "pagefind" / name / "pagefind-entry.json"))
        assert list(entry["languages"]) == ["en"]  # every clipping in the one forced language
        total += entry["languages"]["en"]["page_count"]
    assert total == 10


def test_only_the_primary_shard_carries_the_script_and_no_ready_made_ui_is_published(search_site: Path) -> None:
    names = shard_names(search_site)
    for name in names:
        files = {p.name for p in (search_site / "pagefind" / name).iterdir()}
        assert files & RUNTIME == (RUNTIME if name == names[0] else set())
        assert {"index", "fragment", "filter", "pagefind-entry.json"} <= files
        assert not [f for f in files if "-ui" in f or "highlight" in f or f == "wasm.unknown.pagefind"]


def test_index_fragments_hold_title_text_filters_and_meta(search_site: Path) -> None:
    fragments = [json.loads(gzip.decompress(data)[12:]) for path, data in search_results(search_site).items()
                 if path.startswith("2024_2031/fragment/")]
    turkish = next(f for f in fragments if "römorkör" in f["content"])
    assert turkish["url"].startswith("/2024/03/08/liman-idaresi-yeni-bir-romorkor-satin-aldi-")
    assert turkish["meta"] == {"title": "Liman idaresi yeni bir römorkör satın aldı", "date": "8 March 2024",
                               "source": "Kıyı Gazetesi", "lang": "tr"}
    assert turkish["filters"] == {"category": ["Ports"], "source": ["Kıyı Gazetesi"], "year": ["2024"]}
    assert "Published" not in turkish["content"]  # the facts list is not indexed text


def test_header_search_box_leads_to_the_search_page_without_javascript(search_site: Path) -> None:
    home = text(search_site / "index.html")
    form = re.search(r'<form class="site-search" role="search" action="([^"]+)">(.*?)</form>', home, re.S)
    assert form and form.group(1) == "/archive/search/"
    assert ('<input type="search" id="site-search-q" name="q" aria-label="Search clippings" '
            'placeholder="Search clippings">') in form.group(2)
    search = text(search_site / "search/index.html")
    assert 'class="site-search"' not in search  # the page has its own, bigger box
    assert re.search(r'<form class="search-form" [^>]*action="/archive/search/" method="get">', search)
    assert 'name="q"' in search and "<noscript>" in search
    assert '<option>Kıyı Gazetesi</option>' in search and '<option value="Undated">Undated</option>' in search
    assert 'src="/archive/search.js"' in search and 'data-index="/archive/pagefind/"' in search


def test_no_search_flag_and_setting_build_without_index_page_or_box(tmp_path: Path) -> None:
    content = SEARCH_ARCHIVE / "content"
    assert run_build(content, tmp_path / "on") == 0
    assert (tmp_path / "on/pagefind").is_dir() and 'class="site-search"' in text(tmp_path / "on/index.html")
    assert run_build(content, tmp_path / "flag", "--no-search") == 0
    config = tmp_path / "sitegen.toml"
    config.write_text("search = false\n", encoding="utf-8")
    assert run_build(content, tmp_path / "setting", "--config", str(config)) == 0
    for out in (tmp_path / "flag", tmp_path / "setting"):
        assert not (out / "pagefind").exists() and not (out / "search").exists()
        assert not [p for p in html_files(out) if "search" in text(p).replace("search.js", "")], out
        assert page_for(out, "/sources/").is_file()


def test_a_build_called_from_inside_an_event_loop_still_indexes(tmp_path: Path) -> None:
    """Pagefind's Python API is asyncio; a caller's own running loop (Playwright, a notebook) must not matter."""
    async def inside() -> int:
        return run_build(SEARCH_ARCHIVE / "content", tmp_path / "out")
    codes: list[int] = []
    # A thread of its own, since this test process may itself be inside Playwright's loop.
    thread = threading.Thread(target=lambda: codes.append(asyncio.run(inside())))
    thread.start()
    thread.join()
    assert codes == [0]
    assert len(list((tmp_path / "out/pagefind").iterdir())) >= 1


def test_failed_indexing_leaves_the_previous_site(tmp_path: Path, content_dir, monkeypatch, capsys) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    before = snapshot(out)
    (content / "002_bbbbbbbb22222222.txt").write_text(clipping("Crane delivered", "April 2, 2025"), encoding="utf-8")
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", "/bin/false")  # a Pagefind that dies at once
    assert run_build(content, out) == 1
    assert "search indexing failed" in capsys.readouterr().err
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []


def test_pagefind_output_differs_between_runs_only_in_filter_order(tmp_path: Path) -> None:
    """Pagefind is not byte-stable: filter chunks list keys and values in hash-map order. Pin that only the
    order moves (same bytes, shuffled), so a real change in what is indexed still shows."""
    for run in ("a", "b"):
        assert run_build(SEARCH_ARCHIVE / "content", tmp_path / run, "--config",
                         str(SEARCH_ARCHIVE / "sitegen.toml")) == 0
    a, b = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    assert {k: v for k, v in a.items() if not PAGEFIND_UNSTABLE.fullmatch(k)} == \
        {k: v for k, v in b.items() if not PAGEFIND_UNSTABLE.fullmatch(k)}

    def filters(files: dict[str, bytes]) -> list[bytes]:
        return sorted(bytes(sorted(gzip.decompress(v))) for k, v in files.items() if "/filter/" in k)
    assert filters(a) == filters(b)
    assert len([k for k in a if "/filter/" in k]) == len([k for k in b if "/filter/" in k]) > 0
