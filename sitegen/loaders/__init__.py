"""The loader registry: finds clipping files under a content folder and hands each to its format's loader.

This is the only place that touches the file system; the loaders get decoded text, so they stay pure.
Files are read once each, and the common case (UTF-8) never loads the encoding detector.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

from sitegen import mojibake
from sitegen.loaders.markdown import load_markdown, starts_with_front_matter
from sitegen.loaders.text import load_text
from sitegen.model import Clipping, Problem
from sitegen.parallel import chunked_map
from sitegen.textutil import decode, drop_controls, normalize_newlines

__all__ = ["MAX_BYTES", "content_keys", "default_id", "find_files", "load_file", "load_files", "load_folder"]

Loader = Callable[[str, str, str], tuple[Clipping | None, list[Problem]]]
LOADERS: dict[str, Loader] = {".txt": load_text, ".md": load_markdown, ".markdown": load_markdown}
MAX_BYTES = 20 * 1024 * 1024
_EXPORT_ID = re.compile(r"\d*_([0-9a-fA-F]{8,})")
_UTF8 = frozenset({"utf-8", "utf-8-sig"})
_PLAIN_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "utf-16", "utf-32"})


def default_id(source_path: str) -> str:
    """The export id in the file name (`000_f3e1aca80388200e.txt`), else a hash of the relative path.

    Never a hash of the content: editing a clipping must not change its id (and so its address).
    """
    match = _EXPORT_ID.fullmatch(source_path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if match:
        return match[1].lower()
    return hashlib.sha1(source_path.encode("utf-8")).hexdigest()[:16]


def load_folder(root: Path) -> tuple[list[Clipping], list[Problem]]:
    """Load every clipping under root, in a deterministic order; problems are returned, never raised."""
    files, problems = find_files(root)
    clippings, found, _ = load_files(files, {rel: key for rel, (_, key) in content_keys(files).items()})
    return clippings, sorted(problems + found, key=lambda p: (p.file, p.line or 0))


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


FileKey = tuple[tuple[int, int, int], bytes]
"""((size, mtime_ns, inode), content key) of a content file, as the previous build saw it."""
RACY_NS = 2_000_000_000
"""A file modified this close to the previous build's start is hashed again even if its stat is unchanged (the
"racy" case: a second edit within the same clock tick would leave size and time as they were)."""


def content_keys(files: Sequence[tuple[str, str]], jobs: int = 1, known: Mapping[str, FileKey] | None = None,
                 known_at: int = 0, parsed: dict[bytes, LoadResult] | None = None) -> dict[str, FileKey]:
    """A digest of each file's relative path and bytes: what its parse result depends on, and nothing else.

    A file whose size, modification time and inode equal those in `known` (recorded by a build that started
    at `known_at`, in ns) keeps its recorded digest without being read, as git and make trust a file's stat.
    `parsed`: when given, each file read is parsed too, from the same bytes, and its result put there by key
    (for a first build, which parses every file: one read each, not two).
    """
    global _KNOWN, _PARSE
    _KNOWN = (known or {}, known_at - RACY_NS)
    _PARSE = parsed is not None
    keys: dict[str, FileKey] = {}
    try:
        todo = files
        if known:  # stat'ed here first: starting workers costs more than stat'ing the files whose key is known
            todo = []
            for path, rel in files:
                found = _trusted(path, rel)
                if found is None:
                    todo.append((path, rel))
                else:
                    keys[rel] = found
        for chunk in chunked_map(_content_keys, todo, jobs, chunk_size=1000, min_items=4000):
            for rel, key, result in chunk:
                keys[rel] = key
                if result is not None and parsed is not None:
                    parsed[key[1]] = result
    finally:
        _KNOWN, _PARSE = ({}, 0), False
    return keys


def _trusted(path: str, rel: str) -> FileKey | None:
    """The recorded key of a file whose stat is as recorded (and not racy); None when it must be read."""
    known, trusted_before = _KNOWN
    previous = known.get(rel)
    if previous is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    if previous[0] == (st.st_size, st.st_mtime_ns, st.st_ino) and st.st_mtime_ns < trusted_before:
        return previous
    return None


_KNOWN: tuple[Mapping[str, FileKey], int] = ({}, 0)
_PARSE = False
"""Set by `content_keys` for its workers: parse what is read."""


def _content_keys(files: Sequence[tuple[str, str]]) -> list[tuple[str, FileKey, LoadResult | None]]:
    known, trusted_before = _KNOWN
    keys: list[tuple[str, FileKey, LoadResult | None]] = []
    for path, rel in files:
        try:
            st = os.stat(path)
        except OSError:
            keys.append((rel, ((-1, -1, -1), hashlib.blake2b(b"\2unreadable" + rel.encode(
                "utf-8", "surrogateescape"), digest_size=16).digest()), None))  # the loader reports why
            continue
        stat = (st.st_size, st.st_mtime_ns, st.st_ino)
        previous = known.get(rel)
        if previous is not None and previous[0] == stat and st.st_mtime_ns < trusted_before:
            keys.append((rel, previous, None))
            continue
        h = hashlib.blake2b(rel.encode("utf-8", "surrogateescape"), digest_size=16)
        result = None
        loader = LOADERS.get(os.path.splitext(rel)[1].lower())
        try:
            if loader is not None and st.st_size <= MAX_BYTES:
                with open(path, "rb") as file:
                    data = file.read()
                h.update(b"\0" + data)
                if _PARSE and len(data) <= MAX_BYTES:
                    result = _parse(data, rel, loader)
            else:  # the result depends on the name (skipped) or the size (too large) only
                h.update(b"\1%d" % st.st_size)
        except OSError:
            h.update(b"\2unreadable")  # keyed apart, so that a file that becomes readable is read again
            stat = (-1, -1, -1)
        keys.append((rel, (stat, h.digest()), result))
    return keys


LoadResult = tuple[Clipping | None, list[Problem]]


def load_files(files: Sequence[tuple[str, str]], keys: Mapping[str, bytes],
               cache: Mapping[bytes, LoadResult] | None = None,
               jobs: int = 1) -> tuple[list[Clipping], list[Problem], dict[bytes, LoadResult]]:
    """Parse the files (those whose key is in `cache` are taken from it), in parallel when many.

    Returns the clippings, the problems and the parse result of every file by key, for the next cache.
    """
    cache = cache or {}
    results: dict[bytes, LoadResult] = {}
    misses = []
    for path, rel in files:
        key = keys[rel]
        if key in cache:
            results[key] = cache[key]
        else:
            misses.append((path, rel))
    for chunk in chunked_map(_load_chunk, misses, jobs, chunk_size=250, min_items=1000):
        results.update((keys[rel], result) for rel, result in chunk)
    clippings: list[Clipping] = []
    problems: list[Problem] = []
    for _, rel in files:
        clipping, found = results[keys[rel]]
        problems.extend(found)
        if clipping is not None:
            clippings.append(clipping)
    clippings.sort(key=lambda c: c.source_path)
    problems.extend(_duplicate_ids(clippings))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return clippings, problems, results


def _load_chunk(files: Sequence[tuple[str, str]]) -> list[tuple[str, LoadResult]]:
    return [(rel, _load(path, rel)) for path, rel in files]


def load_file(path: Path, root: Path) -> tuple[Clipping | None, list[Problem]]:
    """Load one file with the loader for its suffix (or its front matter); never raises for a bad file."""
    return _load(str(path), _relative(Path(path), Path(root)))


def _load(path: str, rel: str) -> tuple[Clipping | None, list[Problem]]:
    """load_file on plain strings: pathlib costs more than reading a small file."""
    loader = LOADERS.get(os.path.splitext(rel)[1].lower())
    if loader is None:
        return None, [Problem(rel, "not a clipping file, skipped", "notice")]
    try:
        with open(path, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            if size > MAX_BYTES:
                return None, [Problem(rel, f"file too large ({size / 2**20:.0f} MB), skipped", "error")]
            data = file.read()
    except OSError as exc:
        return None, [Problem(rel, f"cannot read file: {exc.strerror or exc}", "error")]
    return _parse(data, rel, loader)


def _parse(data: bytes, rel: str, loader: Loader) -> tuple[Clipping | None, list[Problem]]:
    """A file's bytes as a clipping, with the problems found."""
    if not data.strip():
        return None, [Problem(rel, "empty file", "error")]
    decoded = decode(data)
    if decoded is None:
        return None, [Problem(rel, "binary or undecodable file", "error")]
    text, encoding = decoded
    text, controls, line = drop_controls(normalize_newlines(text))
    if not text.strip():
        return None, [Problem(rel, "empty file", "error")]
    if loader is load_text and starts_with_front_matter(text):
        loader = load_markdown
    clipping, problems = loader(text, rel, default_id(rel))
    if controls and clipping is not None:
        problems.insert(0, Problem(rel, f"{controls} control character{'s' if controls > 1 else ''} removed",
                                   "warning", line))
    if clipping is not None and encoding not in _PLAIN_ENCODINGS:
        problems.insert(0, Problem(rel, f"not UTF-8; read as {encoding} (a guess)", "notice"))
    if clipping is not None and (encoding not in _UTF8 or mojibake.suspect(data)) \
            and (damaged := mojibake.find(text)) is not None:
        problems.append(_mojibake_problem(rel, damaged))
    return clipping, problems


