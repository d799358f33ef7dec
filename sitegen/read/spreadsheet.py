"""Media-monitoring spreadsheets (Meltwater, Cision, Muck Rack and the like): one mention per row.

CSV and TSV in the encodings these services write (UTF-16 with tabs as Meltwater does, UTF-8 with or without a
byte-order mark, `;` as European Excel writes it), and workbooks (XLSX, XLS, ODS). Columns are found by their
header (see `columns.py`); the header row need not be the first. The texts are snippets (an opening text, the
sentence that matched), so clippings are marked as excerpts unless the column is named as the full text.

A row that cannot be read is one problem; the other rows load. Row `line` is where the row starts in the file
(its row number in a workbook); `position` its place among the rows.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..model import Clipping, Problem, Severity
from .columns import SHOWN, Columns, match, normal, score
from .dates import When, read_column
from .fields import collapse_spaces, language_tag, web_url
from .registry import InputFile, LoadResult, ReadOptions, digest_id
from .table import (
    SNIFF_ROWS,
    Cell,
    Row,
    Table,
    decode_text,
    is_workbook,
    read_text,
    read_workbook,
)

NAME = "Spreadsheet"
SUFFIXES = (".csv", ".tsv", ".xlsx", ".xls", ".ods")
TITLE_WORDS = 12
"""A row without a headline is titled with the first words of its text, at most this many."""
FULL_TEXT = frozenset(normal(n) for n in (
    "Full Text", "Article Text", "Body", "Volltext", "Artikeltext", "Texte intégral", "Texto completo",
    "Testo completo", "Tam metin", "Полный текст"))
"""Text columns that hold the whole article: their rows are not marked as excerpts."""
_VENDOR_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{7,99}")
"""An id column's value used as the clipping's id; shorter values (`17`: a row number) are not ids."""
_LIST = re.compile(r"\s*[,;|]\s*")


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """The clippings of one spreadsheet, and the problems found; never raises for bad content."""
    user = options.columns

    def header_score(cells: Sequence[Cell]) -> int:
        return score(match(cells, user))

    problems: list[Problem] = []
    if is_workbook(file.data):
        table = read_workbook(file, lambda cells: header_score(cells) >= 2)
        if isinstance(table, Problem):
            return [], [table]
    else:
        text, problems = decode_text(file)
        if text is None:
            return [], problems
        table = read_text(file.path, text, header_score)
    problems += table.problems
    columns = _header(table, user)
    if columns is None:
        return [], problems + [_no_header(file.path, table)]
    reader = _Rows(file.path, columns, problems)
    rows = [row for row in table.rows if row[0] > columns.line]
    clippings = reader.read(rows, check_width=table.kind in ("CSV", "TSV"))
    if not clippings and not any(p.severity == "error" for p in reader.problems):  # a file never goes unsaid
        reader.problem("no clipping rows under the header row", columns.line)
    return clippings, reader.problems


def _header(table: Table, user: Mapping[str, Sequence[str]]) -> Columns | None:
    """The first of the first rows that names the most fields (at least two, a headline or text among them)."""
    best: Columns | None = None
    for line, cells in table.rows[:SNIFF_ROWS]:
        columns = match(cells, user, line)
        if score(columns) >= 2 and (best is None or score(columns) > score(best)):
            best = columns
    return best


def _no_header(path: str, table: Table) -> Problem:
    first = table.rows[0] if table.rows else (1, [])
    found = ", ".join(f"'{collapse_spaces(str(c))[:30]}'" for c in first[1][:8] if str(c).strip())
    return Problem(path, f"no header row naming a headline or text column and another field among the first "
                         f"{SNIFF_ROWS} rows (first row: {found or 'empty'}); name the columns in a [columns] "
                         "table of sitegen.toml", "error", first[0])


@dataclass
class _Rows:
    """Turns data rows into clippings; a class only to share the file's columns and problems among the steps."""

    path: str
    columns: Columns
    problems: list[Problem]

    def problem(self, message: str, line: int | None, severity: Severity = "warning") -> None:
        self.problems.append(Problem(self.path, message, severity, line))

    def read(self, rows: list[Row], check_width: bool) -> list[Clipping]:
        rows = [row for row in rows if not self._repeated_header(row[1])]
        if check_width:
            rows = [row for row in rows if self._fits(row)]
        if "published" not in self.columns.fields:
            self.problem("no date column (Date, Published, Datum, Fecha...): the clippings are undated, unless "
                         "[columns] in sitegen.toml names it", self.columns.line)
        published = self._dates(rows, "published")
        captured = self._dates(rows, "captured")
        found = []
        for position, (line, cells) in enumerate(rows):
            fields = self._fields(line, position, cells, published[position], captured[position])
            if fields is not None:
                found.append((line, self._cell(cells, "id"), fields))
        return [Clipping(id=id, **fields) for id, (_, _, fields) in zip(self._ids(found), found, strict=True)]

    def _repeated_header(self, cells: list[Cell]) -> bool:
        """Exports joined one after another repeat their header: not a mention."""
        names = self.columns.names
        return len(cells) == len(names) and all(
            " ".join(str(c).split()) == name for c, name in zip(cells, names, strict=True))

    def _fits(self, row: Row) -> bool:
        """A row with more values than the header has names was split at a delimiter inside a value: its
        columns are shifted, so it is reported instead of read (fewer values: trailing ones left out, fine)."""
        line, cells = row
        width = len(self.columns.names)
        if len(cells) <= width or not any(str(c).strip() for c in cells[width:]):
            return True
        self.problem(f"row has {len(cells)} values but the header {width} names (a delimiter inside an unquoted "
                     "value?): skipped", line, "error")
        return False

    def _dates(self, rows: list[Row], name: str) -> list[When | None]:
        indexes = self.columns.fields.get(name)
        if not indexes:
            return [None] * len(rows)
        column = indexes[0]
        values = [cells[column] if column < len(cells) else "" for _, cells in rows]
        whens, notes = read_column(values, self.columns.names[column])
        for index, message, severity in notes:
            self.problem(message, self.columns.line if index is None else rows[index][0], severity)
        return whens

    def _cell(self, cells: list[Cell], name: str) -> str:
        for index in self.columns.fields.get(name, ()):
            if index < len(cells) and (value := collapse_spaces(str(cells[index]))):
                return value
        return ""

    def _fields(self, line: int, position: int, cells: list[Cell], published: When | None,
                captured: When | None) -> dict | None:
        """The clipping's fields but its id (which depends on the other rows), or None for a row skipped."""
        title, body, excerpt, other_texts = self._cell(cells, "title"), "", True, []
        for index in self.columns.fields.get("text", ()):
            if index >= len(cells) or not str(cells[index]).strip():
                continue
            if body:  # the other texts of the row (a Hit Sentence beside the Opening Text) are kept
                other_texts.append((self.columns.names[index], collapse_spaces(str(cells[index]))))
                continue
            body = "\n\n".join(p for p in map(collapse_spaces, str(cells[index]).split("\n")) if p)
            excerpt = normal(self.columns.names[index]) not in FULL_TEXT
        if not title and not body:
            self.problem("row has no headline and no text: skipped", line, "error")
            return None
        if not title:
            title = _title_from(body)
            self.problem("no headline; titled with the first words of its text", line, "notice")
        url = self._url(cells, line)
        source = self._cell(cells, "source") or _host(url)
        if published is None and not captured and "published" in self.columns.fields \
                and not self._cell(cells, "published"):  # (a date that cannot be read is reported already)
            self.problem("no date: the clipping is undated", line)
        language, extra = self._language(cells, line), self._extra(cells) + tuple(other_texts)
        return {
            "title": title, "source_path": self.path, "published": published.day if published else None,
            "captured": captured.moment() if captured else None, "source": source,
            "categories": self._categories(cells), "language": language, "url": url, "body": body,
            "body_format": "text", "extra": extra, "excerpt": excerpt,
            "precision": published.precision if published else "day", "author": self._cell(cells, "author"),
            "line": line, "position": position}

    def _url(self, cells: list[Cell], line: int) -> str | None:
        value = self._cell(cells, "url")
        url = web_url(value) if value else None
        if value and url is None:
            self.problem(f"link '{value[:80]}' dropped: only http and https addresses are shown", line)
        return url

    def _language(self, cells: list[Cell], line: int) -> str | None:
        value = self._cell(cells, "language")
        tag = language_tag(value) if value else None
        if value and tag is None:
            self.problem(f"language '{value[:40]}' is neither a language name nor a code: ignored", line, "notice")
        return tag

    def _categories(self, cells: list[Cell]) -> tuple[str, ...]:
        names: dict[str, str] = {}
        for index in self.columns.fields.get("categories", ()):
            if index < len(cells):
                for name in _LIST.split(str(cells[index])):
                    if name := collapse_spaces(name):
                        names.setdefault(name.casefold(), name)
        return tuple(names.values())

    def _extra(self, cells: list[Cell]) -> tuple[tuple[str, str], ...]:
        extra = [(SHOWN[name], value) for name in SHOWN if (value := self._cell(cells, name))]
        if (value := self._cell(cells, "id")) and not _VENDOR_ID.fullmatch(value):  # kept, as it is not the id
            extra.insert(0, (self.columns.names[self.columns.fields["id"][0]], value))
        for index in self.columns.extra:
            if index < len(cells) and (value := _text(cells[index])):
                extra.append((self.columns.names[index], value))
        return tuple(extra)

    def _ids(self, found: list[tuple[int, str, dict]]) -> list[str]:
        """The export's id where it has one; else a digest of source, date and headline, with the address when
        another row has those three (two posts of one account on one day). Neither depends on the order of the
        rows, so ids stay when an export is downloaded again, sorted otherwise or joined with another."""
        def key(fields: dict, *more: str) -> str:
            day = fields["published"].isoformat() if fields["published"] else ""
            return digest_id(fields["source"], day, fields["title"], *more)

        short = Counter(key(fields) for _, vendor, fields in found if not _VENDOR_ID.fullmatch(vendor))
        seen: dict[str, int] = {}
        repeats: Counter[str] = Counter()
        ids = []
        for line, vendor, fields in found:
            if _VENDOR_ID.fullmatch(vendor):
                if vendor not in seen:
                    seen[vendor] = line
                    ids.append(vendor)
                    continue
                self.problem(f"id '{vendor}' is also on line {seen[vendor]}; this row gets an id of its own", line)
            candidate = key(fields)
            if short[candidate] > 1 or candidate in seen:
                candidate = key(fields, fields["url"] or "")
            if candidate in seen:  # the same mention twice: numbered by occurrence, not by line
                self.problem(f"same source, date, headline and address as line {seen[candidate]}", line, "notice")
                repeats[candidate] += 1
                candidate = key(fields, fields["url"] or "", str(repeats[candidate]))
            seen.setdefault(candidate, line)
            ids.append(candidate)
        return ids


def _text(cell: Cell) -> str:
    if isinstance(cell, str):
        return collapse_spaces(cell)
    return cell.isoformat(sep=" ") if hasattr(cell, "hour") else cell.isoformat()  # type: ignore[call-arg]


def _title_from(body: str) -> str:
    words = body.split()
    return " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")


def _host(url: str | None) -> str:
    """The outlet of a row without a source: the address's host, without `www.`."""
    if not url:
        return ""
    host = urlsplit(url).hostname or ""
    return host.removeprefix("www.")
