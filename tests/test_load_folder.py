"""Tests for the registry: walking a content folder, choosing loaders, and file-level problems."""
from __future__ import annotations

import codecs
import hashlib
import os
import tempfile
from pathlib import Path

import pytest
from helpers import load_file, load_folder
from hypothesis import given, settings
from hypothesis import strategies as st

import sitegen.read.keys
import sitegen.read.registry
from sitegen.build import check
from sitegen.config import Config
from sitegen.model import Problem
from sitegen.read.registry import default_id

EXPORT = "Headline {n}\n\nPublished on March {n}, 2025\n\nSources Ajansı {n}\n\nBody {n}."
MARKDOWN = "---\ntitle: Elle écrit {n}\ndate: 2025-01-0{n}\n---\nBody *{n}*.\n"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A content folder with one of each kind of file the registry must handle."""
    root = tmp_path / "içerik"
    write(root / "2024" / "000_AAAAAAAA11111111.txt", EXPORT.format(n=1))
    write(root / "2025" / "Ünïcode klasör" / "b.md", MARKDOWN.format(n=2))
    write(root / "2025" / "c.markdown", MARKDOWN.format(n=3))
    write(root / ".hidden.txt", EXPORT.format(n=4))
    write(root / ".DS_Store", b"\x00\x01")
    write(root / "_drafts" / "draft.txt", EXPORT.format(n=5))
    write(root / "notes.pdf", b"%PDF-1.4")
    write(root / "empty.txt", "\n \n\t")
    write(root / "utf16 blank.txt", codecs.BOM_UTF16_LE + "  \r\n ".encode("utf-16-le"))
    write(root / "binary.txt", b"PK\x03\x04\x00\x00binary")
    with open(root / "big.txt", "wb") as big:
        big.truncate(21 * 2**20)  # sparse: costs no disk, and the loader must not read it
    write(tmp_path / "outside.txt", EXPORT.format(n=6))
    (root / "link inside.txt").symlink_to(root / "2024" / "000_AAAAAAAA11111111.txt")
    (root / "link outside.txt").symlink_to(tmp_path / "outside.txt")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "broken.txt").symlink_to(root / "missing.txt")
    return root


def test_load_folder_clippings(content: Path) -> None:
    clippings, _ = load_folder(content)
    assert [(c.source_path, c.id, c.title) for c in clippings] == [
        ("2024/000_AAAAAAAA11111111.txt", "aaaaaaaa11111111", "Headline 1"),
        ("2025/c.markdown", default_id("2025/c.markdown"), "Elle écrit 3"),
        ("2025/Ünïcode klasör/b.md", default_id("2025/Ünïcode klasör/b.md"), "Elle écrit 2"),
        ("link inside.txt", default_id("link inside.txt"), "Headline 1"),
    ]


def test_load_folder_problems(content: Path) -> None:
    _, problems = load_folder(content)
    assert [(p.file, p.severity, p.message) for p in problems] == [
        ("big.txt", "error", "file too large (21 MB), skipped"),
        ("binary.txt", "error", "binary or undecodable file"),
        ("broken.txt", "warning", "broken symbolic link, skipped"),
        ("empty.txt", "error", "empty file"),
        ("link outside.txt", "warning", "symbolic link points outside the content folder, skipped"),
        ("loop", "notice", "symbolic link to a folder not followed"),
        ("notes.pdf", "notice", "not a clipping file, skipped"),
        ("utf16 blank.txt", "error", "empty file"),
    ]


def test_load_folder_is_deterministic(content: Path) -> None:
    assert load_folder(content) == load_folder(content)


def test_problems_sorted_by_file_then_line(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "T\nPublished on Feb 30, 2025\nShow on website: javascript:x\nBody.")
    write(tmp_path / "a.txt", "T\nShow on website: mailto:x@example.org\nPublished on Feb 31, 2025\nBody.")
    _, problems = load_folder(tmp_path)
    assert [(p.file, p.line) for p in problems] == [("a.txt", 2), ("a.txt", 3), ("b.txt", 2), ("b.txt", 3)]


def test_duplicate_export_ids_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "a" / "1_0123456789abcdef.txt", EXPORT.format(n=1))
    write(tmp_path / "b" / "2_0123456789ABCDEF.txt", EXPORT.format(n=2))
    clippings, _ = load_folder(tmp_path)
    assert [c.id for c in clippings] == ["0123456789abcdef"] * 2
    reading = check(Config(content_dir=tmp_path))
    assert ("b/2_0123456789ABCDEF.txt", "id '0123456789abcdef' is also used by a/1_0123456789abcdef.txt") in [
        (p.file, p.message) for p in reading.problems]


def test_a_second_copy_of_one_document_is_a_duplicate_not_an_id_clash(tmp_path: Path) -> None:
    """The same export saved twice (a DOCX and the ZIP it came in, say) is one notice per copy, no more."""
    write(tmp_path / "a" / "1_0123456789abcdef.txt", EXPORT.format(n=1))
    write(tmp_path / "b" / "1_0123456789abcdef.txt", EXPORT.format(n=1))
    reading = check(Config(content_dir=tmp_path))
    assert [(p.file, p.severity) for p in reading.problems if "0123456789abcdef" in p.message
            or "duplicate" in p.message] == [("b/1_0123456789abcdef.txt", "notice")]


def test_txt_without_export_fields_is_an_error(tmp_path: Path) -> None:
    write(tmp_path / "readme.txt", "Just some notes.\n\nNothing else.")
    clippings, problems = load_folder(tmp_path)
    assert clippings == []
    assert [(p.severity, p.message.startswith("not in a known clipping format")) for p in problems] == [
        ("error", True)]


def test_unreadable_path_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "folder.txt").mkdir()
    clipping, problems = load_file(tmp_path / "folder.txt", tmp_path)
    assert clipping is None
    assert [(p.file, p.severity, p.message.split(":")[0]) for p in problems] == [
        ("folder.txt", "error", "cannot read file")]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads files whatever their mode")
def test_permission_denied_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "secret.txt", EXPORT.format(n=1))
    path.chmod(0)
    try:
        clippings, problems = load_folder(tmp_path)
    finally:
        path.chmod(0o644)
    assert clippings == []
    assert [(p.severity, p.message) for p in problems] == [("error", "cannot read file: Permission denied")]


def test_permission_error_from_open_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same case where tests run as root: the registry's own `open` is made to refuse."""
    def refuse(path: str, mode: str) -> None:
        raise PermissionError(13, "Permission denied", path)

    write(tmp_path / "secret.txt", EXPORT.format(n=1))
    monkeypatch.setattr(sitegen.read.registry, "open", refuse, raising=False)
    monkeypatch.setattr(sitegen.read.keys, "open", refuse, raising=False)
    assert load_folder(tmp_path) == ([], [Problem("secret.txt", "cannot read file: Permission denied", "error")])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    clippings, problems = load_folder(tmp_path)
    assert clippings == []
    assert [(p.file, p.severity, p.message) for p in problems] == [
        ("pipe.txt", "notice", "not a regular file, skipped")]


