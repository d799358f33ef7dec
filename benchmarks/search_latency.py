#!/usr/bin/env python3
"""How long a reader waits for search results: every query class, cold and warm, in Chromium.

    python benchmarks/search_latency.py SITE [--prefix /archive/] [--runs 3] [--cpu 4] [--latency 40]

SITE is a built site (for example the `--out` of benchmarks/search_index.py, whose base URL is
`https://example.github.io/archive/`: hence the default prefix). It is served on loopback as GitHub Pages
serves it (HTTP/1.1 with keep-alive, `Cache-Control: max-age=600`), and Chromium (Playwright's driver,
`/usr/bin/chromium` unless SITEGEN_CHROMIUM names another) opens its search page.

For each query class (`QUERIES`: words from `make_corpus.py --vocabulary zipf`, in every clipping down to in
none, phrases, a two-letter prefix, filters and both orders):

- **cold**: a new browser context (empty cache) opens `/search/?q=...`; times from the start of navigation.
- **warm**: in a page that has finished another search (`WARM_UP`), the query is submitted; times from then.

Each prints the median of --runs runs of: **first**, when the first result is on the page (or the page says
that nothing was found); **done**, when the search is over (the page drops `aria-busy`: the count is exact); the
count the page shows at first and at the end, and the requests made. `--cpu 4` slows Chromium's CPU fourfold
(CDP Emulation.setCPUThrottlingRate), like a mid-range phone; Chromium cannot slow a Web Worker, so with
--cpu the page is opened without `Worker` and searches in the page (the script's fallback): every bit of the
search's work is slowed. `--latency 40` makes the server wait 40 ms before it answers each request, like a round
trip (server side, because Chromium's network emulation does not reach the requests of Web Workers, where the
search runs; the server speaks HTTP/1.1, so a browser opens at most six connections to it, fewer than HTTP/2
allows on GitHub Pages).
"""
from __future__ import annotations

import argparse
import mimetypes
import os
import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlencode, urlsplit


@dataclass(frozen=True)
class Query:
    name: str
    q: str
    params: tuple[tuple[str, str], ...] = ()


QUERIES = (
    Query("word in every clipping", "government"),
    Query("word in 67 %", "harbour"),
    Query("word in 45 %", "minister"),
    Query("word in 5 %", "goor"),
    Query("word in 0.2 %", "netinu"),
    Query("word in none", "zeppelinhangar"),
    Query("two-letter prefix", "go"),
    Query("two common words", "harbour minister"),
    Query("phrase of common words", '"government ministry"'),
    Query("every clipping, one source", "government", (("source", "Reuters"),)),
    Query("every clipping, one year", "government", (("year", "2019"),)),
    Query("every clipping, newest first", "government", (("sort", "newest"),)),
    Query("every clipping, oldest first", "government", (("sort", "oldest"),)),
)
"""Words of `make_corpus.py --vocabulary zipf` by the share of clippings they are in (measured at 10,000)."""
WARM_UP = "lovosava"
"""The search a warm page has made before the one timed: a rare word (in 4 of 10,000 clippings)."""

WATCH = """
(() => {
  window.__search = { start: 0 };
  const look = () => {
    const t = window.__search, root = document.getElementById("search");
    if (!root) return;
    const list = document.getElementById("search-results"), status = document.getElementById("search-status");
    if (root.getAttribute("aria-busy") === "true") t.busy = true;
    if (t.first === undefined && list.querySelector("li")) {
      t.first = performance.now() - t.start;
      t.firstSaid = status.textContent.trim();
    }
    if (t.busy && root.getAttribute("aria-busy") !== "true" && t.done === undefined) {
      t.done = performance.now() - t.start;
      t.said = status.textContent.trim();
      if (t.first === undefined) { t.first = t.done; t.firstSaid = t.said; }
    }
  };
  new MutationObserver(look).observe(document, { subtree: true, childList: true, attributes: true,
                                                 characterData: true });
})();
"""
NO_WORKER = "delete window.Worker;"


