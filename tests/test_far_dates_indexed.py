"""Every clipping that is built is in the search index, whatever its year (issue 17, item 8)."""
from __future__ import annotations

import html
import json
from pathlib import Path

from conftest import run_build

from sitegen.archive.collect import collect
from sitegen.archive.slugs import Slugs
from sitegen.model import Clipping
from sitegen.search.shards import plan_shards


def note(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\nsource: Far Future Gazette\n---\n\n{title}, told in a few words.\n"


def test_clippings_dated_after_4095_are_indexed(content_dir, tmp_path: Path) -> None:
    content = content_dir({"a.md": note("Harbour reopens", "2025-03-11"), "b.md": note("Typo year", "4025-03-11"),
                           "c.md": note("Far year", "4096-01-01"), "d.md": note("Last year", "9999-12-31")})
    (tmp_path / "sitegen.toml").write_text("search_shard_size = 1\n", encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(tmp_path / "sitegen.toml")) == 0
    found = []
    for entry_file in (tmp_path / "out/pagefind").glob("*/pagefind-entry.json"):
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        found += [entry_file.parent.name] * entry["languages"]["en"]["page_count"]
    assert len(found) == 4 and len(set(found)) == 4  # one clipping per shard, none left out
    page = (tmp_path / "out/search/index.html").read_text(encoding="utf-8")
    listed = json.loads(html.unescape(page.split("data-shards='")[1].split("'")[0]))
    assert sorted(found) == sorted(shard["name"] for shard in listed)
    assert sorted(shard["years"] for shard in listed) == [[2025, 2025], [4025, 4025], [4096, 4096], [9999, 9999]]


def test_every_date_a_clipping_can_have_is_in_one_shard() -> None:
    import datetime as dt
    dates = [dt.date.min, dt.date(4095, 12, 31), dt.date(4096, 1, 1), dt.date(8192, 6, 1), dt.date.max]
    archive, _ = collect([Clipping(id=f"{i:016x}", title=f"C {i}", source_path=f"{i}.md", published=d)
                          for i, d in enumerate(dates)], Slugs())
    shards = plan_shards(archive, 1)
    assert sum(s.count for s in shards) == len(dates)
    assert len({s.name for s in shards}) == len(shards)
