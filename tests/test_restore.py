"""A deploy on GitHub Actions: a fresh checkout (every content file new: new times, new inodes) with the previous
build's cache and site restored by actions/cache (new inodes). The build redoes only what changed, search shards
included, and whatever was restored wrong (tampered, partial, from other settings) gives a clean build's site,
never a wrong one."""
from __future__ import annotations

import datetime as dt
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from test_incremental import clean_build, make_archive, snapshot
from test_search_incremental import dated, index_files, indexed_again, shards

from sitegen.cli import main

CACHED = (".sitegen-cache", "public")
"""What the generated workflow restores."""


def changed(output: str) -> int:
    found = re.search(r"; ([\d,]+) files? changed\.", output)
    return int(found[1].replace(",", "")) if found else 0


class Runner:
    """A workspace at one path (as a runner's is), checked out afresh for every deploy, with the cache folders
    saved after a build and restored into the next checkout."""

    def __init__(self, tmp_path: Path, repository: Path) -> None:
        self.workspace = tmp_path / "workspace"
        self.repository = repository
        self.saved = tmp_path / "saved"
        self.old = 0

    def checkout(self) -> Path:
        """The repository copied into a new workspace: every file written now (a checkout's times and inodes)."""
        if self.workspace.exists():
            self.old += 1
            self.workspace.rename(self.workspace.with_name(f"old-{self.old}"))
        shutil.copytree(self.repository, self.workspace, copy_function=shutil.copyfile)
        return self.workspace

    def save(self) -> None:
        """As actions/cache saves: the folders as a tar (pax, so that file times keep their nanoseconds)."""
        shutil.rmtree(self.saved, ignore_errors=True)
        self.saved.mkdir()
        present = [name for name in CACHED if (self.workspace / name).exists()]
        subprocess.run(["tar", "--posix", "-cf", str(self.saved / "cache.tar"), "-P", "-C", str(self.workspace),
                        *present], check=True)

    def restore(self, *only: str) -> None:
        subprocess.run(["tar", "-xf", str(self.saved / "cache.tar"), "-P", "-C", str(self.workspace),
                        *only], check=True)

    def build(self, capsys, *extra: str) -> str:
        capsys.readouterr()
        cwd = os.getcwd()
        os.chdir(self.workspace)
        try:
            assert main(["build", "--base-url", "https://name.github.io/archive/", *extra]) == 0
        finally:
            os.chdir(cwd)
        return capsys.readouterr().out


@pytest.fixture
def runner(tmp_path: Path, capsys) -> Runner:
    """An archive of 120 clippings (no search), deployed once: its cache saved."""
    repository = tmp_path / "repository"
    make_archive(repository / "content", 120)
    (repository / "sitegen.toml").write_text("search = false\n", encoding="utf-8")
    runner = Runner(tmp_path, repository)
    runner.checkout()
    runner.build(capsys)
    runner.save()
    return runner


def add_clipping(repository: Path, seed: int = 11) -> None:
    (repository / "content" / "new-one.txt").write_text(dated(random.Random(seed), dt.date(2024, 6, 15)),
                                                        encoding="utf-8")


def expected(runner: Runner, tmp_path: Path) -> dict[str, bytes]:
    return clean_build(runner.workspace / "content", tmp_path, "--config", str(runner.workspace / "sitegen.toml"),
                       "--base-url", "https://name.github.io/archive/")


def test_restored_build_redoes_only_what_changed(runner: Runner, tmp_path: Path, capsys) -> None:
    add_clipping(runner.repository)
    runner.checkout()
    runner.restore()
    out = runner.build(capsys)
    assert "Built 121 clippings" in out
    assert 0 < changed(out) < 40, out  # its page, its day, month, year, source and category lists, feeds...
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)
    # The manifest now records the restored files as they are: the next deploy of the same content reads none.
    runner.save()
    runner.checkout()
    runner.restore()
    assert changed(runner.build(capsys)) == 0


def test_restored_files_times_all_new_are_verified_by_their_bytes(runner: Runner, tmp_path: Path, capsys) -> None:
    """A restore that does not keep times (a copy, another tool): same result, each file's bytes compared."""
    runner.checkout()
    runner.restore()
    for folder in CACHED:
        moved = runner.workspace / f"{folder}.restored"
        (runner.workspace / folder).rename(moved)
        shutil.copytree(moved, runner.workspace / folder, copy_function=shutil.copyfile)
        shutil.rmtree(moved)
    out = runner.build(capsys)
    assert changed(out) == 0, out
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)


def test_a_tampered_page_of_the_same_size_is_made_again(runner: Runner, tmp_path: Path, capsys) -> None:
    runner.checkout()
    runner.restore()
    page = next((runner.workspace / "public").glob("20*/*/*/*-*.html"))
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<h1", b"<h2", 1).replace(b"</h1>", b"</h2>", 1))
    assert page.stat().st_size == len(data)
    out = runner.build(capsys)
    assert changed(out) == 1
    assert page.read_bytes() == data
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)


@pytest.mark.parametrize("only", [("public",), (".sitegen-cache",)])
def test_a_partial_restore_gives_the_clean_site(runner: Runner, tmp_path: Path, capsys, only) -> None:
    add_clipping(runner.repository)
    runner.checkout()
    runner.restore(*only)
    runner.build(capsys)
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)


def test_a_cache_of_other_settings_gives_the_clean_site(runner: Runner, tmp_path: Path, capsys) -> None:
    (runner.repository / "sitegen.toml").write_text('search = false\ntitle = "Renamed"\n', encoding="utf-8")
    runner.checkout()
    runner.restore()
    out = runner.build(capsys)
    assert changed(out) > 200  # every page names the site
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)


def test_restored_search_index_keeps_the_shards_whose_pages_did_not_change(tmp_path: Path, capsys) -> None:
    repository = tmp_path / "repository"
    (repository / "content").mkdir(parents=True)
    (repository / "sitegen.toml").write_text("search_shard_size = 4\n", encoding="utf-8")
    rng = random.Random(5)
    for year, count in ((2010, 2), (2019, 3), (2022, 3), (2024, 3)):
        for i in range(count):
            (repository / "content" / f"{year}_{i}.txt").write_text(dated(rng, dt.date(year, 3 + i, 10 + i)),
                                                                    encoding="utf-8")
    runner = Runner(tmp_path, repository)
    runner.checkout()
    runner.build(capsys)
    runner.save()
    target = repository / "content" / "2019_1.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    runner.checkout()
    runner.restore()
    before = index_files(runner.workspace / "public")
    out = runner.build(capsys)
    assert indexed_again(out) == 1, out
    after = index_files(runner.workspace / "public")
    assert shards(after) == {"2024_2031", "2020_2023", "2016_2019", "1984_2015"}
    rewritten = {name.split("/")[1] for name in after if before.get(name) != after[name]}
    assert rewritten == {"2016_2019"}  # (its files whose bytes did not change are kept too)
    assert snapshot(runner.workspace / "public") == expected(runner, tmp_path)
