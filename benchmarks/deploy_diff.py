#!/usr/bin/env python3
"""How many files in public/ change when one clipping is added to an archive: the size of a Pages deploy.

    python benchmarks/deploy_diff.py --corpus /tmp/c10k          # a content folder (e.g. from make_corpus.py)
    python benchmarks/deploy_diff.py --generate 10000            # or a synthetic archive made here

The archive is built once; then, each on its own copy, one clipping is added (a) after the newest one, as a
daily import does, (b) in the middle of the archive's time range and (c) before the oldest one, as late imports
do; each is rebuilt and the output trees are compared byte by byte. Prints the figures and which files changed.
"""
from __future__ import annotations

import argparse
import collections
import datetime as dt
import filecmp
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

from helpers import load_folder

from sitegen.build import build
from sitegen.config import load_config

WORDS = (
    "harbour ferry quay berth crane tide pilot cargo dredger lighthouse council minister budget vote "
    "strike wages fleet route port terminal customs tariff grain silo storm flood repair contract"
).split()


def generate(folder: Path, count: int, seed: int = 7) -> None:
    """A synthetic archive in the export format: random dates over 25 years, 60 sources, 30 categories."""
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    start = dt.date(2000, 1, 1).toordinal()
    for n in range(count):
        day = dt.date.fromordinal(start + rng.randrange(9000))
        title = " ".join(rng.choice(WORDS) for _ in range(6)).capitalize()
        body = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + "." for _ in range(4))
        cats = ",".join(f"Topic {rng.randrange(30)}" for _ in range(3))
        (folder / f"{n:06d}_{rng.getrandbits(64):016x}.txt").write_text(
            f"{title}\n\nPublished on {day:%B} {day.day}, {day.year}\n\nCategory: ,English,{cats}\n\n"
            f"Sources Gazette {rng.randrange(60)}\n\n{body}\n", encoding="utf-8")


def new_clipping(day: dt.date, source: str, categories: tuple[str, ...]) -> str:
    return (f"Late addition to the archive\n\nPublished on {day:%B} {day.day}, {day.year:04d}\n\n"
            f"Category: ,English,{','.join(categories)}\n\nSources {source}\n\n"
            "A clipping added after the archive was first built, to count the files a rebuild changes.\n")


def build_into(content: Path, out: Path) -> float:
    started = time.perf_counter()
    build(load_config(None, {"content_dir": content, "output_dir": out, "site_dir": content.parent}))
    return time.perf_counter() - started


def changed_files(a: Path, b: Path) -> tuple[list[str], list[str], list[str]]:
    """(added, removed, modified) relative paths, comparing file contents byte by byte."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    modified = [f for f in sorted(files_a & files_b) if not filecmp.cmp(a / f, b / f, shallow=False)]
    return sorted(files_b - files_a), sorted(files_a - files_b), modified


def kind(path: str) -> str:
    """A label for a changed file: what sort of page it is."""
    patterns = [(r"^\d{4}/\d\d/\d\d/[^/]+/index\.html$", "clipping page"), (r"^\d{4}/(\d\d/(\d\d/)?)?index\.html$",
                "timeline front page"), (r"^\d{4}/.*page/\d+/", "timeline numbered page"),
                (r"^(sources|categories)/index\.html$", "sources/categories index"),
                (r"^(sources|categories)/[^/]+/index\.html$", "source/category front page"),
                (r"^(sources|categories)/[^/]+/page/", "source/category numbered page"), (r"^index\.html$", "home"),
                (r"^timeline/", "timeline"), (r"(^|/)feed\.xml$", "Atom feed"), (r"^clippings\.", "data export"),
                (r"^sitemap", "sitemap"), (r"^pagefind/", "search index")]
    return next((label for pattern, label in patterns if re.match(pattern, path)), "other: " + path.split("/")[0])


def report(label: str, added: list[str], removed: list[str], modified: list[str], seconds: float) -> int:
    total = len(added) + len(removed) + len(modified)
    print(f"{label}: {total} files changed ({len(added)} new, {len(modified)} modified, {len(removed)} removed); "
          f"rebuild {seconds:.1f} s")
    for name, count in sorted(collections.Counter(kind(p) for p in added + removed + modified).items()):
        print(f"    {count:5d}  {name}")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="content folder to measure (left unchanged)")
    source.add_argument("--generate", type=int, metavar="N", help="make a synthetic archive of N clippings")
    parser.add_argument("--work", type=Path, help="working folder (default: a temporary one, removed)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="deploy-diff-"))
    try:
        base = work / "content"
        if args.generate:
            generate(base, args.generate)
        else:
            shutil.copytree(args.corpus, base, copy_function=os.link)
        clippings, _ = load_folder(base)
        dated = sorted(c.date for c in clippings if c.date)
        source = collections.Counter(c.source for c in clippings if c.source).most_common(1)[0][0]
        categories = tuple(name for name, _ in collections.Counter(
            name for c in clippings for name in c.categories).most_common(3))
        print(f"archive: {len(clippings)} clippings, {dated[0]} to {dated[-1]}; new clipping in '{source}', "
              f"categories {', '.join(categories)}")
        seconds = build_into(base, work / "public-before")
        files = sum(1 for p in (work / 'public-before').rglob('*') if p.is_file())
        print(f"first build: {files} files, {seconds:.1f} s")
        worst = 0
        for label, day in (("newest", dated[-1] + dt.timedelta(days=1)), ("middle", dated[len(dated) // 2]),
                           ("oldest", dated[0] - dt.timedelta(days=1))):
            content = work / f"content-{label}"
            shutil.copytree(base, content, copy_function=os.link)
            (content / "zz_added.txt").write_text(new_clipping(day, source, categories), encoding="utf-8")
            out = work / f"public-{label}"
            seconds = build_into(content, out)
            changed = report(f"one clipping added ({label}, {day})", *changed_files(work / "public-before", out),
                             seconds)
            worst = max(worst, changed)
        print(f"most files changed by adding one clipping: {worst}")
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
