"""Problems as other programs read them: GitHub Actions workflow commands, so that each problem appears on its
line of a pull request, and JSON Lines (one object per problem) for any other tool.

The problem's file is given as the caller shows it (a path from where sitegen runs, which in a workflow is the
repository's root, as GitHub wants it).
"""
from __future__ import annotations

import json

from .model import Problem

FORMATS = ("text", "github", "json")
"""`text`: `file:line: severity: message` (see `Problem.__str__`); the others are for programs."""


def formatted(problem: Problem, file: str, form: str) -> str:
    """One problem as one line of the given format, its file shown as `file`."""
    if form == "github":
        return github_command(problem, file)
    if form == "json":
        return json_line(problem, file)
    return str(Problem(file, problem.message, problem.severity, problem.line))


def github_command(problem: Problem, file: str) -> str:
    """`::warning file=content/a.txt,line=3,title=sitegen::message`: GitHub shows it as an annotation on that line
    (`error`, `warning` and `notice` are the severities both share).

    Escaped as GitHub's toolkit escapes (`%`, CR and LF everywhere; `:` and `,` in properties too), so that no file
    name or field can end the command early or start another; other control characters are shown escaped."""
    properties = f"file={_property(file)},line={problem.line or 1},title=sitegen"
    return f"::{problem.severity} {properties}::{_data(problem.message)}"


def json_line(problem: Problem, file: str) -> str:
    """`{"file": ..., "line": ..., "severity": ..., "message": ...}` on one line. ASCII only (`\\u` escapes), so
    that a file name that is not valid UTF-8 can still be printed and read back."""
    return json.dumps({"file": file, "line": problem.line or 1, "severity": problem.severity,
                       "message": problem.message}, sort_keys=True)


def _printable(text: str) -> str:
    """Control characters other than CR and LF shown escaped (`\\x1b`), as `Problem.__str__` shows them."""
    return "".join(c if c.isprintable() or c in "\r\n" else c.encode("unicode_escape").decode("ascii")
                   for c in text)


def _data(text: str) -> str:
    return _printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")
