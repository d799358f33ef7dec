"""LexisNexis "classic" text exports (`.txt`; the same text as `.rtf`, or `.doc` that is RTF: see `rtf.py`).

A file is a cover block (request, search terms) and then documents, each starting at a line `N of M DOCUMENTS`
(`FOCUS - N of M DOCUMENTS`, `Dokument N von M`, `Document N de M`). A document is blocks of lines separated by
blank lines: a header of centred lines (copyright, publication, the date line with its weekday, edition lines), an
unlabelled headline (`Headline;` + sub-title) or a `HEADLINE:` field, labelled fields (`SECTION:`, `LENGTH:`,
`BYLINE:`...), the body, hard-wrapped near 80 columns, then more fields (`LOAD-DATE:`, `LANGUAGE:`,
`SUBJECT:`...) and often the copyright again. Only the labels the vendor uses are labels: an all-caps speaker in a
transcript (`DOBBS: Good evening`) or a field-like first word in the body is text. The body ends where the run of
labelled blocks that closes the document begins, so a paragraph that happens to start with `UPDATE:` stays text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Clipping, Problem
from . import labels
from .decode import sniff_text, text_of
from .documents import Document, read_date, to_clippings
from .fields import collapse_spaces
from .registry import InputFile, LoadResult, ReadOptions

NAME = "LexisNexis TXT"
HEADER_BLOCKS = 4
"""Blocks searched for the date line when the header's centring is lost (text converted from RTF)."""
LONGEST_LABEL = 24
"""Characters a label and its colon take at most (`PUBLICATION-TYPE:`)."""
WRAPPED = 70
"""A line this long was wrapped: the next line goes on with it (a centred line this long starts at the margin)."""

_MARKER = re.compile(
    r"^[ \t]*(?:FOCUS[ \t]*-[ \t]*)?(?:\d+[ \t]+(?:of|von|de|di|van|av|af|sur)[ \t]+\d+[ \t]+"
    r"(?:DOCUMENTS?|DOKUMENTE?|DOCUMENTOS?|DOCUMENTI|DOKUMENTER)"
    r"|(?:Dokument|Document|Documento)[ \t]+\d+[ \t]+(?:von|de|di|van|of|sur|av|af)[ \t]+\d+)[ \t\r]*$",
    re.IGNORECASE | re.MULTILINE)
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_LABEL = re.compile(r"([^\W\d_][^\W\d_-]*(?:[- ][^\W\d_]+)?)[ \t]?:(?:[ \t\xa0]+|$)")
_RIGHTS = re.compile(r"(?:copyright\b|©|\(c\)\s*\d)|(?:(?:all\s+)?rights\s+reserved|alle\s+rechte\s+vorbehalten|"
                     r"tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|alle\s+rechten\s+"
                     r"voorbehouden)\W*$", re.IGNORECASE)

Block = tuple[int, list[str]]
"""(0-based line index in the file of the block's first line, its lines)."""


def recognise(head: bytes) -> bool:
    """A text file with a `N of M DOCUMENTS` line in its first 64 KB (the cover holds no such line). Tried on
    every .txt file: most are passed over by a byte search before anything is decoded."""
    if head[:2] not in _UTF16_BOMS and b"DOCUMENT" not in head and not _numbered(head):
        return False
    return _MARKER.search(sniff_text(head)) is not None


def _numbered(head: bytes) -> bool:
    """Whether the bytes hold `Dokument 3`, `Document 3` or `Documento 3`: the document lines in languages other
    than English (which says `3 of 9 DOCUMENTS`). Found with bytes.find, which a regular expression searching
    every position of every .txt file's head is several times slower than."""
    for word in (b"ocument", b"okument"):
        at = head.find(word)
        while at != -1:
            if head[at + 7:at + 12].lstrip(b"o \t")[:1].isdigit():
                return True
            at = head.find(word, at + 7)
    return False


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """Every document of a LexisNexis text export; never raises for bad content."""
    text, notes = text_of(file.data, file.path)
    if text is None:
        return [], notes
    clippings, problems = parse(text, file.path, NAME)
    return clippings, notes + problems


def parse(text: str, path: str, fmt: str) -> tuple[list[Clipping], list[Problem]]:
    """The export's text (LF line endings) as clippings of format `fmt`; shared with the RTF reader."""
    docs = []
    for position, (start, lines) in enumerate(_documents(text)):
        doc = Document(position, start)
        try:
            _Reader(doc, lines, start).read()
        except Exception as exc:  # one document the reader cannot follow must not cost the others
            doc = Document(position, start)
            doc.problem(f"document {position + 1} could not be read ({type(exc).__name__}: {exc}): skipped", "error")
        docs.append(doc)
    if not docs:
        return [], [Problem(path, "no 'N of M DOCUMENTS' line: not a LexisNexis export", "error")]
    return to_clippings(docs, path, fmt)


