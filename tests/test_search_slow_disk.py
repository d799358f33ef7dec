"""The race of issue 15, made visible at the size of a test: Pagefind on a slow disk.

At 100,000 clippings, on a busy disk, Pagefind's own writes were still in flight when it answered "written" and
ended, leaving shards with an empty `pagefind-entry.json` and cut runtime files. Here the real Pagefind runs
behind a wrapper that slows down, by a ptrace-injected delay (strace), every write of the named files Pagefind
makes itself: a disk that takes seconds to take them. The build must publish a whole index all the same. Before
the fix (Pagefind wrote the files, 3e6d90c^) this build failed every time with the error of the issue:
"Pagefind wrote a damaged index in 2024_2031: Expecting value: line 1 column 1 (char 0)".
"""
from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from browser import require
from conftest import SEARCH_ARCHIVE, run_build


@pytest.fixture(autouse=True)
def _strace() -> None:
    """strace is a test-only tool like Chromium: skipped without it, a failure under CI (which installs it)."""
    require(shutil.which("strace") and sys.platform.startswith("linux"), "strace (on Linux)",
            "apt-get install -y strace")

SLOWED = ("pagefind-entry.json", "pagefind.js", "pagefind-worker.js", "wasm.en.pagefind", "wasm.unknown.pagefind",
          "pagefind-ui.js", "pagefind-ui.css", "pagefind-component-ui.js", "pagefind-component-ui.css")
"""The files of a bundle whose names are known before Pagefind writes them: those found cut at 100k and more."""
DELAY_US = 3_000_000
"""How late each write to them lands, in microseconds: far beyond Pagefind's exit once its input is closed."""

SLOW_DISK_PAGEFIND = '''#!{python}
"""Pagefind on a slow disk: the real program; once it is asked to write files, each write to {slowed} in the
output folder lands {delay} microseconds late (strace attached to it, injecting the delay)."""
import base64, ctypes, json, os, subprocess, sys, time

PAGEFIND, LOG, SLOWED, DELAY = {pagefind!r}, {log!r}, {slowed!r}, {delay!r}


def log(line):
    with open(LOG, "a", encoding="utf-8") as file:
        file.write(line + "\\n")


def traceable():
    """Let any process of this user trace it, as on a host where only ancestors may (Yama's ptrace_scope 1):
    strace is Pagefind's sibling here. Fails harmlessly without Yama."""
    ctypes.CDLL(None).prctl(0x59616D61, ctypes.c_ulong(2**64 - 1), 0, 0, 0)  # PR_SET_PTRACER, _ANY


def slow_down(pid, folder):
    targets = [argument for name in SLOWED for argument in ("-P", os.path.join(folder, name))]
    tracer = subprocess.Popen(["strace", "-f", "-qq", "-o", "/dev/null", "-p", str(pid), "-e", "trace=write",
                               "-e", f"inject=write:delay_enter={{DELAY}}", *targets])
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # every thread traced before the request goes on
        if tracer.poll() is not None:
            break
        tracers = set()
        for task in os.listdir(f"/proc/{{pid}}/task"):
            with open(f"/proc/{{pid}}/task/{{task}}/status", encoding="ascii") as status:
                tracers |= {{line.split()[1] for line in status if line.startswith("TracerPid:")}}
        if tracers == {{str(tracer.pid)}}:
            log(f"slowed {{folder}}")
            return tracer
        time.sleep(0.01)
    log("strace could not trace Pagefind")
    sys.exit(70)


service = subprocess.Popen([PAGEFIND, *sys.argv[1:]], stdin=subprocess.PIPE, preexec_fn=traceable)
tracer = None
received = b""
while chunk := os.read(0, 1 << 16):
    received += chunk
    *requests, received = received.split(b",")
    for request in requests:
        payload = json.loads(base64.b64decode(request))["payload"]
        log(payload["type"])
        if payload["type"] == "WriteFiles" and tracer is None:
            tracer = slow_down(service.pid, os.path.abspath(payload["output_path"]))
        service.stdin.write(request + b",")
        service.stdin.flush()
service.stdin.close()
code = service.wait()
if tracer is not None:
    tracer.wait(timeout=30)
sys.exit(code)
'''


