"""Incremental builds: whatever changed, a rebuild with the cache equals a clean build, byte for byte."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from conftest import run_build
from helpers import snapshot as plain_snapshot
from test_build_behaviour import PAGEFIND_UNSTABLE

from sitegen.build import PARALLEL_MIN_PAGES
from sitegen.publish.size import measure, measure_files

WORDS = (
    "harbour quay crane ferry tariff senate budget council mayor bridge river drought orchard "
    "vineyard railway depot tunnel festival museum library archive reform strike wages pension "
    "clinic"
).split()
SOURCES = ("Coastal Courier", "Valley Gazette", "Ostsee Zeitung", "Gazeta Północna", "The Evening Lamp")
CATEGORIES = ("Ports", "Politics", "Economy", "Culture", "Transport", "Health")


def clipping_text(rng: random.Random, title: str | None = None, day: int | None = None) -> str:
    title = title or " ".join(rng.choice(WORDS) for _ in range(5)).capitalize()
    month = rng.choice(("January", "March", "June", "November"))
    year = rng.choice((2023, 2024))
    body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(30)) + "." for _ in range(3))
    cats = rng.sample(CATEGORIES, 2)
    return (f"\n\n{title}\n\n\n\nPublished on {month} {day or rng.randint(1, 28)}, {year}\n\n"
            f"Category: ,English,{cats[0]} -\n\n,{cats[1]}\n\nShow on website: Click Here\n\n"
            f"Sources {rng.choice(SOURCES)}\n\n{body}\n")


def make_archive(folder: Path, count: int, seed: int = 7) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (folder / f"{i:04d}_{rng.getrandbits(64):016x}.txt").write_text(clipping_text(rng), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes, but Pagefind's filter chunks, which it writes in hash-map order on every run (see
    tests/test_search_build.py): an incremental build must equal a clean one everywhere else."""
    return {name: data for name, data in plain_snapshot(folder).items() if not PAGEFIND_UNSTABLE.fullmatch(name)}


def clipping_pages(out: Path) -> list[Path]:
    """Dated clipping pages: `<slug>-<id>.html` in their day's folder, beside the day's own index.html (a list)."""
    return sorted(p for p in out.glob("20*/*/*/*.html") if p.name != "index.html")


def clean_build(content: Path, tmp_path: Path, *extra: str) -> dict[str, bytes]:
    clean = tmp_path / "clean"
    shutil.rmtree(clean, ignore_errors=True)
    assert run_build(content, clean, "--no-cache", "--jobs", "1", *extra) == 0
    return snapshot(clean)


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """An archive of 120 clippings (enough pages for the worker processes) built once with the cache."""
    monkeypatch.chdir(tmp_path)  # the cache lives in the site folder: here
    # Pages only: any change re-indexes the whole site for search, which test_search_after_an_edit covers.
    (tmp_path / "sitegen.toml").write_text("search = false\n", encoding="utf-8")
    content = make_archive(tmp_path / "content", 120)
    out = tmp_path / "public"
    assert run_build(content, out, "--jobs", "2") == 0
    return content, out


def test_first_build_with_workers_equals_a_serial_build_without_cache(site, tmp_path: Path) -> None:
    content, out = site
    assert len(snapshot(out)) > PARALLEL_MIN_PAGES, "enough pages that the workers render them"
    assert snapshot(out) == clean_build(content, tmp_path)
    assert (tmp_path / ".sitegen-cache").is_dir()


def test_noop_rebuild_touches_nothing(site, capsys) -> None:
    content, out = site
    before = {p: p.stat() for p in out.rglob("*")}
    capsys.readouterr()
    assert run_build(content, out) == 0
    assert "no change" in capsys.readouterr().out
    after = {p: p.stat() for p in out.rglob("*")}
    assert before.keys() == after.keys()
    assert all((a.st_ino, a.st_mtime_ns) == (b.st_ino, b.st_mtime_ns)
               for a, b in zip(before.values(), after.values(), strict=True))


