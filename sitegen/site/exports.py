"""The archive as data: `clippings.json` and `clippings.csv`, one record per clipping, so people can reuse it.

Each record holds every field of the clipping (title, dates, source, categories, language, original URL, the
file it came from, other fields found in the file) and its address on the site. What can be derived is left
out, since the export is paid for in the 1 GB GitHub Pages allows: the site-relative path (the address minus
the site's `url`) and a summary (the start of the text) would add ~50 MB at 100,000 clippings. The full text
is left out too unless `export_text = true`: it is already on every clipping's page, it would double the
site's size (about 3 KB a clipping, 300 MB for 100,000), and a bulk copy of third-party articles is a step a
publisher should choose, not get by default.

On a compact site (`page_style`, a large archive) both files are gzip-compressed (`clippings.json.gz`,
`clippings.csv.gz`): 84 MB becomes 18 MB at 100,000 clippings, and every data tool opens gzip.

JSON is the exact form (lists stay lists, missing values are null). The CSV is for spreadsheets: UTF-8 with a
byte-order mark so that Excel reads accented names, categories joined by "; ", and a `'` put before any cell
that starts with `=`, `+`, `-`, `@` or a tab so that no spreadsheet runs it as a formula.
"""
from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..archive.records import Archive, Entry
from ..i18n.interface import Interface
from .compressed import gzipped
from .links import Links, external

CSV_COLUMNS = ("id", "title", "url", "date", "published", "precision", "captured", "source", "categories",
               "language", "original_url", "file", "extra", "excerpt")
"""CSV columns in order; `text` and `text_format` follow when the full text is exported."""
CATEGORY_SEPARATOR = "; "
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def export_urls(compressed: bool) -> dict[str, str]:
    """The export's addresses by format (`json`, `csv`)."""
    suffix = ".gz" if compressed else ""
    return {"json": f"/clippings.json{suffix}", "csv": f"/clippings.csv{suffix}"}


def export_links(compressed: bool, words: Interface) -> list[tuple[str, str, str]]:
    """(address, label, media type) of each export file, for the home page."""
    urls = export_urls(compressed)
    if compressed:
        return [(urls["json"], words.gettext("All clippings as JSON (gzip)"), "application/gzip"),
                (urls["csv"], words.gettext("as CSV (gzip)"), "application/gzip")]
    return [(urls["json"], words.gettext("All clippings as JSON"), "application/json"),
            (urls["csv"], words.gettext("as CSV"), "text/csv")]


def export_files(archive: Archive, links: Links, site_title: str, with_text: bool,
                 compressed: bool = False) -> dict[str, bytes]:
    """`clippings.json` and `clippings.csv` (gzip-compressed if `compressed`), dated clippings oldest first,
    then the undated ones."""
    records = [_record(entry, links, with_text) for entry in (*archive.entries, *archive.undated)]
    urls = export_urls(compressed)
    made = {urls["json"]: _json(records, links, site_title, with_text), urls["csv"]: _csv(records, with_text)}
    return {url.lstrip("/"): gzipped(data) if compressed else data for url, data in made.items()}


def _record(entry: Entry, links: Links, with_text: bool) -> dict[str, Any]:
    clipping = entry.clipping
    record: dict[str, Any] = {
        "id": clipping.id,
        "title": clipping.title,
        "url": links.absolute(entry.url),
        "date": entry.dated.isoformat() if entry.dated else None,
        "published": clipping.dated.isoformat() if clipping.published and clipping.dated else None,
        "precision": clipping.precision if clipping.published else None,
        "captured": clipping.captured.isoformat() if clipping.captured else None,
        "source": entry.source.name if entry.source else None,
        "categories": [term.name for term in entry.categories],
        "language": clipping.language,
        "original_url": external(clipping.url),
        "file": clipping.source_path,
        "extra": dict(clipping.extra),
        "excerpt": clipping.excerpt,
    }
    if with_text:
        record["text"] = clipping.body
        record["text_format"] = clipping.body_format
    return record


def _json(records: list[dict[str, Any]], links: Links, site_title: str, with_text: bool) -> bytes:
    """One object with the site's name and the records, one record a line (easy to diff, grep and stream)."""
    head = {"site": site_title, "url": links.absolute("/"), "count": len(records), "full_text": with_text}
    lines = [json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1] + ',"clippings":[']
    lines.append(",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records))
    lines.append("]}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv(records: list[dict[str, Any]], with_text: bool) -> bytes:
    columns = CSV_COLUMNS + (("text", "text_format") if with_text else ())
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for record in records:
        writer.writerow([_cell(column, record[column]) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _cell(column: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else ""
    if column == "categories":
        value = CATEGORY_SEPARATOR.join(value)
    elif column == "extra":
        value = json.dumps(value, ensure_ascii=False) if value else ""
    return "'" + value if value.startswith(_FORMULA_START) else value
