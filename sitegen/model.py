"""The records that flow through the pipeline: a clipping and the problems found while reading one.

Only the standard library is imported here, so every stage can depend on this module.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "notice"]
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
"""English month names, January first: as the exports write them and the site names months."""
Precision = Literal["day", "month", "year"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong with one input file; data for the CLI to show, never an exception."""

    file: str
    """Path of the file, relative to the content folder (or as given when outside it)."""
    message: str
    """What is wrong, in words a user can act on."""
    severity: Severity = "warning"
    """`error`: the file was skipped; `warning`: it was used with a fallback; `notice`: for information."""
    line: int | None = None
    """1-based line number in the file when the problem has one."""

    def __str__(self) -> str:
        """`file:line: severity: message`, the form editors and CI annotations read; a problem with the file as a
        whole is given line 1 (as flake8 and pylint do). Control characters, which a hostile file name or field
        could use to rewrite the terminal, are shown escaped."""
        text = f"{self.file}:{self.line or 1}: {self.severity}: {self.message}"
        return text if text.isprintable() else "".join(
            c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)


PRECISION_ORDER = {"year": 0, "month": 1, "day": 2}
"""At the same first day, the period that is less precise comes first: `2025`, then `March 2025`, then days."""


@dataclass(frozen=True, slots=True)
class Dated:
    """A date as precise as its source gives it: what the site files a clipping under and shows.

    Kept apart from its wording (`render.filters.long_date`), so that a translation can word it anew."""

    date: dt.date
    """The day, or the first day of the month or year."""
    precision: Precision = "day"

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def month(self) -> int | None:
        return None if self.precision == "year" else self.date.month

    @property
    def day(self) -> int | None:
        return self.date.day if self.precision == "day" else None

    def isoformat(self) -> str:
        """`2025-03-11`, `2025-03` or `2025`: ISO 8601 at its precision, as HTML's `<time datetime>`, schema.org
        and sitemaps accept it."""
        return self.date.isoformat()[:{"day": 10, "month": 7, "year": 4}[self.precision]]


@dataclass(frozen=True, slots=True)
class Clipping:
    """One news clipping as read from one file; knows nothing about pages or URLs."""

    id: str
    """Stable identity: the export id from the file name, an `id` field, or a hash of the file's path."""
    title: str
    """The headline, whitespace collapsed; never empty (loaders fall back to the file name)."""
    source_path: str
    """The file it came from, relative to the content folder, with forward slashes."""
    published: dt.date | None = None
    """Publication date as written in the file; no time-zone conversion is ever applied."""
    captured: dt.datetime | None = None
    """When the monitoring service captured it (`Document Date`), naive local time as written."""
    source: str = ""
    """The publication's name as written (aliases are resolved later, in the archive)."""
    categories: tuple[str, ...] = ()
    """Category names in file order, without language names and duplicates."""
    language: str | None = None
    """BCP 47 code (`en`, `tr`) when the file names a language."""
    url: str | None = None
    """Address of the original article; only http or https addresses are kept."""
    body: str = ""
    """The text. Plain text: paragraphs separated by one blank line. Markdown: the Markdown source."""
    body_format: Literal["text", "markdown"] = "text"
    """How `body` is to be rendered; plain text is never interpreted as markup."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Other fields found in the file, kept in order for the data export."""
    excerpt: bool = False
    """True when `body` holds only part of the text: the source gave only an excerpt (a monitoring service's
    snippet, a text that stops mid-sentence), or the archive cut it (see `cut`)."""
    cut: bool = False
    """True when this archive cut the text to an excerpt (`excerpt_only`, `excerpt_formats`); `excerpt` is then
    True too."""
    precision: Precision = "day"
    """How much of `published` the source gives: `month` (`March 2025`) and `year` keep the first day of the
    period in `published` and are never shown or filed as that day."""
    author: str = ""
    """The byline as written, when the file names one."""
    line: int = 1
    """Line of the clipping's first line or field in its file: where problems with it point."""
    position: int = 0
    """Index of the clipping among the documents of its file (0 for a file holding one clipping)."""
    format: str = ""
    """Name of the format it was read from (`Markdown`, `LexisNexis TXT`...), set by the loader registry."""

    @property
    def origin(self) -> str:
        """Where it was read, unique in an archive: its file, and its place there when the file holds several
        documents (`exports/nexis.txt#12`). What duplicates and versions of a story are keyed by."""
        return f"{self.source_path}#{self.position}" if self.position else self.source_path

    @property
    def date(self) -> dt.date | None:
        """The date the clipping is filed under: published, else the capture day, else none (undated). For a
        month- or year-dated clipping, the first day of its period (see `dated`)."""
        if self.published is not None:
            return self.published
        return self.captured.date() if self.captured is not None else None

    @property
    def dated(self) -> Dated | None:
        """`date` with its precision: what the clipping is filed under and what is shown."""
        if self.published is not None:
            return Dated(self.published, self.precision)
        return Dated(self.captured.date()) if self.captured is not None else None
