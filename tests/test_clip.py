"""`sitegen clip URL...` against a local HTTP server started here (never the internet): the page kept as a
Markdown clipping that reads back as the same clipping, one error per failed address, nothing overwritten."""
from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from helpers import load_file
from hypothesis import given
from hypothesis import strategies as st

from sitegen.cli import main
from sitegen.clip import clip, escape_markdown, fetch_page
from sitegen.model import Clipping
from sitegen.read.markup import plain_text

PAGES = Path(__file__).parent / "fixtures" / "importers" / "webpage"


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, dict[str, str], bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/slow":
            time.sleep(3)
        status, headers, body = self.routes.get(self.path, (404, {"Content-Type": "text/html"}, b"<h1>gone</h1>"))
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    plain_page = (b"<html><head><title>Fares</title></head><body><article><h1>Tram fares frozen in Z\xc3\xbcrich</h1>"
                  b"<p>" + b"The city council froze tram fares for another year, citing the *cost* of living & "
                  b"the &lt;new&gt; budget. " * 4 + b"</p><p>1. The freeze applies to day passes too.</p></article>"
                  b"</body></html>")
    _Handler.routes = {
        "/hafen": (200, html, (PAGES / "jsonld-article.html").read_bytes()),
        "/moved": (301, {"Location": "/kuriren"}, b""),
        "/kuriren": (200, html, (PAGES / "meta-only.html").read_bytes()),
        "/plain": (200, html, plain_page),
        "/logo.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n"),
        "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
        "/to-ftp": (307, {"Location": "ftp://example.org/x"}, b""),
        "/slow": (200, html, plain_page),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def read_back(path: Path, *allowed: str) -> Clipping:
    clipping, problems = load_file(path, path.parent)
    assert clipping is not None, problems
    assert [p.message for p in problems if p.severity != "notice"] == list(allowed)
    return clipping


def test_clip_writes_markdown_that_reads_back_as_the_page(site: str, tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    assert main(["clip", f"{site}/hafen", f"{site}/moved", "--content", str(content)]) == 0
    out = capsys.readouterr().out
    hafen = content / "2024-03-05-nachtfahre-nach-gdansk-kommt-im-mai.md"
    kuriren = content / "2024-03-06-revisorer-kritiserar-farjeplanen.md"
    assert f"Clipped {site}/hafen into {hafen}" in out and f"Clipped {site}/moved into {kuriren}" in out
    clipping = read_back(hafen)
    assert clipping.title == "Nachtfähre nach Gdańsk kommt im Mai"
    assert clipping.published == dt.date(2024, 3, 5)
    assert clipping.source == "Nordsee Rundschau"
    assert clipping.url == "https://www.rundschau.example.de/hafen/faehre-nachtverkehr.html"  # the canonical one
    assert clipping.categories == ("Hafen", "Fähren", "Verkehr")
    assert clipping.language == "de"
    assert plain_text(clipping).startswith("Die Hafenverwaltung hat am Dienstag grünes Licht")
    assert clipping.author == "Jörg Müller, Ayşe Demir"
    assert read_back(kuriren).title == "Revisorer kritiserar färjeplanen"


def test_text_that_looks_like_markdown_reads_as_written(site: str, tmp_path: Path) -> None:
    fetched = dt.datetime(2024, 3, 8, 10, 15, 30, 999)
    (result,) = clip([f"{site}/plain"], tmp_path, now=lambda: fetched)
    clipping = read_back(result.path, "no published date; filed under capture date")
    assert clipping.url == f"{site}/plain"  # the page names no address of its own: where it was fetched
    assert clipping.captured == dt.datetime(2024, 3, 8, 10, 15, 30)
    assert clipping.published is None
    assert plain_text(clipping) == ("The city council froze tram fares for another year, citing the *cost* of living "
                                    "& the <new> budget. " * 4).strip() + " 1. The freeze applies to day passes too."


def test_each_failure_is_reported_and_the_others_are_clipped(site: str, tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    (content / "notes").mkdir(parents=True)
    urls = ["ftp://example.org/a", f"{site}/missing", f"{site}/logo.png", f"{site}/to-file", f"{site}/to-ftp",
            "javascript:alert(1)", f"{site}/hafen", "not a url"]
    assert main(["clip", *urls, "--content", str(content)]) == 1
    captured = capsys.readouterr()
    errors = captured.err.splitlines()
    assert errors == [
        "sitegen: error: ftp://example.org/a: not an http or https address",
        f"sitegen: error: {site}/missing: the server answered 404 Not Found",
        f"sitegen: error: {site}/logo.png: not an HTML page (image/png)",
        f"sitegen: error: {site}/to-file: redirected to file:///etc/passwd, which is not an http or https address",
        f"sitegen: error: {site}/to-ftp: redirected to ftp://example.org/x, which is not an http or https address",
        "sitegen: error: javascript:alert(1): not an http or https address",
        "sitegen: error: not a url: not an http or https address",
    ]
    assert [p.name for p in content.glob("*.md")] == ["2024-03-05-nachtfahre-nach-gdansk-kommt-im-mai.md"]


def test_an_existing_file_is_never_overwritten(site: str, tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    assert main(["clip", f"{site}/hafen", "--content", str(content)]) == 0
    path = content / "2024-03-05-nachtfahre-nach-gdansk-kommt-im-mai.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nMy own note.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["clip", f"{site}/hafen", "--content", str(content)]) == 1
    assert "already exists (clipped before?); it is left as it is" in capsys.readouterr().err
    assert path.read_text(encoding="utf-8").endswith("My own note.\n")


def test_a_server_that_does_not_answer_in_time(site: str, tmp_path: Path) -> None:
    (result,) = clip([f"{site}/slow"], tmp_path, fetch=lambda url: fetch_page(url, timeout=0.5))
    assert result.path is None and "no answer within 0.5 s" in result.error


@given(st.text(alphabet=st.sampled_from("ab1 .)#*_-+=>[]()!`&;<\\|~"), min_size=1, max_size=40))
def test_escaped_markdown_renders_the_same_words(text: str) -> None:
    words = " ".join(text.split())
    if not words:
        return
    clipping = Clipping(id="x", title="t", source_path="x.md", body=escape_markdown(words), body_format="markdown")
    assert plain_text(clipping) == words