def _documents(text: str) -> Iterator[tuple[int, list[str]]]:
    """(1-based line of the `N of M DOCUMENTS` line, the document's lines after it) for each document."""
    marks = list(_MARKER.finditer(text))
    line = 1
    previous_end = 0
    for index, mark in enumerate(marks):
        line += text.count("\n", previous_end, mark.start())
        previous_end = mark.start()
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        yield line, text[mark.end():end].split("\n")[1:]


class _Reader:
    """Reads one document's blocks into a Document; a class only to keep the steps small."""

    def __init__(self, doc: Document, lines: list[str], marker_line: int) -> None:
        self.doc = doc
        self.blocks = list(_blocks(lines, marker_line))  # line numbers: the first line after the marker is +1
        self.labelled = [_label(lines[0]) is not None for _, lines in self.blocks]
        """Whether each block starts with a label."""
        self.fields: dict[str, tuple[str, int]] = {}
        self.centred = True
        self.notice: tuple[str, int] | None = None
        """Header lines between the publication and the date: a notice, or (centring lost) the headline."""

    def read(self) -> None:
        blocks, doc = self.blocks, self.doc
        end = len(blocks)
        while end > 0 and _is_rights(blocks[end - 1]):
            end -= 1
        self.copyright(blocks[end:])
        start = self.header(0, end)
        start = self.headline(start, end)
        while start < end and self.labelled[start]:
            body_follows = self.fields_of(blocks[start])
            start += 1
            if body_follows:
                break
        stop = end
        while stop > start and self.labelled[stop - 1]:
            stop -= 1
        for block in blocks[stop:end]:
            self.fields_of(block)
        doc.paragraphs += [collapse_spaces(" ".join(lines)) for _, lines in blocks[start:stop]]
        if self.notice is not None:
            if self.centred or "title" in self.fields:
                doc.keep("Notice", self.notice[0])
            else:
                self.field("HEADLINE", *self.notice)
        labels.apply(doc, self.fields)

    def copyright(self, blocks: list[Block]) -> list[Block]:
        """Keep the copyright notices of these blocks; return the rest of each block (a notice's block may go on
        with the publication's name: `Copyright 2003 Le Monde` + `Le Monde`)."""
        rest = []
        for first, lines in blocks:
            count = 1
            while count < len(lines) and (len(lines[count - 1].strip()) >= WRAPPED or _RIGHTS.match(
                    lines[count].strip())):
                count += 1
            self.doc.keep("Copyright", " ".join(line.strip() for line in lines[:count]))
            if count < len(lines):
                rest.append((first + count, lines[count:]))
        return rest

    def header(self, start: int, end: int) -> int:
        """Read the centred header (copyright, publication, date line, edition); return the index of the first
        block after it. A flush-left block just before the date's block is a headline written above the date."""
        blocks = self.blocks
        header: list[Block] = []
        while start < end and _is_rights(blocks[start]):
            header += self.copyright([blocks[start]])
            start += 1
        stop, above_date = start, None
        if (start < end and _indented(blocks[start])) or (header and _indented(header[-1])):
            while stop < end:
                if _indented(blocks[stop]) or _is_rights(blocks[stop]):
                    stop += 1
                elif (above_date is None and not self.labelled[stop] and stop + 1 < end
                      and _indented(blocks[stop + 1]) and any(map(read_date, blocks[stop + 1][1]))):
                    above_date = stop
                    stop += 1
                else:
                    break
        else:  # centring lost (text from RTF): the header ends with the block holding the date line
            self.centred = False
            limit = min(end, start + HEADER_BLOCKS)
            while stop < limit and not self.labelled[stop]:
                stop += 1
                if any(map(read_date, blocks[stop - 1][1])):
                    break
            else:
                stop = min(start + 1, end)
        for index in range(start, stop):
            if index == above_date:
                self.field("HEADLINE", " ".join(line.strip() for line in blocks[index][1]), blocks[index][0])
            elif _is_rights(blocks[index]):
                header += self.copyright([blocks[index]])
            else:
                header.append(blocks[index])
        if header:
            self.read_header(header)
        return stop

    def read_header(self, header: list[Block]) -> None:
        doc = self.doc
        lines = [(first + i, line.strip()) for first, block in header for i, line in enumerate(block)]
        found = None
        for index, (_, line) in enumerate(lines):
            when = read_date(line) if index else None  # the first line is the publication's name (`1843`)
            if when is not None and (when.precision != "year" or found is None):
                found = (index, when)
                if when.precision != "year":
                    break
        first_block = len(header[0][1])
        if found is None:
            doc.source = lines[0][1]
            doc.keep("Header", " ".join(line for _, line in lines[1:]))
            return
        index, doc.published = found
        source_lines = first_block if index >= first_block else 1
        doc.source = " ".join(line for _, line in lines[:source_lines])
        notice = [line for _, line in lines[source_lines:index]]
        if notice and notice[0].startswith(("http://", "https://")):  # web documents: the address, wrapped
            doc.set_url("".join(notice), lines[source_lines][0])
        elif notice:
            self.notice = (" ".join(notice), lines[source_lines][0])
        edition = []
        for number, line in lines[index + 1:]:
            if (label := _label(line)) is not None:
                self.field(label[0], label[1], number)
            elif (when := read_date(line)) is None or when.day != doc.published.day:
                edition.append(line)
        doc.edition = collapse_spaces(" ".join(edition)).strip(" ;")

    def headline(self, start: int, end: int) -> int:
        """The unlabelled block after the header: the headline when labelled fields follow it or it is short; a
        one-line block after a headline written above the date is the byline."""
        blocks = self.blocks
        if start >= end or self.labelled[start]:
            return start
        lines = blocks[start][1]
        follows = start + 1 < end and self.labelled[start + 1]
        if "title" in self.fields:
            if follows and len(lines) == 1:
                self.field("BYLINE", lines[0], blocks[start][0])
                return start + 1
            return start
        if not (follows or len(lines) <= 3):
            return start
        self.field("HEADLINE", " ".join(line.strip() for line in lines), blocks[start][0])
        start += 1
        if (start + 1 < end and len(blocks[start][1]) == 1 and not self.labelled[start]
                and self.labelled[start + 1]):  # `VAN ONZE CORRESPONDENT` between headline and fields
            self.field("BYLINE", blocks[start][1][0], blocks[start][0])
            start += 1
        return start

    def fields_of(self, block: Block) -> bool:
        """Read a block of `LABEL: value` lines (values may wrap onto the next lines); True after `BODY:`."""
        first, lines = block
        current: tuple[str, list[str], int] | None = None
        for index, line in enumerate(lines):
            label = _label(line)
            if label is None and current is not None:
                current[1].append(line.strip())
                continue
            if current is not None:
                self.field(current[0], " ".join(current[1]), current[2])
            if label is None:  # a line before any label: cannot happen for a block that starts with one
                continue
            current = (label[0], [label[1]], first + index)
        if current is not None:
            if labels.TXT.get(current[0]) == "body":
                rest = collapse_spaces(" ".join(current[1]))
                if rest:
                    self.doc.paragraphs.append(rest)
                return True
            self.field(current[0], " ".join(current[1]), current[2])
        return False

    def field(self, label: str, value: str, line: int) -> None:
        key = labels.TXT.get(label, "")
        value = " ".join(value.split())
        if key in ("", "body") or key in self.fields and key != "subject":
            self.doc.keep(labels.shown(label), value)
        elif key == "subject":
            self.doc.subjects.append(value)
            self.doc.keep(labels.shown(label), value)
        else:
            self.fields[key] = (value, line)


def _blocks(lines: list[str], marker_line: int) -> Iterator[Block]:
    block: list[str] = []
    first = 0
    for index, line in enumerate(lines):
        if line.strip():
            if not block:
                first = marker_line + 1 + index
            block.append(line)
        elif block:
            yield first, block
            block = []
    if block:
        yield first, block


def _label(line: str) -> tuple[str, str] | None:
    """(label, rest of the line) when the line starts with a label LexisNexis uses (in capitals, at the margin)."""
    if ":" not in line[:LONGEST_LABEL]:  # most lines: no label at all
        return None
    match = _LABEL.match(line)
    if match is None or not match[1].isupper() or match[1] not in labels.TXT:
        return None
    return match[1], line[match.end():]


def _indented(block: Block) -> bool:
    """A block of centred lines (a line as wide as the page is centred at the margin)."""
    lines = block[1]
    return any(line[:1] in (" ", "\t") for line in lines) and all(
        line[:1] in (" ", "\t") or len(line) >= WRAPPED for line in lines)


def _is_rights(block: Block) -> bool:
    return _RIGHTS.match(block[1][0].strip()) is not None and not _label(block[1][0])

