#!/usr/bin/env python3
"""Issue 22's goals, measured: a realistic archive built clean with search, its size on GitHub Pages by part,
its build time and memory, against the goals for 100,000 clippings; and, with --latency, search's answer time.

    python benchmarks/site_size.py --clippings 10000                      # make the corpus, build, report
    python benchmarks/site_size.py --clippings 10000 --clippings 100000 --runs 3
    python benchmarks/site_size.py --corpus /tmp/b22/c10k --latency      # an existing corpus; then query times

Each --clippings N makes a corpus of N clippings with `make_corpus.py N DIR --vocabulary zipf` (60,000 words
of Zipf frequencies, as real news text: ../shared/bench/make_corpus.py unless --make-corpus names it) under
--workdir, or reuses the one there; each --corpus DIR is built as it is (its files counted as its clippings).
Each is built --runs times with `python -m sitegen build --no-cache` and default settings (or --config), as
benchmarks/search_index.py builds (its `build_once`: wall time, the build's own indexing time, CPU seconds of the
build and every process it waited for, peak resident memory of the largest process as `/usr/bin/time -v`
reports it (the kernel's `ru_maxrss` of the tree), and the peak of all processes together as proportional set
size). The size is the tar artifact GitHub Pages takes, counted by sitegen.publish.size as the build's
summary counts it, by part of the site.

Printed per corpus: each run, the medians, the artifact by part with bytes per clipping, and each goal of
issue 22 (under 0.9 GB, build and index under 5 minutes, under 6 GB of memory, at 100,000 clippings): met or
not for a corpus of 100,000 clippings or more; a smaller one's figures are shown, not judged (they do not
scale linearly: pages are compact from 40,000 clippings, and each Pagefind process holds one shard).
--latency then runs benchmarks/search_latency.py on the last run's site (query classes, cold and warm).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from search_index import SHARED, TRASH, Run, build_once, discard, mb, medians

from sitegen.publish import size as site_size

HERE = Path(__file__).resolve().parent
GOAL_CLIPPINGS = 100_000
GOALS = (("Pages artifact", 900_000_000, "MB"), ("build and index", 300.0, "s"),
         ("memory, all processes (PSS)", 6 * 1024**3, "GB"))
"""Issue 22's goals for 100,000 clippings of realistic text with full text and search."""


@dataclass
class Corpus:
    folder: Path
    clippings: int
    made: bool
    """Made by this benchmark (deleted at the end unless --keep)."""


def corpora(args: argparse.Namespace, workdir: Path) -> list[Corpus]:
    """The corpora to build, in the order given: --clippings (made with make_corpus.py) then --corpus."""
    found = []
    for count in args.clippings:
        folder = workdir / f"zipf-{count}"
        made = not folder.exists()
        if made:
            if not args.make_corpus.is_file():
                raise SystemExit(f"{args.make_corpus} is not there: name make_corpus.py with --make-corpus, "
                                 "or give an existing corpus with --corpus")
            print(f"making {count:,} clippings with {args.make_corpus.name} --vocabulary zipf in {folder}", flush=True)
            subprocess.run([sys.executable, str(args.make_corpus), str(count), str(folder), "--vocabulary", "zipf"],
                           check=True, stdout=subprocess.DEVNULL)
        found.append(Corpus(folder, count, made))
    for folder in args.corpus:
        if not folder.is_dir():
            raise SystemExit(f"{folder} is not a folder")
        found.append(Corpus(folder, sum(1 for p in folder.rglob("*") if p.is_file()), False))
    return found


def goal_lines(clippings: int, artifact: float, seconds: float, pss_kb: float) -> list[str]:
    """Each goal, met or not, for a corpus of 100,000 clippings or more. A smaller one's figures are not judged:
    they do not scale linearly (pages are compact from 40,000 clippings; each Pagefind holds one shard)."""
    lines = []
    for (name, limit, unit), value in zip(GOALS, (artifact, seconds, pss_kb * 1024), strict=True):
        if clippings >= GOAL_CLIPPINGS:
            verdict = "met" if value < limit else "NOT MET"
        else:
            verdict = f"not judged (the goals are for {GOAL_CLIPPINGS:,} clippings)"
        lines.append(f"  goal {name} under {_in(limit, unit, 0)} at {GOAL_CLIPPINGS:,}: "
                     f"{_in(value, unit)} at {clippings:,}: {verdict}")
    return lines


