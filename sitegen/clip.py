"""`sitegen clip URL...`: fetch article pages and keep each in the content folder as a Markdown clipping.

The page is read as a saved page is (sitegen/read/webpage.py): the article's text and its own metadata; the
address it was fetched from and the time are kept when the page names neither. Each file is created new,
never over an existing one, so clipping an address twice cannot lose an edited clipping. Only http and https
addresses are fetched, redirects included; a failure is reported for its address and the others are clipped.
"""
from __future__ import annotations

import datetime as dt
import http.client
import re
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

from . import __version__
from .archive.slugs import Slugs
from .model import Clipping
from .read.fields import web_url
from .read.webpage import read_page

TIMEOUT = 30
"""Seconds to wait for a server before giving up on its address."""
MAX_BYTES = 20 * 2**20
"""Largest page fetched, the size of the largest content file read."""
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_ESCAPED = re.compile(r"([\\`*_\[\]<>&!~|])")
_BLOCK_START = re.compile(r"^([#+=-])")
_LIST_NUMBER = re.compile(r"^(\d{1,9})([.)])")


class ClipError(Exception):
    """Why an address could not be clipped, in words for the user."""


@dataclass(frozen=True)
class Clipped:
    """What became of one address: the file written, or why none was."""

    url: str
    path: Path | None = None
    error: str | None = None
    notes: tuple[str, ...] = field(default=())
    """Problems found reading the page (a date not marked up...), as text."""


Fetch = Callable[[str], tuple[str, bytes]]


def clip(urls: Sequence[str], content_dir: Path, fetch: Fetch | None = None,
         now: Callable[[], dt.datetime] = dt.datetime.now) -> list[Clipped]:
    """Clip each address in turn; one address's failure never stops the others."""
    fetch = fetch or fetch_page
    return [_clip_one(url, content_dir, fetch, now) for url in urls]


def _clip_one(url: str, content_dir: Path, fetch: Fetch, now: Callable[[], dt.datetime]) -> Clipped:
    if web_url(url) is None:
        return Clipped(url, error="not an http or https address")
    try:
        final, data = fetch(url)
    except ClipError as exc:
        return Clipped(url, error=str(exc))
    fetched = now().replace(microsecond=0, tzinfo=None)
    clippings, problems = read_page(data, url, final, fetched)
    if not clippings:
        return Clipped(url, error="; ".join(p.message for p in problems) or "no article found in the page")
    clipping = clippings[0]
    name = f"{clipping.published.isoformat() if clipping.published else 'undated'}-" \
           f"{Slugs().slug(clipping.title, 80) or clipping.id}.md"
    path = content_dir / name
    try:
        content_dir.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as file:
            file.write(markdown_of(clipping))
    except FileExistsError:
        return Clipped(url, error=f"{path} already exists (clipped before?); it is left as it is")
    except OSError as exc:
        return Clipped(url, error=f"cannot write {path}: {exc.strerror or exc}")
    return Clipped(url, path, notes=tuple(p.message for p in problems))


def fetch_page(url: str, timeout: float = TIMEOUT) -> tuple[str, bytes]:
    """(address after redirects, bytes) of an HTML page; ClipError for anything else."""
    request = urllib.request.Request(url, headers={"User-Agent": f"sitegen/{__version__} (clip)",
                                                   "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"})
    opener = urllib.request.build_opener(_WebRedirects)
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            data = response.read(MAX_BYTES + 1)
            final = response.geturl()
    except urllib.error.HTTPError as exc:
        raise ClipError(f"the server answered {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise ClipError(f"cannot fetch: {exc.reason}") from exc
    except TimeoutError as exc:
        raise ClipError(f"no answer within {timeout:g} s") from exc
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise ClipError(f"cannot fetch: {exc or type(exc).__name__}") from exc
    if len(data) > MAX_BYTES:
        raise ClipError(f"the page is larger than {MAX_BYTES // 2**20} MB")
    if kind not in _HTML_TYPES and not (kind == "text/plain" and b"<html" in data[:1024].lower()):
        raise ClipError(f"not an HTML page ({kind})")
    return final, data


class _WebRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http and https addresses only (never to ftp: or file:)."""

    def http_error_302(self, req, fp, code, msg, headers):  # type: ignore[no-untyped-def]
        target = urljoin(req.full_url, headers.get("location") or headers.get("uri") or "")
        if web_url(target) is None:
            raise ClipError(f"redirected to {target[:80]}, which is not an http or https address")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def markdown_of(clipping: Clipping) -> str:
    """The clipping as Markdown with YAML front matter, which sitegen reads back as the same clipping."""
    import yaml

    fields: dict[str, object] = {"title": clipping.title}
    if clipping.published is not None:
        fields["date"] = _date(clipping)
    if clipping.captured is not None:
        fields["captured"] = clipping.captured.isoformat(sep=" ")
    for key, value in (("source", clipping.source), ("author", clipping.author), ("url", clipping.url),
                       ("language", clipping.language)):
        if value:
            fields[key] = value
    if clipping.categories:
        fields["categories"] = list(clipping.categories)
    fields["id"] = clipping.id
    front = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, width=1_000_000)
    body = "\n\n".join(escape_markdown(p) for p in clipping.body.split("\n\n") if p)
    return f"---\n{front}---\n\n{body}\n"


def _date(clipping: Clipping) -> str:
    day = clipping.published
    assert day is not None
    return {"year": f"{day.year:04d}", "month": f"{day.year:04d}-{day.month:02d}"}.get(clipping.precision,
                                                                                      day.isoformat())


def escape_markdown(paragraph: str) -> str:
    """A paragraph of plain text as CommonMark that renders as the same words: inline markers, entities and
    what would start a heading, list or quote are escaped."""
    text = _ESCAPED.sub(r"\\\1", " ".join(paragraph.split()))
    return _LIST_NUMBER.sub(r"\1\\\2", _BLOCK_START.sub(r"\\\1", text))
