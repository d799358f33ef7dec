"""`sitegen check --format github|json`: every problem the text format lists, as GitHub Actions workflow commands
(parsed back here the way the runner reads them) and as JSON Lines; the count on stderr, the exit code unchanged."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from helpers import export_text
from test_check import FILES

from sitegen.annotations import github_command
from sitegen.cli import main
from sitegen.model import Problem

ROOT = Path(__file__).resolve().parent.parent
COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")
"""A workflow command: `::name prop=value,prop=value::data` on one line."""


def parse_command(line: str) -> dict[str, str]:
    """Read one workflow command back as the runner does: properties split on `,` and `=`, then unescaped."""
    found = COMMAND.match(line)
    assert found, line
    properties = dict(part.split("=", 1) for part in found[2].split(","))
    unescape = {"%3A": ":", "%2C": ",", "%0D": "\r", "%0A": "\n", "%25": "%"}

    def plain(text: str) -> str:
        return re.sub(r"%(3A|2C|0D|0A|25)", lambda m: unescape[m[0]], text)
    return {"severity": found[1], "message": plain(found[3]), **{k: plain(v) for k, v in properties.items()}}


@pytest.fixture
def site(tmp_path: Path, content_dir, monkeypatch) -> Path:
    content_dir(FILES)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys, *args: str) -> tuple[int, list[str], str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def as_text(problem: dict) -> str:
    return f"{problem['file']}:{problem['line']}: {problem['severity']}: {problem['message']}"


def test_github_commands_carry_every_problem_of_the_text_format(site: Path, capsys) -> None:
    text_code, text_lines, _ = run(capsys, "check")
    code, lines, err = run(capsys, "check", "--format", "github")
    assert code == text_code == 1
    problems = [parse_command(line) for line in lines]
    assert all(p["title"] == "sitegen" for p in problems)
    assert [as_text(p) for p in problems] == [line for line in text_lines if line.startswith("content/")]
    assert {"severity": "error", "file": "content/empty.txt", "line": "1", "title": "sitegen",
            "message": "empty file"} in problems
    assert "\nChecked 6 clippings (1 duplicate)" in err and err.rstrip().endswith("3 notices.")


def test_json_lines_carry_every_problem_of_the_text_format(site: Path, capsys) -> None:
    _, text_lines, _ = run(capsys, "check")
    code, lines, err = run(capsys, "check", "--format", "json", "--strict")
    assert code == 1
    problems = [json.loads(line) for line in lines]
    assert all(set(p) == {"file", "line", "severity", "message"} and isinstance(p["line"], int) for p in problems)
    assert [as_text(p) for p in problems] == [line for line in text_lines if line.startswith("content/")]
    assert {"file": "content/notes/extra.md", "line": 5, "severity": "notice",
            "message": "unknown field 'mood' kept as extra data"} in problems
    assert "Checked 6 clippings" in err


def test_no_problem_prints_nothing_on_stdout(tmp_path: Path, content_dir, monkeypatch, capsys) -> None:
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Ferry timetable extended into winter")})
    monkeypatch.chdir(tmp_path)
    for form in ("github", "json"):
        code, lines, err = run(capsys, "check", "--format", form, "--strict")
        assert (code, lines) == (0, []) and err.rstrip().endswith(": no problems.")


def test_hostile_names_cannot_end_a_command_or_start_another() -> None:
    """A file name or message with `::`, `,`, `%`, newlines and escape sequences stays inside its one command."""
    file = "content/a,b:c%25\n::error file=x.txt::forged\r.txt"
    message = "line one\n::warning::forged\x1b[2J 100% done, really"
    line = github_command(Problem(file, message, "warning", 7), file)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line
    back = parse_command(line)
    assert back == {"severity": "warning", "file": file, "line": "7", "title": "sitegen",
                    "message": message.replace("\x1b", "\\x1b")}


def test_json_lines_survive_names_that_are_not_utf8(tmp_path: Path, monkeypatch, capsys) -> None:
    """A file name that is not valid UTF-8 (held as surrogates) is printed escaped (issue 16), not a crash."""
    folder = tmp_path / "content"
    folder.mkdir()
    try:
        (folder / "caf\udce9.md").write_bytes(b"")
    except (UnicodeEncodeError, OSError):
        pytest.skip("the file system refuses names that are not UTF-8")
    monkeypatch.chdir(tmp_path)
    code, lines, _ = run(capsys, "check", "--format", "json")
    problems = [json.loads(line) for line in lines]
    assert code == 1 and all(line.isascii() for line in lines)
    assert any(p["file"] == "content/caf\\xe9.md" and p["severity"] == "error" for p in problems), problems


def test_pre_commit_hook_runs_check_on_content_changes(tmp_path: Path, content_dir, monkeypatch, capsys) -> None:
    """sitegen's `.pre-commit-hooks.yaml`: a hook pre-commit accepts (its required keys), whose command is
    `sitegen check`, run once for any change under content/ or to sitegen.toml."""
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    (hook,) = hooks
    assert {"id", "name", "entry", "language"} <= set(hook) and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert files.search("content/2025/a.txt") and files.search("sitegen.toml")
    assert not files.search("README.md") and not files.search("public/index.html")
    command, *args = hook["entry"].split()
    assert command == "sitegen" and args == ["check"]
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Ferry timetable extended into winter"), "empty.txt": ""})
    monkeypatch.chdir(tmp_path)
    assert main([*args, *hook.get("args", [])]) == 1
    assert "content/empty.txt:1: error: empty file" in capsys.readouterr().out
