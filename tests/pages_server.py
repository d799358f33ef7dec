"""A small stand-in for GitHub Pages in tests, and a crawler that follows every link a reader or a bot would.

The server publishes a folder under a path prefix the way Pages does: `dir/` serves `dir/index.html`, `dir`
is redirected to `dir/`, anything missing gets the site's `404.html` with status 404, and nothing outside the
prefix exists. The crawler starts at one address and follows every href and src in HTML, every `url()` in CSS,
every link in Atom feeds and sitemaps and every address in `clippings.json`, on the same host only.
"""
from __future__ import annotations

import json
import mimetypes
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit, urlunsplit


class PagesServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, prefix: str) -> None:
        super().__init__(("127.0.0.1", 0), _PagesHandler)
        self.prefix = prefix
        self.folder: Path | None = None

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


class _PagesHandler(BaseHTTPRequestHandler):
    server: PagesServer

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        prefix, folder = self.server.prefix, self.server.folder
        assert folder is not None
        if not path.startswith(prefix) and path + "/" != prefix:
            return self._missing()
        target = (folder / path[len(prefix):]).resolve()
        if not target.is_relative_to(folder.resolve()):
            return self._missing()
        if target.is_dir():
            if not path.endswith("/"):
                return self._send(HTTPStatus.MOVED_PERMANENTLY, b"", {"Location": path + "/"})
            target = target / "index.html"
        if not target.is_file():
            return self._missing()
        # Like Pages, say what a file is: browsers refuse module scripts (the search page's) without a JS type.
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, target.read_bytes(), {"Content-Type": kind})

    def _missing(self) -> None:
        page = self.server.folder / "404.html"
        self._send(HTTPStatus.NOT_FOUND, page.read_bytes() if page.is_file() else b"no 404.html",
                   {"Content-Type": "text/html"})

    def _send(self, status: HTTPStatus, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def pages_server(prefix: str) -> Iterator[PagesServer]:
    """A running server (its folder is set later, so a site can be built for its address first)."""
    server = PagesServer(prefix)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def fetch(url: str) -> tuple[int, bytes, str]:
    """(status, body, final URL after redirects); a 404 is an answer, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read(), response.url
    except urllib.error.HTTPError as error:
        return error.code, error.read(), url


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.refs.append(value)


def references(url: str, body: bytes) -> list[str]:
    """Every address a resource points at, by its kind (told by its path)."""
    path = urlsplit(url).path
    text = body.decode("utf-8-sig")
    if path.endswith(".css"):
        return re.findall(r"""url\(\s*['"]?([^'")]+)""", text)
    if path.endswith(".xml"):
        root = ET.fromstring(body)
        refs = [e.get("href") for e in root.iter("{http://www.w3.org/2005/Atom}link")]
        refs += [e.text for e in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
        return [r for r in refs if r]
    if path.endswith(".txt"):
        return re.findall(r"^Sitemap:\s*(\S+)", text, re.M)
    if path.endswith(".json"):
        return [record["url"] for record in json.loads(text)["clippings"]]
    if path.endswith("/") or path.endswith(".html"):
        parser = _Refs()
        parser.feed(text)
        return parser.refs
    return []


@dataclass
class Crawl:
    """What a crawl found."""

    fetched: dict[str, int] = field(default_factory=dict)
    """Every same-host URL requested, with its status."""
    broken: list[tuple[str, str]] = field(default_factory=list)
    """(page, link) for every link that did not answer 200."""
    external: set[str] = field(default_factory=set)


def crawl(start: str, extra: tuple[str, ...] = ()) -> Crawl:
    """Follow every reference from `start` (and `extra`) on the same host, each URL once."""
    origin = urlsplit(start).netloc
    result = Crawl()
    queue = [(start, "(start)"), *((u, "(start)") for u in extra)]
    while queue:
        url, found_on = queue.pop()
        if url in result.fetched:
            if result.fetched[url] != 200:
                result.broken.append((found_on, url))
            continue
        status, body, final = fetch(url)
        result.fetched[url] = status
        if status != 200:
            result.broken.append((found_on, url))
            continue
        for ref in references(final, body):
            target = urljoin(final, ref)
            parts = urlsplit(target)
            if parts.scheme not in ("http", "https"):
                raise AssertionError(f"{final} links to {ref!r}")
            if parts.netloc != origin:
                result.external.add(target)
                continue
            queue.append((urlunsplit(parts._replace(fragment="")), final))
    return result
