#!/usr/bin/env python3
"""Clean builds with search, as `sitegen build` runs them: time, peak memory and size on GitHub Pages, run by run.

    python benchmarks/search_index.py CONTENT [--runs N] [--shard-size N] [--config sitegen.toml]
    python benchmarks/search_index.py --generate 100000 --runs 5   # the 100k-with-search figures of docs/

Each run builds CONTENT (or, with --generate N, an archive of N clippings from ../shared/bench/make_corpus.py,
default vocabulary, written under --workdir) with `python -m sitegen build --no-cache` into a fresh folder under
--workdir: default settings unless --config names a sitegen.toml, `search_shard_size` from --shard-size, base URL
https://example.github.io/archive/. A thread samples /proc every 0.1 s for the build's process tree (render
workers, background children, then one Pagefind process per shard).

Per run it prints: wall time and indexing time (from the build's own summary); the peak resident memory of the
largest process, as the kernel counts it for the tree (`ru_maxrss`, what `/usr/bin/time -v` reports); the largest
Pagefind process; the peak of all processes together, as proportional set size (a page shared by forked workers
counts once; summed RSS would count it in each); the Pages artifact and its files. Then medians, and each
run's load average. A run that fails is reported with the build's error, the next run still goes, and the exit
status is 1: "succeeds every time" is what the figures say. Earlier runs' outputs are moved aside and deleted
at the end, never right before a timed build (see `discard` in run.py). Linux only; wall times on a shared
host: read them with the load average.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from sitegen.config import Config
from sitegen.publish import size as site_size

HERE = Path(__file__).resolve().parent
SHARED = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
BASE_URL = "https://example.github.io/archive/"
TRASH = ".trash"
"""Under --workdir: earlier runs' outputs, deleted when the benchmark ends (see run.py's `discard`)."""


@dataclass
class Run:
    seconds: float
    indexing: float | None
    """Seconds the build spent indexing, from its summary; None when it failed before."""
    rss_max: int
    """kB: peak RSS of the largest process of the build (the kernel's `ru_maxrss` of the tree)."""
    pagefind: int
    """kB: peak RSS of the largest Pagefind process, sampled."""
    pss: int
    """kB: peak of the summed proportional set size of the build's processes, sampled."""
    cpu: float = 0.0
    """CPU seconds of the build and every process it waited for (workers, Pagefind): what load does not inflate
    as much as wall time on a shared host."""
    artifact: int = 0
    files: int = 0
    load: float = 0.0
    error: str = ""
    site: site_size.SiteSize | None = None


def _proc_kb(pid: int, file: str, field: str) -> int:
    """A figure in kB from /proc/<pid>/<file>; 0 when the process is gone."""
    try:
        with open(f"/proc/{pid}/{file}", encoding="ascii", errors="replace") as opened:
            for line in opened:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree(root: int) -> list[tuple[int, str]]:
    """A process and its descendants, with their names, from /proc."""
    children: dict[int, list[int]] = {}
    names: dict[int, str] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", "rb") as file:
                    head, tail = file.read().rsplit(b")", 1)
                children.setdefault(int(tail.split()[1]), []).append(int(entry))
                names[int(entry)] = head.split(b"(", 1)[1].decode("ascii", "replace")
            except (OSError, IndexError, ValueError):
                continue
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append((pid, names.get(pid, "")))
        todo.extend(children.get(pid, ()))
    return found


class Sampler(threading.Thread):
    """Peak summed PSS of a process tree, and peak RSS of its largest Pagefind process."""

    def __init__(self, root: int) -> None:
        super().__init__(daemon=True)
        self.root = root
        self.stop = threading.Event()
        self.pss = self.pagefind = 0

    def run(self) -> None:
        while not self.stop.is_set():
            processes = tree(self.root)
            self.pss = max(self.pss, sum(_proc_kb(pid, "smaps_rollup", "Pss:") for pid, _ in processes))
            self.pagefind = max([self.pagefind, *(_proc_kb(pid, "status", "VmRSS:") for pid, name in processes
                                                  if name.startswith("pagefind"))])
            self.stop.wait(0.1)


def build_once(content: Path, out: Path, config: Path | None) -> Run:
    """One clean build in a process of its own, measured."""
    command = [sys.executable, "-m", "sitegen", "build", "--content", str(content), "--out", str(out),
               "--no-cache", "--base-url", BASE_URL, *(["--config", str(config)] if config else [])]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}  # as an installed sitegen runs
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    sampler = Sampler(process.pid)
    sampler.start()
    said = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    sampler.stop.set()
    sampler.join()
    indexing = re.search(r"for search in .* in ([\d.]+) s\.", said)
    run = Run(seconds, float(indexing[1]) if indexing else None, usage.ru_maxrss, sampler.pagefind, sampler.pss,
              cpu=usage.ru_utime + usage.ru_stime, load=os.getloadavg()[0])
    if os.waitstatus_to_exitcode(status) != 0:
        run.error = " ".join(line for line in said.splitlines() if "error" in line)[-400:] or said[-400:]
    else:
        run.site = site_size.measure(out)
        run.artifact, run.files = run.site.artifact_bytes, run.site.files
    return run


