"""Finding the content files: a sorted walk of the content folder, and the policy for what it skips.

Hidden (`.x`) and private (`_x`) names are skipped, as static site generators do; symbolic links are read only
when they point at a regular file inside the content folder, so an archive cloned from someone else cannot make
a build read (and publish) a file from elsewhere on the machine. The folder a browser fills when it saves a page
"complete" (`Page.html` and `Page_files/`) holds the page's scripts, styles, images and frames, not clippings:
it is skipped whole, with one notice, instead of one notice for each of its files. A name that is not valid UTF-8
(`caf\\xe9.txt`, made on another system) cannot be an address, an id or a line of the export: the file or folder
is skipped with one problem that names it escaped.
"""
from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path

from ..model import Problem

SAVED_FILES = ("_files", "-Dateien", "_fichiers", "_archivos", "_arquivos", "_file")
"""How browsers name the folder of a page saved "complete" (`Page_files`, older German and French `-Dateien`...)."""
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml", ".mht", ".mhtml")


def find_files(root: Path) -> tuple[list[tuple[str, str]], list[Problem]]:
    """(path, relative path) of every file under root, sorted, and the problems met while looking."""
    root = Path(root)
    if not root.is_dir():
        return [], [Problem(str(root), "content folder not found", "error")]
    files: list[tuple[str, str]] = []
    problems: list[Problem] = []
    for item in _walk(str(root), "", root.resolve()):
        if isinstance(item, Problem):
            problems.append(item)
        else:
            files.append(item)
    return files, problems


def _walk(folder: str, prefix: str, real_root: Path) -> Iterator[tuple[str, str] | Problem]:
    """(path, relative path) of files under folder in sorted order; hidden (`.x`) and private (`_x`) names
    and linked folders are skipped. A stack instead of recursion: no nesting depth can overflow it."""
    stack: list[tuple[str, str]] = [(folder, prefix)]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda e: e.name)
        except OSError as exc:
            yield Problem(prefix.rstrip("/") or ".", f"cannot read folder: {exc.strerror or exc}", "error")
            continue
        folders = []
        pages = _saved_pages(entry.name for entry in entries)
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            rel = prefix + entry.name
            if not _is_utf8(entry.name):
                kind = "folder" if entry.is_dir(follow_symlinks=False) else "file"
                yield Problem(_escaped(rel), f"{kind} name is not valid UTF-8, skipped: rename it", "error")
            elif entry.is_symlink():
                yield _symlink_problem(entry.path, rel, real_root) or (entry.path, rel)
            elif entry.is_dir(follow_symlinks=False):
                if page := pages.get(entry.name):
                    yield Problem(rel, f"the files of the saved page '{prefix}{page}', skipped", "notice")
                else:
                    folders.append((entry.path, rel + "/"))
            elif entry.is_file(follow_symlinks=False):
                yield entry.path, rel
            else:
                yield Problem(rel, "not a regular file, skipped", "notice")
        stack.extend(reversed(folders))


def _saved_pages(names: Iterator[str]) -> dict[str, str]:
    """Parts folder name (`Page_files`) -> the saved page beside it (`Page.html`), for every page in a folder."""
    pages: dict[str, str] = {}
    for name in names:
        stem, suffix = os.path.splitext(name)
        if suffix.lower() in PAGE_SUFFIXES:
            for ending in SAVED_FILES:
                pages.setdefault(stem + ending, name)
    return pages


def _is_utf8(name: str) -> bool:
    """False for a name os.scandir could only decode with surrogate escapes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _escaped(name: str) -> str:
    """The name with its undecodable bytes written as `\\xe9`: printable, and unique to the bytes."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _symlink_problem(path: str, rel: str, real_root: Path) -> Problem | None:
    """None when a symlink is safe to read: a regular file inside the content folder."""
    try:
        target = Path(os.path.realpath(path, strict=True))
    except OSError as exc:  # a loop (a.txt -> b.txt -> a.txt) or a missing target
        if exc.errno == errno.ELOOP:
            return Problem(rel, "symbolic link loop, skipped", "warning")
        return Problem(rel, "broken symbolic link, skipped", "warning")
    if target.is_dir():
        return Problem(rel, "symbolic link to a folder not followed", "notice")
    if not target.is_file():
        return Problem(rel, "broken symbolic link, skipped", "warning")
    if not target.is_relative_to(real_root):
        return Problem(rel, "symbolic link points outside the content folder, skipped", "warning")
    return None
