"""Command line: parse arguments, load the config, call the build, report. The only module that prints."""
from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .annotations import FORMATS, formatted
from .build import BuildResult, build, check
from .config import load_config
from .errors import SitegenError
from .model import Problem
from .publish import size as site_size
from .site.pages import COMPACT_FROM

PROGRESS_MIN_PAGES = 2000
"""Below this a build is over before a progress bar would help."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run `sitegen` with `argv` (default: the process arguments); return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except SitegenError as exc:
        print(f"sitegen: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("sitegen: interrupted; the previous output is unchanged", file=sys.stderr)
        return 130


def run() -> None:
    """The `sitegen` command: `main()`, then end the process without freeing the build's objects one by one
    (about a tenth of a second for a large archive, spent on memory the system takes back anyway)."""
    code = main()
    if sys.getprofile() is not None or sys.gettrace() is not None:
        sys.exit(code)  # a profiler or coverage tool writes its results at exit
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="sitegen",
                                     description="Build a browsable archive website from news clippings.")
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    b = commands.add_parser("build", help="build the site into the output folder")
    b.add_argument("--content", type=Path, help="folder of clippings (default: content/)")
    b.add_argument("--out", type=Path, help="output folder, replaced on success (default: public/)")
    b.add_argument("--config", type=Path, help="settings file (default: sitegen.toml here, if present)")
    b.add_argument("--base-url", help="where the site is served, e.g. https://name.github.io/archive/ or /archive/")
    b.add_argument("--strict", action="store_true", help="exit with code 1 when there is any warning or error")
    b.add_argument("--no-search", dest="search", action="store_const", const=False,
                   help="build without the search index and search page (overrides `search` in the config)")
    b.add_argument("--jobs", type=int, metavar="N", help="worker processes (default: one per core; 1: no workers)")
    b.add_argument("--no-cache", dest="cache", action="store_false",
                   help="ignore and do not update the build cache (.sitegen-cache/): a full build")
    b.add_argument("--force", action="store_true",
                   help="replace the output folder even if it is not empty and sitegen did not make it")
    b.set_defaults(run=_build)
    s = commands.add_parser("serve", help="build, serve on 127.0.0.1 and rebuild on every change (live reload)")
    s.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: any free port)")
    s.add_argument("--content", type=Path, help="folder of clippings (default: content/)")
    s.add_argument("--out", type=Path, help="output folder, replaced on every build (default: public/)")
    s.add_argument("--config", type=Path, help="settings file (default: sitegen.toml here, if present)")
    s.add_argument("--base-url", help="serve under this URL's path instead of base_url's")
    s.add_argument("--no-search", dest="search", action="store_const", const=False,
                   help="skip the search index for quicker rebuilds (overrides `search` in the config)")
    s.add_argument("--force", action="store_true",
                   help="replace the output folder even if it is not empty and sitegen did not make it")
    s.set_defaults(run=_serve, strict=False)
    c = commands.add_parser("check", help="read every clipping and report problems; build nothing")
    c.add_argument("--content", type=Path, help="folder of clippings (default: content/)")
    c.add_argument("--config", type=Path, help="settings file (default: sitegen.toml here, if present)")
    c.add_argument("--strict", action="store_true", help="exit with code 1 on warnings too, not only on errors")
    c.add_argument("--format", choices=FORMATS, default="text",
                   help="text (file:line: severity: message), github (annotations in a GitHub Actions run) or "
                        "json (one JSON object per line); the count goes to stderr for github and json")
    c.set_defaults(run=_check, out=None, base_url=None, search=False)
    k = commands.add_parser("clip", help="fetch article pages and keep each in the content folder as a clipping")
    k.add_argument("urls", nargs="+", metavar="URL", help="address of an article (http or https)")
    k.add_argument("--content", type=Path, default=Path("content"), help="folder to write to (default: content/)")
    k.set_defaults(run=_clip)
    n = commands.add_parser("new", help="write a ready archive repository (clippings, settings, GitHub workflow)")
    n.add_argument("folder", type=Path, metavar="DIR", help="a new or empty folder")
    n.add_argument("--source", metavar="REQUIREMENT",
                   help="where the archive's workflow installs sitegen from, as a pip requirement (default: where "
                        "this sitegen came from, pinned), e.g. 'sitegen @ git+https://github.com/OWNER/sitegen@v1.0'")
    n.set_defaults(run=_new)
    return parser


def _config_from(args: argparse.Namespace):
    config_file = args.config
    if config_file is None and Path("sitegen.toml").is_file():
        config_file = Path("sitegen.toml")
    site_dir = config_file.parent if config_file is not None else Path(".")
    return load_config(config_file, {
        "content_dir": args.content or Path("content"),
        "output_dir": args.out or Path("public"),
        "site_dir": site_dir,
        "base_url": args.base_url,
        "strict": args.strict,
        "search": args.search,
        "jobs": getattr(args, "jobs", None),  # `serve` rebuilds with the defaults: every core, the cache
        "cache": getattr(args, "cache", None),
        "force": getattr(args, "force", None),
    })


def _build(args: argparse.Namespace) -> int:
    config = _config_from(args)
    started = time.perf_counter()
    result = build(config, progress=_progress_bar() if sys.stderr.isatty() else None)
    seconds = time.perf_counter() - started
    for problem in result.problems:
        print(shown(problem, config.content_dir), file=sys.stderr)
    counted = [p for p in result.problems if p.severity != "notice"]
    notices = len(result.problems) - len(counted)
    notices_text = f", {_n(notices, 'notice')}" if notices else ""
    duplicates = f" ({_n(result.duplicates, 'duplicate')} published once)" if result.duplicates else ""
    changed = f"{_n(result.written, 'file')} changed" if result.written else "no change"
    print(f"Built {_n(result.clippings, 'clipping')}{duplicates} into {_n(result.pages, 'page')} in "
          f"{config.output_dir}/ in {seconds:.2f} s; {_n(len(counted), 'problem')}"
          f"{notices_text}; {changed}.")
    if result.search is not None:
        index = result.search
        files = (f"{_n(index.files, 'file')}, {index.bytes / 1e6:.1f} MB in {config.output_dir}/pagefind/, "
                 f"in {index.seconds:.2f} s")
        if index.indexed == index.shards:
            print(f"Indexed {_n(index.pages, 'clipping')} for search in {_n(index.shards, 'shard')}: {files}.")
        else:  # the other shards' pages did not change: their index was kept
            print(f"Search index: {_n(index.pages, 'clipping')} in {_n(index.shards, 'shard')}, {index.indexed} "
                  f"indexed again, {index.shards - index.indexed} kept: {files}.")
    if result.compact and config.page_style == "auto":
        print(f"Clipping pages are compact: the archive has {COMPACT_FROM:,} clippings or more (page_style = "
              '"auto"); set page_style = "full" in sitegen.toml for full pages.')
    _report_site(result)
    too_big = site_size.over_limit(result.size) if result.size is not None else None
    if config.strict and too_big:
        print(f"sitegen: --strict: failing because {too_big}", file=sys.stderr)
        return 1
    if config.strict and counted:
        print(f"sitegen: --strict: failing because of {len(counted)} problem(s)", file=sys.stderr)
        return 1
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .serve import DevServer  # imports watchfiles, which `sitegen build` does not need

    if not 0 <= args.port <= 65535:
        raise SitegenError(f"--port {args.port} is not a port number (0 to 65535)")
    try:
        server = DevServer(lambda: _config_from(args), args.port, _rebuilt,
                           args.config.name if args.config else "sitegen.toml")
    except OSError as exc:
        raise SitegenError(f"cannot listen on 127.0.0.1:{args.port}: {exc.strerror or exc}; "
                           "try another --port") from exc
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` and process managers stop it like Ctrl+C does
    try:
        server.run(lambda url: print(f"Serving {server.config.output_dir}/ at {url} (Ctrl+C to stop)", flush=True))
    except KeyboardInterrupt:
        print("Stopped.", flush=True)
    return 0


def _n(count: int, noun: str) -> str:
    """`1 clipping`, `2 clippings`: every count the CLI prints."""
    return f"{count:,} {noun}{'s' if count != 1 else ''}"


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _rebuilt(result: BuildResult | None, error: str | None, seconds: float) -> None:
    """Report one build of `sitegen serve`: what was built, or why nothing was."""
    if result is None:
        print(f"sitegen: error: build failed (still serving the last good build, if any): {error}", file=sys.stderr,
              flush=True)
        return
    for problem in result.problems:
        print(problem, file=sys.stderr)
    counted = sum(1 for p in result.problems if p.severity != "notice")
    print(f"Built {_n(result.clippings, 'clipping')} into {_n(result.pages, 'page')} in {seconds:.2f} s; "
          f"{_n(counted, 'problem')}.", flush=True)
    sys.stderr.flush()


def _report_site(result: BuildResult) -> None:
    """The site's size as GitHub Pages counts it, and warnings about the site as a whole."""
    if result.size is not None:
        print(f"Site size: {site_size.describe(result.size)}.")
        if result.size.artifact_bytes >= site_size.TABLE_FROM:
            print("\n".join(site_size.parts_table(result.size)))
    for warning in result.warnings:
        print(f"sitegen: warning: {warning}", file=sys.stderr)
