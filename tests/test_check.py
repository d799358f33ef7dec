"""`sitegen check`: reads everything, builds nothing, lists every problem as `file:line: severity: message` with a
count, exits 1 on errors; the build prints the very same problems."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import export_text, tree

from sitegen.cli import main

PROBLEM_LINE = re.compile(r"^content/[^\n]+?:\d+: (error|warning|notice): \S.*$")

FILES = {
    "001_aaaaaaaa00000001.txt": export_text("Ferry timetable extended into winter"),
    "002_aaaaaaaa00000002.txt": export_text("Grain silo inspection finds cracks", source="Anadolu AjansÄ±"),
    "003_aaaaaaaa00000003.txt": export_text("Lock gates closed for repairs", date="February 30, 2025"),
    "004_dddddddd00000004.txt": export_text("Ferry timetable extended into winter"),
    "005_bbbbbbbb00000005.txt": export_text("Dockers vote on new contract", source="Anadolu Ajansı"),
    "notes/extra.md": "---\ntitle: Tug fleet renewed\ndate: 2025-03-12\nsource: Coastal Courier\nmood: calm\n---\n"
                      "Three new tugs arrived.\n",
    "empty.txt": "",
}


@pytest.fixture
def site(tmp_path: Path, content_dir, monkeypatch) -> Path:
    content_dir(FILES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_check_lists_every_problem_with_file_line_severity(site: Path, capsys) -> None:
    code, lines, _ = run(capsys, "check")
    *problems, summary = [line for line in lines if not line.startswith("  ")]  # `  Format: n clippings`
    assert code == 1
    assert all(PROBLEM_LINE.match(line) for line in problems), problems
    assert "content/002_aaaaaaaa00000002.txt:13: warning: 'AjansÄ±' looks like mis-decoded UTF-8 (mojibake), " \
           "probably 'Ajansı'; re-export the file or fix the text" in problems
    assert any(line.startswith("content/003_aaaaaaaa00000003.txt:3: warning: cannot read published date "
                               "'February 30, 2025'") for line in problems)
    assert "content/004_dddddddd00000004.txt:1: notice: duplicate of 001_aaaaaaaa00000001.txt (same source, " \
           "date, title and text); published once, from that file" in problems
    assert "content/empty.txt:1: error: empty file" in problems
    assert "content/notes/extra.md:5: notice: unknown field 'mood' kept as extra data" in problems
    assert any(line.startswith("content/002_aaaaaaaa00000002.txt:13: notice: source 'Anadolu AjansÄ±' (1 clipping) "
                               "looks like a mojibake spelling of 'Anadolu Ajansı'") for line in problems)
    assert summary.startswith("Checked 6 clippings (1 duplicate) in content/ in ")
    assert summary.endswith(": 1 error, 2 warnings, 3 notices.")
    assert len(problems) == 6


def test_check_writes_nothing(site: Path, capsys) -> None:
    before = tree(site)
    run(capsys, "check")
    assert tree(site) == before
    assert not (site / "public").exists()


def test_build_shows_the_same_problems(site: Path, capsys) -> None:
    _, lines, _ = run(capsys, "check")
    code, _, err = run(capsys, "build")
    assert code == 0
    problems = [line for line in lines if not line.startswith(("Checked ", "  "))]
    assert [line for line in err.splitlines() if not line.startswith("sitegen: warning:")] == problems


def test_exit_codes(tmp_path: Path, content_dir, monkeypatch, capsys) -> None:
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Ferry timetable extended into winter"),
                 "002_aaaaaaaa00000002.txt": export_text("Lock gates closed", date="February 30, 2025")})
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "check")[0] == 0
    assert run(capsys, "check", "--strict")[0] == 1
    (tmp_path / "content" / "002_aaaaaaaa00000002.txt").unlink()
    code, lines, _ = run(capsys, "check", "--strict")
    assert code == 0
    assert lines[-1].endswith(": no problems.")


def test_bad_settings_and_missing_folder_are_errors(tmp_path: Path, capsys) -> None:
    (tmp_path / "sitegen.toml").write_text("[aliases]\nX = 3\n", encoding="utf-8")
    (tmp_path / "content").mkdir()
    code, _, err = run(capsys, "check", "--content", str(tmp_path / "content"), "--config",
                       str(tmp_path / "sitegen.toml"))
    assert code == 1 and "aliases" in err
    code, _, err = run(capsys, "check", "--content", str(tmp_path / "nowhere"))
    assert code == 1 and "content folder not found" in err


def test_control_characters_in_names_are_shown_escaped(tmp_path: Path, content_dir, monkeypatch, capsys) -> None:
    content_dir({"red\x1b[31m.txt": "", "001_aaaaaaaa00000001.txt": export_text("Bell\x07 rings", source="A\x1b[2J")})
    monkeypatch.chdir(tmp_path)
    _, lines, _ = run(capsys, "check")
    output = "\n".join(lines)
    assert "\x1b" not in output and "\x07" not in output
    assert "content/red\\x1b[31m.txt:1: error: empty file" in lines
