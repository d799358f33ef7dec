"""Mojibake: UTF-8 text that was once read in a single-byte code page and saved again.

`Anadolu Ajansı` becomes `Anadolu AjansÄ±` (read as Windows-1252), `Кремль` becomes `РљСЂРµРјР»СЊ` (Windows-1251),
`’` becomes `â€™`. Such text decodes without error, so no decoder notices. ftfy, the library made for exactly
this, tells it from ordinary text and undoes it (benchmarks/mojibake_choice.py: on clean texts in a dozen
scripts it raises no false alarm, and it puts back 183 of 232 damaged texts where the table this module used
to hold put back 98, none of them Cyrillic or Greek).

ftfy costs milliseconds on a long non-Latin text, too much to pay on every file of a large archive. So a
C-speed pre-filter comes first: every damaged character is a UTF-8 byte sequence spelled in single-byte
characters (a lead byte's character, then one to three continuation bytes' characters), so text holding no
such sequence in any of the code pages ftfy undoes holds no mojibake. ASCII text is let through by
`str.isascii`; other clean text by one regex search; ftfy sees only the lines the filter points at.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# The single-byte code pages ftfy undoes (its `sloppy` ones read an undefined byte as Latin-1, as here).
_CODE_PAGES = ("latin-1", "cp1252", "cp1251", "cp1250", "cp1253", "cp1254", "cp1257", "iso8859-2", "mac_roman",
               "cp437")
MAX_LINES = 200
"""Lines the pre-filter points at that ftfy looks at, at most, in one file: enough to count a damaged file's
lines, bounded for a file whose every line looks suspect."""
_WORD = re.compile(r"[^ \t]{1,60}")
"""A word, for messages: split at spaces only (a damaged no-break space is part of a damaged word)."""


def _character(byte: int, page: str) -> str:
    try:
        return bytes([byte]).decode(page)
    except UnicodeDecodeError:
        return chr(byte)


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(quick, exact), made once, on the first non-ASCII text. `exact`: a whole UTF-8 sequence spelled in the code
    pages' characters. `quick`: a lead byte's character followed by a continuation byte's, which a regex finds
    several times faster than `exact`, and which most clean text in every script has nowhere."""
    def chars(first: int, last: int) -> str:
        found = {_character(b, page) for page in _CODE_PAGES for b in range(first, last + 1)}
        return "".join(sorted(re.escape(c) for c in found if not c.isascii()))
    continuation, lead2, lead3, lead4 = chars(0x80, 0xBF), chars(0xC2, 0xDF), chars(0xE0, 0xEF), chars(0xF0, 0xF4)
    quick = re.compile(f"[{chars(0xC2, 0xF4)}][{continuation}]")
    exact = re.compile(f"[{lead2}][{continuation}]|[{lead3}][{continuation}]{{2}}|[{lead4}][{continuation}]{{3}}")
    return quick, exact


def _first_sequence(text: str) -> int | None:
    """Where the first spelled UTF-8 sequence starts; None when there is none (nor any mojibake)."""
    if text.isascii():
        return None
    quick, exact = _patterns()
    start = quick.search(text)
    if start is None:
        return None
    found = exact.search(text, start.start())
    return found.start() if found is not None else None


def suspect(text: str) -> bool:
    """False when `text` surely holds no mojibake; True means: ask `find` (or ftfy)."""
    return _first_sequence(text) is not None


def repair(text: str) -> str:
    """`text` with its mojibake undone (ftfy's `fix_encoding`); text without any is returned as it is."""
    if not suspect(text):
        return text
    import ftfy  # imported here: most archives never need it

    return ftfy.fix_encoding(text)


def has_mojibake(text: str) -> bool:
    return repair(text) != text


@dataclass(frozen=True, slots=True)
class Finding:
    """The first damaged word of a text, for a message a user can act on."""

    line: int
    """1-based line of the first damaged word."""
    word: str
    """The damaged word as it stands (`AjansÄ±`)."""
    fixed: str
    """What it most likely was (`Ajansı`)."""
    lines: int
    """How many lines hold damaged text (of the first `MAX_LINES` the pre-filter points at)."""


def find(text: str) -> Finding | None:
    """Where `text` (LF line endings) first holds mojibake, or None. Cheap when it holds none."""
    at = _first_sequence(text)
    if at is None:
        return None
    first: tuple[int, str, str] | None = None
    damaged = looked = 0
    line_number, counted, last_line = 1, 0, -1
    for match in _patterns()[1].finditer(text, at):
        line_number += text.count("\n", counted, match.start())  # counted once: linear in the text
        counted = match.start()
        if line_number == last_line:
            continue
        last_line = line_number
        start = text.rfind("\n", 0, match.start()) + 1
        end = len(text) if (e := text.find("\n", match.end())) < 0 else e
        line = text[start:end]
        fixed = repair(line)
        looked += 1
        if fixed != line:
            damaged += 1
            if first is None:
                first = (line_number, line, fixed)
        if looked >= MAX_LINES:
            break
    if first is None:
        return None
    line_number, line, fixed = first
    word, fixed_word = _first_damaged_word(line, fixed)
    return Finding(line_number, word, fixed_word, damaged)


def _first_damaged_word(line: str, fixed: str) -> tuple[str, str]:
    """The line's first damaged word and that word put back; when no word is damaged on its own (the damage
    spans words), the part of the line that differs."""
    for match in _WORD.finditer(line):
        word = match[0]
        repaired = repair(word)
        if repaired != word:
            return word, repaired
    start = 0
    while start < min(len(line), len(fixed)) and line[start] == fixed[start]:
        start += 1
    end = 0
    while end < min(len(line), len(fixed)) - start and line[-1 - end] == fixed[-1 - end]:
        end += 1
    return line[start:len(line) - end][:40], fixed[start:len(fixed) - end][:40]
