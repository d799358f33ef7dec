#!/usr/bin/env python3
"""Time, peak memory and size on GitHub Pages of a build with search, indexing included.

    python benchmarks/search_index.py CONTENT [--shard-size N] [--config sitegen.toml] [--out DIR]

Runs `sitegen.build` in this process on CONTENT (default settings unless --config names a sitegen.toml,
`search_shard_size` from the option, an absolute base URL, no build cache) while a thread samples /proc every
0.1 s for the resident memory of this process and of the processes it starts (render workers, then one
Pagefind process per shard). Prints the build and index wall times, the shards, the index's files and bytes,
the peaks (the largest child process, this process, and all together: what the machine must hold, counted
as proportional set size so that memory forked workers share with this process counts once), and the
site as GitHub Pages counts it: tar artifact bytes, files, and the parts that weigh most. Linux only. The
figures are wall times: note the load average.
"""
from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from sitegen.build import build
from sitegen.config import Config, load_config
from sitegen.publish import size as site_size


def _proc_kb(pid: int, file: str, field: str) -> int:
    """A figure in kB from /proc/<pid>/<file>; 0 when the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/{file}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def rss_kb(pid: int) -> int:
    return _proc_kb(pid, "status", "VmRSS:")


def pss_kb(pid: int) -> int:
    """Proportional set size: each page shared by n processes counts 1/n in each, so a sum over processes is
    what they hold together (forked workers share most of their parent's memory; summed RSS counts it
    again in every one of them)."""
    return _proc_kb(pid, "smaps_rollup", "Pss:")


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                continue
    return found


class Sampler(threading.Thread):
    """Peak RSS of this process and of its largest child; peak of their summed RSS and of their summed PSS."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.own = self.child = self.total = self.shared = 0

    def run(self) -> None:
        me = os.getpid()
        while not self.stop.is_set():
            pids = children(me)
            own = rss_kb(me)
            kids = [rss_kb(pid) for pid in pids]
            self.own = max(self.own, own)
            self.child = max([self.child, *kids])
            self.total = max(self.total, own + sum(kids))
            self.shared = max(self.shared, pss_kb(me) + sum(pss_kb(pid) for pid in pids))
            time.sleep(0.1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("content", type=Path)
    ap.add_argument("--shard-size", type=int, default=Config().search_shard_size)
    ap.add_argument("--config", type=Path, help="a sitegen.toml to build with (page_style, excerpt_only, ...)")
    ap.add_argument("--out", type=Path, help="build here (and keep it) instead of a temporary folder")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="sitegen-bench-")) / "public"
    config = load_config(args.config, {"content_dir": args.content, "output_dir": out, "cache": False,
                                       "base_url": "https://example.github.io/archive/",
                                       "search_shard_size": args.shard_size})
    sampler = Sampler()
    sampler.start()
    try:
        started = time.perf_counter()
        result = build(config)
        seconds = time.perf_counter() - started
    finally:
        sampler.stop.set()
        sampler.join()
        if args.out is None:
            shutil.rmtree(out.parent, ignore_errors=True)
    index = result.search
    assert index is not None
    print(f"clippings: {result.clippings}, pages: {result.pages}, build with search: {seconds:.1f} s "
          f"(indexing {index.seconds:.1f} s)")
    print(f"index: {index.shards} shard(s) of at most {args.shard_size} clippings, {index.files} files, "
          f"{index.bytes / 1e6:.1f} MB")
    print(f"build without indexing: {seconds - index.seconds:.1f} s")
    print(f"peak RSS: largest child process (a render worker or Pagefind) {sampler.child / 1024:.0f} MB, "
          f"Python {sampler.own / 1024:.0f} MB, all together {sampler.shared / 1024:.0f} MB (proportional set "
          f"size: shared pages once; summed RSS {sampler.total / 1024:.0f} MB)")
    assert result.size is not None
    print(f"site: {site_size.describe(result.size)}")
    print("\n".join(site_size.parts_table(result.size)))
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
