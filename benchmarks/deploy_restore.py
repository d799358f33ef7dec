#!/usr/bin/env python3
"""The build step of a deploy on GitHub Actions, reproduced: a fresh checkout, the previous build restored from
the cache, one clipping added. Issue 20's target: under 60 s at 100,000 clippings.

    python benchmarks/deploy_restore.py /tmp/c10k                  # a content folder from make_corpus.py
    python benchmarks/deploy_restore.py /tmp/c100k --runs 3 --search
    python benchmarks/deploy_restore.py /tmp/c10k --verify         # and compare with a clean build, byte for byte

What the runner does, and this does the same way, in one workspace folder whose path stays the same (the
runner's does; the build cache is kept per output folder's absolute path):

1. the previous deploy: a clean build of the archive (`sitegen build --base-url`), whose `.sitegen-cache/` and
   `public/` are then saved as `actions/cache` saves them (`tar --posix -cf ... -P -C workspace`);
2. for each run: a clean checkout (the content copied afresh, so every file has a new time and inode, as a
   `git checkout` leaves them) with one new clipping, then the cache restored (`tar -xf ... -P -C workspace`: the
   files' times are kept, their inodes are new), then the timed `sitegen build` in a process of its own.

Prints each run's seconds (whole process, wall time), the median, the files the build wrote, and the save and
restore times of the cache (not part of the build step). Earlier workspaces are moved aside and deleted at the end,
never just before a timed build (see run.discard).
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from run import TRASH, discard, measure, same_site  # noqa: E402  (a file next to this one, not a package)

BASE_URL = "https://example.github.io/archive"
"""What actions/configure-pages gives a project site; the workflow adds the slash."""
CACHED = (".sitegen-cache", "public")
"""The folders the generated workflow restores with actions/cache."""


def checkout(corpus: Path, workspace: Path, run: int) -> None:
    """A fresh copy of the archive (new times and inodes, as a checkout leaves them) with one clipping added."""
    shutil.copytree(corpus, workspace / "content", copy_function=shutil.copyfile)
    add_clipping(workspace, run)


def add_clipping(workspace: Path, run: int, name: str = "added") -> None:
    day = dt.date(2015, 1, 1) + dt.timedelta(days=97 * run)
    (workspace / "content" / f"{name}-{run}.txt").write_text(
        f"\n\nClipping added before deploy {run}\n\nPublished on {day:%B} {day.day}, {day.year}\n\n"
        f"Category: ,English,International -\n\n,Benchmarks\n\nSources Deploy Gazette\n\n"
        f"One clipping pushed to the archive, to time the build step of the deploy that follows ({run}).\n",
        encoding="utf-8")


def add_in_place(workspace: Path, run: int) -> None:
    """One more clipping in the workspace as it is, for the in-place comparison."""
    add_clipping(workspace, run + 1000, "in-place")


def build_command(args: argparse.Namespace) -> list[str]:
    return [sys.executable, "-m", "sitegen", "build", "--base-url", f"{BASE_URL}/",
            *(() if args.search else ("--no-search",))]


def tar(*arguments: str) -> float:
    started = time.perf_counter()
    subprocess.run(["tar", *arguments], check=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a content folder (e.g. from make_corpus.py)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--search", action="store_true", help="build with the search index (default: without)")
    parser.add_argument("--in-place", action="store_true",
                        help="after each run, also time a build with one more clipping added where the last one "
                             "ran (no checkout, no restore): the one-edit rebuild a restore is measured against")
    parser.add_argument("--verify", action="store_true",
                        help="compare the last run's site with a clean build of the same content")
    parser.add_argument("--workdir", type=Path, help="where to work (default: a new temporary folder)")
    args = parser.parse_args()
    work = (args.workdir or Path(tempfile.mkdtemp(prefix="deploy-restore-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    workspace, saved = work / "workspace", work / "cache.tar"
    corpus = args.corpus.resolve()
    count = sum(1 for p in corpus.rglob("*") if p.is_file())
    print(f"archive: {count:,} files in {corpus}; search {'on' if args.search else 'off'}; workspace {workspace}")
    try:
        discard(workspace, work)
        shutil.copytree(corpus, workspace / "content", copy_function=shutil.copyfile)
        first = measure(build_command(args), cwd=workspace)
        print(f"previous deploy (clean build): {first.seconds:.2f} s")
        save = tar("--posix", "-cf", str(saved), "-P", "-C", str(workspace), *CACHED)
        print(f"cache saved: {saved.stat().st_size / 1e6:,.0f} MB in {save:.2f} s (uncompressed tar)")
        seconds: list[float] = []
        in_place: list[float] = []
        for run in range(1, args.runs + 1):
            discard(workspace, work)
            checkout(corpus, workspace, run)
            restore = tar("-xf", str(saved), "-P", "-C", str(workspace))
            timed = measure(build_command(args), cwd=workspace)
            seconds.append(timed.seconds)
            changed = re.search(r"; ([\d,]+ files? changed|no change)\.", timed.output)
            indexed = re.search(r"(\d+) indexed again", timed.output)
            print(f"run {run}: restored in {restore:.2f} s; build step {timed.seconds:.2f} s "
                  f"(CPU {timed.cpu:.1f} s, peak RSS {timed.rss_max / 2**20:,.0f} MB); "
                  f"{changed[1] if changed else '?'}"
                  + (f"; search shards indexed again: {indexed[1]}" if indexed else ""), flush=True)
            if args.in_place:  # the same change where the previous build ran: what restoring costs beyond it
                add_in_place(workspace, run)
                local = measure(build_command(args), cwd=workspace)
                in_place.append(local.seconds)
                print(f"        in place, one more clipping added: {local.seconds:.2f} s (CPU {local.cpu:.1f} s)",
                      flush=True)
        print(f"build step after restore, one clipping added: {statistics.median(seconds):.2f} s median of "
              f"{len(seconds)} ({', '.join(f'{s:.2f}' for s in seconds)})")
        if in_place:
            print(f"one clipping added in place (no checkout, no restore): {statistics.median(in_place):.2f} s "
                  f"median of {len(in_place)} ({', '.join(f'{s:.2f}' for s in in_place)})")
        if args.verify:
            clean = work / "clean"
            discard(clean, work)
            shutil.copytree(workspace / "content", clean / "content", copy_function=shutil.copyfile)
            measure([*build_command(args), "--no-cache"], cwd=clean)
            same = same_site(workspace / "public", clean / "public")
            print(f"restored + incremental == clean: {'yes, byte for byte' if same else 'NO'}")
            if not same:
                raise SystemExit(1)
    finally:
        for leftover in (work / TRASH, workspace, work / "clean", saved):
            if leftover.is_dir():
                shutil.rmtree(leftover, ignore_errors=True)
            elif leftover.exists():
                os.unlink(leftover)
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
