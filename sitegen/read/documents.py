"""One document of a news-database export (LexisNexis, Nexis Uni, Factiva), as its format module found it, and
the clipping made from it.

The three vendors name and place their fields differently, but what a field means is decided here once: a
document without a headline is titled from its first words, categories come from the subject index (or else
the section), ids are the vendor's or a digest of source, date and headline, so that the same document has the
same id and address when the export is downloaded again, reordered or merged with another.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Clipping, Problem, Severity
from .dates import When, parse_when
from .fields import collapse_spaces, language_from_name, web_url
from .registry import digest_id

MAX_DATE_LINE = 120
"""Longer lines are no date line (a date, weekday, time and zone take some 60 characters), and are not read."""
TITLE_WORDS = 12
"""Words of the text a document without a headline is titled with."""
MIN_SCORE = 85
"""Subject terms scored lower than this (percent) are not made categories: the vendors score a term by how much
the article is about it, and LexisNexis calls 85% and more a major mention; lower ones are passing mentions
that would file an article under every topic it names. All terms stay in the clipping's extra data."""

_ZONE_AFTER_TIME = re.compile(
    r"(\d{1,2}[:.]\d{2}(?::\d{2})?(?:\s*[ap]\.?\s?m\.?)?)\s*"
    r"(?:\(?[A-Z]{2,5}\)?|(?:GMT|UTC)\s*[+-]\s*\d{1,2}(?::?\d{2})?|(?:[A-Z][a-z]+ ){1,3}Time)\s*$", re.IGNORECASE)
_SEASON = re.compile(r"(?:spring|summer|fall|autumn|winter|frühjahr|frühling|sommer|herbst|printemps|été|"
                     r"automne|hiver|primavera|verano|otoño|invierno)[,\s]+(\d{4})", re.IGNORECASE)
"""A quarterly's season and year: the year is all the date it gives."""
_SCORED = re.compile(r"(.*?)\s*\((\d{1,3})\s*%\)\s*")
_PAGE_LIKE = re.compile(r"\d")


def read_date(text: str) -> When | None:
    """A date line of an export (`January 11, 2010 Monday 9:20 AM AEST`, `Mittwoch 31. August 2011`, `29 décembre
    2011`, `January 2009`) read as a whole, or None. The time zone after a time is dropped: the date is kept as
    the publication wrote it, never moved to another zone."""
    return None if len(text) > MAX_DATE_LINE else _read_date(text)


@lru_cache(maxsize=4096)
def _read_date(text: str) -> When | None:
    """`read_date` of a short line; an export repeats its dates (the same day, the same load date): each is read
    once."""
    text = collapse_spaces(text)
    if not text or not any(c.isdigit() for c in text):
        return None
    season = _SEASON.fullmatch(text)
    if season:
        return When(dt.date(int(season[1]), 1, 1), "year")
    return parse_when(_ZONE_AFTER_TIME.sub(r"\1", text))


@dataclass(slots=True)
class Document:
    """What a format module read from one document; `to_clipping` turns it into a Clipping."""

    position: int
    """0-based index of the document in its file."""
    line: int
    """Line (or paragraph) of the document's first line in the file."""
    title: str = ""
    subtitle: str = ""
    source: str = ""
    published: When | None = None
    captured: dt.datetime | None = None
    section: str = ""
    edition: str = ""
    """Of a printed publication: one story may run in several editions of one day, each its own document."""
    author: str = ""
    language: str | None = None
    url: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    subjects: list[str] = field(default_factory=list)
    """Raw subject-index entries in order (`ELECTIONS (90%)`, `Political/General News`)."""
    extra: list[tuple[str, str]] = field(default_factory=list)
    vendor_id: str = ""
    problems: list[tuple[str, Severity, int | None]] = field(default_factory=list)
    """(message, severity, line); the file is added when the problems are reported."""

    def problem(self, message: str, severity: Severity = "warning", line: int | None = None) -> None:
        self.problems.append((message, severity, line if line is not None else self.line))

    def keep(self, name: str, value: str) -> None:
        """Keep a field that has no place in a Clipping as extra data (empty values are dropped)."""
        value = collapse_spaces(value)
        if value:
            self.extra.append((name, value))

    def set_language(self, value: str) -> None:
        """`ENGLISH`, `GERMAN; DEUTSCH`, `Français`: the first name that is a language."""
        for name in re.split(r"[;,/]", value):
            code = language_from_name(name)
            if code is not None:
                self.language = code
                return
        self.keep("Language", value)

    def set_url(self, value: str, line: int | None = None) -> None:
        url = web_url(value)
        if url is None:
            self.problem(f"link '{value[:80]}' dropped: only http and https addresses are shown", line=line)
        elif self.url is None:
            self.url = url


