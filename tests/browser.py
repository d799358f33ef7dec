"""What the browser tests need: Debian's Chromium, axe-core from npm, and a built site served like GitHub Pages.

`bash .ci/run` installs Chromium, a JRE and axe-core. On a developer's machine without them these tests are
skipped with the command that installs them; under CI (`CI` set) a missing tool is a failure, never a skip.
"""
from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pages_server import pages_server

TESTS = Path(__file__).parent
AXE = TESTS / ".axe" / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]


def require(found: object, what: str, install: str) -> None:
    """Skip (or fail under CI) when a test-only tool is missing."""
    if found:
        return
    message = f"{what} is missing; install it with: {install}"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def chromium_path() -> str:
    path = os.environ.get("SITEGEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    require(path, "Chromium", "apt-get install -y chromium")
    return str(path)


def axe_source() -> str:
    require(AXE.is_file(), "axe-core", "npm install --no-save --prefix tests/.axe axe-core@4")
    return AXE.read_text(encoding="utf-8")


@contextmanager
def serve(folder: Path, prefix: str = "/") -> Iterator[str]:
    """Serve a built site under `prefix` the way GitHub Pages does (tests/pages_server.py); yields the origin."""
    with pages_server(prefix) as server:
        server.folder = folder
        yield server.origin
