"""From a file's bytes to the text loaders read: the encoding, newlines, control characters, and the problems
found on the way (a guessed legacy encoding, removed control characters, mojibake).

UTF-8 is tried first, so the common case never loads the encoding detector.
"""
from __future__ import annotations

import codecs
import re
from collections.abc import Callable

from ..model import Clipping, Problem
from . import mojibake

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 8192


def decode(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding name), or None for binary or undecodable data.

    A BOM decides; otherwise UTF-8 is tried first so the common case never loads charset-normalizer.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


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


_UTF8 = frozenset({"utf-8", "utf-8-sig"})
_PLAIN_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})
Loaded = tuple[list[Clipping], list[Problem]]


def text_of(data: bytes, path: str) -> tuple[str | None, list[Problem]]:
    """The file's text (LF line endings, control characters removed) and what was found on the way; None when
    there is no text to read (empty, binary, undecodable), with the problem saying so."""
    if not data.strip():
        return None, [Problem(path, "empty file", "error")]
    decoded = decode(data)
    if decoded is None:
        return None, [Problem(path, "binary or undecodable file", "error")]
    text, encoding = decoded
    text, controls, line = drop_controls(normalize_newlines(text))
    if not text.strip():
        return None, [Problem(path, "empty file", "error")]
    notes = []
    if encoding not in _PLAIN_ENCODINGS:
        notes.append(Problem(path, f"not UTF-8; read as {encoding} (a guess)", "notice"))
    if controls:
        notes.append(Problem(path, f"{controls} control character{'s' if controls > 1 else ''} removed", "warning",
                             line))
    if (encoding not in _UTF8 or mojibake.suspect(data)) and (damaged := mojibake.find(text)) is not None:
        notes.append(_mojibake_problem(path, damaged))
    return text, notes


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
