"""The search index is written whole, by the build's one writer (issue 15).

Pagefind wrote its files itself and did not wait for them: its service answered "written" while the writes
were still queued in its threads, and ended as soon as its input closed, so on a busy disk a 100,000-clipping
build published (or refused) shards with empty and cut files. Now Pagefind hands its files over as bytes and
the build's writer writes them; these tests slow that writer down and check that everything Pagefind made is
on disk whole when the build reports success, that a damaged answer is refused and never kept for a later
build, and that a Pagefind that dies never hangs the build.
"""
from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEARCH_ARCHIVE, run_build
from test_build_behaviour import snapshot

from sitegen.publish.writer import SiteWriter
from sitegen.search import indexer
from sitegen.search.packs import TABLE, unpack

SIGNATURE = b"pagefind_dcd"
NEEDED = ("pagefind-entry.json", "index/", "fragment/", "filter/", "pagefind.en_")
RUNTIME = ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind")


def files_under(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def whole_index(out: Path) -> int:
    """Check every shard of a built index the way a browser would need it; returns the results it holds."""
    results = 0
    for shard in sorted((out / "pagefind").iterdir()):
        entry = json.loads((shard / "pagefind-entry.json").read_text(encoding="utf-8"))
        for path in shard.rglob("*.pf_*"):
            assert gzip.decompress(path.read_bytes()).startswith(SIGNATURE), path
        files = files_under(shard)
        fragments = unpack(files)  # the results, read out of their packs as the search page's engine reads them
        assert len(fragments) == entry["languages"]["en"]["page_count"], shard.name
        for data in fragments.values():
            assert gzip.decompress(data).startswith(SIGNATURE), shard.name
        packed = {name for name in files if name.startswith("fragment/")} - {TABLE}
        assert packed and all(name.endswith(".pf_pack") for name in packed), shard.name
        assert sum(len(files[name]) for name in packed) == sum(map(len, fragments.values()))  # nothing else in them
        results += len(fragments)
    return results


@pytest.fixture
def slow_writer(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """The build's writer, 10 ms slower per index file (a busy disk); what it was given, by path."""
    put = SiteWriter.put
    given: dict[str, bytes] = {}

    def slow_put(self: SiteWriter, relative: str, data: bytes, *args, **kwargs):
        if relative.startswith("pagefind/"):
            time.sleep(0.01)
            given[relative] = bytes(data)
        return put(self, relative, data, *args, **kwargs)

    monkeypatch.setattr(SiteWriter, "put", slow_put)
    return given


@pytest.fixture
def pagefind_answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[bool, dict[str, bytes]]]:
    """Every file Pagefind handed over, by shard, and whether the shard is the primary one."""
    answers: dict[str, tuple[bool, dict[str, bytes]]] = {}
    shard_files = getattr(indexer, "shard_files", None)

    def recorded(files: dict[str, bytes], shard, pages: int, pages_read: int, primary: bool, words: int | None):
        answers[shard.name] = (primary, dict(files))
        return shard_files(files, shard, pages, pages_read, primary, words)

    monkeypatch.setattr(indexer, "shard_files", recorded, raising=False)
    return answers


@pytest.mark.parametrize("style", ["full", "compact"])
def test_every_file_pagefind_made_is_on_disk_whole_written_by_the_builds_writer(
        style, tmp_path: Path, slow_writer, pagefind_answers) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text((SEARCH_ARCHIVE / "sitegen.toml").read_text(encoding="utf-8") + f'page_style = "{style}"\n',
                      encoding="utf-8")
    out = tmp_path / "public"
    assert run_build(SEARCH_ARCHIVE / "content", out, "--config", str(config)) == 0
    published = files_under(out / "pagefind")
    results = {f"{shard.name}/{path}": data for shard in (out / "pagefind").iterdir()
               for path, data in unpack(files_under(shard)).items()}
    for name, data in published.items():
        assert f"pagefind/{name}" in slow_writer, f"{name} was not written by the build's writer"
        assert data == slow_writer[f"pagefind/{name}"], f"{name} is not on disk as the writer was given it"
    assert whole_index(out) == 10  # every clipping of the archive found
    assert sorted(pagefind_answers) == sorted(p.name for p in (out / "pagefind").iterdir())
    for shard, (primary, files) in pagefind_answers.items():
        for name, data in files.items():
            path = f"{shard}/{name}"
            if name.startswith(NEEDED) or (primary and name in RUNTIME):
                if name.startswith("fragment/") and style == "compact":  # packed; the lede kept, the rest cut
                    kept, made = (json.loads(gzip.decompress(d)[len(SIGNATURE):]) for d in (results[path], data))
                    assert made["content"].startswith(kept["content"]) and kept["url"] == made["url"]
                elif name.startswith("fragment/"):  # packed, as Pagefind wrote it
                    assert results[path] == data, path
                else:
                    assert published[path] == data, path
            else:  # Pagefind's ready-made UIs, and the runtime outside the primary shard: not published
                assert path not in published


def damage_entry(files: dict[str, bytes]) -> None:
    files["pagefind-entry.json"] = b""


def cut_a_fragment(files: dict[str, bytes]) -> None:
    name = sorted(n for n in files if n.startswith("fragment/"))[0]
    files[name] = files[name][:len(files[name]) // 2]


def lose_a_fragment(files: dict[str, bytes]) -> None:
    del files[sorted(n for n in files if n.startswith("fragment/"))[0]]


def cut_the_webassembly(files: dict[str, bytes]) -> None:
    if "wasm.en.pagefind" in files:
        files["wasm.en.pagefind"] = files["wasm.en.pagefind"][:131_072 // 2]


def empty_the_script(files: dict[str, bytes]) -> None:
    files["pagefind.js"] = b""


def cut_the_script(files: dict[str, bytes]) -> None:
    """Its start whole (the version it names), its end missing, as the UI script found cut at 128 KiB."""
    files["pagefind.js"] = files["pagefind.js"][:len(files["pagefind.js"]) * 3 // 4]


def cut_the_worker(files: dict[str, bytes]) -> None:
    files["pagefind-worker.js"] = files["pagefind-worker.js"][:-40]


def _cut_first(files: dict[str, bytes], start: str, end: str = "") -> None:
    name = sorted(n for n in files if n.startswith(start) and n.endswith(end))[0]
    files[name] = files[name][:len(files[name]) - 9]  # gzip's checksum and length lost


def cut_an_index_chunk(files: dict[str, bytes]) -> None:
    _cut_first(files, "index/")


def cut_a_filter(files: dict[str, bytes]) -> None:
    _cut_first(files, "filter/")


def cut_the_meta(files: dict[str, bytes]) -> None:
    _cut_first(files, "pagefind.", ".pf_meta")


def lose_the_meta(files: dict[str, bytes]) -> None:
    del files[sorted(n for n in files if n.endswith(".pf_meta"))[0]]


@pytest.mark.parametrize("damage", [damage_entry, cut_a_fragment, lose_a_fragment, cut_the_webassembly,
                                    empty_the_script, cut_the_script, cut_the_worker, cut_an_index_chunk,
                                    cut_a_filter, cut_the_meta, lose_the_meta])
def test_a_damaged_shard_fails_the_build_and_is_never_kept(damage, tmp_path: Path, monkeypatch, capsys) -> None:
    """Each way a shard was found cut short at 100k (an empty entry, a cut runtime file) and a few more: the
    build fails naming the shard, the previous site stays, and the next build indexes that shard again."""
    monkeypatch.chdir(tmp_path)  # the build cache (.sitegen-cache/) lives here
    out = tmp_path / "public"
    content = tmp_path / "content"
    content.mkdir()
    for path in (SEARCH_ARCHIVE / "content").iterdir():
        (content / path.name).write_bytes(path.read_bytes())
    assert run_build(content, out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml")) == 0
    before = snapshot(out)
    edited = content / "romorkor.md"  # a clipping of the newest shard: the primary, with the runtime
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph about the harbour tug.\n",
                      encoding="utf-8")
    index_files = indexer.index_files

    def damaged(site: Path, glob: str, language: str):
        pages, files = index_files(site, glob, language)
        damage(files)
        return pages, files

    monkeypatch.setattr(indexer, "index_files", damaged)
    capsys.readouterr()
    assert run_build(content, out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml")) == 1
    error = capsys.readouterr().err
    assert "2024_2031" in error and ("damaged index" in error or "result fragments" in error), error
    assert snapshot(out) == before
    monkeypatch.undo()
    monkeypatch.chdir(tmp_path)
    assert run_build(content, out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml")) == 0
    assert "1 indexed again" in capsys.readouterr().out
    assert whole_index(out) == 10


FAKE_PAGEFIND = """#!{python}
# Answers Pagefind's first request, then {ending}.
import base64, json, os, sys, time
request = b""
while not request.endswith(b","):
    request += os.read(0, 1)
sent = json.loads(base64.b64decode(request[:-1]))
answer = {{"message_id": sent["message_id"], "payload": {{"type": "NewIndex", "index_id": 0}}}}
sys.stdout.buffer.write(base64.b64encode(json.dumps(answer).encode()) + b",")
sys.stdout.flush()
{then}
"""


@pytest.mark.parametrize("ending, then, said", [
    ("dies while indexing", "sys.stderr.write('thread main panicked: out of memory\\n'); os._exit(101)",
     "exit code 101: thread main panicked: out of memory"),
    ("closes its output and dies later", "os.close(1); time.sleep(1); os._exit(9)", "exit code 9"),
])
def test_a_pagefind_that_dies_fails_the_build_at_once(ending, then, said, tmp_path: Path) -> None:
    fake = tmp_path / "pagefind"
    fake.write_text(FAKE_PAGEFIND.format(python=sys.executable, ending=ending, then=then), encoding="utf-8")
    fake.chmod(0o755)
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--content", str(SEARCH_ARCHIVE / "content"),
                           "--out", str(tmp_path / "public"), "--no-cache"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    assert done.returncode == 1
    assert f"search indexing failed: Pagefind stopped unexpectedly ({said})" in done.stderr, done.stderr
    assert not (tmp_path / "public").exists()
    assert time.monotonic() - started < 60


def test_a_program_that_is_not_pagefind_fails_the_build_clearly(tmp_path: Path) -> None:
    """A program that echoes each request back: not an answer to it."""
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\nexec cat\n", encoding="utf-8")
    fake.chmod(0o755)
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--content", str(SEARCH_ARCHIVE / "content"),
                           "--out", str(tmp_path / "public"), "--no-cache"], capture_output=True, text=True,
                          timeout=120, env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    assert done.returncode == 1
    assert "search indexing failed: Pagefind answered NewIndex with {'type': 'NewIndex'" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr


def test_a_recorded_shard_missing_a_result_is_indexed_again_not_kept(tmp_path: Path, monkeypatch, capsys) -> None:
    """The previous build's record of a shard is reused only if it still holds the shard's results: a record that
    lost a result fragment (left by another sitegen, or cut) gets the shard indexed again, and the index whole,
    where reusing it would publish a shard that misses a clipping (or fail every build from then on)."""
    monkeypatch.chdir(tmp_path)  # the build cache (.sitegen-cache/) lives here
    out = tmp_path / "public"
    content = tmp_path / "content"
    content.mkdir()
    for path in (SEARCH_ARCHIVE / "content").iterdir():
        (content / path.name).write_bytes(path.read_bytes())
    config = str(SEARCH_ARCHIVE / "sitegen.toml")
    assert run_build(content, out, "--config", config) == 0
    edited = content / "romorkor.md"  # a change, so that the build indexes: the newest shard's
    edited.write_text(edited.read_text(encoding="utf-8") + "\nA late paragraph.\n", encoding="utf-8")
    reusable_group = SiteWriter.reusable_group
    cut: list[str] = []

    def lost_a_fragment(self: SiteWriter, key: bytes | None):
        group = reusable_group(self, key)
        fragments = [relative for relative, _ in group if "/fragment/" in relative]
        if fragments and not cut:
            cut.append(fragments[0])
            return [(relative, output) for relative, output in group if relative != fragments[0]]
        return group

    monkeypatch.setattr(SiteWriter, "reusable_group", lost_a_fragment)
    capsys.readouterr()
    assert run_build(content, out, "--config", config) == 0, capsys.readouterr().err
    shards = len(list((out / "pagefind").iterdir()))
    assert f"2 indexed again, {shards - 2} kept" in capsys.readouterr().out  # the edited one, the cut one
    assert (out / cut[0]).is_file()
    assert whole_index(out) == 10
