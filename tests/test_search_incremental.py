"""Search with the build cache: a rebuild indexes again only the shards whose clipping pages changed, keeps the
others' files as they were, and still equals a clean build (but Pagefind's own run-to-run variation)."""
from __future__ import annotations

import datetime as dt
import random
import re
from pathlib import Path

import pytest
from conftest import run_build
from test_incremental import WORDS, clean_build, snapshot

SHARD_SIZE = 4


def dated(rng: random.Random, date: dt.date) -> str:
    """A clipping of that date, from a source and in a category of its year alone: its related links stay
    within its year (a page linking to a clipping of another shard changes when that one does)."""
    title = " ".join(rng.choice(WORDS) for _ in range(4)).capitalize()
    body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(25)) + "." for _ in range(2))
    return (f"\n\n{title}\n\n\n\nPublished on {date:%B} {date.day}, {date.year}\n\n"
            f"Category: ,English,Topic {date.year} -\n\nShow on website: Click Here\n\n"
            f"Sources Courier {date.year}\n\n{body}\n")


def index_files(out: Path) -> dict[str, tuple[int, int]]:
    """Every file of the search index with its inode and modification time: a rewritten file shows."""
    return {p.relative_to(out).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in (out / "pagefind").rglob("*") if p.is_file()}


def shards(files: dict[str, tuple[int, int]]) -> set[str]:
    return {name.split("/")[1] for name in files}


def kept_as_they_were(before: dict[str, tuple[int, int]], after: dict[str, tuple[int, int]], shard: str) -> bool:
    old = {k: v for k, v in before.items() if k.startswith(f"pagefind/{shard}/")}
    return bool(old) and old == {k: v for k, v in after.items() if k.startswith(f"pagefind/{shard}/")}


@pytest.fixture
def search_archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Clippings in 2010, 2019, 2022 and 2024, four shards of at most 4, built once with search and the cache."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sitegen.toml").write_text(f"search_shard_size = {SHARD_SIZE}\n", encoding="utf-8")
    rng = random.Random(5)
    content = tmp_path / "content"
    content.mkdir()
    for year, count in ((2010, 2), (2019, 3), (2022, 3), (2024, 3)):
        for i in range(count):
            (content / f"{year}_{i}.txt").write_text(dated(rng, dt.date(year, 3 + i, 10 + i)), encoding="utf-8")
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    assert shards(index_files(out)) == {"2024_2031", "2020_2023", "2016_2019", "1984_2015"}
    return content, out


def indexed_again(output: str) -> int | None:
    found = re.search(r"(\d+) indexed again", output)
    return int(found.group(1)) if found else None


def test_one_edit_indexes_only_its_shard_again(search_archive, tmp_path: Path, capsys) -> None:
    content, out = search_archive
    before = index_files(out)
    target = content / "2019_1.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA late paragraph about a lighthouse keeper.\n",
                      encoding="utf-8")
    capsys.readouterr()
    assert run_build(content, out) == 0
    assert indexed_again(capsys.readouterr().out) == 1
    after = index_files(out)
    assert not kept_as_they_were(before, after, "2016_2019"), "the edited clipping's shard is indexed again"
    for shard in ("2024_2031", "2020_2023", "1984_2015"):
        assert kept_as_they_were(before, after, shard), shard
    assert snapshot(out) == clean_build(content, tmp_path)


def test_a_clipping_in_a_new_shard_indexes_that_shard_and_its_neighbours(search_archive, tmp_path: Path,
                                                                         capsys) -> None:
    """The new shard is indexed, and the one holding the clipping next to it in time, whose page now links to
    it; the others are kept."""
    content, out = search_archive
    before = index_files(out)
    (content / "1970_0.txt").write_text(dated(random.Random(8), dt.date(1970, 7, 20)), encoding="utf-8")
    capsys.readouterr()
    assert run_build(content, out) == 0
    assert indexed_again(capsys.readouterr().out) == 2
    after = index_files(out)
    assert shards(after) == shards(before) | {"1920_1983"}
    # The two indexed are the new shard and 1984_2015, as the other three are kept. (Whether 1984_2015's files
    # are rewritten depends on Pagefind: the link that changed is not indexed text, and when Pagefind happens to
    # write the same bytes again the writer keeps the files as they were.)
    assert all(kept_as_they_were(before, after, shard) for shard in ("2024_2031", "2020_2023", "2016_2019"))
    assert snapshot(out) == clean_build(content, tmp_path)


def test_removing_a_shards_clippings_removes_its_folder_and_keeps_the_rest(search_archive, tmp_path: Path,
                                                                           capsys) -> None:
    content, out = search_archive
    before = index_files(out)
    for path in content.glob("2010_*.txt"):
        path.unlink()
    capsys.readouterr()
    assert run_build(content, out) == 0
    assert indexed_again(capsys.readouterr().out) == 1  # 2016_2019: its oldest page no longer links back to 2010
    after = index_files(out)
    assert shards(after) == shards(before) - {"1984_2015"}
    assert all(kept_as_they_were(before, after, shard) for shard in ("2024_2031", "2020_2023"))
    assert snapshot(out) == clean_build(content, tmp_path)


def test_a_changed_primary_shard_moves_the_runtime(search_archive, tmp_path: Path) -> None:
    """The newest shard carries Pagefind's script and WebAssembly; when a newer shard appears, both the new one
    and the previous newest are indexed again (the runtime moves), and the result equals a clean build."""
    content, out = search_archive
    (content / "2040_0.txt").write_text(dated(random.Random(9), dt.date(2040, 1, 2)), encoding="utf-8")
    assert run_build(content, out) == 0
    assert (out / "pagefind/2032_2047/pagefind.js").is_file()
    assert not (out / "pagefind/2024_2031/pagefind.js").exists()
    assert snapshot(out) == clean_build(content, tmp_path)
