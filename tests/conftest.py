"""Fixtures: real archives built into temporary folders with the real CLI."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from sitegen.cli import main

TESTS = Path(__file__).parent
EXAMPLE = TESTS / "example-archive"


def run_build(content: Path, out: Path, *extra: str) -> int:
    """`sitegen build` in-process, as a user would run it."""
    return main(["build", "--content", str(content), "--out", str(out), *extra])


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The checked-in example archive, built once per test session; returns its output folder."""
    out = tmp_path_factory.mktemp("site") / "public"
    code = run_build(EXAMPLE / "content", out, "--config", str(EXAMPLE / "sitegen.toml"))
    assert code == 0
    return out


PUBLISHED_AT = "https://name.github.io/archive/"
"""The base URL `published_site` is built for: a GitHub Pages project site."""


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example archive built for a project site with an absolute base URL (feeds, sitemap, metadata)."""
    out = tmp_path_factory.mktemp("published") / "public"
    code = run_build(EXAMPLE / "content", out, "--config", str(EXAMPLE / "sitegen.toml"), "--base-url", PUBLISHED_AT)
    assert code == 0
    return out


@pytest.fixture
def content_dir(tmp_path: Path):
    """Write small dedented clipping files: `content_dir({"a.txt": "..."})` returns the folder."""
    def write(files: dict[str, str | bytes]) -> Path:
        root = tmp_path / "content"
        for name, body in files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(body, bytes):
                path.write_bytes(body)
            else:
                path.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
        root.mkdir(exist_ok=True)
        return root
    return write


SEARCH_ARCHIVE = TESTS / "search-archive"


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session, shared by every browser test: Playwright's sync API runs one
    instance per thread, so two modules each starting their own would fail."""
    sync_api = pytest.importorskip("playwright.sync_api")
    from browser import CHROMIUM_ARGS, chromium_path

    path = chromium_path()
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def search_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The search fixture archive built once with search, served from the sub-path /archive/."""
    out = tmp_path_factory.mktemp("search-site") / "public"
    code = run_build(SEARCH_ARCHIVE / "content", out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml"),
                     "--base-url", "/archive/")
    assert code == 0
    return out


SEARCH_TIMEOUT = 15_000
"""Milliseconds a browser search test waits: generous, for a loaded CI machine."""


@pytest.fixture
def page(browser):
    """A fresh browser page for the search tests; any script error or dialog (an injected alert) fails the test."""
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(SEARCH_TIMEOUT)
    troubles: list[str] = []
    page.on("pageerror", lambda error: troubles.append(f"script error: {error}"))
    page.on("dialog", lambda dialog: (troubles.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    yield page
    context.close()
    assert troubles == []
