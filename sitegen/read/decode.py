"""From a file's bytes to the text loaders read: the encoding, newlines, control characters, and the problems
found on the way (a guessed legacy encoding, removed control characters, mojibake).

UTF-8 is tried first, so the common case never loads the encoding detector.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Clipping, Problem
from . import legacy, mojibake
from .fields import language_name

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 8192
_UTF8 = frozenset({"utf-8", "utf-8-sig"})


@dataclass(frozen=True, slots=True)
class Decoded:
    """A file's text and how it was read."""

    text: str
    encoding: str
    """Python's codec name (`utf-8`, `cp1254`)."""
    how: str | None = None
    """Why this encoding, for a file that is not UTF-8 (`the code page of its declared language, Turkish`)."""
    sure: bool = True
    """False when the encoding is a guess that nothing in the file confirms."""
    replaced: tuple[int, ...] = ()
    """Lines of a UTF-8 file where bytes that are not UTF-8 were replaced with U+FFFD."""


def decode(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding name), or None for binary or undecodable data (see `read_text`)."""
    decoded = read_text(data)
    return None if decoded is None else (decoded.text, decoded.encoding)


def read_text(data: bytes) -> Decoded | None:
    """The text of a file's bytes; None for binary or undecodable data.

    A BOM decides; otherwise UTF-8 is tried first, so the common case costs one C-speed decode (and a scan for
    the escape character of ISO-2022, which is 7-bit and so valid UTF-8). Only a file that is not UTF-8 is
    looked at further: a UTF-8 file with a few bad bytes is read with them replaced, and any other is read in
    the code page its own declarations point to (`legacy`), else in charset-normalizer's guess."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError:
                return _damaged_utf8(data[len(bom):], declared=True) if encoding == "utf-8-sig" else None
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _not_utf8(data)
    if "\x1b" in text and _ISO_2022.search(data):
        return _iso_2022(data) or Decoded(text, "utf-8")
    return Decoded(text, "utf-8")


_ISO_2022 = re.compile(rb"\x1b(?:\$[@B(]|\$\)C|\(J)")
"""The escape sequences that switch ISO-2022-JP and ISO-2022-KR text into their double-byte sets."""


def _iso_2022(data: bytes) -> Decoded | None:
    hints = legacy.declared(data)
    pages = ["iso2022_jp", "iso2022_jp_2", "iso2022_kr"]
    if "ko" in hints.languages:
        pages.insert(0, pages.pop())
    for encoding in pages:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return Decoded(text, encoding, "its ISO-2022 escape sequences")
    return None


def _not_utf8(data: bytes) -> Decoded | None:
    hints = legacy.declared(data)
    if hints.charset in _UTF8:
        return _damaged_utf8(data, declared=True)
    damaged = _damaged_utf8(data, declared=False)
    if damaged is not None:
        return damaged
    choice = legacy.choose(data, hints)
    if choice is not None:
        if choice.language is None:
            how = f"its declared charset {legacy.describe(choice.encoding)}"
        elif choice.encoding == hints.charset:
            how = f"its declared charset, which reads as its declared language, {_language(choice.language)}"
        else:
            how = f"the code page of its declared language, {_language(choice.language)}"
        return Decoded(choice.text, choice.encoding, how)
    guess = _decode_legacy(data)
    if guess is None:
        return None
    text, encoding = guess
    if hints.languages or hints.charset:
        said = " and ".join(filter(None, (
            hints.charset and f"charset {legacy.describe(hints.charset)}",
            hints.languages and "language " + ", ".join(map(_language, hints.languages)))))
        return Decoded(text, encoding, f"a guess: it does not read as its declared {said}", sure=False)
    return Decoded(text, encoding, "a guess", sure=False)


def _language(code: str) -> str:
    return language_name(code) or code


def _damaged_utf8(data: bytes, declared: bool) -> Decoded | None:
    """UTF-8 with a few bytes that are not (a line pasted from elsewhere, a cut character): the text with those
    replaced, and their lines; None when the file is rather in another encoding (its other lines hold no UTF-8
    either) or not text (more than one byte in twenty is bad)."""
    text = data.decode("utf-8", "surrogateescape")
    bad = _ESCAPED.findall(text)
    if 20 * len(bad) > len(data):
        return None
    bad_lines, good_lines = [], 0
    for number, line in enumerate(normalize_newlines(text).split("\n"), start=1):
        if line.isascii():
            continue
        if _ESCAPED.search(line):
            bad_lines.append(number)
        else:
            good_lines += 1
    if not declared and good_lines < max(1, len(bad_lines)):
        return None
    return Decoded(_ESCAPED.sub("\ufffd", text), "utf-8", replaced=tuple(bad_lines))


