"""The golden-output test: a small archive with every page type, built in both page styles, compared byte for
byte with the site kept in tests/expected/.

When a change to the output is intended, regenerate the expected sites and review the diff before committing:

    python tests/test_golden.py

Pagefind's index (`pagefind/`) is left out: its filter chunks differ from run to run (see docs/search.md).
"""
from __future__ import annotations

import difflib
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from sitegen import __version__
from sitegen.build import build
from sitegen.config import load_config

ARCHIVE = Path(__file__).parent / "golden-archive"
EXPECTED = Path(__file__).parent / "expected"
STYLES = ("full", "compact")
PAGE_KINDS = ("home", "timeline", "clipping", "redirect", "year", "month", "day", "undated", "sources", "source",
              "categories", "category", "search")


def built_site(style: str, out: Path) -> dict[str, bytes]:
    """The golden archive built with `page_style = style` into `out`: every file but the search index."""
    config = load_config(ARCHIVE / "sitegen.toml", {
        "content_dir": ARCHIVE / "content", "output_dir": out, "site_dir": ARCHIVE, "page_style": style,
        "cache": False})
    build(config)
    version = f"sitegen {__version__}".encode()  # (a new version is not a change of the output to review)
    return {p.relative_to(out).as_posix(): p.read_bytes().replace(version, b"sitegen VERSION")
            for p in sorted(out.rglob("*"))
            if p.is_file() and not p.relative_to(out).as_posix().startswith("pagefind/")}


def expected_site(style: str) -> dict[str, bytes]:
    folder = EXPECTED / style
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("style", STYLES)
def test_built_site_equals_the_expected_one_byte_for_byte(style: str, tmp_path: Path) -> None:
    built, expected = built_site(style, tmp_path / "public"), expected_site(style)
    assert sorted(built) == sorted(expected), "files differ; if intended, run: python tests/test_golden.py"
    for name in sorted(built):
        if built[name] != expected[name]:
            diff = "\n".join(difflib.unified_diff(
                expected[name].decode("utf-8", "replace").splitlines(), built[name].decode("utf-8", "replace")
                .splitlines(), f"expected/{style}/{name}", f"built/{name}", lineterm="", n=2))
            pytest.fail(f"{name} differs (if intended, run: python tests/test_golden.py):\n{diff[:4000]}")


def test_the_golden_archive_has_every_page_type(tmp_path: Path) -> None:
    """The fixture stays worth its name: every kind of page a planner makes is in it, paginated lists too."""
    from sitegen.archive.reading import make_archive
    from sitegen.archive.slugs import Slugs
    from sitegen.build import interface
    from sitegen.read.folder import read_folder
    from sitegen.read.formats import default_reader
    from sitegen.site.pages import plan

    config = load_config(ARCHIVE / "sitegen.toml", {"content_dir": ARCHIVE / "content", "site_dir": ARCHIVE})
    clippings, problems = read_folder(config.content_dir, default_reader())
    reading = make_archive(config, clippings, problems, Slugs())
    pages = list(plan(reading.archive, config, compact=False, words=interface(config)))
    assert {page.kind for page in pages} >= set(PAGE_KINDS) - {"search"}
    assert any("/page/" in page.url for page in pages)
    assert reading.syndicated == 1 and reading.duplicates == 1
    assert set(expected_site("full")) >= {"search/index.html", "sitemap.xml", "feed.xml", "404.html", "robots.txt"}


def regenerate() -> None:
    """Build both styles and replace tests/expected/ with them."""
    for style in STYLES:
        with tempfile.TemporaryDirectory() as temp:
            site = built_site(style, Path(temp) / "public")
        target = EXPECTED / style
        shutil.rmtree(target, ignore_errors=True)
        for name, data in site.items():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).write_bytes(data)
        print(f"{target}: {len(site)} files", file=sys.stderr)


if __name__ == "__main__":
    regenerate()