def test_edits_additions_and_removals_equal_a_clean_build(site, tmp_path: Path) -> None:
    content, out = site
    files = sorted(content.iterdir())
    rng = random.Random(99)
    old_article = {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*.html")}
    # body edited; title edited (the address moves); date moved; one removed; two added
    files[3].write_text(files[3].read_text(encoding="utf-8").replace("harbour", "HARBOUR"), encoding="utf-8")
    files[10].write_text(clipping_text(rng, title="Renamed clipping about quays"), encoding="utf-8")
    files[20].write_text(clipping_text(rng, day=1), encoding="utf-8")
    files[30].unlink()
    (content / "9000_00000000000000aa.txt").write_text(clipping_text(rng), encoding="utf-8")
    (content / "sub").mkdir()
    (content / "sub" / "note.md").write_text(
        "---\ntitle: A note in Markdown\ndate: 2024-03-05\nsource: Valley Gazette\n---\n# Heading\n\nText *here*.\n",
        encoding="utf-8")
    assert run_build(content, out, "--jobs", "2") == 0
    assert snapshot(out) == clean_build(content, tmp_path)
    kept = [rel for rel, ino in old_article.items() if (out / rel).exists() and (out / rel).stat().st_ino == ino]
    assert len(kept) > len(old_article) // 2, "unchanged pages are kept, not rewritten"


def test_one_body_edit_rewrites_only_that_page(site, tmp_path: Path, capsys) -> None:
    content, out = site
    target = sorted(content.iterdir())[5]
    target.write_text(target.read_text(encoding="utf-8").replace("\n\nSources", "\n\nSources", 1)
                      .rstrip("\n") + " One more sentence.\n", encoding="utf-8")
    capsys.readouterr()
    assert run_build(content, out) == 0
    assert "; 1 file changed." in capsys.readouterr().out
    assert snapshot(out) == clean_build(content, tmp_path)


def test_template_static_and_setting_changes_equal_a_clean_build(site, tmp_path: Path) -> None:
    content, out = site
    theme = tmp_path / "theme"
    (theme / "templates").mkdir(parents=True)
    (theme / "static").mkdir()
    config = theme / "sitegen.toml"
    config.write_text('title = "Harbour Archive"\nsearch = false\n', encoding="utf-8")  # pages only, as in `site`
    assert run_build(content, out, "--config", str(config)) == 0
    assert snapshot(out) == clean_build(content, tmp_path, "--config", str(config))
    default = Path(__file__).parent.parent / "templates"
    macros = (default / "macros.html").read_text(encoding="utf-8")
    (theme / "templates" / "macros.html").write_text(macros.replace('class="entries"', 'class="entries list"'),
                                                      encoding="utf-8")
    (theme / "static" / "extra.css").write_text("body { color: navy }\n", encoding="utf-8")
    articles = {p: p.stat().st_ino for p in clipping_pages(out)}
    assert len(articles) == 120
    assert run_build(content, out, "--config", str(config)) == 0
    assert snapshot(out) == clean_build(content, tmp_path, "--config", str(config))
    assert 'class="entries list"' in (out / "sources/index.html").read_text(encoding="utf-8") or \
        'class="entries list"' in (out / "index.html").read_text(encoding="utf-8")
    assert all(p.stat().st_ino == ino for p, ino in articles.items()), "article pages do not use macros.html"
    (theme / "static" / "extra.css").unlink()
    assert run_build(content, out, "--config", str(config), "--base-url", "/archive/") == 0
    assert snapshot(out) == clean_build(content, tmp_path, "--config", str(config), "--base-url", "/archive/")


def test_hand_edits_in_the_output_are_undone(site, tmp_path: Path) -> None:
    content, out = site
    (out / "stray.html").write_text("left by hand", encoding="utf-8")
    (out / "2024" / "stray-folder").mkdir(parents=True, exist_ok=True)
    (out / "2024" / "stray-folder" / "x.txt").write_text("x", encoding="utf-8")
    some_page = clipping_pages(out)[0]
    some_page.write_text("vandalised", encoding="utf-8")
    (out / "timeline" / "index.html").unlink()
    assert run_build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path)
    shutil.rmtree(out)
    assert run_build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path)


