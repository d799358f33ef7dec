"""The size-and-memory benchmark runs end to end on a small archive and prints every figure issue 9 asks for."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLE

ROOT = Path(__file__).resolve().parent.parent


def test_search_index_benchmark_prints_times_memory_and_pages_size_run_by_run(tmp_path: Path) -> None:
    work = tmp_path / "bench"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/search_index.py"), str(EXAMPLE / "content"),
                          "--runs", "2", "--workdir", str(work)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    for number in (1, 2):
        figures = re.search(rf"^run {number}: [\d.]+ s \(indexing [\d.]+ s, CPU ([\d.]+) s\), "
                            r"peak RSS largest process (\d+) MB, Pagefind \d+ MB, all processes (\d+) MB PSS; "
                            r"artifact [\d.]+ MB, [\d,]+ files; load average [\d.]+$", out, re.M)
        assert figures and 0 < float(figures[1]) and 0 < int(figures[2]) and 0 < int(figures[3]), out
    assert "succeeded: 2 of 2" in out and "median of the successful runs:" in out
    assert "site: " in out and "as a Pages artifact" in out and "clipping pages" in out and "search index" in out
    assert sorted(p.name for p in work.iterdir()) == []  # outputs moved aside and deleted, settings removed


def test_search_index_benchmark_reports_a_failed_build_and_goes_on(tmp_path: Path) -> None:
    """"Succeeds every time" is read off its figures: a failed build is a run that says so, and the status is 1."""
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/search_index.py"), str(EXAMPLE / "content"),
                          "--runs", "2", "--workdir", str(tmp_path / "bench")], capture_output=True, text=True,
                         timeout=300, cwd=ROOT, env={**os.environ, "PAGEFIND_BINARY_PATH": "/bin/false"})
    assert run.returncode == 1
    assert run.stdout.count("FAILED: sitegen: error: search indexing failed: Pagefind stopped unexpectedly") == 2
    assert "succeeded: 0 of 2" in run.stdout


def test_site_size_benchmark_prints_the_artifact_by_part_and_each_goal(tmp_path: Path) -> None:
    """benchmarks/site_size.py on a small corpus it is given: every run's figures, the artifact by part with its
    bytes per clipping, each of issue 22's goals (not judged below 100,000 clippings), nothing left behind."""
    work = tmp_path / "bench"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/site_size.py"), "--corpus", str(EXAMPLE / "content"),
                          "--runs", "2", "--workdir", str(work)], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    clippings = sum(1 for p in (EXAMPLE / "content").rglob("*") if p.is_file())
    assert f"{clippings:,} clippings in {EXAMPLE / 'content'}: 2 clean build(s) with search" in out, out
    assert len(re.findall(r"^run \d: [\d.]+ s \(indexing [\d.]+ s, CPU [\d.]+ s\), peak RSS largest process \d+ MB, "
                          r"all processes \d+ MB PSS; artifact [\d.]+ MB, [\d,]+ files", out, re.M)) == 2, out
    assert "succeeded: 2 of 2" in out
    parts = dict(re.findall(r"^  (clipping pages|search index) .* ([\d,]+) B per clipping$", out, re.M))
    assert parts.keys() == {"clipping pages", "search index"}
    assert all(int(per_clipping.replace(",", "")) > 0 for per_clipping in parts.values())
    goals = ("Pages artifact under 900 MB", "build and index under 300 s", "memory, all processes (PSS) under 6.0 GB")
    for goal in goals:
        judged = rf" at {clippings:,}: not judged \(the goals are for 100,000 clippings\)$"
        assert re.search(rf"goal {re.escape(goal)}.* at 100,000: [\d.,]+ (MB|s|GB){judged}", out, re.M), goal
    assert sorted(p.name for p in work.iterdir()) == []  # the outputs deleted, the given corpus untouched
    assert (EXAMPLE / "content").is_dir()


