"""`page_style`: full clipping pages for most archives, compact ones (the text, its facts and plain links) for
archives large enough that full pages would not fit GitHub Pages' 1 GB. Checked on the pages a reader gets."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import page_for, parse, search_results

from sitegen.config import Config
from sitegen.publish.size import PartSize, SiteSize
from sitegen.publish.size_advice import site_warnings
from sitegen.search.bundle import RESULT_WORDS
from sitegen.site.pages import COMPACT_FROM, compact_pages

CLIPPING = "/2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-653c24d7.html"


@pytest.fixture(scope="module")
def compact_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("compact")
    config = folder / "sitegen.toml"
    config.write_text((EXAMPLE / "sitegen.toml").read_text(encoding="utf-8") + '\npage_style = "compact"\n',
                      encoding="utf-8")
    assert run_build(EXAMPLE / "content", folder / "public", "--config", str(config), "--base-url", PUBLISHED_AT) == 0
    return folder / "public"


def test_auto_is_compact_only_for_large_archives() -> None:
    assert not compact_pages("auto", COMPACT_FROM - 1) and compact_pages("auto", COMPACT_FROM)
    assert compact_pages("compact", 1) and not compact_pages("full", 10 * COMPACT_FROM)


def test_compact_page_keeps_the_text_its_facts_and_navigation(compact_site: Path, published_site: Path) -> None:
    compact, full = page_for(compact_site, CLIPPING), page_for(published_site, CLIPPING)
    page = parse(compact)
    assert page.h1 == ["Harbour board approves deep-water berth at Eastquay"]
    text = compact.read_text(encoding="utf-8")
    assert "The Eastquay harbour board voted on Monday" in text
    assert '<link rel="canonical" href="' + PUBLISHED_AT + CLIPPING.lstrip("/") + '">' in text
    assert '<time datetime="2024-03-11">11 March 2024</time>' in text
    hrefs = [href for href, _ in page.links]
    assert "/archive/sources/harbour-gazette/" in hrefs and "/archive/categories/ports/" in hrefs
    assert "https://harbour-gazette.example.com/2024/03/deep-water-berth-approved" in hrefs
    assert "./" in hrefs  # the date leads to its day (in place of the breadcrumbs), relative to the page
    near = {a["rel"]: href for href, a in page.links if a.get("rel") in ("prev", "next")}
    assert set(near) == {"prev", "next"}
    for href in near.values():  # relative links, short and right under any base path
        assert not href.startswith(("/", "http")) and (compact.parent / href).is_file(), href
    # What it leaves out, and what that saves.
    for absent in ('property="og:', "application/ld+json", "citation_title", "cite.js", 'class="more"',
                   'class="citation"', 'class="site-search"', 'aria-label="Breadcrumb"', 'name="description"',
                   "<footer"):
        assert absent not in text, absent
    assert full.stat().st_size - compact.stat().st_size > 2500


def test_compact_pages_are_still_indexed_for_search(compact_site: Path) -> None:
    entry = json.loads((next((compact_site / "pagefind").glob("*/pagefind-entry.json"))).read_text(encoding="utf-8"))
    assert sum(lang["page_count"] for lang in entry["languages"].values()) > 0
    fragments = search_results(compact_site)
    assert len(fragments) == 17  # one per clipping, as with full pages


def test_compact_search_results_keep_the_lede_and_the_index_every_word(compact_site: Path,
                                                                       published_site: Path) -> None:
    def results(site: Path) -> dict[str, dict]:
        found = {}
        for packed in search_results(site).values():
            data = gzip.decompress(packed)
            assert data.startswith(b"pagefind_dcd")
            fragment = json.loads(data[len(b"pagefind_dcd"):])
            found[fragment["url"]] = fragment
        return found

    compact, full = results(compact_site), results(published_site)
    assert compact.keys() == full.keys()
    for url, fragment in compact.items():
        whole = full[url]["content"].split()
        assert fragment["content"].split() == whole[:RESULT_WORDS], url  # the title and lede, as Pagefind split them
        assert "filters" not in fragment and fragment["meta"] == full[url]["meta"]
    assert any(len(f["content"].split()) > RESULT_WORDS for f in full.values())
    words = sorted(p.name for p in compact_site.glob("pagefind/*/index/*"))
    assert words == sorted(p.name for p in published_site.glob("pagefind/*/index/*"))  # the same word index


def test_compact_sites_publish_the_export_compressed(compact_site: Path, published_site: Path) -> None:
    for name in ("clippings.json", "clippings.csv"):
        assert not (compact_site / name).exists()
        packed = (compact_site / f"{name}.gz").read_bytes()
        assert gzip.decompress(packed) == (published_site / name).read_bytes()
        assert len(packed) < (published_site / name).stat().st_size / 2
    hrefs = [href for href, _ in parse(page_for(compact_site, "/")).links]
    assert "/archive/clippings.json.gz" in hrefs and "/archive/clippings.csv.gz" in hrefs


def test_compact_months_list_their_days_and_other_lists_stay(compact_site: Path, published_site: Path) -> None:
    assert page_for(compact_site, "/2024/").read_bytes() == page_for(published_site, "/2024/").read_bytes()
    for url in ("/2024/03/11/", "/sources/harbour-gazette/", "/categories/ports/"):
        full, compact = page_for(published_site, url), page_for(compact_site, url)
        lean, whole = compact.read_text(encoding="utf-8"), full.read_text(encoding="utf-8")
        # The same list, lean: no description, link-preview tags, search box or footer.
        assert _entries(lean) == _entries(whole), url
        for absent in ('name="description"', 'property="og:', 'name="twitter:', 'class="site-search"', "<footer"):
            assert absent in whole and absent not in lean, (url, absent)
        assert 'rel="alternate" type="application/atom+xml"' in lean  # its feed is still announced
    full, compact = parse(page_for(published_site, "/2024/03/")), parse(page_for(compact_site, "/2024/03/"))
    days = ["/archive/2024/03/11/", "/archive/2024/03/19/"]
    clippings = [h for h, _ in full.links if h.startswith("/archive/2024/03/") and h.endswith(".html")]
    assert len(clippings) == 3
    assert [h for h, _ in compact.links if h.startswith("/archive/2024/03/")] == days  # the days, no clippings


def _entries(html: str) -> str:
    return html[html.index('<ol class="entries">'):html.index("</ol>")]


def test_unknown_style_is_refused(tmp_path: Path) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text('page_style = "tiny"\n', encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(config)) == 1


def test_excerpt_only_sources_publish_the_start_and_link_the_original(tmp_path: Path, content_dir) -> None:
    words = " ".join(f"word{n}" for n in range(200))
    content = content_dir({
        "a.md": f"---\ntitle: Licensed story\ndate: 2025-03-11\nsource: Wire Service\n"
                f"url: https://wire.example.com/story\n---\n{words}\n",
        "b.md": f"---\ntitle: Own story\ndate: 2025-03-12\nsource: Own Paper\n---\n{words}\n",
    })
    config = tmp_path / "sitegen.toml"
    config.write_text('excerpt_only = ["WIRE SERVICE"]\nexport_text = true\n', encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    out = tmp_path / "out"
    (cut,) = (p for p in out.glob("2025/03/11/*.html") if p.name != "index.html")
    text = cut.read_text(encoding="utf-8")
    assert "word59 …" in text and "word60" not in text
    assert '<a href="https://wire.example.com/story" rel="external noreferrer">read the whole article at ' \
           'wire.example.com</a>' in text
    (whole,) = (p for p in out.glob("2025/03/12/*.html") if p.name != "index.html")
    assert "word199" in whole.read_text(encoding="utf-8") and "excerpt" not in whole.read_text(encoding="utf-8")
    records = {r["title"]: r for r in json.loads((out / "clippings.json").read_text(encoding="utf-8"))["clippings"]}
    assert records["Licensed story"]["text"].endswith("word59 …")  # the export holds no more than the page
    assert records["Own story"]["text"] == words
    fragments = b"".join(gzip.decompress(data) for data in search_results(out).values())
    assert fragments.count(b"word199") == 1  # the search index neither


def test_excerpt_only_must_be_a_list_of_names(tmp_path: Path) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text('excerpt_only = "Wire"\n', encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(config)) == 1


def test_a_site_near_the_limit_is_told_which_settings_would_shrink_it() -> None:
    parts = (PartSize("clipping pages", 657_000_000, 30_000), PartSize("search index", 287_000_000, 30_500),
             PartSize("list pages", 100_000_000, 9_000))
    size = SiteSize(1_044_000_000, 0, 69_500, 0, (), parts)
    full = site_warnings(Config(base_url="https://x.example/"), size)[-1]
    # 30,000 pages: 3 KB each smaller, 1.1 KB less in the search results, 650 bytes less in the export.
    assert full.startswith('to make it smaller: search = false (the index: 287 MB); page_style = "compact" '
                           '(about 142 MB); excerpt_only = [...]')
    compact = site_warnings(Config(base_url="https://x.example/", page_style="compact"), size)[-1]
    assert "page_style" not in compact and "search = false" in compact
    small = SiteSize(500_000_000, 0, 69_500, 0, (), parts)
    assert not any("to make it smaller" in w for w in site_warnings(Config(base_url="https://x.example/"), small))


def test_an_excerpt_only_name_that_matches_no_source_is_reported_with_its_line(tmp_path: Path, content_dir,
                                                                              capsys) -> None:
    content = content_dir({"a.md": "---\ntitle: Story\ndate: 2025-03-11\nsource: Wire Service\n---\nText.\n"})
    config = tmp_path / "sitegen.toml"
    config.write_text('title = "T"\nexcerpt_only = ["Wire Servce", "wire service"]\n', encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    err = capsys.readouterr().err
    assert f"{config.resolve()}:2: warning: excerpt_only names 'Wire Servce', which is no clipping's source" in err
    assert "'wire service'" not in err  # spelled differently, still the source: matched
    assert run_build(content, tmp_path / "out", "--config", str(config), "--strict") == 1


def test_auto_switches_a_large_archive_to_compact_pages_and_says_so(tmp_path: Path, monkeypatch, capsys) -> None:
    # The example archive stands in for a large one: the threshold is lowered, not the archive grown.
    monkeypatch.setattr("sitegen.site.pages.COMPACT_FROM", 17)
    assert run_build(EXAMPLE / "content", tmp_path / "compact", "--no-search", "--no-cache") == 0
    assert "Clipping pages are compact" in capsys.readouterr().out
    assert 'class="facts-line"' in page_for(tmp_path / "compact", CLIPPING).read_text(encoding="utf-8")
    monkeypatch.setattr("sitegen.site.pages.COMPACT_FROM", 18)
    assert run_build(EXAMPLE / "content", tmp_path / "full", "--no-search", "--no-cache") == 0
    assert "Clipping pages are compact" not in capsys.readouterr().out
    assert '<dl class="facts"' in page_for(tmp_path / "full", CLIPPING).read_text(encoding="utf-8")
