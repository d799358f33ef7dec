"""The checks of a read archive: values the loaders accepted but a reader would find wrong.

Dates out of range, active content in a field, names that look like paths or have nothing for an address,
titles without a letter for the address, runaway category lists (cut to MAX_CATEGORIES). Each problem comes with
a `Needle`: what to look for in the clipping's file, so that the problem points at a line.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from ..model import Clipping, Problem
from ..read.decode import decode, normalize_newlines
from .addresses import SHORT_ID
from .names import name_key
from .records import Archive
from .slugs import Slugs

EARLIEST_YEAR = 1800
"""A clipping dated before this is almost surely a typo (`0024` for `2024`)."""
MAX_CATEGORIES = 100
"""Categories published per clipping. More usually means a Category line swallowed other text, and each one is a
page and a feed that repeats the clipping with all its categories: 10,000 on one clipping made a 2.7 GB site."""
_ACTIVE = re.compile(r"<\s*/?\s*(?:script|iframe|object|embed|style)\b|\b(?:java|vb)script\s*:"
                     r"|<[a-z][^>]{0,200}\son[a-z]+\s*=", re.IGNORECASE)
_PATH_LIKE = re.compile(r"(?:^|[/\\])\.\.(?:[/\\]|$)|^[/\\~]|^[a-zA-Z]:[/\\]")


@dataclass(frozen=True, slots=True)
class Needle:
    """What to look for in a clipping's file to give a problem about it a line."""

    clipping: Clipping
    text: str | None = None
    """None: the problem is about the clipping as a whole (its first line, or the file as a whole)."""
    below: str | None = None
    """A text to pass first (the title, which may hold the same words as the body)."""


def clipping_problems(clippings: Iterable[Clipping]) -> Iterator[tuple[Problem, Needle]]:
    """Checks on values the loaders accepted but a reader would find wrong, one clipping at a time: each a problem,
    and what to look for in the file to give it a line."""
    today = dt.date.today()
    for c in clippings:
        for label, day in (("published", c.published), ("captured", c.captured and c.captured.date())):
            if day is None:
                continue
            if day.year < EARLIEST_YEAR:
                yield Problem(c.source_path, f"{label} date {day.isoformat()} is before {EARLIEST_YEAR}; "
                                             "a typo?", "warning"), Needle(c, f"{day.year}")
            elif day > today + dt.timedelta(days=1):
                yield Problem(c.source_path, f"{label} date {day.isoformat()} is in the future", "warning"), \
                    Needle(c, f"{day.year}")
        for field, value in _text_fields(c):
            match = _ACTIVE.search(value)
            if match:
                # The body is searched for with what follows the match, below the title (which may hold the same).
                near = value[match.start():match.start() + 30].split("\n")[0] if field == "text" else value
                yield Problem(c.source_path, f"{field} contains '{match[0]}': shown as text, never run or linked",
                              "notice"), Needle(c, near, c.title if field == "text" else None)


def limit_categories(clippings: list[Clipping]) -> tuple[list[Clipping], dict[str, int]]:
    """The clippings with their first MAX_CATEGORIES categories, so that no one clipping's output is unbounded;
    and how many each cut one had, by origin."""
    cut = {c.origin: len(c.categories) for c in clippings if len(c.categories) > MAX_CATEGORIES}
    if not cut:
        return clippings, cut
    return [replace(c, categories=c.categories[:MAX_CATEGORIES]) if c.origin in cut else c for c in clippings], cut


def category_problems(clippings: Iterable[Clipping], cut: dict[str, int]) -> Iterator[tuple[Problem, Needle]]:
    """A warning for each clipping whose categories were cut to MAX_CATEGORIES."""
    for c in clippings:
        if c.origin in cut:
            yield Problem(c.source_path, f"{cut[c.origin]} categories; only the first {MAX_CATEGORIES} are "
                                         "published (is a Category line swallowing other text?)", "warning"), \
                Needle(c, c.categories[0])


def archive_problems(clippings: Iterable[Clipping], archive: Archive, slugs: Slugs
                     ) -> Iterator[tuple[Problem, Needle]]:
    """The same for what shows only once the clippings are placed: names and addresses."""
    first_use: dict[tuple[str, str], Clipping] = {}
    for c in clippings:
        if c.source:
            first_use.setdefault(("sources", c.source), c)
        for name in c.categories:
            first_use.setdefault(("categories", name), c)
    yield from _name_problems(first_use, archive, slugs)
    for entry in [*archive.entries, *archive.undated]:
        last = entry.url.rsplit("/", 1)[-1].removesuffix(".html")
        if len(last) <= SHORT_ID and entry.clipping.id.lower().startswith(last):
            yield Problem(entry.clipping.source_path, "the title has no letter or digit for the address; "
                                                      f"it is {entry.url}", "notice"), Needle(entry.clipping)


def _name_problems(first_use: dict[tuple[str, str], Clipping], archive: Archive, slugs: Slugs
                   ) -> Iterator[tuple[Problem, Needle]]:
    """Source and category names that look like paths, have nothing for an address or share their address words
    with another name, and category spellings shown as another (source spellings are reported with the alias
    suggestions)."""
    terms = {kind: {name_key(t.name): t for t in found} for kind, found in
             (("sources", archive.sources), ("categories", archive.categories))}
    for (kind, name), c in sorted(first_use.items(), key=lambda item: (item[0], item[1].source_path)):
        term = terms[kind].get(name_key(name))
        if term is None:  # a source renamed by an alias
            continue
        what = {"sources": "source", "categories": "category"}[kind]
        path = c.source_path
        if _PATH_LIKE.search(name):
            yield Problem(path, f"{what} '{name}' looks like a file path; its page is {term.url}",
                          "notice"), Needle(c, name)
        elif not slugs.slug(name):
            yield Problem(path, f"{what} '{name}' has no letter or digit for an address; its page is "
                                f"{term.url}", "notice"), Needle(c, name)
        if name == term.name and term.slug != slugs.term(name_key(name)):
            yield Problem(path, f"{what} '{name}' has the same address words as another name; its page is "
                                f"{term.url}", "notice"), Needle(c, name)
        if kind == "categories" and term.name != name:
            yield Problem(path, f"category '{name}' is shown as '{term.name}' (the same name but for case, "
                                "accents or spacing)", "notice"), Needle(c, name)


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


def with_line(root: Path, problem: Problem, needle: Needle) -> Problem:
    """The problem with the line of the first occurrence of the needle's text in the clipping's file, from the
    clipping's first line on; about a clipping as a whole, its first line. Only files with a problem are read
    again, so this costs nothing on a clean archive."""
    if problem.line is not None:
        return problem
    start = needle.clipping.line
    if needle.text is None:
        return problem if needle.clipping.position == 0 else replace(problem, line=start)
    try:
        decoded = decode((root / problem.file).read_bytes())
    except OSError:
        return problem
    if decoded is None:
        return problem
    text, below = needle.text.casefold(), needle.below
    for number, line in enumerate(normalize_newlines(decoded[0]).split("\n")[start - 1:], start=start):
        if below is not None:
            below = None if below.casefold() in " ".join(line.split()).casefold() else below
        elif text in line.casefold():
            return replace(problem, line=number)
    return problem
