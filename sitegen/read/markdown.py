"""Markdown clippings with YAML front matter (the Hugo / Jekyll convention), for hand-written entries.

Front matter is read with a safe loader only; the body is kept as Markdown source and rendered later.
"""
from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import PurePosixPath
from typing import Any

from ..model import Clipping, Precision, Problem, Severity
from .decode import load_decoded, sniff_text
from .fields import captured_field, collapse_spaces, language_from_name, language_tag, published_date_field, url_field
from .front_matter import read_front_matter
from .registry import InputFile, LoadResult, ReadOptions, default_id

_OPENING = re.compile(r"---[ \t]*\n")
_FRONT_MATTER = re.compile(r"---[ \t]*\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL | re.MULTILINE)
_HEADING = re.compile(r"^#[ \t]+(.+)$", re.MULTILINE)  # trailing `#`s are stripped after: linear, no backtracking
_LEADING_BLANK_LINES = re.compile(r"\A(?:[ \t]*\n)+")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


@functools.cache
def _loader() -> type:
    """Safe loader (the C one when built) that leaves timestamps as text, so `date: 2025-03-11T23:30+02:00`
    keeps the day as written instead of being shifted to UTC. Made on first use: a rebuild that reads no
    Markdown file (the others come from the build cache) never pays for importing PyYAML."""
    import yaml

    class Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))
    return Loader


def starts_with_front_matter(text: str) -> bool:
    """True when the first line is `---`: such a file is Markdown whatever its suffix."""
    return _OPENING.match(text) is not None


def recognise(head: bytes) -> bool:
    """A file (of another suffix, `.txt`) that opens with front matter is a Markdown clipping."""
    return starts_with_front_matter(sniff_text(head[:64]).replace("\r\n", "\n").replace("\r", "\n"))


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """The registry's entry: one file, one clipping."""
    def parse(text: str) -> LoadResult:
        clipping, problems = load_markdown(text, file.path, default_id(file.path))
        return [clipping] if clipping is not None else [], problems
    return load_decoded(file.data, file.path, parse)


def _scalar(value: Any) -> str | None:
    """A YAML scalar as text (`title: 1984` is a title too); None for lists, mappings and null."""
    if value is None or isinstance(value, (list, dict)):
        return None
    return collapse_spaces(str(value))


class _Fields:
    """The front-matter mapping, with each key's line so problems can point at it."""

    def __init__(self, data: dict[Any, Any], lines: dict[str, int], source_path: str) -> None:
        self.values = {str(key).strip().lower(): value for key, value in data.items()}
        self.lines = lines
        self.path = source_path
        self.problems: list[Problem] = []

    def problem(self, message: str, key: str | None = None, severity: Severity = "warning") -> None:
        self.problems.append(Problem(self.path, message, severity, self.lines.get(key or "")))

    def text(self, key: str) -> str | None:
        """The field as text; a list or mapping where text belongs is reported and ignored."""
        value = self.values.pop(key, None)
        result = _scalar(value)
        if value is not None and result is None:
            self.problem(f"field '{key}' should be text, not {type(value).__name__}; ignored", key)
        return result or None

    def names(self, key: str) -> list[str]:
        """A list field, also accepted as a comma-separated string."""
        value = self.values.pop(key, None)
        if isinstance(value, str):
            value = value.split(",")
        elif isinstance(value, dict) or (value is not None and not isinstance(value, list)):
            self.problem(f"field '{key}' should be a list; ignored", key)
            return []
        return [s for s in (_scalar(item) for item in value or ()) if s]


def load_markdown(text: str, source_path: str, default_id: str) -> tuple[Clipping | None, list[Problem]]:
    """Parse one Markdown file (decoded, LF line endings); never raises for bad content."""
    data: Any = {}
    left_out: list[tuple[str, str]] = []
    lines: dict[str, int] = {}
    body = text
    if starts_with_front_matter(text):
        match = _FRONT_MATTER.match(text)
        if match is None:
            return None, [Problem(source_path, "front matter is not closed by a '---' line", "error", 1)]
        import yaml

        try:
            data, left_out = read_front_matter(match[1], _loader())
            data = data or {}
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            reason = getattr(exc, "problem", None) or "cannot be parsed"
            line = mark.line + 2 if mark is not None else 1  # +1 for 1-based, +1 for the opening `---`
            return None, [Problem(source_path, f"invalid YAML in front matter: {reason}", "error", line)]
        if not isinstance(data, dict):
            return None, [Problem(source_path, "front matter is not a list of 'key: value' fields", "error", 2)]
        lines = _key_lines(match[1])
        body = text[match.end():]
    fields = _Fields(data, lines, source_path)
    for message, key in left_out:
        fields.problem(message, key.strip().lower())
    body = _LEADING_BLANK_LINES.sub("", body).rstrip()
    title = fields.text("title") or _heading(body)
    if not title:
        title = PurePosixPath(source_path).stem
        fields.problem("no title (no 'title' field or '# ' heading); using the file name")
    captured = _captured(fields)
    published, precision = _published(fields, captured is not None)
    categories, language = _categories(fields)
    clipping = Clipping(
        id=_id(fields, default_id), title=title, source_path=source_path, published=published, precision=precision,
        captured=captured, source=_source(fields), categories=categories, language=language,
        url=_url(fields), body=body, body_format="markdown", author=_author(fields), extra=_extra(fields),
    )
    if not body:
        fields.problem("empty body")
    return clipping, fields.problems


