"""`sitegen serve` as a user runs it: a subprocess on a free port, a page fetched, a file changed, the rebuilt
page seen (bounded waits), errors shown without stopping the server, then Ctrl+C."""
from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pages_server import fetch
from test_build_behaviour import clipping

WAIT = 60.0
"""Upper bound for any one step; a loaded 2-core machine can be slow, a working server is far quicker."""


class Server:
    """A running `sitegen serve` and what it printed."""

    def __init__(self, cwd: Path) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitegen", "serve", "--port", "0"], cwd=cwd, env=env,
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, text: str) -> str:
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                assert self.process.poll() is None, "".join(self.output)
                continue
            self.output.append(line)
            if text in line:
                return line
        raise AssertionError(f"no {text!r} in {''.join(self.output)}")


class Events:
    """The live-reload event stream, as a browser reads it."""

    def __init__(self, origin: str) -> None:
        parts = urlsplit(origin)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=WAIT)
        self.connection.request("GET", "/__sitegen__/events")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def __iter__(self) -> Iterator[dict]:
        return (state for state in self._lines() if state is not None)

    def _lines(self) -> Iterator[dict | None]:
        """Each state sent, and None for each keep-alive comment (so that a wait can time out between states)."""
        while True:
            line = self.response.fp.readline()
            assert line, "event stream closed"
            yield json.loads(line[6:]) if line.startswith(b"data: ") else None

    def until(self, check) -> dict:
        deadline = time.monotonic() + WAIT
        last = None
        for state in self._lines():
            if state is not None:
                if check(state):
                    return state
                last = state
            assert time.monotonic() < deadline, f"no such state within {WAIT} s; the last: {last}"
        raise AssertionError("unreachable")


@pytest.fixture
def site(tmp_path: Path, content_dir) -> Path:
    content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired"),
                 "002_bbbbbbbb22222222.txt": clipping("Ferry timetable changes", "March 12, 2025")})
    (tmp_path / "sitegen.toml").write_text('title = "Preview Archive"\nbase_url = "/archive/"\n', encoding="utf-8")
    return tmp_path


def test_serve_builds_serves_rebuilds_and_reloads(site: Path) -> None:
    server = Server(site)
    try:
        line = server.wait_for("Serving")
        url = line.split(" at ")[1].split()[0]
        origin = url.removesuffix("/archive/")
        assert url.startswith("http://127.0.0.1:") and url.endswith("/archive/")

        status, body, _ = fetch(url)
        page = body.decode()
        assert status == 200 and "Preview Archive" in page and "Quay wall repaired" in page
        assert '<script src="/__sitegen__/livereload.js"></script>' in page
        assert "__sitegen__" not in (site / "public/index.html").read_text(encoding="utf-8")
        assert fetch(origin + "/")[2] == url  # the root redirects to the base path
        status, body, _ = fetch(url + "no/such/page/")
        assert status == 404 and b"Page not found" in body
        (clipping,) = (p for p in (site / "public").glob("*/*/*/*.html") if "quay-wall-repaired" in p.name)
        address = url + clipping.relative_to(site / "public").as_posix()
        status, body, _ = fetch(address.removesuffix(".html"))  # as GitHub Pages serves it without .html
        assert status == 200 and body == fetch(address)[1] and b"Quay wall repaired" in body
        raw = http.client.HTTPConnection("127.0.0.1", urlsplit(origin).port, timeout=WAIT)
        for path in ("/archive/../sitegen.toml", "/archive/%2e%2e/sitegen.toml", "/archive/../../etc/passwd"):
            raw.request("GET", path)
            response = raw.getresponse()
            assert response.status == 404 and b"Page not found" in response.read(), path
        raw.close()
        status, script, _ = fetch(origin + "/__sitegen__/livereload.js")
        assert status == 200 and b"EventSource" in script

        events = Events(origin)
        first = next(iter(events))
        assert first["error"] is None and first["problems"] == []

        article = site / "content/001_aaaaaaaa11111111.txt"
        article.write_text(article.read_text(encoding="utf-8").replace("Quay wall repaired", "Quay wall rebuilt"),
                           encoding="utf-8")
        events.until(lambda s: s["build"] > first["build"])
        page = fetch(url)[1].decode()
        assert "Quay wall rebuilt" in page and "Quay wall repaired" not in page

        (site / "content/empty.txt").write_text("", encoding="utf-8")
        problems = events.until(lambda s: s["problems"])
        assert problems["problems"] == ["empty.txt:1: error: empty file"] and problems["error"] is None
        server.wait_for("empty.txt:1: error: empty file")

        (site / "sitegen.toml").write_text('title = "Broken\n', encoding="utf-8")
        state = events.until(lambda s: s["error"] is not None)
        assert "not valid TOML" in state["error"]
        server.wait_for("build failed (still serving the last good build, if any)")
        assert "Quay wall rebuilt" in fetch(url)[1].decode()  # the last good build is still served

        (site / "sitegen.toml").write_text('title = "Renamed Archive"\nbase_url = "/archive/"\n', encoding="utf-8")
        renamed = events.until(lambda s: s["error"] is None and s["build"] > problems["build"])
        assert "Renamed Archive" in fetch(url)[1].decode()

        catalog = site / "locales/en/LC_MESSAGES/messages.po"  # a folder that did not exist: watched once made
        catalog.parent.mkdir(parents=True)
        catalog.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
                           'msgid "Timeline"\nmsgstr "Chronology"\n', encoding="utf-8")
        events.until(lambda s: s["build"] > renamed["build"])
        assert ">Chronology</a>" in fetch(url)[1].decode()
        events.connection.close()
    finally:
        server.process.send_signal(signal.SIGINT)
        try:
            code = server.process.wait(timeout=WAIT)
        except subprocess.TimeoutExpired:
            server.process.kill()
            raise
    assert code == 0
    server.wait_for("Stopped.")
    assert not list(site.glob(".public.*")), "staging folders left behind"
