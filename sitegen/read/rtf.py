"""LexisNexis exports saved as RTF (`.rtf`, and `.doc` files that are RTF inside, as LexisNexis names them).

The RTF is turned into plain text with `striprtf` (the small, maintained pure-Python converter the R and Python
tools for these exports use), then read as the text export it then is. The text's centring is lost, which the
LexisNexis reader allows for. Lines of problems are lines of that text: the paragraphs of the document as Word
shows them. A `.doc` that is a real Word 97-2003 file cannot be read and is reported as such.
"""
from __future__ import annotations

import re

from ..model import Problem
from . import lexisnexis
from .decode import drop_controls, normalize_newlines
from .registry import InputFile, LoadResult, ReadOptions

NAME = "LexisNexis RTF"
_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The signature of a Word 97-2003 (binary) document."""


def recognise(head: bytes) -> bool:
    """RTF, whatever the file is called (`.doc` downloads from LexisNexis are RTF)."""
    return head.lstrip()[:5] == b"{\\rtf"


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    text, problems = rtf_text(file)
    if text is None:
        return [], problems
    clippings, found = lexisnexis.parse(text, file.path, NAME)
    return clippings, problems + found


def rtf_text(file: InputFile) -> tuple[str | None, list[Problem]]:
    """The RTF file's text (LF line endings, control characters removed), or None with the problem."""
    data = file.data
    if not recognise(data[:64]):
        if data.startswith(_OLE2):
            return None, [Problem(file.path, "a Word 97-2003 document, which cannot be read: save it as DOCX, or "
                                             "download the export as text, RTF or DOCX", "error")]
        return None, [Problem(file.path, "not an RTF file (it does not start with {\\rtf)", "error")]
    from striprtf.striprtf import rtf_to_text  # imported here: most archives hold no RTF

    page = _CODE_PAGE.search(data[:4096])
    encoding = f"cp{int(page[1])}" if page else "cp1252"
    try:
        "".encode(encoding)
    except LookupError:
        encoding = "cp1252"
    try:
        text = rtf_to_text(data.decode(encoding, "replace"), encoding=encoding, errors="replace")
    except Exception as exc:  # striprtf on malformed RTF: the file is reported, the build goes on
        return None, [Problem(file.path, f"cannot read the RTF ({type(exc).__name__}: {exc})", "error")]
    text, controls, line = drop_controls(normalize_newlines(text))
    if not text.strip():
        return None, [Problem(file.path, "no text in the RTF file", "error")]
    notes = [Problem(file.path, f"{controls} control characters removed", "warning", line)] if controls else []
    return text, notes