def test_missing_folder(tmp_path: Path) -> None:
    clippings, problems = load_folder(tmp_path / "nowhere")
    assert clippings == []
    assert [(p.severity, p.message) for p in problems] == [("error", "content folder not found")]


@pytest.mark.parametrize(("source_path", "expected"), [
    pytest.param("000_F3E1ACA80388200E.txt", "f3e1aca80388200e", id="export-id-lower-cased"),
    pytest.param("2024/03/12_deadbeef.md", "deadbeef", id="short-export-id-in-folder"),
    pytest.param("_deadbeef00.txt", "deadbeef00", id="underscore-without-digits"),
    pytest.param("f3e1aca80388200e.txt", hashlib.sha1(b"f3e1aca80388200e.txt").hexdigest()[:16], id="no-underscore"),
    pytest.param("20240615.txt", hashlib.sha1(b"20240615.txt").hexdigest()[:16], id="date-name-is-not-an-id"),
    pytest.param("a/000_xyz.txt", hashlib.sha1(b"a/000_xyz.txt").hexdigest()[:16], id="not-hex"),
    pytest.param("ü/1_abc.txt", hashlib.sha1("ü/1_abc.txt".encode()).hexdigest()[:16], id="too-short"),
])
def test_default_id(source_path: str, expected: str) -> None:
    assert default_id(source_path) == expected


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([".txt", ".md", ".markdown"]))
def test_any_bytes_never_crash_load_file(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"any{suffix}"
        path.write_bytes(data)
        clipping, problems = load_file(path, Path(folder))
    assert clipping is not None or [p.severity for p in problems] == ["error"]
