"""Small deploy diffs: adding a clipping rewrites only the pages that show it or count it, never the numbered pages of
a list before it. (benchmarks/deploy_diff.py measures the same on 10,000 clippings.)"""
from __future__ import annotations

import re
from pathlib import Path

from conftest import run_build
from helpers import export_text, snapshot

ARTICLE = re.compile(r"^\d{4}/\d\d/\d\d/(?!index\.html$)[^/]+\.html$")
"""A clipping's page: a file in its day's folder, beside the day's own index.html."""
MONTHS = ["January", "February", "March", "April", "May", "June"]


def archive(content_dir) -> Path:
    files = {}
    for n in range(120):
        files[f"{n:03d}_{n:08x}{n:08x}.txt"] = export_text(
            f"Harbour report {n}", date=f"{MONTHS[n % 6]} {n % 28 + 1}, {2020 + n % 4}", source="Harbour Gazette",
            categories="Ports", body=f"Report {n} about the harbour.")
    return content_dir(files)


def changed_after_adding(tmp_path: Path, content: Path, date: str) -> set[str]:
    config = tmp_path / "sitegen.toml"
    config.write_text("items_per_page = 5\n", encoding="utf-8")
    # Pages only: the search index of the clipping's shard changes too, by design (tests/test_search_shards.py).
    assert run_build(content, tmp_path / "a", "--config", str(config), "--no-search") == 0
    (content / "zz_ffffffff00000000.txt").write_text(
        export_text("Late addition", date=date, source="Harbour Gazette", categories="Ports"), encoding="utf-8")
    assert run_build(content, tmp_path / "b", "--config", str(config), "--no-search") == 0
    before, after = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def test_adding_the_newest_clipping_changes_only_front_pages(tmp_path: Path, content_dir) -> None:
    changed = changed_after_adding(tmp_path, archive(content_dir), "July 1, 2023")
    articles = {p for p in changed if ARTICLE.match(p)}
    # The new clipping; the one before it (its "later" link); and the few newest of its source and category,
    # whose "more from" lists (the clippings nearest in time) now include it.
    assert "2023/07/01/late-addition-ff86914f.html" in articles and 2 <= len(articles) <= 1 + 2 * 3
    newest = sorted(p for p in snapshot(tmp_path / "a") if ARTICLE.match(p))[-6:]
    assert articles - {"2023/07/01/late-addition-ff86914f.html"} <= set(newest)
    assert changed - articles == {
        "index.html", "timeline/index.html", "2023/index.html", "2023/07/index.html", "2023/07/01/index.html",
        "sources/index.html", "sources/harbour-gazette/index.html", "categories/index.html",
        "categories/ports/index.html", "feed.xml", "sources/harbour-gazette/feed.xml", "categories/ports/feed.xml",
        "clippings.json", "clippings.csv"}


def test_adding_an_older_clipping_leaves_the_pages_before_it_alone(tmp_path: Path, content_dir) -> None:
    changed = changed_after_adding(tmp_path, archive(content_dir), "March 15, 2022")
    numbered = sorted(p for p in changed if "/page/" in p)
    # The source list has 120 clippings from 2020 to 2023, 5 a page; the new one sorts after about 3/5 of them:
    # the pages of older clippings stay as they were.
    source_pages = [p for p in numbered if p.startswith("sources/")]
    assert source_pages and all(int(p.split("/")[3]) > 12 for p in source_pages)
    assert not any(p.startswith(("2020/", "2021/", "2023/")) for p in changed)
    assert len(changed) < 40


def test_one_more_clipping_does_not_tip_pages_to_another_category(tmp_path: Path, content_dir) -> None:
    """Twenty clippings are in both Alpha and Beta, each category of 23: their "more in" list comes from Alpha
    (first by name). One more Alpha clipping must not move all twenty over to Beta."""
    files = {f"{n:03d}_{n:08x}{n:08x}.txt": export_text(f"Both {n}", date=f"March {n + 1}, 2024",
                                                        categories="Alpha,Beta", body=f"Shared {n}.")
             for n in range(20)}
    for n, name in [(20, "Alpha"), (21, "Alpha"), (22, "Alpha"), (23, "Beta"), (24, "Beta"), (25, "Beta")]:
        files[f"{n:03d}_{n:08x}{n:08x}.txt"] = export_text(f"Only {name} {n}", date=f"January {n}, 2023",
                                                           categories=name, body=f"Own {n}.")
    content = content_dir(files)
    assert run_build(content, tmp_path / "a", "--no-search") == 0
    (content / "zz_ffffffff00000000.txt").write_text(
        export_text("Late Alpha", date="January 30, 2023", categories="Alpha"), encoding="utf-8")
    assert run_build(content, tmp_path / "b", "--no-search") == 0
    before, after = snapshot(tmp_path / "a"), snapshot(tmp_path / "b")
    both = [p for p in before if "/both-" in p]
    assert len(both) == 20
    # Only the shared clippings nearest in time to the new one may list it.
    assert len([p for p in both if before[p] != after[p]]) <= 6
