"""The paragraphs of a Word (DOCX) file, in reading order, with what the news-database readers need of them.

Read with `zipfile` and lxml's incremental parser rather than python-docx: only `word/document.xml` and its link
targets are needed, paragraphs inside tables must come in document order, and sizes must be checked before
anything is inflated (a DOCX from anyone may be a zip bomb). Entities are never resolved and nothing is fetched.
"""
from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass, field

from lxml import etree

MAX_XML_BYTES = 200 * 1024 * 1024
"""Largest `word/document.xml` read (inflated): a 500-document export is some 10 MB."""
MAX_RATIO = 200
"""Largest inflated/compressed ratio of a part: text compresses 5-20 times; far more is a zip bomb."""

_DOCUMENT = "word/document.xml"
_RELS = "word/_rels/document.xml.rels"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PARTS = ("{*}t", "{*}tab", "{*}br", "{*}cr", "{*}noBreakHyphen", "{*}hyperlink", "{*}sectPr", "{*}pageBreakBefore")


class DocxError(Exception):
    """The data is not a DOCX that can be read; the message says why, for the problem."""


ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError,
              RuntimeError, zlib.error)
"""What zipfile raises for a damaged or odd archive: a header that points before the file's start (ValueError),
an encrypted member (RuntimeError), a damaged deflate stream (zlib.error), an unknown method (NotImplementedError)."""


@dataclass(slots=True)
class Paragraph:
    number: int
    """1-based, counting every paragraph of the body in document order (those in tables too)."""
    text: str
    """Runs joined; a line break inside the paragraph is a newline, a tab a space."""
    links: list[str] = field(default_factory=list)
    """Targets of the paragraph's hyperlinks."""
    page_break: bool = False
    """A page or section break before the next paragraph (or at this one's start)."""
    row: int = 0
    """For a paragraph in a table: which row (numbered through the document from 1); 0 outside tables."""


def is_zip(data: bytes) -> bool:
    return data[:4] == b"PK\x03\x04"


def read_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member's bytes, refused when larger than `limit` or inflated suspiciously far."""
    info = archive.getinfo(name)
    if info.file_size > limit or info.file_size > MAX_RATIO * max(info.compress_size, 1024):
        raise DocxError(f"{name} is too large ({info.file_size / 2**20:.0f} MB inflated)")
    return archive.read(info)


def paragraphs(data: bytes) -> list[Paragraph]:
    """Every paragraph of the DOCX in `data`; raises DocxError when it is not one that can be read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if _DOCUMENT not in names:
                raise DocxError("a ZIP file without word/document.xml: not a Word document")
            links = _links(read_member(archive, _RELS, MAX_XML_BYTES)) if _RELS in names else {}
            xml = read_member(archive, _DOCUMENT, MAX_XML_BYTES)
    except ZIP_ERRORS as exc:
        raise DocxError(f"not a readable DOCX (a damaged ZIP file: {exc})") from exc
    try:
        return _paragraphs(xml, links)
    except etree.XMLSyntaxError as exc:
        raise DocxError(f"not a readable DOCX (damaged XML: {exc})") from exc


def _links(xml: bytes) -> dict[str, str]:
    """Relationship id → target of the document's hyperlinks."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return {}
    return {rel.get("Id", ""): rel.get("Target", "") for rel in root.iter("{*}Relationship")
            if rel.get("Type", "").endswith("/hyperlink")}


def _paragraphs(xml: bytes, links: dict[str, str]) -> list[Paragraph]:
    found: list[Paragraph] = []
    rows: dict[etree._Element, int] = {}
    events = etree.iterparse(io.BytesIO(xml), events=("end",), tag=("{*}p", "{*}Fallback"),
                             resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    for _, element in events:
        if element.tag.endswith("}Fallback"):  # the same content as its mc:Choice, for old readers
            element.clear()
            continue
        parts: list[str] = []
        paragraph = Paragraph(len(found) + 1, "")
        for part in element.iter(_PARTS):
            name = part.tag.rpartition("}")[2]
            if name == "t":
                parts.append(part.text or "")
            elif name == "tab":
                parts.append(" ")
            elif name == "br":
                if part.get(part.tag.rpartition("}")[0] + "}type") == "page":
                    paragraph.page_break = True
                else:
                    parts.append("\n")
            elif name == "cr":
                parts.append("\n")
            elif name == "noBreakHyphen":
                parts.append("-")
            elif name == "hyperlink":
                target = links.get(part.get(_REL_ID, ""))
                if target:
                    paragraph.links.append(target)
            else:  # a section break after this paragraph, or a page break before it
                paragraph.page_break = True
        paragraph.text = "".join(parts)
        cell = element.getparent()
        if cell is not None and cell.tag.endswith("}tc") and (row := cell.getparent()) is not None:
            paragraph.row = rows.setdefault(row, len(rows) + 1)
        found.append(paragraph)
        element.clear()  # a paragraph inside this one's text box is read once, as its own
    return found
