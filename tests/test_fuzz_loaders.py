"""Issue 16: every loader of sitegen/read/formats.py, fuzzed. Random bytes, a real file of the format with random
damage, random field values written into it, and random names: no exception escapes a loader, and every file
either gives clippings (each naming the file) or a problem naming it.

Each test runs FUZZ_EXAMPLES examples per format (default 20: the whole file takes about a minute on a loaded
CI machine); `FUZZ_EXAMPLES=2000 pytest tests/test_fuzz_loaders.py` searches much longer.
"""
from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.read.formats import FORMATS
from sitegen.read.registry import Format, InputFile, Reader, ReadOptions

FIXTURES = Path(__file__).parent / "fixtures"
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "20"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _workbook() -> bytes:
    book = openpyxl.Workbook()
    for row in (["Date", "Headline", "Outlet", "Author", "URL", "Summary", "Language", "Tags"],
                ["2025-03-11", "Harbour reopens", "Coast Daily", "A. Writer", "https://coast.example/h",
                 "The harbour reopened after repairs.", "en", "Ports; Transport"],
                ["12/03/2025", "Quay repaired", "Radio Bay", None, "https://radio.example/q", "Work ended.", "de",
                 None]):
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SEEDS: dict[tuple[str, str], tuple[str, bytes]] = {  # (format name, first suffix): (name, a real file of it)
    (f.name, f.suffixes[0]): (name, data) for f, name, data in (
        (FORMATS[0], "hand-written.md", (FIXTURES / "loaders/markdown/hand-written über.md").read_bytes()),
        (FORMATS[1], "note.txt", (FIXTURES / "loaders/text/front matter.txt").read_bytes()),
        (FORMATS[2], "export.txt", (FIXTURES / "importers/lexisnexis-en.txt").read_bytes()),
        (FORMATS[3], "002_9F8E7D6C5B4A3921.txt", (FIXTURES / "loaders/text/002_9F8E7D6C5B4A3921.txt").read_bytes()),
        (FORMATS[4], "export.rtf", (FIXTURES / "importers/lexisnexis-en.rtf").read_bytes()),
        (FORMATS[5], "export.docx", (FIXTURES / "importers/nexis-uni-en.docx").read_bytes()),
        (FORMATS[6], "export.zip", (FIXTURES / "importers/nexis-uni.zip").read_bytes()),
        (FORMATS[7], "mentions.csv", (FIXTURES / "importers/spreadsheet/meltwater-mentions.csv").read_bytes()),
        (FORMATS[8], "alert.xml", (FIXTURES / "importers/alerts/gdansk-ferries.xml").read_bytes()),
        (FORMATS[9], "factiva.html", (FIXTURES / "importers/factiva-fr.html").read_bytes()),
        (FORMATS[10], "page.html", (FIXTURES / "importers/webpage/jsonld-article.html").read_bytes()),
    )
}
SEEDS[("Spreadsheet workbook", ".xlsx")] = ("mentions.xlsx", _workbook())


def _format(key: tuple[str, str]) -> Format:
    if key == ("Spreadsheet workbook", ".xlsx"):
        return next(f for f in FORMATS if ".xlsx" in f.suffixes)
    return next(f for f in FORMATS if (f.name, f.suffixes[0]) == key)


def test_every_format_has_a_seed() -> None:
    """A format added to the registry is fuzzed too: it needs a real file here."""
    assert {(f.name, f.suffixes[0]) for f in FORMATS} <= set(SEEDS)


def _loads_or_names(fmt: Format, name: str, data: bytes) -> None:
    """The property: no exception escapes; clippings name the file, and a file without one has a problem
    naming it; through the registry (which may pick another format of the suffix) the same."""
    clippings, problems = fmt.load(InputFile(name, data), ReadOptions())
    _check(name, clippings, problems)
    _check(name, *Reader(FORMATS).parse(data, name))


def _check(name: str, clippings: list, problems: list) -> None:
    assert all(c.source_path == name for c in clippings), [c.source_path for c in clippings]
    assert all(p.file == name for p in problems), [p.file for p in problems]
    assert all(p.line is None or p.line >= 1 for p in problems), [(p.line, p.message) for p in problems]
    assert all(isinstance(c.title, str) and c.title for c in clippings)
    assert clippings or problems, "a file that gave nothing and said nothing"