_ESCAPED = re.compile("[\udc80-\udcff]+")
"""Bytes that are not UTF-8, as the `surrogateescape` handler leaves them (one run per bad sequence)."""


# The languages each Windows code page was made for. charset-normalizer often ranks a code page that
# merely decodes without errors first (Turkish text as cp1257 or cp1252, turning "ş" into "ž" or "þ") while
# naming the language right; a match whose language fits its code page is the better guess.
_CODE_PAGE_LANGUAGES = {
    "cp1250": frozenset({"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian"}),
    "cp1251": frozenset({"Russian", "Ukrainian", "Bulgarian", "Serbian", "Kazakh"}),
    "cp1252": frozenset({"English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch",
                         "Danish", "Swedish", "Norwegian", "Finnish", "Indonesian"}),
    "cp1253": frozenset({"Greek"}),
    "cp1254": frozenset({"Turkish"}),
}


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """Guess a legacy code page with charset-normalizer (imported here: most archives never need it)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    fitting = (m for m in matches if m.language in _CODE_PAGE_LANGUAGES.get(m.encoding, ()))
    best = next(fitting, matches[0])
    return str(best), best.encoding


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers and blank-line splitting mean one thing."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def drop_controls(text: str) -> tuple[str, int, int | None]:
    """Remove control characters other than tab and newline; returns the text, how many, and the first one's line.

    HTML may not contain them, and a page made only of them gives search nothing to index. Vertical tab and
    form feed (page breaks in some exports) become spaces, the rest disappear; lines stay where they were.
    """
    match = _CONTROLS.search(text)
    if match is None:
        return text, 0, None
    line = text.count("\n", 0, match.start()) + 1
    text, count = _CONTROLS.subn(lambda m: " " if m[0] in "\x0b\x0c" else "", text)
    return text, count, line


Loaded = tuple[list[Clipping], list[Problem]]


def text_of(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The file's text (LF line endings, control characters removed) and what was found on the way; None when
    there is no text to read (empty, binary, undecodable), with the problem saying so."""
    if not data.strip():
        return None, [Problem(path, "empty file", "error")]
    decoded = read_text(data)
    if decoded is None:
        return None, [Problem(path, "binary or undecodable file", "error")]
    text, controls, line = drop_controls(normalize_newlines(decoded.text))
    if not text.strip():
        return None, [Problem(path, "empty file", "error")]
    notes = []
    encoding = decoded.encoding
    if decoded.how is not None:
        notes.append(Problem(path, f"not UTF-8; read as {legacy.describe(encoding)} ({decoded.how})",
                             "notice" if decoded.sure else "warning"))
    if decoded.replaced:
        notes.append(_replaced_problem(path, decoded.replaced))
    if controls:
        notes.append(Problem(path, f"{controls} control character{'s' if controls > 1 else ''} removed", "warning",
                             line))
    if (damaged := mojibake.find(text)) is not None:
        notes.append(_mojibake_problem(path, damaged))
    return text, notes


def _replaced_problem(path: str, lines: tuple[int, ...]) -> Problem:
    shown = ", ".join(map(str, lines[:10])) + (f" and {len(lines) - 10} more" if len(lines) > 10 else "")
    return Problem(path, f"bytes that are not UTF-8 replaced with '\ufffd' on line{'s' if len(lines) > 1 else ''} "
                         f"{shown}; the rest of the file is read as it is", "warning", lines[0])


def load_decoded(data: bytes, path: str, parse: Callable[[str], Loaded]) -> Loaded:
    """Decode a text file and parse it; what decoding found is reported only when something was read."""
    text, notes = text_of(data, path)
    if text is None:
        return [], notes
    clippings, problems = parse(text)
    return clippings, notes + problems if clippings else problems


def sniff_text(head: bytes) -> str:
    """The start of a file as text, well enough to recognise a format by (a BOM's encoding, else UTF-8, any
    undecodable byte replaced)."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head.decode(encoding, "replace")
    return head.decode("utf-8", "replace")


def _mojibake_problem(path: str, damaged: mojibake.Finding) -> Problem:
    more = f"; {damaged.lines - 1} more line{'s' if damaged.lines > 2 else ''} like it" if damaged.lines > 1 else ""
    return Problem(path, f"'{damaged.word}' looks like mis-decoded UTF-8 (mojibake), probably '{damaged.fixed}'"
                         f"{more}; re-export the file or fix the text", "warning", damaged.line)
