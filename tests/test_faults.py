"""Faults: a build killed half way leaves the previous site complete; an output folder that cannot be written is a
clear error that changes nothing; an unreadable file is reported and skipped.

Tests run as root here, and root reads and writes whatever the file modes say. To test modes for real, the build
runs in a child process started through `setpriv` without the two capabilities that let root ignore them
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH): still root, but bound by permissions like any user.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import run_build
from helpers import clipping_pages, export_text, snapshot, tree

import sitegen.publish.swap
from sitegen.errors import BuildError
from sitegen.publish.writer import SiteWriter


def write_archive(content: Path, count: int, start: int = 0) -> None:
    content.mkdir(parents=True, exist_ok=True)
    for n in range(start, start + count):
        day = f"{['January', 'March', 'June', 'October'][n % 4]} {n % 28 + 1}, {2001 + n % 20}"
        (content / f"{n:05d}_{n:08x}{n:08x}.txt").write_text(
            export_text(f"Harbour report number {n}", date=day, source=f"Gazette {n % 30}",
                        categories=f"Topic {n % 40},Region {n % 7}", body=f"Report {n} on the harbour."),
            encoding="utf-8")


def sitegen_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "sitegen", *args]


def test_killed_build_leaves_the_previous_site_complete(tmp_path: Path) -> None:
    content, out = tmp_path / "content", tmp_path / "public"
    write_archive(content, 1500)
    assert run_build(content, out) == 0
    before = snapshot(out)
    write_archive(content, 10, start=1500)
    # --no-cache: a full rewrite, so that there is a half-written staging folder to catch (an incremental
    # build stages only the few changed files; test_incremental kills one during its patch).
    build = subprocess.Popen(sitegen_command("build", "--content", str(content), "--out", str(out), "--no-cache"),
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    staging: list[Path] = []
    deadline = time.monotonic() + 120
    while build.poll() is None and time.monotonic() < deadline:
        staging = list(tmp_path.glob(".public.building-*"))
        if staging and sum(1 for _ in staging[0].rglob("*.html")) > 300:  # half way through writing pages
            build.send_signal(signal.SIGKILL)
            break
        time.sleep(0.005)
    assert build.wait() == -signal.SIGKILL, "the build ended before it could be interrupted"
    assert _processes_reading(content, within=60) == [], "the killed build's workers live on"
    assert snapshot(out) == before
    assert staging and staging[0].exists()  # the killed build's leftovers ...
    assert run_build(content, out) == 0
    assert not list(tmp_path.glob(".public.*"))  # ... are cleared by the next build
    assert sum(1 for _ in out.glob("20*/*/*/harbour-report-number-150[0-9]-*.html")) == 10


def _processes_reading(content: Path, within: float) -> list[str]:
    """Processes (the build's forked workers and children, now orphans) whose command line names `content`, once
    none is left or `within` seconds have passed."""
    deadline = time.monotonic() + within
    while True:
        found = []
        for proc in Path("/proc").iterdir():
            try:
                if proc.name.isdigit() and str(content) in (proc / "cmdline").read_bytes().decode(errors="replace"):
                    found.append(proc.name)
            except OSError:
                continue  # ended meanwhile
        if not found or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def test_commit_swaps_folders_in_one_step(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("old", encoding="utf-8")
    writer = SiteWriter(out)
    writer.write_bytes("new.html", b"new")
    writer.commit()
    assert sorted(p.name for p in out.iterdir()) == ["new.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["public"]


def test_without_atomic_exchange_a_failed_swap_puts_the_previous_site_back(tmp_path: Path, monkeypatch) -> None:
    """Where renameat2 is missing, the output is moved aside and the new one moved in; if that second step
    fails, the previous site is moved back."""
    out = tmp_path / "public"
    out.mkdir()
    (out / "old.html").write_text("old", encoding="utf-8")
    writer = SiteWriter(out)
    writer.write_bytes("new.html", b"new")
    monkeypatch.setattr(sitegen.publish.swap, "_exchange", lambda a, b: False)
    real_rename = os.rename

    def rename(src, dst):
        if Path(src) == writer.staging:
            raise OSError(16, "Device or resource busy")
        real_rename(src, dst)

    monkeypatch.setattr(sitegen.publish.swap.os, "rename", rename)
    with pytest.raises(BuildError, match="cannot replace the output folder"):
        writer.commit()
    assert sorted(p.name for p in out.iterdir()) == ["old.html"]


@pytest.mark.parametrize("case", ["parent-is-a-file", "output-is-a-file"])
def test_output_that_cannot_be_written_is_a_clear_error(tmp_path: Path, content_dir, capsys, case: str) -> None:
    content = content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired")})
    (tmp_path / "site").write_text("not a folder", encoding="utf-8")
    out = tmp_path / "site" / "public" if case == "parent-is-a-file" else tmp_path / "site"
    before = snapshot(tmp_path)
    assert run_build(content, out) == 1
    err = capsys.readouterr().err
    assert f"sitegen: error: cannot write the output folder {out}: " in err
    assert "is a file, not a folder" in err
    assert snapshot(tmp_path) == before and not list(tmp_path.glob(".*"))


def _unprivileged(tmp_path: Path) -> list[str]:
    """A command prefix that runs a program bound by file modes; skips the test where none is possible."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: file modes cannot be enforced")
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all", "--"]
    locked = tmp_path / "probe"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    probe = subprocess.run([*prefix, sys.executable, "-c", f"open({str(locked)!r}).read()"],
                           capture_output=True, text=True)
    locked.unlink()
    if "PermissionError" not in probe.stderr:
        pytest.skip(f"setpriv could not drop root's file-permission capabilities: {probe.stderr.strip()[:200]}")
    return prefix


def test_read_only_output_location_is_a_clear_error_and_changes_nothing(tmp_path: Path, content_dir) -> None:
    prefix = _unprivileged(tmp_path)
    content = content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired")})
    site = tmp_path / "site"
    assert run_build(content, site / "public") == 0
    (content / "002_bbbbbbbb00000002.txt").write_text(export_text("Crane delivered"), encoding="utf-8")
    before, paths = snapshot(site), tree(site)
    site.chmod(0o555)
    try:
        result = subprocess.run([*prefix, *sitegen_command("build", "--content", str(content), "--out",
                                                           str(site / "public"))], capture_output=True, text=True)
    finally:
        site.chmod(0o755)
    assert result.returncode == 1
    assert f"sitegen: error: cannot write the output folder {site / 'public'}: Permission denied" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(site) == before and tree(site) == paths


def test_unreadable_file_and_folder_are_reported_and_skipped(tmp_path: Path, content_dir) -> None:
    prefix = _unprivileged(tmp_path)
    content = content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired"),
                           "002_bbbbbbbb00000002.txt": export_text("Crane delivered"),
                           "locked/003_cccccccc00000003.txt": export_text("Dredger arrives")})
    (content / "002_bbbbbbbb00000002.txt").chmod(0)
    (content / "locked").chmod(0)
    try:
        result = subprocess.run([*prefix, *sitegen_command("build", "--content", str(content), "--out",
                                                           str(tmp_path / "public"))], capture_output=True, text=True)
    finally:
        (content / "locked").chmod(0o755)
    assert result.returncode == 0, result.stderr
    assert f"{content}/002_bbbbbbbb00000002.txt:1: error: cannot read file: Permission denied" in result.stderr
    assert f"{content}/locked:1: error: cannot read folder: Permission denied" in result.stderr
    assert [p.name for p in clipping_pages(tmp_path / "public/2025/03/11")] == ["quay-wall-repaired-aaaaaaaa.html"]
