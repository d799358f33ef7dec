"""The plain-text export of the monitoring service (see the sample in the shared seeds folder).

Layout: a title line, a block of header fields (`Published on`, `Document Date:`, `Category:`,
`Show on website:`, `Sources`), then the body. The export puts blank lines between all lines, continues the
category list on a later line starting with a comma, and breaks paragraphs in mid-sentence.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import PurePosixPath

from ..model import Clipping, Precision, Problem, Severity
from .decode import load_decoded
from .fields import (
    captured_field,
    collapse_spaces,
    ends_sentence,
    language_from_name,
    paragraphs,
    published_date_field,
    stops_mid_sentence,
    url_field,
)
from .registry import InputFile, LoadResult, ReadOptions, default_id

# One pattern for all fields: the name of the group that matched is the field, its text the value.
_FIELD = re.compile(
    r"published(?:\s+on\b|\s*:)\s*(?P<published>.*)"
    r"|document\s+date\b\s*:?\s*(?P<captured>.*)"
    r"|categor(?:y|ies)\s*:\s*(?P<category>.*)"
    r"|show\s+on\s+website\b\s*:?\s*(?P<url>.*)"
    r"|sources?\s*:\s*(?P<source>.*)", re.IGNORECASE)
_LOOSE_SOURCE = re.compile(r"sources?\s+(\S.{0,119})", re.IGNORECASE)  # `Sources Anadolu Ajansı`
_OTHER_FIELD = re.compile(r"([^\W\d_][\w .&'’/-]{0,39}?)\s*:\s*(.{0,200})")
_OTHER_FIELD_CHARS = 300
"""A longer line is no `Key: value` field (key at most 40 characters, value 200); not trying the pattern on it
keeps a hostile line of megabytes from costing the pattern's backtracking over it."""
_FIELD_WORDS = 8
"""More words than this in an unknown field's value make it prose, not a field."""
_SOURCE_WORDS = 20
"""More words than this after a colon-less `Sources` make it prose: official names run to a dozen words."""
_NO_LINK = frozenset({"", "click here", "-", "none", "n/a"})
_EXPORT_FIELDS = "Published on, Document Date, Category, Sources, Show on website"
_SNIPPETS = "snippets"
"""The category the export adds to a clipping it holds only a snippet of."""


def _field(line: str, strict: bool = False) -> tuple[str, str] | None:
    """(field, value) when the line is one of the export's header fields; `strict` refuses the colon-less
    `Sources X`, which could also start a headline. A colon-less `Sources ...` that reads as prose (`Sources said
    the talks would resume.`, `Sources say the deal is close`) is the body's first sentence, not a publication's
    name; a long name is still a name (`Sources Ministry of Foreign Affairs of the Republic of ... Press Office`)."""
    match = _FIELD.fullmatch(line)
    if match is None and not strict:
        match = _LOOSE_SOURCE.fullmatch(line)
        if match is not None and _source_reads_as_prose(match[1]):
            return None
    if match is None:
        return None
    return match.lastgroup or "source", match[match.lastindex or 1].strip()


def _source_reads_as_prose(value: str) -> bool:
    """A publication's name is capitalised and is no sentence: `say the deal is close` (a verb where the name
    would start) and `said the talks would resume.` are the body's words. Names such as `dpa` are one word."""
    words = value.split()
    return (len(words) >= 3 and ends_sentence(value)) or (len(words) >= 2 and words[0][:1].islower()) \
        or len(words) > _SOURCE_WORDS


def _other_field(line: str) -> tuple[str, str] | None:
    """(key, value) for an unknown `Key: value` line, which is kept rather than mistaken for body text.

    A value that reads like prose (a sentence, or more than a few words) is the body's first paragraph after a
    dateline or a label (`ANKARA: The ministry said...`): taking it for a field would hide it from the page."""
    match = _OTHER_FIELD.fullmatch(line) if len(line) <= _OTHER_FIELD_CHARS else None
    if not match or len(match[1].split()) > 4 or match[2].startswith("//"):
        return None
    value = match[2].strip()
    if _reads_as_prose(value, sentence_words=1):
        return None  # a sentence ("Velmora: the board froze tolls.") is body text, not a field
    return collapse_spaces(match[1]), value


def _reads_as_prose(value: str, sentence_words: int = 3) -> bool:
    """More words than a field's value has, or a sentence of at least `sentence_words` words (a publication's
    name may end with a full stop: `Sources Daily Sabah.`)."""
    words = len(value.split())
    return words > _FIELD_WORDS or (words >= sentence_words and ends_sentence(value))