def _in(value: float, unit: str, digits: int = 1) -> str:
    """A figure in its goal's unit: MB of the artifact as Pages counts them (10^6 bytes), GB of memory as the
    kernel's figures (2^30 bytes), seconds."""
    if unit == "MB":
        return f"{value / 1e6:,.{digits}f} MB"
    if unit == "GB":
        return f"{value / 1024**3:,.{digits + 1}f} GB"
    return f"{value:,.0f} s"


def report(corpus: Corpus, runs: list[Run]) -> None:
    good = [r for r in runs if not r.error]
    print(f"succeeded: {len(good)} of {len(runs)}")
    if not good:
        return
    seconds = statistics.median(r.seconds for r in good)
    pss = statistics.median(r.pss for r in good)
    artifact = statistics.median(r.artifact for r in good)
    print(f"median: {medians(good)}")
    site = good[-1].site
    assert site is not None
    print(f"site: {site_size.describe(site)}; {site.artifact_bytes / corpus.clippings / 1e3:,.2f} kB per clipping")
    for part, line in zip(site.largest_parts(len(site.parts)), site_size.parts_table(site), strict=True):
        print(f"{line}  {part.artifact_bytes / corpus.clippings:8,.0f} B per clipping")
    print("\n".join(goal_lines(corpus.clippings, artifact, seconds, pss)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clippings", type=int, action="append", default=[], metavar="N",
                    help="make (or reuse, under --workdir) a zipf corpus of N clippings; repeatable")
    ap.add_argument("--corpus", type=Path, action="append", default=[], metavar="DIR",
                    help="an existing corpus to build; repeatable")
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--config", type=Path, help="a sitegen.toml to build with (default settings otherwise)")
    ap.add_argument("--make-corpus", type=Path, default=SHARED, metavar="PATH",
                    help=f"the corpus generator (default {SHARED})")
    ap.add_argument("--workdir", type=Path, help="where corpora and outputs go (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the corpora made and the last output of each")
    ap.add_argument("--latency", action="store_true", help="then time search on the last site (search_latency.py)")
    ap.add_argument("--latency-runs", type=int, default=3)
    args = ap.parse_args()
    if not args.clippings and not args.corpus:
        ap.error("give --clippings N or --corpus DIR")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="sitegen-size-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    status = 0
    outs: list[Path] = []
    found: list[Corpus] = []
    try:
        found = corpora(args, workdir)
        for corpus in found:
            out = workdir / f"public-{corpus.clippings}"
            outs.append(out)
            print(f"\n{corpus.clippings:,} clippings in {corpus.folder}: {args.runs} clean build(s) with search"
                  f"{f', settings from {args.config}' if args.config else ', default settings'}; load average "
                  f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
            runs = []
            for number in range(1, args.runs + 1):
                discard(out, workdir)
                run = build_once(corpus.folder, out, args.config)
                runs.append(run)
                outcome = (f"artifact {run.artifact / 1e6:,.1f} MB, {run.files:,} files" if not run.error
                           else f"FAILED: {run.error}")
                indexing = f"{run.indexing:.1f} s" if run.indexing is not None else "-"
                print(f"run {number}: {run.seconds:.1f} s (indexing {indexing}, CPU {run.cpu:.1f} s), peak RSS "
                      f"largest process {mb(run.rss_max)}, all processes {mb(run.pss)} PSS; {outcome}; load "
                      f"average {run.load:.1f}", flush=True)
            report(corpus, runs)
            status |= any(r.error for r in runs)
            if args.latency and not runs[-1].error:
                print(flush=True)
                status |= subprocess.run([sys.executable, str(HERE / "search_latency.py"), str(out),
                                          "--runs", str(args.latency_runs)]).returncode != 0
        return int(status)
    finally:
        shutil.rmtree(workdir / TRASH, ignore_errors=True)
        if not args.keep:
            for out in outs:
                shutil.rmtree(out, ignore_errors=True)
            for corpus in found:
                if corpus.made:
                    shutil.rmtree(corpus.folder, ignore_errors=True)
            if args.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