def _check(args: argparse.Namespace) -> int:
    """Read everything as a build would, print every problem and a count; exit 1 on errors (--strict: warnings)."""
    config = _config_from(args)
    started = time.perf_counter()
    reading = check(config)
    seconds = time.perf_counter() - started
    for problem in reading.problems:
        print(formatted(problem, shown_file(problem, config.content_dir), args.format))
    extra = [f"{reading.duplicates} duplicate{'s' if reading.duplicates != 1 else ''}"] * bool(reading.duplicates)
    extra += [f"{reading.syndicated} syndicated stor{'ies' if reading.syndicated != 1 else 'y'}"] * bool(
        reading.syndicated)
    found = f" ({', '.join(extra)})" if extra else ""
    counts = sys.stdout if args.format == "text" else sys.stderr  # other formats: stdout holds the problems alone
    for name, count in sorted(reading.formats.items()):
        problems = f"; {count_line(count.problems)}" if count.problems else ""
        print(f"  {name or 'other'}: {_n(count.clippings, 'clipping')} from {_n(count.files, 'file')}{problems}",
              file=counts)
    print(f"Checked {reading.clippings} clippings{found} in {config.content_dir}/ in {seconds:.2f} s: "
          f"{count_line(reading.problems)}.", file=counts)
    failing = {"error", "warning"} if config.strict else {"error"}
    return 1 if any(p.severity in failing for p in reading.problems) else 0


