"""`sitegen serve`: build, serve the output folder on 127.0.0.1 under the base path, rebuild on every change.

The server answers like GitHub Pages does (a folder address serves its index.html, a folder without its final
`/` is redirected, an address without `.html` serves the page with it, a missing page gets 404.html with status
404), so links that work here work there. Pages it
sends carry a small live-reload script, added to the response only: the output folder holds exactly what
`sitegen build` writes. Browsers follow `/__sitegen__/events` (server-sent events) and reload when a build has
finished. A rebuild that fails (a broken template, an invalid sitegen.toml) keeps the previous site on line and
shows the error in the terminal and in the browser; problems in content files are shown the same way.

Watching uses watchfiles (inotify, FSEvents or ReadDirectoryChangesW through the Rust `notify` crate, polling
only where the system has nothing better), so a change is seen at once without scanning the archive. Two
watchers run: one recursive over the content folder and the site's own `templates/`, `static/` and `locales/`
(its translations), one on the site folder alone (not its subfolders, which may hold the output and a virtualenv)
for `sitegen.toml` and for the content folder or one of those three appearing.
"""
from __future__ import annotations

import json
import mimetypes
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import watchfiles

from .build import BuildResult, build
from .config import Config
from .errors import SitegenError

SPECIAL = "/__sitegen__/"
"""Addresses the dev server answers itself, outside the site."""
SCRIPT = (Path(__file__).parent / "livereload.js").read_bytes()
PROBLEMS_SHOWN = 20
"""Problems listed in the browser; the terminal shows them all."""
KEEPALIVE = 15.0
"""Seconds between comments on an idle event stream, so proxies and browsers keep it open."""
THEME_FOLDERS = ("templates", "static", "locales")
"""The site's own folders that change what a build makes of the same content: watched like the content."""

OnBuild = Callable[[BuildResult | None, str | None, float], None]
"""Called after every build with (result or None, error message or None, seconds)."""


@dataclass
class State:
    """What browsers are told: the number of the last good build, and what went wrong since."""

    build: int = 0
    error: str | None = None
    problems: list[str] = field(default_factory=list)
    stopping: bool = False

    def message(self) -> bytes:
        shown = [str(p) for p in self.problems[:PROBLEMS_SHOWN]]
        data = {"build": self.build, "error": self.error, "problems": shown, "problem_count": len(self.problems)}
        return b"data: " + json.dumps(data).encode() + b"\n\n"


class DevServer:
    """The build, the HTTP server and the watchers of one `sitegen serve`."""

    def __init__(self, load_config: Callable[[], Config], port: int, on_build: OnBuild,
                 config_name: str = "sitegen.toml") -> None:
        self.load_config = load_config
        self.config_name = config_name
        self.config = load_config()
        self.on_build = on_build
        self.state = State()
        self.changed = threading.Condition()
        self.http = ThreadingHTTPServer(("127.0.0.1", port), _handler(self))
        self.http.daemon_threads = True
        self.changes: queue.Queue[set] = queue.Queue()
        self._watchers: list[threading.Event] = []
        self._watched: list[Path] = []
        self._serving = False

    @property
    def url(self) -> str:
        host, port = self.http.server_address[:2]
        return f"http://{host}:{port}{self.config.base_path}"

    def rebuild(self) -> None:
        """Build once; on failure keep the previous site and remember the error for the browsers."""
        started = time.perf_counter()
        result, error = None, None
        try:
            self.config = self.load_config()
            result = build(self.config)
        except SitegenError as exc:
            error = str(exc)
        except Exception as exc:  # a broken template or an unreadable file must not stop the server
            error = f"{type(exc).__name__}: {exc}"
        self.on_build(result, error, time.perf_counter() - started)
        with self.changed:
            if result is not None:
                self.state.build += 1
                self.state.problems = [str(p) for p in result.problems if p.severity != "notice"]
            self.state.error = error
            self.changed.notify_all()

    def run(self, ready: Callable[[str], None]) -> None:
        """Build, serve and watch until interrupted (Ctrl+C)."""
        self.rebuild()
        threading.Thread(target=self.http.serve_forever, name="sitegen-http", daemon=True).start()
        self._serving = True
        self._start_watchers()
        ready(self.url)
        try:
            while True:
                try:
                    batch = self.changes.get(timeout=0.5)
                except queue.Empty:
                    continue
                while not self.changes.empty():
                    batch |= self.changes.get_nowait()
                self.rebuild()
                if self._roots() != self._watched:
                    self._start_watchers()  # the content folder or a theme folder appeared or went away
        finally:
            self.stop()

    def stop(self) -> None:
        with self.changed:
            self.state.stopping = True
            self.changed.notify_all()
        for stop in self._watchers:
            stop.set()
        if self._serving:
            self.http.shutdown()
        self.http.server_close()

    def _roots(self) -> list[Path]:
        """Folders watched recursively: the content and the site's own theme folders that exist."""
        site = self.config.site_dir
        folders = [self.config.content_dir, *(site / name for name in THEME_FOLDERS)]
        return [f.resolve() for f in folders if f.is_dir()]

    def _start_watchers(self) -> None:
        for stop in self._watchers:
            stop.set()
        output = self.config.output_dir.resolve()
        site = self.config.site_dir.resolve()

        def wanted(_change: watchfiles.Change, path: str) -> bool:
            target = Path(path)
            return not target.is_relative_to(output) and not target.name.startswith(".") and "~" not in target.name

        content = self.config.content_dir.resolve()

        def top_level(_change: watchfiles.Change, path: str) -> bool:
            return Path(path).name in (self.config_name, *THEME_FOLDERS) or Path(path) == content

        self._watched = self._roots()
        self._watchers = [self._watch(self._watched, wanted, True), self._watch([site], top_level, False)]

    def _watch(self, paths: list[Path], keep: Callable, recursive: bool) -> threading.Event:
        stop = threading.Event()
        if not paths:
            return stop

        def loop() -> None:
            for batch in watchfiles.watch(*paths, watch_filter=keep, stop_event=stop, recursive=recursive,
                                          raise_interrupt=False):
                self.changes.put(batch)

        threading.Thread(target=loop, name="sitegen-watch", daemon=True).start()
        return stop