class _Reader:
    """Collects one file's fields and problems; a class only to keep the steps below small."""

    def __init__(self, source_path: str) -> None:
        self.path = source_path
        self.problems: list[Problem] = []
        self.fields: dict[str, tuple[str, int]] = {}
        self.categories: list[str] = []
        self.extra: list[tuple[str, str]] = []

    def problem(self, message: str, line: int | None = None, severity: Severity = "warning") -> None:
        self.problems.append(Problem(self.path, message, severity, line))

    def set(self, name: str, value: str, line: int) -> None:
        if name == "category":
            self.categories.append(value)
        else:
            self.fields[name] = (value, line)

    def header(self, lines: list[str], start: int) -> int:
        """Read the header block from `start`; return the index of the first body line.

        The header is a block: the export's fields, then the body. So the block is found first, as the run of
        lines that read as fields, and it ends with its last export field: an unknown `Key: value` line after
        that (`UPDATE: Death toll rises to 12`) is the body's first line, not extra data, unless it follows
        the fields without a blank line (`Author: ...` in a header written without blank lines). A colon-less `Sources`
        line is a field only on a line of its own (a hard-wrapped paragraph's first line is not)."""
        block: list[tuple[int, str, tuple[str, str] | None]] = []  # (index, kind, field)
        names: set[str] = set()
        pending = None
        for index in range(start, len(lines)):
            line = lines[index].strip()
            if not line:
                continue
            found = _field(line)
            if found and found[0] in names:
                break  # a repeated field is body text that looks like one ("Sources said ...")
            if found and _FIELD.fullmatch(line) is None and not _on_its_own(lines, index):
                found = None  # `Sources say ...` wrapped onto the next line: the body's first paragraph
            if line.startswith(",") and "category" in names:
                block.append((index, "category", ("category", line)))
            elif found:
                block.append((index, "field", found))
                names.add(found[0])
                pending = None if found[1] else found[0]
            elif pending:  # `Show on website:` with the address on the next line
                block.append((index, "field", (pending, line)))
                pending = None
            elif other := _other_field(line):
                block.append((index, "other", other))
            else:
                break
        last = max((n for n, (_, kind, _) in enumerate(block) if kind != "other"), default=-1)
        while last + 1 < len(block) and block[last + 1][0] == block[last][0] + 1:
            last += 1  # an unknown field in the same lines as the fields (no blank line between) is one too
        for index, kind, (name, value) in block[:last + 1]:
            if kind == "other":
                self.extra.append((name, value))
                self.problem(f"unknown field '{name}' kept as extra data", index + 1, "notice")
            else:
                self.set(name, value, index + 1)
        return block[last][0] + 1 if last >= 0 else start


def _on_its_own(lines: list[str], index: int) -> bool:
    """True when the line is followed by a blank line or the end: a header field, not a paragraph's first line."""
    return index + 1 >= len(lines) or not lines[index + 1].strip()


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """The registry's entry: one file, one clipping."""
    def parse(text: str) -> LoadResult:
        clipping, problems = load_text(text, file.path, default_id(file.path))
        return [clipping] if clipping is not None else [], problems
    return load_decoded(file.data, file.path, parse)


def load_text(text: str, source_path: str, default_id: str) -> tuple[Clipping | None, list[Problem]]:
    """Parse one export file (already decoded, LF line endings); never raises for bad content."""
    reader = _Reader(source_path)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None, [Problem(source_path, "empty file", "error")]
    stem = PurePosixPath(source_path).stem
    title = collapse_spaces(lines[first])
    if _field(title, strict=True):
        reader.problem("no title (the first line is a header field); using the file name", first + 1)
        title, header_start = stem, first
    else:
        header_start = first + 1
    body_start = reader.header(lines, header_start)
    if not reader.fields and not reader.categories:
        return None, [Problem(source_path, f"not in a known clipping format (no {_EXPORT_FIELDS} line)", "error")]

    captured = _captured(reader)
    published, precision = _published(reader, captured is not None)
    categories, language = _categories(reader)
    body = "\n\n".join(paragraphs("\n".join(lines[body_start:])))
    if not body:
        reader.problem("empty body")
    clipping = Clipping(
        id=default_id, title=title, source_path=source_path,
        published=published, precision=precision, captured=captured,
        source=collapse_spaces(reader.fields.get("source", ("", 0))[0]),
        categories=categories, language=language, url=_url(reader), body=body, body_format="text",
        extra=tuple(reader.extra), excerpt=_SNIPPETS in map(str.casefold, categories) or stops_mid_sentence(body),
    )
    return clipping, reader.problems


def _captured(reader: _Reader) -> dt.datetime | None:
    value, line = reader.fields.get("captured", (None, None))
    captured, message = captured_field(value, "document date")
    if message:
        reader.problem(message, line)
    return captured


def _published(reader: _Reader, has_captured: bool) -> tuple[dt.date | None, Precision]:
    value, line = reader.fields.get("published", (None, None))
    published, precision, message = published_date_field(value, "published date", has_captured)
    if message:
        reader.problem(message, line)
    return published, precision


def _categories(reader: _Reader) -> tuple[tuple[str, ...], str | None]:
    """Split the comma lists, drop the export's `-` markers and duplicates, and lift out the language."""
    names: dict[str, str] = {}
    language = None
    for raw in reader.categories:
        for item in raw.split(","):
            item = collapse_spaces(item)
            if item.endswith(" -"):
                item = item[:-2].rstrip()
            if not item or item == "-":
                continue
            code = language_from_name(item)
            if code is None:
                names.setdefault(item.casefold(), item)
            elif language is None:
                language = code
            elif code != language:
                reader.problem(f"several languages named; '{item}' ignored, language is '{language}'",
                               severity="notice")
    return tuple(names.values()), language


def _url(reader: _Reader) -> str | None:
    value, line = reader.fields.get("url", (None, None))
    if value is None or value.casefold() in _NO_LINK:
        return None
    url, message = url_field(value)
    if message:
        reader.problem(message, line)
    return url