_VALUES = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60) | st.sampled_from([
    "", " ", ",,,,", "0000-00-00", "31/02/2025", "9999-12-31T25:61", "javascript:alert(1)", "<script>x</script>",
    "../../etc/passwd", "\x00\x01\x0b", "\u202e\u200b\ufeff", "Ä±ÅŸ", "1e308", "-1", "[[[[", "&a [*a]", "%s%n",
    "a" * 5000, "東京都 " * 50, "\r\n\r", "\ufffe",
])


def _damage(data: bytes, edits: list[tuple[float, int, bytes]]) -> bytes:
    """Each edit: at a fraction of the length, delete `cut` bytes and insert `payload`."""
    for where, cut, payload in edits:
        at = int(where * len(data))
        data = data[:at] + payload + data[at + cut:]
    return data


def _new_values(data: bytes, values: list[str]) -> bytes:
    """Random values written after the `:` (or into the cells, between tags) of the file's own fields."""
    text = data.decode("utf-8", "surrogateescape")
    lines = text.split("\n")
    for n, value in enumerate(values):
        at = (n * 7919) % max(len(lines), 1)
        line = lines[at]
        for mark in (":", ",", ">", "\t", " "):
            if mark in line:
                lines[at] = line[:line.index(mark) + 1] + value
                break
        else:
            lines[at] = value
    return "\n".join(lines).encode("utf-8", "surrogateescape")


def _inside_zip(data: bytes, change) -> bytes:
    """The same change made to every file inside a ZIP (DOCX, XLSX, a ZIP of DOCX), zipped again."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            inner = source.read(info)
            if info.filename.endswith(".docx") and zipfile.is_zipfile(io.BytesIO(inner)):
                inner = _inside_zip(inner, change)
            elif info.filename.endswith((".xml", ".rels")):
                inner = change(inner)
            target.writestr(info.filename, inner)
    return out.getvalue()


def _is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


KEYS = sorted(SEEDS)
_EDITS = st.lists(st.tuples(st.floats(0, 1), st.integers(0, 64), st.binary(max_size=64)), min_size=1, max_size=6)


@pytest.mark.parametrize("key", KEYS, ids=[f"{name} {suffix}" for name, suffix in KEYS])
@FUZZ
@given(data=st.binary(max_size=4096) | st.binary(max_size=64).map(lambda b: b"PK\x03\x04" + b))
def test_random_bytes(key: tuple[str, str], data: bytes) -> None:
    name = SEEDS[key][0]
    _loads_or_names(_format(key), name, data)


@pytest.mark.parametrize("key", KEYS, ids=[f"{name} {suffix}" for name, suffix in KEYS])
@FUZZ
@given(edits=_EDITS, inside=st.booleans())
def test_a_real_file_damaged(key: tuple[str, str], edits: list[tuple[float, int, bytes]], inside: bool) -> None:
    name, seed = SEEDS[key]
    if inside and _is_zip(seed):
        data = _inside_zip(seed, lambda inner: _damage(inner, edits))
    else:
        data = _damage(seed, edits)
    _loads_or_names(_format(key), name, data)


@pytest.mark.parametrize("key", KEYS, ids=[f"{name} {suffix}" for name, suffix in KEYS])
@FUZZ
@given(values=st.lists(_VALUES, min_size=1, max_size=8))
def test_random_field_values(key: tuple[str, str], values: list[str]) -> None:
    name, seed = SEEDS[key]
    data = _inside_zip(seed, lambda inner: _new_values(inner, values)) if _is_zip(seed) else _new_values(seed, values)
    _loads_or_names(_format(key), name, data)


_NAMES = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\"), min_size=1,
                 max_size=80).filter(lambda s: not s.startswith((".", "_")))


@pytest.mark.parametrize("key", KEYS, ids=[f"{name} {suffix}" for name, suffix in KEYS])
@FUZZ
@given(stem=_NAMES, folder=st.sampled_from(["", "a/", "exports/2025 März/", "ملفات/"]))
def test_random_names(key: tuple[str, str], stem: str, folder: str) -> None:
    name, seed = SEEDS[key]
    _loads_or_names(_format(key), folder + stem + os.path.splitext(name)[1], seed)
