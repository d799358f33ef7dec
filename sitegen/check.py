"""Reading a content folder the way a build does, and every problem found on the way.

`sitegen check` stops here; `sitegen build` goes on from the archive it returns. Both therefore report exactly the
same problems: what the loaders found in single files, duplicates and address clashes across the archive, alias
suggestions, and the content checks below (dates out of range, active content, names that look like paths, titles
without a letter for the address, runaway category lists).
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from . import aliases, excerpts
from .archive import SHORT_ID, Archive, collect
from .config import Config
from .duplicates import exact_duplicates, syndicated_groups
from .loaders import load_folder
from .model import Clipping, Problem
from .parallel import Background
from .textutil import decode, normalize_newlines
from .urls import make_slug, term_slug

EARLIEST_YEAR = 1800
"""A clipping dated before this is almost surely a typo (`0024` for `2024`)."""
MANY_CATEGORIES = 100
"""More categories than this on one clipping usually means a Category line swallowed other text."""
_ACTIVE = re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|style)\b|\b(?:java|vb)script\s*:"
                     r"|<[a-z][^>]{0,200}\son[a-z]+\s*=", re.IGNORECASE)
_PATH_LIKE = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)|^[/\\~]|^[a-zA-Z]:[/\\]")


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


def read_content(config: Config, loaded: tuple[list[Clipping], list[Problem]] | None = None,
                 jobs: int = 1) -> Reading:
    """Load, de-duplicate, group and check every clipping under `config.content_dir`; write nothing.

    `loaded`: the clippings and problems of that folder when the caller read them already (the build reads
    through its cache, in parallel). With `jobs` > 1, syndicated copies are looked for in a child process
    while this one places the clippings."""
    clippings, problems = loaded if loaded is not None else load_folder(config.content_dir)
    problems = list(problems)
    resolve = aliases.Aliases(config.aliases)
    exact = exact_duplicates(clippings, lambda name: term_slug(resolve(name)) if name else "")
    published = [c for c in clippings if c.source_path not in exact.duplicate_of]
    apart = Background(partial(_apart, published), jobs)
    try:
        if config.excerpt_only:
            clippings, unmatched = excerpts.apply(clippings, config.excerpt_only, resolve)
            problems += [excerpts.unmatched_problem(name, config.config_file) for name in unmatched]
        archive, collect_problems = collect(clippings, resolve, exact.duplicate_of, lambda: apart.result()[0])
        groups, checked = apart.result()
    finally:
        apart.cancel()
    problems += exact.problems + collect_problems
    located = [*aliases.suggestions(published, resolve), *checked, *archive_problems(published, archive)]
    problems += [_with_line(config.content_dir, p, needle) for p, needle in located]
    problems.sort(key=lambda p: (p.file, p.line or 0, p.message))
    return Reading(archive, len(clippings), len(exact.duplicate_of), len(groups), problems)


def _apart(published: list[Clipping]) -> tuple[list[list[str]], list[tuple[Problem, Needle]]]:
    """What needs the published clippings but not their places in the archive: syndicated copies and the
    checks of each clipping on its own (in a child process while the archive is collected)."""
    return syndicated_groups(published), list(clipping_problems(published))


Needle = str | tuple[str, str | None] | None
"""What to look for in a file to give a problem its line: a text, or (text, a line to search below), or None."""


def clipping_problems(clippings: Iterable[Clipping]) -> Iterator[tuple[Problem, Needle]]:
    """Checks on values the loaders accepted but a reader would find wrong, one clipping at a time: each a problem,
    and what to look for in the file to give it a line (None when it is about the file as a whole)."""
    today = dt.date.today()
    for c in clippings:
        for label, day in (("published", c.published), ("captured", c.captured and c.captured.date())):
            if day is None:
                continue
            if day.year < EARLIEST_YEAR:
                yield Problem(c.source_path, f"{label} date {day.isoformat()} is before {EARLIEST_YEAR}; "
                                             "a typo?", "warning"), f"{day.year}"
            elif day > today + dt.timedelta(days=1):
                yield Problem(c.source_path, f"{label} date {day.isoformat()} is in the future", "warning"), \
                    f"{day.year}"
        for field, value in _text_fields(c):
            match = _ACTIVE.search(value)
            if match:
                # The body is searched for with what follows the match, below the title (which may hold the same).
                near = value[match.start():match.start() + 30].split("\n")[0] if field == "text" else value
                yield Problem(c.source_path, f"{field} contains '{match[0]}': shown as text, never run or linked",
                              "notice"), (near, c.title if field == "text" else None)
        if len(c.categories) > MANY_CATEGORIES:
            yield Problem(c.source_path, f"{len(c.categories)} categories (more than {MANY_CATEGORIES}); "
                                         "is a Category line swallowing other text?", "warning"), c.categories[0]


def archive_problems(clippings: Iterable[Clipping], archive: Archive) -> Iterator[tuple[Problem, Needle]]:
    """The same for what shows only once the clippings are placed: names and addresses."""
    first_file: dict[tuple[str, str], str] = {}
    for c in clippings:
        if c.source:
            first_file.setdefault(("sources", c.source), c.source_path)
        for name in c.categories:
            first_file.setdefault(("categories", name), c.source_path)
    yield from _name_problems(first_file, archive)
    for entry in [*archive.entries, *archive.undated]:
        last = entry.url.rsplit("/", 1)[-1].removesuffix(".html")
        if len(last) <= SHORT_ID and entry.clipping.id.lower().startswith(last):
            yield Problem(entry.clipping.source_path, "the title has no letter or digit for the address; "
                                                      f"it is {entry.url}", "notice"), None


def _name_problems(first_file: dict[tuple[str, str], str], archive: Archive) -> Iterator[tuple[Problem, str]]:
    """Source and category names that look like paths or have nothing for an address, and category spellings
    shown as another (source spellings are reported with the alias suggestions)."""
    shown = {term.slug: term.name for term in archive.categories}
    for (kind, name), path in sorted(first_file.items()):
        slug = term_slug(name)
        what = {"sources": "source", "categories": "category"}[kind]
        if _PATH_LIKE.search(name):
            yield Problem(path, f"{what} '{name}' looks like a file path; its page is /{kind}/{slug}/", "notice"), name
        elif not make_slug(name):
            yield Problem(path, f"{what} '{name}' has no letter or digit for an address; its page is "
                                f"/{kind}/{slug}/", "notice"), name
        if kind == "categories" and shown.get(slug, name) != name:
            yield Problem(path, f"category '{name}' is shown as '{shown[slug]}' (the same name but for case, "
                                "accents or punctuation)", "notice"), name


def _text_fields(c: Clipping) -> Iterator[tuple[str, str]]:
    """The fields worth scanning for markup, after C-speed tests on all of them at once (most have none)."""
    short = [("title", c.title), ("source", c.source), *(("category", name) for name in c.categories),
             *((f"field '{key}'", value) for key, value in c.extra)]
    if _may_be_active("\n".join(value for _, value in short)):
        yield from short
    if _may_be_active(c.body):
        yield "text", c.body


def _may_be_active(text: str) -> bool:
    """False when `text` surely holds no tag and no `javascript:`-like scheme."""
    return "<" in text or (":" in text and "script" in text.lower())


def _with_line(root: Path, problem: Problem, needle: Needle) -> Problem:
    """The problem with the line of the first occurrence of `needle` in its file, when there is one. Only files
    with a problem are read again, so this costs nothing on a clean archive."""
    if needle is None or problem.line is not None:
        return problem
    text, below = needle if isinstance(needle, tuple) else (needle, None)
    try:
        decoded = decode((root / problem.file).read_bytes())
    except OSError:
        return problem
    if decoded is None:
        return problem
    for number, line in enumerate(normalize_newlines(decoded[0]).split("\n"), start=1):
        if below is not None:
            below = None if below.casefold() in " ".join(line.split()).casefold() else below
        elif text.casefold() in line.casefold():
            return Problem(problem.file, problem.message, problem.severity, number)
    return problem


def shown(problem: Problem, root: Path) -> str:
    """The problem as printed: its file as a path from where sitegen runs (`content/a.txt:3: ...`)."""
    if Path(problem.file).is_absolute():
        return str(problem)
    return str(Problem((root / problem.file).as_posix(), problem.message, problem.severity, problem.line))


def count_line(problems: list[Problem]) -> str:
    """`2 errors, 1 warning, 3 notices` (zeros left out; `no problems` when there are none)."""
    counts = Counter(p.severity for p in problems)
    parts = [f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in ("error", "warning", "notice") if counts[s]]
    return ", ".join(parts) or "no problems"