@pytest.fixture
def slow_disk_pagefind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Puts the wrapper in Pagefind's place (PAGEFIND_BINARY_PATH); returns its log: one line a request."""
    from pagefind.service import get_executable

    real = get_executable()
    assert real is not None, "Pagefind's program is not installed"
    log = tmp_path / "pagefind-requests.log"
    wrapper = tmp_path / "slow-disk-pagefind"
    wrapper.write_text(SLOW_DISK_PAGEFIND.format(python=sys.executable, pagefind=str(real), log=str(log),
                                                 slowed=SLOWED, delay=DELAY_US), encoding="utf-8")
    wrapper.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(wrapper))
    return log


def test_pagefind_ends_before_its_own_writes_land_on_a_slow_disk(tmp_path: Path, slow_disk_pagefind: Path) -> None:
    """The cause, shown with the wrapper itself (so that the test below cannot pass for want of a slow disk):
    asked to write its files, Pagefind answers "written" and, its input closed, ends with its entry file empty."""
    from sitegen.search.pagefind import _Service

    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "a" / "index.html").write_text("<html lang='en'><body data-pagefind-body><h1>Tide gauge</h1>"
                                           "<p>The harbour tide gauge was repaired.</p></body></html>",
                                           encoding="utf-8")
    bundle = tmp_path / "bundle"
    with _Service(Path(os.environ["PAGEFIND_BINARY_PATH"]), site) as service:
        index = service.ask("NewIndex", {"config": {"force_language": "en"}}, "NewIndex", "index_id")
        assert service.ask("AddDir", {"index_id": index, "path": str(site)}, "IndexedDir", "page_count") == 1
        service.ask("WriteFiles", {"index_id": index, "output_path": str(bundle)}, "WriteFiles", "output_path")
    assert f"slowed {bundle}" in slow_disk_pagefind.read_text(encoding="utf-8")
    assert (bundle / "pagefind-entry.json").read_bytes() == b""  # created, never written: the error of issue 15
    with pytest.raises(json.JSONDecodeError, match="Expecting value: line 1 column 1"):
        json.loads((bundle / "pagefind-entry.json").read_bytes())


def test_a_slow_disk_under_pagefind_still_publishes_a_whole_index(tmp_path: Path, slow_disk_pagefind: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """Every shard built through the slow-disk Pagefind; the published index is whole: each shard's entry parses,
    every data file decompresses, the runtime scripts are whole, and there is one result per clipping."""
    from test_search_writes import whole_index

    out = tmp_path / "public"
    code = run_build(SEARCH_ARCHIVE / "content", out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml"),
                     "--no-cache")
    assert code == 0, capsys.readouterr().err
    requests = slow_disk_pagefind.read_text(encoding="utf-8").splitlines()
    shards = sorted(p.name for p in (out / "pagefind").iterdir())
    assert len(shards) > 1 and requests.count("NewIndex") == len(shards)  # each shard went through the wrapper
    assert whole_index(out) == 10
    primaries = [out / "pagefind" / shard for shard in shards if (out / "pagefind" / shard / "pagefind.js").exists()]
    assert len(primaries) == 1  # one shard carries the runtime the search page loads
    primary = primaries[0]
    for name in ("pagefind.js", "pagefind-worker.js"):
        assert (primary / name).read_text(encoding="utf-8").startswith('const pagefind_version="'), name
    assert (primary / "wasm.en.pagefind").stat().st_size > 50_000
    entry = json.loads((primary / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["version"] in (primary / "pagefind.js").read_text(encoding="utf-8")[:60]