def _author(fields: _Fields) -> str:
    """The byline: `author` (or `authors`, `byline`), one name or a list of names (`sitegen clip` writes it)."""
    names = [name for key in ("author", "authors", "byline") for name in fields.names(key)]
    return ", ".join(dict.fromkeys(names))


def _key_lines(front_matter: str) -> dict[str, int]:
    """Each top-level key's line in the file (the front matter starts on line 2), so problems can point at it."""
    lines = {}
    for number, line in enumerate(front_matter.split("\n"), start=2):
        key = _top_key(line)
        if key is not None:
            lines[key] = number
    return lines


def _top_key(line: str) -> str | None:
    """The key of a `key: value` line at the start of a line (`"quoted key": value` too), lower case; None for
    other lines. Read with string methods: a pattern that tries every end of the key backtracks quadratically on
    a long line without a key."""
    colon = line.find(":")
    if colon < 1 or line[colon + 1:colon + 2] not in ("", " ", "\t"):
        return None
    key = line[:colon].rstrip(" \t")
    if key[:1] in ("'", '"'):
        if len(key) < 3 or key[-1] != key[0]:
            return None
        key = key[1:-1]
    if not key or key[0].isspace() or key[0] in ":#\"'-":
        return None
    return key.strip().lower()


def _heading(body: str) -> str | None:
    match = _HEADING.search(body)
    if match is None:
        return None
    return collapse_spaces(match[1].rstrip(" \t#") or match[1][:1])


def _captured(fields: _Fields) -> dt.datetime | None:
    captured, message = captured_field(fields.text("captured"), "captured date")
    if message:
        fields.problem(message, "captured")
    return captured


def _published(fields: _Fields, has_captured: bool) -> tuple[dt.date | None, Precision]:
    published, precision, message = published_date_field(fields.text("date"), "date", has_captured)
    if message:
        fields.problem(message, "date")
    return published, precision


def _source(fields: _Fields) -> str:
    """`source: X`, or a list under `source` / `sources` (Hugo taxonomy style) of which the first is used."""
    first = [] if isinstance(fields.values.get("source"), list) else [fields.text("source")]
    names = [name for name in first if name] + fields.names("source") + fields.names("sources")
    if len(names) > 1:
        fields.problem(f"several sources given; using the first, '{names[0]}'", "sources", "notice")
    return names[0] if names else ""


def _categories(fields: _Fields) -> tuple[tuple[str, ...], str | None]:
    """Categories and tags in order without duplicates; language names become the language."""
    named = None
    names: dict[str, str] = {}
    for item in fields.names("categories") + fields.names("tags"):
        code = language_from_name(item)
        if code is None:
            names.setdefault(item.casefold(), item)
        elif named is None:
            named = code
    language = None
    for key in ("lang", "language"):
        value = fields.text(key)
        if value and language is None:
            language = language_tag(value)
            if language is None:
                fields.problem(f"unknown language '{value}' ignored", key)
    return tuple(names.values()), language or named


def _url(fields: _Fields) -> str | None:
    url, message = url_field(fields.text("url"))
    if message:
        fields.problem(message, "url")
    return url


def _id(fields: _Fields, default_id: str) -> str:
    value = fields.text("id")
    if value is None:
        return default_id
    if not _ID.fullmatch(value):
        fields.problem(f"id '{value[:80]}' is not letters, digits, '-' and '_'; using '{default_id}'", "id")
        return default_id
    return value


def _extra(fields: _Fields) -> tuple[tuple[str, str], ...]:
    """Whatever is left is kept for the data export, each key reported once as a notice."""
    extra = []
    for key, value in fields.values.items():
        fields.problem(f"unknown field '{key}' kept as extra data", key, "notice")
        if isinstance(value, list):
            extra.append((key, ", ".join(str(item) for item in value)))
        else:
            extra.append((key, "" if value is None else str(value)))
    return tuple(extra)