def split_title(text: str) -> tuple[str, str]:
    """A headline and its sub-title, which the vendors append after a semicolon (`Headline;Sub-title`)."""
    title, _, subtitle = collapse_spaces(text).partition(";")
    title, subtitle = title.strip(), subtitle.strip()
    return (title, subtitle) if title and subtitle else (collapse_spaces(text).strip(" ;"), "")


def scored_terms(value: str) -> list[tuple[str, int | None]]:
    """`ELECTIONS (90%); POLITICS (89%)` as [(name, score)], score None when not given."""
    terms = []
    for item in value.split(";"):
        item = collapse_spaces(item)
        if not item:
            continue
        match = _SCORED.fullmatch(item)
        terms.append((match[1], int(match[2])) if match else (item, None))
    return terms


def section_category(section: str) -> str:
    """The category a section names: its first part without page or issue numbers (`NEWS; Pg. 3` → `NEWS`;
    `S. 7 Ausg. 167` names none)."""
    for part in section.split(";"):
        part = collapse_spaces(part)
        if part and not _PAGE_LIKE.search(part):
            return part
    return ""


def _categories(doc: Document) -> tuple[str, ...]:
    names: dict[str, str] = {}
    for entry in doc.subjects:
        for name, score in scored_terms(entry):
            if score is None or score >= MIN_SCORE:
                names.setdefault(name.casefold(), name)
    if not names and doc.section:
        name = section_category(doc.section)
        if name:
            names[name.casefold()] = name
    return tuple(names.values())


def _title_from_text(paragraphs: Sequence[str]) -> str:
    words = " ".join(paragraphs[:2]).split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def _base_id(doc: Document) -> str:
    when = doc.published
    date = f"{when.day.isoformat()}/{when.precision}" if when is not None else ""
    parts = [collapse_spaces(doc.source).casefold(), date, collapse_spaces(doc.title).casefold()]
    if doc.edition:
        parts.append(collapse_spaces(doc.edition).casefold())
    return digest_id(*parts)


def assign_ids(docs: Sequence[Document]) -> list[str]:
    """Each document's id: the vendor's, else a digest of source, date, headline (and edition, when given).
    Documents of one file that share all of them are told apart by their text, which does not depend on their
    order; copies that share the text too are numbered in file order (which one is which cannot matter)."""
    ids = [doc.vendor_id or _base_id(doc) for doc in docs]
    groups: dict[str, list[int]] = defaultdict(list)
    for index, ident in enumerate(ids):
        groups[ident].append(index)
    for ident, members in groups.items():
        if len(members) < 2:
            continue
        seen: dict[str, int] = {}
        for index in members:
            by_text = digest_id(ident, "\n".join(docs[index].paragraphs))
            count = seen[by_text] = seen.get(by_text, 0) + 1
            ids[index] = by_text if count == 1 else f"{by_text}-{count}"
    return ids


def to_clippings(docs: Sequence[Document], path: str, fmt: str,
                 prefix: str = "") -> tuple[list[Clipping], list[Problem]]:
    """The documents' clippings, read from format `fmt` (a document with neither headline nor text is skipped,
    with a problem) and the problems found, each naming the file and line (`prefix`: where in the file, e.g. a
    ZIP member)."""
    clippings: list[Clipping] = []
    problems: list[Problem] = []
    usable = []
    for doc in docs:
        if not doc.title and not doc.paragraphs:
            if not doc.problems or doc.problems[-1][1] != "error":
                doc.problem(f"document {doc.position + 1} has no headline and no text: skipped", "warning")
            continue
        if not doc.title:
            doc.title = _title_from_text(doc.paragraphs)
            doc.problem("no headline; titled from the first words of the text", "notice")
        usable.append(doc)
    for doc, ident in zip(usable, assign_ids(usable), strict=True):
        clippings.append(_clipping(doc, path, ident, fmt))
    for doc in docs:
        problems.extend(Problem(path, prefix + message, severity, line) for message, severity, line in doc.problems)
    return clippings, problems


def _clipping(doc: Document, path: str, ident: str, fmt: str) -> Clipping:
    if not doc.paragraphs:
        doc.problem("no text: the clipping holds only its headline", "warning")
    extra = list(doc.extra)
    if doc.edition:
        extra.insert(0, ("Edition", doc.edition))
    if doc.subtitle:
        extra.insert(0, ("Subtitle", doc.subtitle))
    if doc.published is None:
        doc.problem("no publication date; " + ("filed under the load date" if doc.captured is not None
                                                else "the clipping is undated"))
    when = doc.published
    return Clipping(
        id=ident, title=doc.title, source_path=path,
        published=when.day if when is not None else None, precision=when.precision if when is not None else "day",
        captured=doc.captured, source=collapse_spaces(doc.source), categories=_categories(doc),
        language=doc.language, url=doc.url, body="\n\n".join(doc.paragraphs), body_format="text",
        extra=tuple(extra), author=collapse_spaces(doc.author), line=doc.line, position=doc.position, format=fmt,
    )
