"""The site's size as GitHub Pages counts it, checked against a real `tar` made the way upload-pages-artifact does."""
from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path

import pytest

import sitegen.site_size as site_size
from conftest import EXAMPLE, run_build
from sitegen.site_size import SiteSize, describe, measure, size_warnings

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
