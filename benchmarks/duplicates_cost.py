#!/usr/bin/env python3
"""What finding duplicates and syndicated copies costs, and how many of the planted copies it finds.

    python benchmarks/duplicates_cost.py --corpus /tmp/c10k        # a content folder, plus planted copies
    python benchmarks/duplicates_cost.py --generate 100000         # synthetic clippings in memory, no files

To a set of clippings it adds copies of 2% of them, edited the way syndication edits a story (another headline
and source, a dateline, a cut last paragraph, a changed word) and 0.5% exact second imports; then it times
`exact_duplicates` and `syndicated_groups` (wall and CPU seconds) and counts the planted copies found.
"""
from __future__ import annotations

import argparse
import dataclasses
import random
import sys
import time
from pathlib import Path

from helpers import load_folder

from sitegen.archive.duplicates import exact_duplicates, syndicated_groups
from sitegen.model import Clipping

VOCABULARY = [f"{a}{b}" for a in ("har", "fer", "qua", "ber", "cra", "tid", "pil", "car", "dre", "lig", "cou",
                                   "min", "bud", "vot", "str", "wag", "fle", "rou", "por", "ter")
              for b in ("bour", "ry", "y", "th", "ne", "e", "ot", "go", "dger", "ht", "ncil", "ister", "get", "e",
                        "ike", "es", "et", "te", "t", "minal", "ing", "ed", "s", "al")]


def synthetic(count: int, rng: random.Random) -> list[Clipping]:
    """Clippings of about 3,000 characters: 6 paragraphs of 3 sentences of 12-25 words."""
    def sentence() -> str:
        return " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(12, 25))).capitalize() + "."

    return [Clipping(id=f"{n:016x}", title=f"Story {n}", source_path=f"{n:06d}.txt", source=f"Source {n % 60}",
                     body="\n\n".join(" ".join(sentence() for _ in range(3)) for _ in range(6)))
            for n in range(count)]


def plant(clippings: list[Clipping], rng: random.Random) -> tuple[list[Clipping], set[str], set[str]]:
    """Add syndicated copies of 2% and exact second imports of 0.5%; return them and the files planted."""
    copies, syndicated, exact = [], set(), set()
    for n, original in enumerate(rng.sample(clippings, len(clippings) // 50)):
        paragraphs = original.body.split("\n\n")
        edit = n % 3
        if edit == 0:
            paragraphs = paragraphs[:-1] or paragraphs
        elif edit == 1:
            paragraphs[0] = "ISTANBUL (Wire) - " + paragraphs[0]
        else:
            words = paragraphs[-1].split(" ")
            words[len(words) // 2] = "harbourmaster"
            paragraphs[-1] = " ".join(words)
        path = f"syndicated-{n}.txt"
        copies.append(dataclasses.replace(original, id=f"s{n:015x}", source_path=path, title=f"Copy {n}",
                                          source="Wire Service", body="\n\n".join(paragraphs)))
        syndicated.add(path)
    for n, original in enumerate(rng.sample(clippings, len(clippings) // 200)):
        path = f"second-import-{n}.txt"
        copies.append(dataclasses.replace(original, id=f"f{n:015x}", source_path=path))
        exact.add(path)
    return clippings + copies, syndicated, exact


def timed(function, *args):
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--corpus", type=Path, help="content folder to load")
    source.add_argument("--generate", type=int, metavar="N", help="N synthetic clippings, in memory")
    args = parser.parse_args()
    rng = random.Random(11)
    if args.corpus:
        clippings, _ = load_folder(args.corpus)
    else:
        clippings = synthetic(args.generate, rng)
    clippings, syndicated, exact = plant(clippings, rng)
    print(f"{len(clippings)} clippings, {len(syndicated)} syndicated copies and {len(exact)} second imports planted")

    found, wall, cpu = timed(exact_duplicates, clippings, str.casefold)
    hits = exact & found.duplicate_of.keys() | {kept for kept in found.duplicate_of.values() if kept in exact}
    print(f"exact duplicates:  {wall:6.2f} s wall, {cpu:6.2f} s CPU; {len(found.duplicate_of)} found, "
          f"{len(hits)} of {len(exact)} planted")
    published = [c for c in clippings if c.source_path not in found.duplicate_of]
    groups, wall, cpu = timed(syndicated_groups, published)
    grouped = {path for group in groups for path in group}
    print(f"syndicated copies: {wall:6.2f} s wall, {cpu:6.2f} s CPU; {len(groups)} groups of "
          f"{len(grouped)} clippings, {len(syndicated & grouped)} of {len(syndicated)} planted copies grouped")
    return 0


if __name__ == "__main__":
    sys.exit(main())