def inject(html: bytes) -> bytes:
    """The page with the live-reload script added before `</body>` (or at the end)."""
    tag = f'<script src="{SPECIAL}livereload.js"></script>\n'.encode()
    at = html.lower().rfind(b"</body>")
    return html[:at] + tag + html[at:] if at >= 0 else html + tag


def _find(out: Path, relative: str, slash: bool) -> Path | str | None:
    """The file that answers `relative` (below the base path) in the output folder `out`, as GitHub Pages finds
    it; for a folder asked without its final `/` (`slash`), the folder's address below the base path, to redirect
    to; else None.

    The redirect is made from the folder found, never from the request: `/%5Cevil.com/..` named the top folder
    and came back as `Location: /\\evil.com/../`, which a browser reads as the site evil.com."""
    target = (out / relative).resolve()
    if not target.is_relative_to(out):
        return None
    if target.is_dir():
        if not slash:
            folder = target.relative_to(out).as_posix()
            return "" if folder == "." else folder + "/"
        target = target / "index.html"
    elif not target.is_file() and target.with_name(target.name + ".html").is_file():
        target = target.with_name(target.name + ".html")
    return target if target.is_file() else None


def _handler(server: DevServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        """Answers like GitHub Pages under the base path; `/__sitegen__/` is the server's own."""

        protocol_version = "HTTP/1.1"

        def do_HEAD(self) -> None:
            self._answer(head=True)

        def do_GET(self) -> None:
            self._answer(head=False)

        def log_message(self, format: str, *args) -> None:  # requests are not worth a line each
            pass

        def _answer(self, head: bool) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == SPECIAL + "events":
                return self._events()
            if path == SPECIAL + "livereload.js":
                return self._send(HTTPStatus.OK, "text/javascript; charset=utf-8", SCRIPT, head)
            if any(ord(c) < 32 or ord(c) == 127 for c in path):  # `%00`: no file has such a name
                return self._send(HTTPStatus.BAD_REQUEST, "text/plain; charset=utf-8", b"400 Bad Request\n", head)
            base = server.config.base_path
            if not (path + "/").startswith(base):
                if path == "/":
                    return self._redirect(base)
                return self._not_found(head)
            try:
                found = _find(server.config.output_dir.resolve(), path[len(base):], path.endswith("/"))
            except (OSError, ValueError):  # a name the file system refuses (too long, ...): no such page
                found = None
            if found is None:
                return self._not_found(head)
            if isinstance(found, str):  # a folder without its final `/`: the address made from the folder found
                return self._redirect(quote(base + found))
            self._send_file(HTTPStatus.OK, found, head)

        def _not_found(self, head: bool) -> None:
            page = server.config.output_dir / "404.html"
            if page.is_file():
                return self._send_file(HTTPStatus.NOT_FOUND, page, head)
            self._send(HTTPStatus.NOT_FOUND, "text/plain; charset=utf-8", b"404 Not Found\n", head)

        def _redirect(self, location: str) -> None:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def _send_file(self, status: HTTPStatus, path: Path, head: bool) -> None:
            try:
                data = path.read_bytes()
            except OSError:  # swapped away by a rebuild between the check and the read
                return self._send(HTTPStatus.SERVICE_UNAVAILABLE, "text/plain", b"rebuilding, reload\n", head)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            if kind == "text/html":
                data = inject(data)
            if kind.startswith("text/") or kind in ("application/json", "application/xml", "text/javascript"):
                kind += "; charset=utf-8"
            self._send(status, kind, data, head)

        def _send(self, status: HTTPStatus, kind: str, data: bytes, head: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if not head:
                self.wfile.write(data)

        def _events(self) -> None:
            """Send the state now and after every build, until the browser goes away or the server stops."""
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            sent = None
            try:
                while True:
                    with server.changed:
                        if server.state.stopping:
                            return
                        message = server.state.message()
                        if message == sent:
                            server.changed.wait(KEEPALIVE)
                            message = server.state.message()
                    self.wfile.write(message if message != sent else b": keep-alive\n\n")
                    self.wfile.flush()
                    sent = message
            except OSError:
                return

    return Handler
