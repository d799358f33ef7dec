"""Mojibake: UTF-8 text that was once read as Windows-1252 (or -1254, or Latin-1) and saved again.

`Anadolu Ajansı` becomes `Anadolu AjansÄ±`, `Müller` becomes `MÃ¼ller`, `’` becomes `â€™`. Such text
decodes without error, so no decoder notices; but every damaged character is a UTF-8 byte sequence spelled in
single-byte characters, so it can be recognised (and undone) exactly: map the characters back to their bytes and
see whether those bytes are valid UTF-8. A quick test on the file's bytes comes first, so clean text costs one
C-speed scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# The byte each single-byte character stands for: Windows-1252 for 0x80-0x9F (`€`, `’`, `Ÿ`...), Latin-1 for the
# rest (and for the C1 controls that 1252 leaves undefined), and the six letters where Windows-1254 differs.
_BYTE_OF: dict[str, int] = {chr(b): b for b in range(0x80, 0x100)}
for _b in range(0x80, 0xA0):
    try:
        _BYTE_OF[bytes([_b]).decode("cp1252")] = _b
    except UnicodeDecodeError:
        pass
for _b in (0xD0, 0xDD, 0xDE, 0xF0, 0xFD, 0xFE):
    _BYTE_OF.setdefault(bytes([_b]).decode("cp1254"), _b)

_CONTINUATION = "".join(sorted(re.escape(c) for c, b in _BYTE_OF.items() if 0x80 <= b <= 0xBF))
_LEAD2 = "".join(sorted(re.escape(c) for c, b in _BYTE_OF.items() if 0xC2 <= b <= 0xDF))
_LEAD3 = "".join(sorted(re.escape(c) for c, b in _BYTE_OF.items() if 0xE0 <= b <= 0xEF))
_LEAD4 = "".join(sorted(re.escape(c) for c, b in _BYTE_OF.items() if 0xF0 <= b <= 0xF4))
_SEQUENCE = re.compile(
    f"[{_LEAD2}][{_CONTINUATION}]|[{_LEAD3}][{_CONTINUATION}]{{2}}|[{_LEAD4}][{_CONTINUATION}]{{3}}")
# The same test on UTF-8 bytes, as a filter: one C-speed scan of the file as read. `Â`..`ô` are `\xc3\x82`..`\xc3\xb4`
# in UTF-8; the Windows-1254 leads (`Ğ İ Ş ğ`) are common in clean Turkish, so their presence alone sends a file on
# to the exact test.
_SUSPECT_UTF8 = re.compile(b"\xc3[\x82-\xb4](?:\xc2[\x80-\xbf]|" + b"|".join(
    re.escape(c.encode()) for c, b in sorted(_BYTE_OF.items()) if 0x80 <= b <= 0xBF and ord(c) > 0xFF) + b")")
_TURKISH_LEADS = tuple(c.encode() for c, b in _BYTE_OF.items() if ord(c) > 0xFF and 0xC2 <= b <= 0xF4)
_WORD_AROUND = re.compile(r"\S{0,20}$"), re.compile(r"^\S{0,20}")


def _undo(sequence: str) -> str | None:
    """The character a candidate sequence spells in UTF-8, or None when it is not one (ordinary text)."""
    try:
        return bytes(_BYTE_OF[c] for c in sequence).decode("utf-8")
    except (KeyError, UnicodeDecodeError):
        return None


def repair(text: str) -> str:
    """`text` with every mis-decoded UTF-8 sequence put back; text without any is returned as it is."""
    return _SEQUENCE.sub(lambda m: _undo(m[0]) or m[0], text)


def suspect(data: bytes) -> bool:
    """False when UTF-8 `data` surely holds no mojibake; True means: run `find` on the decoded text."""
    return _SUSPECT_UTF8.search(data) is not None or any(lead in data for lead in _TURKISH_LEADS)


def has_mojibake(text: str) -> bool:
    return any(_undo(m[0]) for m in _SEQUENCE.finditer(text))


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
    """How many lines hold damaged text."""


def find(text: str) -> Finding | None:
    """Where `text` (LF line endings) first holds mojibake, or None. Cheap when it holds none."""
    first = None
    lines = set()
    line, counted = 1, 0  # lines counted up to `counted` only once: linear however many damaged words
    for match in _SEQUENCE.finditer(text):
        if _undo(match[0]) is None:
            continue
        line += text.count("\n", counted, match.start())
        counted = match.start()
        lines.add(line)
        if first is None:
            first = (line, match.start(), match.end())
    if first is None:
        return None
    line, start, end = first
    line_start = text.rfind("\n", 0, start) + 1
    line_end = len(text) if (e := text.find("\n", end)) < 0 else e
    before = _WORD_AROUND[0].search(text, max(line_start, start - 20), start)  # not from the start of a long line
    after = _WORD_AROUND[1].match(text[end:line_end])
    word = (before[0] if before else "") + text[start:end] + (after[0] if after else "")
    return Finding(line, word, repair(word), len(lines))
