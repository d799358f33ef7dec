"""The size-and-memory benchmark runs end to end on a small archive and prints every figure issue 9 asks for."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


def test_search_index_benchmark_prints_times_memory_and_pages_size() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/search_index.py"), str(EXAMPLE / "content")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert "clippings: 17, pages:" in out and "indexing" in out and "build without indexing:" in out
    assert "peak RSS: largest child process" in out
    together = re.search(r"all together (\d+) MB \(proportional set size: shared pages once; summed RSS (\d+) MB\)",
                         out)
    assert together and 0 < int(together[1]) <= int(together[2])  # shared pages counted once, not per process
    assert "site: " in out and "as a Pages artifact" in out and "clipping pages" in out and "search index" in out
