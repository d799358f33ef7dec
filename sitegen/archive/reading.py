"""Stage 2's entry: the clippings read, made into the archive, with every problem found on the way.

`sitegen check` stops here; `sitegen build` goes on from the archive it returns. Both therefore report exactly the
same problems: what the loaders found in single files, duplicates and address clashes across the archive, alias
suggestions, and the checks of `checks.py`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from ..config import Config
from ..model import Clipping, Problem
from ..parallel import Background
from . import aliases, excerpts
from .checks import Needle, archive_problems, category_problems, clipping_problems, limit_categories, with_line
from .collect import collect
from .duplicates import exact_duplicates, shared_ids, syndicated_groups
from .names import name_key
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
    formats: dict[str, FormatCount] = field(default_factory=dict)
    """What was read of each format (`sitegen check` prints a line for each)."""


@dataclass
class FormatCount:
    """The clippings, files and problems of one format."""

    clippings: int = 0
    files: int = 0
    problems: list[Problem] = field(default_factory=list)
    """Problems in the files of this format that gave clippings (a file that gave none has no known format)."""


def format_counts(clippings: Sequence[Clipping], problems: Sequence[Problem]) -> dict[str, FormatCount]:
    """Clippings, files and problems per format, by format name."""
    counts: dict[str, FormatCount] = {}
    format_of: dict[str, str] = {}
    for clipping in clippings:
        count = counts.setdefault(clipping.format, FormatCount())
        count.clippings += 1
        if clipping.source_path not in format_of:
            format_of[clipping.source_path] = clipping.format
            count.files += 1
    for problem in problems:
        if (name := format_of.get(problem.file)) is not None:
            counts[name].problems.append(problem)
    return counts


def make_archive(config: Config, clippings: list[Clipping], problems: Sequence[Problem], slugs: Slugs,
                 jobs: int = 1) -> Reading:
    """De-duplicate, group and check the clippings read from `config.content_dir`; write nothing.

    With `jobs` > 1, syndicated copies are looked for in a child process while this one places the clippings."""
    problems = list(problems)
    clippings, cut = limit_categories(clippings)
    resolve = aliases.Aliases(config.aliases)
    exact = exact_duplicates(clippings, lambda name: name_key(resolve(name)) if name else "")
    published = [c for c in clippings if c.origin not in exact.duplicate_of]
    apart = Background(partial(_apart, published), jobs)
    try:
        if config.excerpt_formats:
            clippings = excerpts.by_format(clippings, config.excerpt_formats)
        if config.excerpt_only:
            clippings, unmatched = excerpts.apply(clippings, config.excerpt_only, lambda n: name_key(resolve(n)))
            problems += [excerpts.unmatched_problem(name, config.config_file) for name in unmatched]
        archive, collect_problems = collect(clippings, slugs, resolve, exact.duplicate_of, lambda: apart.result()[0])
        groups, checked = apart.result()
    finally:
        apart.cancel()
    problems += exact.problems + collect_problems + list(shared_ids(published))
    located = [*aliases.suggestions(published, resolve), *checked, *category_problems(published, cut),
               *archive_problems(published, archive, slugs)]
    problems += [with_line(config.content_dir, p, needle) for p, needle in located]
    problems.sort(key=lambda p: (p.file, p.line or 0, p.message))
    return Reading(archive, len(clippings), len(exact.duplicate_of), len(groups), problems,
                   format_counts(clippings, problems))


def _apart(published: list[Clipping]) -> tuple[list[list[str]], list[tuple[Problem, Needle]]]:
    """What needs the published clippings but not their places in the archive: syndicated copies and the
    checks of each clipping on its own (in a child process while the archive is collected)."""
    return syndicated_groups(published), list(clipping_problems(published))


