"""A spreadsheet's cells: CSV and TSV text in the encodings and dialects exports use, and workbooks (XLSX, XLS,
ODS) read with python-calamine. No column is interpreted here; that is `columns.py`'s job.

Every row carries its place: the line where it starts in a text file (a quoted cell may span lines), or its row
number in a workbook, so that a problem points where the user can look.
"""
from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import islice

from ..model import Problem
from .decode import text_of
from .registry import InputFile

Cell = str | dt.datetime | dt.date
Row = tuple[int, list[Cell]]
"""(line or row number, cells)."""

DELIMITERS = ("\t", ";", ",", "|")
SNIFF_ROWS = 20
"""Rows read to find the delimiter and the header row: exports put a title or a blank line or two above it."""
MAX_UNZIPPED = 400 * 2**20
"""A workbook that declares more than this uncompressed is refused: a few MB of zip can claim gigabytes."""
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # XLS (BIFF8) and other Office 97 files


@dataclass
class Table:
    """The rows of one sheet or text file, in order, blank rows left out."""

    rows: list[Row]
    kind: str
    """`CSV`, `TSV` or `workbook`."""
    problems: list[Problem] = field(default_factory=list)


def is_workbook(data: bytes) -> bool:
    return data.startswith((_ZIP, _OLE))


def read_workbook(file: InputFile, has_header: Callable[[Sequence[Cell]], bool]) -> Table | Problem:
    """The first visible sheet with a header row (most exports have one sheet; some put a cover sheet first)."""
    # Imported here: a build without workbooks never loads it.
    from python_calamine import CalamineWorkbook, SheetVisibleEnum

    if file.data.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(file.data)) as archive:
                declared = sum(info.file_size for info in archive.infolist())
        except (zipfile.BadZipFile, ValueError) as exc:
            return Problem(file.path, f"not a readable workbook (a damaged zip file: {exc})", "error")
        if declared > MAX_UNZIPPED:
            return Problem(file.path, f"workbook unpacks to {declared / 2**20:.0f} MB (more than "
                                      f"{MAX_UNZIPPED // 2**20} MB): not read", "error")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(file.data))
        visible = [sheet.name for sheet in book.sheets_metadata if sheet.visible == SheetVisibleEnum.Visible]
        first = None
        for name in visible or book.sheet_names:
            grid = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
            rows = [(number, [_cell(c) for c in cells]) for number, cells in enumerate(grid, 1)
                    if any(c != "" for c in cells)]
            if first is None:
                first = rows
            if any(has_header(cells) for _, cells in rows[:SNIFF_ROWS]):
                return Table(rows, "workbook")
    except Exception as exc:  # calamine raises its own error kinds for every kind of damage
        return Problem(file.path, f"not a readable workbook ({type(exc).__name__}: {exc})", "error")
    return Table(first or [], "workbook")


def _cell(value: object) -> Cell:
    """A workbook cell as text, except dates; `7.0` (Excel keeps every number as a float) as `7`."""
    if isinstance(value, str):
        return value
    if isinstance(value, (dt.datetime, dt.date)):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, dt.time):
        return value.isoformat()
    return str(value)


def decode_text(file: InputFile) -> tuple[str | None, list[Problem]]:
    """The file as text; UTF-16 without a byte-order mark (some exporters omit it) is recognised by its zero bytes."""
    data = file.data
    if not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and len(data) >= 4:
        head = data[:4096]
        if head[1::2].count(0) > len(head) // 4 and head[0::2].count(0) == 0:
            data = codecs.BOM_UTF16_LE + data
        elif head[0::2].count(0) > len(head) // 4 and head[1::2].count(0) == 0:
            data = codecs.BOM_UTF16_BE + data
    return text_of(data, file.path)


