"""Writing a clipping in the plain-text export format, so that `load_text` reads the same clipping back.

The format has no escaping: a title that reads as a header field, a category with a comma in it or a paragraph
that reads as the continuation of the one before cannot be written, and `write_text` says so with a ValueError
instead of writing a file that would load as something else. The id and the file's path travel in the file name.
"""
from __future__ import annotations

import datetime as dt

from ..model import MONTHS, Clipping
from .fields import collapse_spaces, ends_sentence, language_from_name, language_name, stops_mid_sentence, web_url
from .markdown import starts_with_front_matter
from .text import _field, _other_field

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def write_text(clipping: Clipping) -> str:
    """The export text of `clipping` (LF line endings, blank lines between lines, as the export has them)."""
    _check(clipping)
    lines = [clipping.title]
    if clipping.published is not None:
        d = clipping.published
        lines.append("Published on " + {"day": f"{MONTHS[d.month - 1]} {d.day}, {d.year:04d}",
                                        "month": f"{MONTHS[d.month - 1]} {d.year:04d}",
                                        "year": f"{d.year:04d}"}[clipping.precision])
    if clipping.captured is not None:
        lines.append(f"Document Date: {_capture_time(clipping.captured)}")
    names = ([language_name(clipping.language)] if clipping.language else []) + list(clipping.categories)
    if names:
        lines.append("Category: ," + ",".join(names))
    lines += [f"{key}: {value}" for key, value in clipping.extra]  # inside the header block, before its last field
    lines.append(f"Show on website: {clipping.url or 'Click Here'}")
    if clipping.source:
        lines.append(f"Sources: {clipping.source}")
    if clipping.body:
        lines += clipping.body.split("\n\n")
    return "\n\n".join(lines) + "\n"


def _capture_time(t: dt.datetime) -> str:
    """`Tue, Mar 11 2025 04:12:09 pm`, the export's style."""
    hour = t.hour % 12 or 12
    return (f"{_WEEKDAYS[t.weekday()]}, {MONTHS[t.month - 1][:3]} {t.day:02d} {t.year:04d} "
            f"{hour:02d}:{t.minute:02d}:{t.second:02d} {'am' if t.hour < 12 else 'pm'}")


def _require(ok: bool, reason: str) -> None:
    if not ok:
        raise ValueError(f"cannot be written in the text format: {reason}")


def _check(c: Clipping) -> None:
    """Refuse what the format cannot carry, each with the reason."""
    _require(c.body_format == "text", "the body is Markdown")
    everything = [c.title, c.source, c.body, *c.categories, *(k + v for k, v in c.extra)]
    _require(not any("\x00" in value or "\r" in value for value in everything), "NUL or CR in a field")
    _require(bool(c.title) and c.title == collapse_spaces(c.title), "the title is empty or has extra spacing")
    _require(not _field(c.title, strict=True) and not starts_with_front_matter(c.title + "\n"),
             "the title reads as a header field")
    _require(c.captured is None or c.captured.microsecond == 0, "the capture time has fractions of a second")
    _require(c.published is None or c.precision == "day" or c.published.day == 1 and
             (c.precision == "month" or c.published.month == 1), "a month or year date is not its period's first day")
    _require(c.source == collapse_spaces(c.source), "the source has extra spacing")
    _require(c.url is None or web_url(c.url) == c.url, "the link is not a plain http(s) address")
    _require(c.language is None or language_name(c.language) is not None, f"no language name for {c.language!r}")
    seen = set()
    for name in c.categories:
        _require(bool(name) and name == collapse_spaces(name) and "," not in name and not name.endswith(" -")
                 and name != "-" and language_from_name(name) is None and name.casefold() not in seen,
                 f"the category {name!r}")
        seen.add(name.casefold())
    for key, value in c.extra:
        line = f"{key}: {value}"
        _require(_field(line) is None and _other_field(line) == (key, value), f"the field {key!r}")
    _require(c.excerpt == ("snippets" in map(str.casefold, c.categories) or stops_mid_sentence(c.body)),
             "the excerpt flag (the format says it with a `Snippets` category or a text that stops mid-sentence)")
    _require(not c.cut, "the text was cut by the archive")
    paragraphs = c.body.split("\n\n") if c.body else []
    for n, para in enumerate(paragraphs):
        _require(bool(para) and para == para.strip() and "\n" not in para, "a paragraph is empty or has line breaks")
        _require(n == 0 or not para[0].islower() or ends_sentence(paragraphs[n - 1]),
                 "a paragraph would be read as the end of the one before")
    if paragraphs:
        first = paragraphs[0]
        field = _field(first)
        written = {"published": c.published, "captured": c.captured, "url": True, "source": c.source}
        _require((field is None or (field[0] != "category" and bool(written.get(field[0]))))
                 and _other_field(first) is None and not first.startswith(","),
                 "the first paragraph reads as a header field")