@dataclass
class Timing:
    first: float
    done: float
    first_said: str
    said: str
    requests: int


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args) -> None:
        pass

    def do_GET(self) -> None:
        if self.server.delay:
            time.sleep(self.server.delay)
        path = unquote(urlsplit(self.path).path)
        if not path.startswith(self.server.prefix):
            return self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")
        target = self.server.folder / path[len(self.server.prefix):]
        if target.is_dir():
            target = target / "index.html"
        if not target.resolve().is_relative_to(self.server.folder.resolve()) or not target.is_file():
            return self._send(HTTPStatus.NOT_FOUND, b"", "text/plain")
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        self._send(HTTPStatus.OK, target.read_bytes(), kind)

    def _send(self, status: HTTPStatus, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        self.wfile.write(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, folder: Path, prefix: str, delay: float) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.folder, self.prefix, self.delay = folder, prefix, delay


@contextmanager
def serve(folder: Path, prefix: str, delay: float = 0) -> Iterator[str]:
    """Serve `folder` under `prefix` on loopback, each answer `delay` seconds late."""
    server = _Server(folder, prefix, delay)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def address(base: str, query: Query) -> str:
    return f"{base}search/?{urlencode((('q', query.q), *query.params))}"


def _page(browser, cpu: float):
    context = browser.new_context()
    requests = [0]
    context.on("request", lambda _request: requests.__setitem__(0, requests[0] + 1))
    context.add_init_script(WATCH + (NO_WORKER if cpu > 1 else ""))
    page = context.new_page()
    page.set_default_timeout(600_000)
    cdp = context.new_cdp_session(page)
    if cpu > 1:
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
    return context, page, requests


def _finished(page) -> Timing:
    page.wait_for_function("window.__search.done !== undefined", polling=50)
    t = page.evaluate("window.__search")
    return Timing(t["first"], t["done"], t.get("firstSaid", ""), t.get("said", ""), 0)


def cold(browser, base: str, query: Query, cpu: float) -> Timing:
    context, page, requests = _page(browser, cpu)
    try:
        page.goto(address(base, query))
        timing = _finished(page)
        timing.requests = requests[0]
        return timing
    finally:
        context.close()


def warm(browser, base: str, query: Query, cpu: float) -> Timing:
    context, page, requests = _page(browser, cpu)
    try:
        page.goto(address(base, Query("warm-up", WARM_UP, query.params)))
        _finished(page)
        before = requests[0]
        page.evaluate("""q => {
          window.__search = { start: performance.now() };
          const form = document.getElementById("search-form");
          document.getElementById("search-results").replaceChildren();  // the warm-up's results are not the answer
          form.elements.q.value = q;
          form.requestSubmit();
        }""", query.q)
        timing = _finished(page)
        timing.requests = requests[0] - before
        return timing
    finally:
        context.close()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("site", type=Path)
    ap.add_argument("--prefix", default="/archive/")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--cpu", type=float, default=1, help="CPU slow-down factor (4: a mid-range phone)")
    ap.add_argument("--latency", type=float, default=0, help="milliseconds the server waits before each answer")
    ap.add_argument("--only", nargs="*", help="names (or parts of names) of the query classes to run")
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    queries = [q for q in QUERIES if not args.only or any(part in q.name for part in args.only)]
    chromium = os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium")
    print(f"{args.site}: CPU x{args.cpu:g}{' (search in the page: no Worker)' if args.cpu > 1 else ''}, "
          f"{args.latency:g} ms added per request, median of {args.runs} runs, load average "
          f"{os.getloadavg()[0]:.1f}")
    print(f"{'query class':32} {'query':26} {'':5} {'first':>7} {'done':>7} {'reqs':>5}  "
          "count shown first / at the end")
    with serve(args.site, args.prefix, args.latency / 1000) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for query in queries:
            shown = query.q + "".join(f" {k}={v}" for k, v in query.params)
            for kind, run in (("cold", cold), ("warm", warm)):
                timings = [run(browser, base, query, args.cpu) for _ in range(args.runs)]
                first = statistics.median(t.first for t in timings) / 1000
                done = statistics.median(t.done for t in timings) / 1000
                requests = statistics.median(t.requests for t in timings)
                last = timings[-1]
                print(f"{query.name:32} {shown[:26]:26} {kind:5} {first:6.2f}s {done:6.2f}s {requests:5.0f}  "
                      f"{_count(last.first_said)} / {_count(last.said)}", flush=True)
        browser.close()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def _count(said: str) -> str:
    """The number (or the first words) of what the status line said."""
    return said[:60]


if __name__ == "__main__":
    main()