def read_text(path: str, text: str, score: Callable[[Sequence[Cell]], int]) -> Table:
    """Rows of delimited text. The delimiter is the one whose rows give the best header (`score`) among the
    first rows, then the most cells; Excel's `sep=;` first line names it outright."""
    lines = [line + "\n" for line in text.split("\n")]
    start, delimiter = 0, None
    first = lines[0].strip().lower()
    if first.startswith("sep=") and len(first) == 5:
        start, delimiter = 1, first[4]
    candidates = [delimiter] if delimiter else DELIMITERS
    sniffed = {d: _sniff(lines[start:start + 200], d, score) for d in candidates}
    delimiter = max(candidates, key=lambda d: sniffed[d][:2])
    rows, problems = _rows(path, lines, start, delimiter, sniffed[delimiter][2])
    return Table(rows, {"\t": "TSV"}.get(delimiter, "CSV"), problems)


def _sniff(lines: list[str], delimiter: str, score: Callable[[Sequence[Cell]], int]) -> tuple[int, int, int]:
    """(best header score, most cells, cells of the best header) of the first rows read with `delimiter` (up to
    a row the csv module cannot read: that row is reported when the file is read)."""
    rows: list[list[str]] = []
    try:
        rows.extend(islice(csv.reader(lines, delimiter=delimiter), SNIFF_ROWS))
    except csv.Error:
        pass
    best = max(rows, key=score, default=[])
    return score(best) if best else 0, max((len(r) for r in rows), default=0), len(best)


def _rows(path: str, lines: list[str], start: int, delimiter: str, width: int) -> tuple[list[Row], list[Problem]]:
    """Parse strictly; a row the csv module cannot read is one problem, and reading starts again on the line
    after the row's first line, so that the rows a broken quote swallowed are read on their own. A row spanning
    lines with another number of cells than the header's `width` is such a row too (a quote closed lines later).

    A quote never closed takes the rest of the file with it; when that happens a second time, the rest is read
    line by line (no cell spans lines then), so that a hostile file costs linear time, not a pass per quote."""
    rows: list[Row] = []
    problems: list[Problem] = []
    runaways = 0
    while start < len(lines):
        reader = csv.reader(map(lines.__getitem__, range(start, len(lines))), delimiter=delimiter, strict=True)
        at = start  # 0-based line where the next row starts
        try:
            for cells in reader:
                end = start + reader.line_num
                if end - at > 1 and width and len(cells) != width:
                    raise csv.Error(f"swallowed: {end - at} lines, {len(cells)} values")
                if any(c.strip() for c in cells):
                    rows.append((at + 1, cells))
                at = end
            break
        except csv.Error as exc:
            problems.append(Problem(path, f"row not read: {_csv_reason(exc)}", "error", at + 1))
            start = at + 1
            if "unexpected end of data" in str(exc):
                runaways += 1
                if runaways == 2:
                    _line_by_line(path, lines, start, delimiter, rows, problems)
                    break
    return rows, problems


def _line_by_line(path: str, lines: list[str], start: int, delimiter: str, rows: list[Row],
                  problems: list[Problem]) -> None:
    for number in range(start, len(lines)):
        try:
            cells = next(csv.reader((lines[number],), delimiter=delimiter, strict=True), [])
        except csv.Error as exc:
            problems.append(Problem(path, f"row not read: {_csv_reason(exc)}", "error", number + 1))
            continue
        if any(c.strip() for c in cells):
            rows.append((number + 1, cells))


def _csv_reason(exc: csv.Error) -> str:
    text = str(exc)
    if "unexpected end of data" in text:
        return "a quoted value is never closed (a missing \" ?); the rows after it are read on their own"
    if "expected after" in text:
        return "text follows a closing quote (a \" inside a quoted value must be doubled: \"\")"
    if text.startswith("swallowed:"):
        lines, values = text.removeprefix("swallowed: ").split(", ")
        return (f"a quoted value runs over {lines} with {values} in all, not as many as the header names (a "
                "quote closed too late?); the lines after its first are read on their own")
    if "field larger than field limit" in text:
        return "a value longer than 131,072 characters"
    return text