def test_a_build_killed_while_patching_is_finished_by_the_next(site, tmp_path: Path) -> None:
    content, out = site
    for path in sorted(content.iterdir())[:3]:
        path.write_text(path.read_text(encoding="utf-8") + "\nAn added paragraph.\n", encoding="utf-8")
    # A real process, killed (no clean-up at all) right after the first staged file was moved in.
    script = textwrap.dedent(f"""
        import os, sys
        from sitegen.cli import main
        real_replace, moved = os.replace, []
        def replace_then_die(source, target):
            if str(target).startswith({str(out) + "/"!r}):
                moved.append(target)
                if len(moved) == 2:
                    os._exit(9)
            return real_replace(source, target)
        os.replace = replace_then_die
        sys.exit(main(["build", "--content", {str(content)!r}, "--out", {str(out)!r}]))
    """)
    killed = subprocess.run([sys.executable, "-c", script], cwd=tmp_path)
    assert killed.returncode == 9
    assert [p.name for p in tmp_path.glob(".public.building-*")], "the journaled staging folder is left"
    assert snapshot(out) != clean_build(content, tmp_path), "the kill left a half-patched site"
    assert run_build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path)
    assert not list(tmp_path.glob(".public.*"))


def test_deleting_the_cache_gives_the_same_site(site, tmp_path: Path) -> None:
    content, out = site
    before = snapshot(out)
    shutil.rmtree(tmp_path / ".sitegen-cache")
    assert run_build(content, out) == 0
    assert snapshot(out) == before
    (tmp_path / ".sitegen-cache").mkdir(exist_ok=True)
    for cache_file in (tmp_path / ".sitegen-cache").rglob("*.pickle"):
        cache_file.write_bytes(b"not a pickle")
    assert run_build(content, out) == 0
    assert snapshot(out) == before


def test_site_size_from_the_written_files_equals_a_walk_of_the_output(published_site: Path, tmp_path: Path) -> None:
    for folder in (published_site, tmp_path):
        if folder == tmp_path:  # hidden files and folders, long names, a folder holding only hidden files
            (tmp_path / ("a" * 70) / ("b" * 40)).mkdir(parents=True)
            (tmp_path / ("a" * 70) / ("b" * 40) / "index.html").write_bytes(b"x" * 700)
            (tmp_path / ".well-known").mkdir()
            (tmp_path / ".well-known" / "x.txt").write_bytes(b"x")
            (tmp_path / "only-hidden").mkdir()
            (tmp_path / "only-hidden" / ".keep").write_bytes(b"")
            (tmp_path / ".nojekyll").write_bytes(b"")
        files = {p.relative_to(folder).as_posix(): p.stat().st_size for p in folder.rglob("*") if p.is_file()}
        assert measure_files(files) == measure(folder)


def test_unchanged_files_are_trusted_by_stat_and_changed_ones_are_read(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    content = make_archive(tmp_path / "content", 30)
    an_hour_ago = time.time() - 3600
    for path in content.iterdir():  # old files: outside the racy window, so their stat is trusted
        os.utime(path, (an_hour_ago, an_hour_ago))
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    files = sorted(content.iterdir())
    original = files[4].read_text(encoding="utf-8")
    same_size = original.replace(" a", " A").replace(" e", " E").replace(" o", " O")
    assert len(same_size) == len(original) and same_size != original
    files[4].write_text(same_size, encoding="utf-8")
    os.utime(files[4], (an_hour_ago + 60, an_hour_ago + 60))  # same size, another (old) time: still noticed
    files[7].write_text(files[7].read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    assert run_build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path)


def test_search_after_an_edit_equals_a_clean_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With search on, a rebuild after an edit indexes the whole staged site again and keeps the index."""
    monkeypatch.chdir(tmp_path)
    content = make_archive(tmp_path / "content", 30)
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    target = sorted(content.iterdir())[3]
    target.write_text(target.read_text(encoding="utf-8") + "\nA paragraph about a lighthouse.\n", encoding="utf-8")
    assert run_build(content, out) == 0
    assert snapshot(out) == clean_build(content, tmp_path)
    assert any(name.startswith("pagefind/") for name in snapshot(out))
    assert run_build(content, out) == 0  # a no-op rebuild keeps the index
    assert snapshot(out) == clean_build(content, tmp_path)


def test_a_no_op_rebuild_does_not_claim_to_have_indexed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    content = make_archive(tmp_path / "content", 5)
    assert run_build(content, tmp_path / "public") == 0
    assert "Indexed 5 clippings" in capsys.readouterr().out
    assert run_build(content, tmp_path / "public") == 0
    out = capsys.readouterr().out
    assert "no change" in out and "Indexed" not in out