def discard(path: Path, workdir: Path) -> None:
    """Move an earlier run's output aside, to be deleted at the end: deleting it right before the next timed
    build would slow that build (ext4 skips recently freed inodes; see run.py's `discard`)."""
    if path.exists():
        trash = workdir / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


def medians(good: list[Run]) -> str:
    """The medians of successful runs: time, indexing, CPU, memory and artifact, as one line."""
    def median(field: str) -> float:
        return statistics.median(getattr(r, field) or 0 for r in good)
    return (f"{median('seconds'):.1f} s (indexing {median('indexing'):.1f} s, CPU {median('cpu'):.1f} s), peak RSS "
            f"largest process {mb(median('rss_max'))}, Pagefind {mb(median('pagefind'))}, all processes "
            f"{mb(median('pss'))} PSS; artifact {median('artifact') / 1e6:,.1f} MB, {median('files'):,.0f} files")


def mb(kb: float) -> str:
    return f"{kb / 1024:,.0f} MB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", type=Path, nargs="?", help="the archive to build (or --generate one)")
    ap.add_argument("--generate", type=int, metavar="N", help="build an archive of N clippings from make_corpus.py")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--shard-size", type=int, help=f"search_shard_size (default {Config().search_shard_size:,})")
    ap.add_argument("--config", type=Path, help="a sitegen.toml to build with (page_style, excerpt_only, ...)")
    ap.add_argument("--workdir", type=Path, help="where corpus and outputs go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the generated corpus and the last output")
    args = ap.parse_args()
    if (args.content is None) == (args.generate is None):
        ap.error("give CONTENT or --generate N")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sitegen-search-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    content = args.content
    if args.generate is not None:
        content = workdir / f"corpus-{args.generate}"
        if not content.exists():
            subprocess.run([sys.executable, str(SHARED), str(args.generate), str(content)], check=True,
                           stdout=subprocess.DEVNULL)
    settings = tomllib.loads(args.config.read_text(encoding="utf-8")) if args.config else {}
    if args.shard_size is not None and "search_shard_size" in settings:
        ap.error(f"{args.config} sets search_shard_size already")
    shard_size = args.shard_size or settings.get("search_shard_size", Config().search_shard_size)
    config = workdir / "sitegen.toml"
    config.write_text((args.config.read_text(encoding="utf-8") + "\n" if args.config else "")
                      + (f"search_shard_size = {args.shard_size}\n" if args.shard_size else ""), encoding="utf-8")
    clippings = sum(1 for p in content.rglob("*") if p.is_file())
    print(f"{clippings:,} files in {content}, search_shard_size = {shard_size:,}, {args.runs} clean build(s) "
          f"with search, load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    runs: list[Run] = []
    out = workdir / "public"
    try:
        for number in range(1, args.runs + 1):
            discard(out, workdir)
            run = build_once(content, out, config)
            runs.append(run)
            indexing = f"{run.indexing:.1f} s" if run.indexing is not None else "-"
            outcome = (f"artifact {run.artifact / 1e6:,.1f} MB, {run.files:,} files" if not run.error
                       else f"FAILED: {run.error}")
            print(f"run {number}: {run.seconds:.1f} s (indexing {indexing}, CPU {run.cpu:.1f} s), peak RSS largest "
                  f"process {mb(run.rss_max)}, Pagefind {mb(run.pagefind)}, all processes {mb(run.pss)} PSS; "
                  f"{outcome}; load average {run.load:.1f}", flush=True)
        good = [r for r in runs if not r.error]
        print(f"succeeded: {len(good)} of {len(runs)}")
        if good:
            print(f"median of the successful runs: {medians(good)}")
            last = good[-1].site
            assert last is not None
            print(f"site: {site_size.describe(last)}")
            print("\n".join(site_size.parts_table(last)))
        return 0 if len(good) == len(runs) else 1
    finally:
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        config.unlink(missing_ok=True)
        if not args.keep:
            shutil.rmtree(out, ignore_errors=True)
            if args.generate is not None:
                shutil.rmtree(content, ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
