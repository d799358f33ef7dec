"""Every format sitegen reads, in the order they are tried: a format that recognises its files by their first
bytes comes before the fallback of the same suffix."""
from __future__ import annotations

from . import alerts, markdown, spreadsheet, text, webpage
from .registry import Format, Reader, ReadOptions

FORMATS: tuple[Format, ...] = (
    Format("Markdown", (".md", ".markdown"), markdown.load),
    Format("Markdown", (".txt",), markdown.load, recognise=markdown.recognise),
    Format("Monitoring text", (".txt",), text.load),
    Format(spreadsheet.NAME, spreadsheet.SUFFIXES, spreadsheet.load),
    Format(alerts.NAME, alerts.SUFFIXES, alerts.load, recognise=alerts.recognise),
    Format(webpage.NAME, webpage.SUFFIXES, webpage.load),
)


def default_reader(options: ReadOptions | None = None) -> Reader:
    """A reader of every format above."""
    return Reader(FORMATS, options)
