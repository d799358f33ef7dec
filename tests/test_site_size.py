"""The site's size as GitHub Pages counts it, checked against a real `tar` made the way upload-pages-artifact does."""
from __future__ import annotations

import io
import itertools
import os
import subprocess
import tarfile
from pathlib import Path

import pytest
from conftest import EXAMPLE, run_build

import sitegen.publish.size as site_size
from sitegen.publish.size import PARTS, PartSize, SiteSize, describe, measure, measure_files, size_warnings

# The command actions/upload-pages-artifact runs on a Linux runner (include-hidden-files left at false).
PAGES_TAR = ["tar", "--dereference", "--hard-dereference", "-cf", "-", "--exclude=.git", "--exclude=.github",
             "--exclude=.[^/]*", "."]


def real_tar(folder: Path, *options: str) -> bytes:
    return subprocess.run([*PAGES_TAR[:1], *options, *PAGES_TAR[1:]], cwd=folder, check=True,
                          capture_output=True).stdout


def tar_counts(data: bytes) -> tuple[int, int]:
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = archive.getmembers()
    return sum(m.isfile() for m in members), sum(m.isdir() for m in members) - 1  # the root "." is no folder


def test_built_site_counts_like_the_pages_artifact(published_site: Path) -> None:
    data = real_tar(published_site)
    size = measure(published_site)
    assert size.artifact_bytes == len(data)
    assert measure(published_site, record=512).artifact_bytes == len(real_tar(published_site, "-b", "1"))
    assert (size.files, size.folders) == tar_counts(data)
    assert size.content_bytes == sum(p.stat().st_size for p in published_site.rglob("*")
                                     if p.is_file() and not p.name.startswith("."))


def test_long_names_hidden_files_and_padding(tmp_path: Path) -> None:
    site = tmp_path / "site"
    deep = site / ("a" * 60) / ("ü" * 30)
    deep.mkdir(parents=True)
    (deep / ("long-name-" * 20 + ".html")).write_bytes(b"x" * 1000)
    (site / "exact.bin").write_bytes(b"y" * 512)
    (site / ("p" * 255)).mkdir()
    (site / ("p" * 255) / ("q" * 254)).write_bytes(b"")  # "./p.../q..." is 512 bytes: its name needs 2 blocks
    (site / "empty.txt").write_bytes(b"")
    (site / ("d" * 97)).mkdir()  # a folder name that just fits the 100-byte field with "./" and "/"
    (site / ("e" * 98)).mkdir()  # one byte more
    (site / ".nojekyll").write_bytes(b"")
    (site / ".well-known").mkdir()
    (site / ".well-known" / "x.txt").write_bytes(b"hidden")
    (site / "sub" / ".github").mkdir(parents=True)
    (site / "sub" / ".github" / "ci.yml").write_bytes(b"excluded anywhere")
    os.symlink(site / "exact.bin", site / "link.bin")
    data = real_tar(site)
    size = measure(site)
    assert size.artifact_bytes == len(data)
    assert (size.files, size.folders) == tar_counts(data)
    assert size.files == 5  # long-name html, exact.bin, q..., empty.txt, link.bin (followed, as --dereference does)
    # Without the padding to a 10 KiB record every block shows: blocking factor 1 gives 512-byte records.
    assert measure(site, record=512).artifact_bytes == len(real_tar(site, "--blocking-factor=1"))


def test_warnings_near_and_over_the_limit_and_for_big_files() -> None:
    assert size_warnings(SiteSize(799_000_000, 0, 10, 1, ())) == []
    [near] = size_warnings(SiteSize(800_010_240, 0, 200_000, 1, ()))
    assert "near GitHub Pages' 1 GB limit" in near and "800.0 MB" in near and "200,000 files" in near
    [over] = size_warnings(SiteSize(1_000_001_536, 0, 10, 1, ()))
    assert "over GitHub Pages' 1 GB limit" in over
    [big] = size_warnings(SiteSize(150_000_000, 0, 1, 0, (("data/all.json", 140_000_000),)))
    assert big.startswith("data/all.json is 140 MB")