def _mojibake_problem(rel: str, damaged: mojibake.Finding) -> Problem:
    more = f"; {damaged.lines - 1} more line{'s' if damaged.lines > 2 else ''} like it" if damaged.lines > 1 else ""
    return Problem(rel, f"'{damaged.word}' looks like mis-decoded UTF-8 (mojibake), probably '{damaged.fixed}'"
                        f"{more}; re-export the file or fix the text", "warning", damaged.line)


def _relative(path: Path, root: Path) -> str:
    """Path relative to root with forward slashes; as given when it is outside root."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


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
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            rel = prefix + entry.name
            if entry.is_symlink():
                yield _symlink_problem(entry.path, rel, real_root) or (entry.path, rel)
            elif entry.is_dir(follow_symlinks=False):
                folders.append((entry.path, rel + "/"))
            elif entry.is_file(follow_symlinks=False):
                yield entry.path, rel
            else:
                yield Problem(rel, "not a regular file, skipped", "notice")
        stack.extend(reversed(folders))


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


def _duplicate_ids(clippings: list[Clipping]) -> Iterator[Problem]:
    """Two files with one export id would fight over one address; the archive must not guess silently."""
    seen: dict[str, str] = {}
    for clipping in clippings:
        first = seen.setdefault(clipping.id, clipping.source_path)
        if first != clipping.source_path:
            yield Problem(clipping.source_path, f"id '{clipping.id}' is also used by {first}", "warning")