def test_speed_benchmark_prints_each_target_and_leaves_nothing_behind(tmp_path: Path) -> None:
    """benchmarks/run.py on 300 clippings of its own generator: every measure with its target, the incremental
    output checked against a clean build, and the earlier runs' outputs (moved aside, never deleted before a
    timed build) gone at the end."""
    work = tmp_path / "bench"
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/run.py"), "--sizes", "300", "--runs", "2",
                          "--generator", "own", "--workdir", str(work), "--languages", "ar"],
                         capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    out = run.stdout
    assert re.search(r"clean build +[\d.]+ s median of 2 \([\d.]+, [\d.]+\)", out), out
    for measure in ("CPU time", "clippings per second", "peak RSS", "no-op rebuild", "one clipping edited"):
        assert measure in out, measure
    assert "incremental == clean yes, byte for byte" in out
    assert re.search(r"clean build, ar +[\d.]+ s median \([\d.]+, [\d.]+\), [+-][\d.]+ % against English", out), out
    assert not (work / ".trash").exists() and not (work / "n300").exists()


def test_hugo_equivalent_site_gets_sitegen_page_kinds(tmp_path: Path) -> None:
    """The Hugo site the speed benchmark compares with: every clipping filed under year, month and day terms
    (sitegen's timeline pages), its language taken out of its categories as sitegen does, feeds on, and a
    layout for each kind of page."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from hugo_equivalent import make_equivalent

    minimal = tmp_path / "minimal"
    subprocess.run([sys.executable, str(ROOT / "benchmarks/corpus.py"), "40", str(minimal), "--format", "hugo"],
                   check=True, capture_output=True)
    make_equivalent(minimal, tmp_path / "eq")
    files = sorted(p for p in (tmp_path / "eq/content/clippings").glob("*.md") if p.name != "_index.md")
    assert len(files) == 40 and (tmp_path / "eq/content/clippings/_index.md").is_file()
    languages = 0
    for path in files:
        head = path.read_text(encoding="utf-8").split("\n---\n")[0]
        date = re.search(r"^date: (\d{4})-(\d{2})-(\d{2})", head, re.M)
        assert date, head
        y, m, d = date.groups()
        assert f'years: ["{y}"]\nmonths: ["{y}-{m}"]\ndays: ["{y}-{m}-{d}"]' in head
        categories = re.search(r"^categories: (.*)$", head, re.M)[1]
        assert not any(name in categories for name in ('"German"', '"English"', '"Turkish"', '"French"'))
        languages += "cliplang:" in head
    assert languages  # the corpus writes clippings in other languages than the site's
    config = (tmp_path / "eq/hugo.toml").read_text(encoding="utf-8")
    assert 'day = "days"' in config and "limit = 20" in config
    for layout in ("page.html", "term.html", "years/term.html", "months/term.html", "days/term.html"):
        assert (tmp_path / "eq/layouts" / layout).is_file(), layout


def test_news_exports_benchmark_reads_each_export_and_prints_documents_per_second() -> None:
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/news_exports.py"), "--txt", "60", "--docx", "10",
                          "--factiva", "10", "--runs", "1"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    for name, count in (("LexisNexis TXT", 60), ("LexisNexis RTF", 15), ("Nexis Uni DOCX", 10),
                        ("Factiva HTML", 10)):
        assert re.search(rf"{name} +{count} documents .* CPU +[\d.]+ s +[\d,]+ documents/s", run.stdout), run.stdout
    assert "target 2,000/s" in run.stdout and "target 200/s" in run.stdout


def test_importers_benchmark_prints_documents_per_second_for_each_format() -> None:
    """benchmarks/importers.py on small inputs: a line per format with wall and CPU rates and the issue's aim."""
    run = subprocess.run([sys.executable, str(ROOT / "benchmarks/importers.py"), "--runs", "1", "--rows", "300",
                          "--web-pages", "20"], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert [line.split(":")[0] for line in lines] == ["spreadsheet", "spreadsheet", "web pages", "alerts"]
    assert lines[0].startswith("spreadsheet: UTF-16 TSV, 300 rows") and "300 docs" in lines[0]
    assert "20 docs" in lines[2] and "2,000 docs" in lines[3]
    for line in lines:
        assert re.search(r"[\d,]+/s wall, +[\d,]+/s CPU", line), line
    assert "aim ≥ 2,000/s" in lines[0] and "aim ≥ 200/s" in lines[2]