def _clip(args: argparse.Namespace) -> int:
    """One line per address: the file written, or why not; exit 1 when any address failed."""
    from .clip import clip  # imports the web-page reader, which the other commands load only for .html files

    failed = 0
    for result in clip(args.urls, args.content):
        if result.error is not None:
            failed += 1
            print(f"sitegen: error: {result.url}: {result.error}", file=sys.stderr)
            continue
        print(f"Clipped {result.url} into {result.path}")
        for note in result.notes:
            print(f"  {note}")
    return 1 if failed else 0


def _new(args: argparse.Namespace) -> int:
    """Write a new archive repository and say what to do next."""
    from .scaffold import new_archive
    from .scaffold.source import Source

    made = new_archive(args.folder, Source(args.source, True) if args.source else None)
    print(f"Wrote a new archive in {made.folder}/: {', '.join(made.files)}.")
    print(f"Its workflow installs {made.source.requirement} (requirements.txt).")
    if not made.source.reachable:
        print(f"sitegen: warning: this sitegen was installed from {made.source.origin}, which GitHub's runners "
              "cannot reach: put a source they can in requirements.txt (or run sitegen new with --source)",
              file=sys.stderr)
    print(f"Next: cd {made.folder} && sitegen build (or sitegen serve); then add clippings to content/, push the "
          "folder to GitHub and set Settings > Pages > Source to GitHub Actions (see its README.md).")
    return 0


def _progress_bar():
    def show(done: int, total: int) -> None:
        if total < PROGRESS_MIN_PAGES or (done % 200 and done != total):
            return
        filled = 30 * done // total
        end = "\n" if done == total else ""
        print(f"\r  rendering [{'#' * filled}{'.' * (30 - filled)}] {done}/{total} pages", end=end, file=sys.stderr)
    return show


def shown(problem: Problem, root: Path) -> str:
    """The problem as printed: its file as a path from where sitegen runs (`content/a.txt:3: ...`)."""
    return formatted(problem, shown_file(problem, root), "text")


def shown_file(problem: Problem, root: Path) -> str:
    """The problem's file as a path from where sitegen runs: `content/a.txt` for `a.txt` in `content/`."""
    return problem.file if Path(problem.file).is_absolute() else (root / problem.file).as_posix()


def count_line(problems: list[Problem]) -> str:
    """`2 errors, 1 warning, 3 notices` (zeros left out; `no problems` when there are none)."""
    counts = Counter(p.severity for p in problems)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "notice") if counts[s]]
    return ", ".join(parts) or "no problems"
