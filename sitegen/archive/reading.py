"""Stage 2's entry: the clippings read, made into the archive, with every problem found on the way.

`sitegen check` stops here; `sitegen build` goes on from the archive it returns. Both therefore report exactly the
same problems: what the loaders found in single files, duplicates and address clashes across the archive, alias
suggestions, and the checks of `checks.py`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..config import Config
from ..model import Clipping, Problem
from ..parallel import Background
from . import aliases, excerpts
from .checks import Needle, archive_problems, clipping_problems, with_line
from .collect import collect
from .duplicates import exact_duplicates, syndicated_groups
from .records import Archive
from .slugs import Slugs


@dataclass
class Reading:
    """A content folder, read: the archive a build renders, and what was wrong."""

    archive: Archive
    clippings: int
    """Clippings read (duplicates included)."""
    duplicates: int
    """Of those, second copies that are not published separately."""
    syndicated: int
    """Groups of syndicated copies (one story from several sources)."""
    problems: list[Problem]
    """Sorted by file, line and message."""


def make_archive(config: Config, clippings: list[Clipping], problems: Sequence[Problem], slugs: Slugs,
                 jobs: int = 1) -> Reading:
    """De-duplicate, group and check the clippings read from `config.content_dir`; write nothing.

    With `jobs` > 1, syndicated copies are looked for in a child process while this one places the clippings."""
    problems = list(problems)
    resolve = aliases.Aliases(config.aliases, slugs)
    exact = exact_duplicates(clippings, lambda name: slugs.term(resolve(name)) if name else "")
    published = [c for c in clippings if c.origin not in exact.duplicate_of]
    apart = Background(partial(_apart, published), jobs)
    try:
        if config.excerpt_only:
            clippings, unmatched = excerpts.apply(clippings, config.excerpt_only, lambda n: slugs.term(resolve(n)))
            problems += [excerpts.unmatched_problem(name, config.config_file) for name in unmatched]
        archive, collect_problems = collect(clippings, slugs, resolve, exact.duplicate_of, lambda: apart.result()[0])
        groups, checked = apart.result()
    finally:
        apart.cancel()
    problems += exact.problems + collect_problems
    located = [*aliases.suggestions(published, resolve, slugs), *checked,
               *archive_problems(published, archive, slugs)]
    problems += [with_line(config.content_dir, p, needle) for p, needle in located]
    problems.sort(key=lambda p: (p.file, p.line or 0, p.message))
    return Reading(archive, len(clippings), len(exact.duplicate_of), len(groups), problems)


def _apart(published: list[Clipping]) -> tuple[list[list[str]], list[tuple[Problem, Needle]]]:
    """What needs the published clippings but not their places in the archive: syndicated copies and the
    checks of each clipping on its own (in a child process while the archive is collected)."""
    return syndicated_groups(published), list(clipping_problems(published))