def test_a_file_over_100_mb_is_found(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    with open(tmp_path / "data" / "huge.json", "wb") as f:
        f.truncate(100_000_001)  # sparse: no disk used
    (tmp_path / "small.html").write_bytes(b"<p>")
    size = measure(tmp_path)
    assert size.big_files == (("data/huge.json", 100_000_001),)
    assert size.artifact_bytes > 100_000_001


def test_build_prints_the_size_and_warns(tmp_path: Path, capsys: pytest.CaptureFixture,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    content = EXAMPLE / "content" / "notes"  # three clippings without problems
    args = ["--base-url", "https://example.org/", "--strict"]
    assert run_build(content, tmp_path / "out", *args) == 0
    out, err = capsys.readouterr()
    size = measure(tmp_path / "out")
    assert f"Site size: {describe(size)}." in out
    assert "sitegen: warning" not in err  # (raw-html.md's <script> is reported as a notice, not a warning)
    monkeypatch.setattr(site_size, "PAGES_LIMIT", int(size.artifact_bytes / 0.9))
    largest = max((p for p in (tmp_path / "out").rglob("*") if p.is_file()), key=lambda p: p.stat().st_size)
    monkeypatch.setattr(site_size, "FILE_LIMIT", largest.stat().st_size - 1)
    assert run_build(content, tmp_path / "out", *args) == 0  # warnings about the whole site do not fail --strict
    err = [line for line in capsys.readouterr().err.splitlines() if line.startswith("sitegen:")]
    assert err[0].startswith("sitegen: warning: the site is near GitHub Pages' 1 GB limit")
    assert err[1].startswith(f"sitegen: warning: {largest.relative_to(tmp_path / 'out').as_posix()} is ")
    assert len(err) == 2


def tar_parts(data: bytes) -> tuple[dict[str, int], dict[str, int]]:
    """Bytes and files of a real tar by part, each member's span (long-name entry, header, padded contents)
    measured from the offsets in the archive; everything after the last member (end blocks, record padding)
    and the root entry go to "other". The parts are told apart here by this test's own reading of the layout."""
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        members = archive.getmembers()
    spans = [b.offset - a.offset for a, b in itertools.pairwise(members)]
    last = members[-1]
    spans.append(last.offset_data + -(-last.size // 512) * 512 - last.offset)
    nbytes: dict[str, int] = {}
    files: dict[str, int] = {}
    for member, span in zip(members, spans, strict=False):
        part = expected_part(member.name.removeprefix("./"), member.isdir())
        nbytes[part] = nbytes.get(part, 0) + span
        files[part] = files.get(part, 0) + member.isfile()
    nbytes["other"] += len(data) - sum(spans)
    return nbytes, files


def expected_part(name: str, folder: bool) -> str:
    parts = name.split("/")
    # A clipping's page is a file in its day's folder (or /undated/), beside the folder's own index.html (a list).
    dated = len(parts) == 4 and all(p.isdigit() for p in parts[:3])
    undated = len(parts) == 2 and parts[0] == "undated"
    if parts[0] == "pagefind":
        return "search index"
    if (dated or undated) and not folder and name.endswith(".html") and parts[-1] != "index.html":
        return "clipping pages"
    if name.endswith((".xml", ".xml.gz")) or name.startswith("clippings.") or name in ("robots.txt", "sitemaps"):
        return "feeds, sitemap, data"
    if name.endswith((".css", ".js")):
        return "static files"
    if parts[0] in ("timeline", "sources", "categories", "undated") or parts[0].isdigit():
        return "list pages"
    return "other"


def test_parts_add_up_to_the_pages_artifact(tmp_path: Path, capsys: pytest.CaptureFixture,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "public"
    monkeypatch.setattr(site_size, "TABLE_FROM", 0)  # print the table for this small site too
    assert run_build(EXAMPLE / "content", out, "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", "https://name.github.io/archive/", "--no-cache") == 0
    printed = capsys.readouterr().out.splitlines()
    data = real_tar(out)
    nbytes, files = tar_parts(data)
    assert sum(nbytes.values()) == len(data)
    reported = measure_files({p.relative_to(out).as_posix(): p.stat().st_size for p in out.rglob("*")
                              if p.is_file()})  # what the build counts: the files it wrote
    assert reported.artifact_bytes == len(data)
    assert {p.name: p.artifact_bytes for p in reported.parts} == {name: nbytes.get(name, 0) for name in PARTS}
    assert {p.name: p.files for p in reported.parts} == {name: files.get(name, 0) for name in PARTS}
    assert sum(p.artifact_bytes for p in reported.parts) == reported.artifact_bytes
    # Every kind of file is there: 17 clipping pages (16 dated, 1 undated), lists, feeds, index, CSS and JS.
    assert files["clipping pages"] == 17 and min(files.values()) > 0
    # The table after the size line lists every part, heaviest first, with its files.
    size_line = next(i for i, line in enumerate(printed) if line.startswith("Site size: "))
    table = printed[size_line + 1:size_line + 1 + len(PARTS)]
    heaviest = sorted(PARTS, key=lambda name: -nbytes[name])
    assert [row.split("  ")[1] for row in table] == heaviest
    assert table[heaviest.index("clipping pages")].endswith(" 17 files")
    for row, name in zip(table, heaviest, strict=False):
        assert f" {nbytes[name] / 1e6:,.1f} MB " in row and row.endswith(f" {files.get(name, 0):,} files")


def test_over_1_gb_fails_under_strict_and_warns_without(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    content = EXAMPLE / "content" / "notes"  # three clippings without problems
    args = ["--base-url", "https://example.org/", "--no-cache"]
    assert run_build(content, tmp_path / "out", *args, "--strict") == 0
    size = measure(tmp_path / "out")
    assert site_size.over_limit(size) is None
    capsys.readouterr()
    monkeypatch.setattr(site_size, "PAGES_LIMIT", size.artifact_bytes - 1)  # the same site, a limit just under it
    assert run_build(content, tmp_path / "out", *args, "--strict") == 1
    err = capsys.readouterr().err
    assert "sitegen: --strict: failing because the site is" in err and "over GitHub Pages' 1 GB limit" in err
    largest = size.largest_parts(1)[0]
    assert f"largest parts: {largest.name} " in err
    assert 'docs/deployment.md, section "If the site is too large"' in err
    assert (tmp_path / "out" / "index.html").is_file()  # the site is built all the same, to look at
    assert run_build(content, tmp_path / "out", *args) == 0  # without --strict: built, with a loud warning
    [warning] = [line for line in capsys.readouterr().err.splitlines() if line.startswith("sitegen: warning")]
    assert "over GitHub Pages' 1 GB limit" in warning and "GitHub Pages will REFUSE to publish it" in warning


def test_over_limit_decides_from_the_figures() -> None:
    parts = (PartSize("clipping pages", 700_000_000, 100_000), PartSize("list pages", 200_000_000, 20_000),
             PartSize("search index", 100_010_240, 100_000))
    assert site_size.over_limit(SiteSize(1_000_000_000, 0, 1, 0, (), parts)) is None  # exactly 1 GB is allowed
    over = site_size.over_limit(SiteSize(1_000_010_240, 0, 220_000, 0, (), parts))
    assert over is not None and "1,000.0 MB" in over
    assert "clipping pages 700 MB (100,000 files), list pages 200 MB (20,000 files), search index 100 MB" in over
