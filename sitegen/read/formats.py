"""Every format sitegen reads, in the order they are tried: a format that recognises its files by their first
bytes comes before the fallback of the same suffix."""
from __future__ import annotations

from . import alerts, factiva, lexisnexis, markdown, nexis_uni, rtf, spreadsheet, text, webpage
from .registry import Format, Reader, ReadOptions

FORMATS: tuple[Format, ...] = (
    Format("Markdown", (".md", ".markdown"), markdown.load),
    Format("Markdown", (".txt",), markdown.load, recognise=markdown.recognise),
    Format(lexisnexis.NAME, (".txt",), lexisnexis.load, recognise=lexisnexis.recognise),
    Format("Monitoring text", (".txt",), text.load),
    Format(rtf.NAME, (".rtf", ".doc"), rtf.load),
    Format(nexis_uni.NAME, (".docx",), nexis_uni.load),
    Format(nexis_uni.ZIP_NAME, (".zip",), nexis_uni.load_zip),
    Format(spreadsheet.NAME, spreadsheet.SUFFIXES, spreadsheet.load),
    Format(alerts.NAME, alerts.SUFFIXES, alerts.load, recognise=alerts.recognise),
    Format(factiva.NAME, (".html", ".htm"), factiva.load, recognise=factiva.recognise),
    Format(webpage.NAME, webpage.SUFFIXES, webpage.load),
)


def default_reader(options: ReadOptions | None = None) -> Reader:
    """A reader of every format above."""
    return Reader(FORMATS, options)
