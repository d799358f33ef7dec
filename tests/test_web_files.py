"""The files GitHub Pages and crawlers expect (.nojekyll, CNAME, 404.html), their settings, and determinism."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from test_build_behaviour import snapshot, stable

from sitegen.config import load_config
from sitegen.errors import ConfigError


def test_nojekyll_and_no_cname_by_default(published_site: Path) -> None:
    assert (published_site / ".nojekyll").read_bytes() == b""
    assert not (published_site / "CNAME").exists()
    assert (published_site / "404.html").is_file()


def test_cname_from_the_config(tmp_path: Path) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text('cname = "archive.example.org"\nbase_url = "https://archive.example.org/"\n', encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(config)) == 0
    assert (tmp_path / "out/CNAME").read_text(encoding="ascii") == "archive.example.org\n"


@pytest.mark.parametrize("text, key", [
    ('cname = "https://archive.example.org"\n', "cname"),
    ('cname = "archive.example.org/news"\n', "cname"),
    ('cname = "localhost"\n', "cname"),
    ("feed_entries = 0\n", "feed_entries"),
    ('feed_entries = "20"\n', "feed_entries"),
    ('export_text = "yes"\n', "export_text"),
    ('base_url = "https://example.org/archive/?x=1"\n', "base_url"),
    ('base_url = "//example.org/archive/"\n', "base_url"),
], ids=["scheme", "path", "one-label", "zero-entries", "string-entries", "string-bool", "query", "no-scheme"])
def test_new_settings_are_checked(tmp_path: Path, text: str, key: str) -> None:
    path = tmp_path / "sitegen.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=key):
        load_config(path, {})


def test_published_build_is_byte_identical(tmp_path: Path, published_site: Path) -> None:
    assert run_build(EXAMPLE / "content", tmp_path / "again", "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", PUBLISHED_AT) == 0
    again = snapshot(tmp_path / "again")
    assert {"feed.xml", "sitemap.xml", "robots.txt", "clippings.json", "clippings.csv", ".nojekyll"} <= set(again)
    assert stable(again) == stable(snapshot(published_site))  # Pagefind's filter chunks vary: see stable()
