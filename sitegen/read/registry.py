"""The loader registry: which format reads a file, and reading every file of a content folder with it.

A format is a suffix (or several) and a loader that turns one file into any number of clippings; where formats
share a suffix (`.txt`, `.html`), each recognises its files by their first bytes, and one is the suffix's
fallback. Loaders never raise for bad content: what is wrong comes back as Problem records, so one bad file or
document never stops a build. Files are read once each; with many, in worker processes.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..model import Clipping, Problem
from ..parallel import chunked_map

MAX_BYTES = 20 * 1024 * 1024
"""Larger files are skipped with an error: no clipping export is this big, and reading one must stay cheap."""
HEAD_BYTES = 65536
"""What a format's `recognise` sees of a file."""
_EXPORT_ID = re.compile(r"\d*_([0-9a-fA-F]{8,})")

LoadResult = tuple[list[Clipping], list[Problem]]
"""What a loader makes of one file: its clippings (in file order) and its problems."""


@dataclass(frozen=True, slots=True)
class InputFile:
    """One content file, as handed to a loader."""

    path: str
    """Relative to the content folder, with forward slashes: Problem.file and Clipping.source_path."""
    data: bytes
    """The whole file as read (at most MAX_BYTES)."""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Settings that change how files are read (from sitegen.toml), the same for every file."""

    columns: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """`[columns]`: a clipping field -> more header names that mean it (spreadsheet exports)."""


Loader = Callable[[InputFile, ReadOptions], LoadResult]


@dataclass(frozen=True, slots=True)
class Format:
    """A kind of content file sitegen reads."""

    name: str
    """Shown in `sitegen check`'s count per format and set as each clipping's `format`."""
    suffixes: tuple[str, ...]
    """Lower case, with the dot."""
    load: Loader
    recognise: Callable[[bytes], bool] | None = None
    """For a suffix several formats share: whether the file's first HEAD_BYTES are this format's. None: the
    suffix's fallback, which takes every file of the suffix that no format before it recognised."""


class Reader:
    """Reads files with the first format (in `formats` order) that takes them."""

    def __init__(self, formats: Sequence[Format], options: ReadOptions | None = None) -> None:
        self.options = options or ReadOptions()
        self._by_suffix: dict[str, list[Format]] = {}
        for fmt in formats:
            for suffix in fmt.suffixes:
                self._by_suffix.setdefault(suffix, []).append(fmt)

    def reads(self, rel: str) -> bool:
        """Whether some format takes files with this name's suffix (the others are skipped unread)."""
        return os.path.splitext(rel)[1].lower() in self._by_suffix

    def format_for(self, rel: str, data: bytes) -> Format | None:
        head = data[:HEAD_BYTES]
        for fmt in self._by_suffix.get(os.path.splitext(rel)[1].lower(), ()):
            if fmt.recognise is None or fmt.recognise(head):
                return fmt
        return None

    def parse(self, data: bytes, rel: str) -> LoadResult:
        """A file's bytes as clippings, with the problems found."""
        fmt = self.format_for(rel, data)
        if fmt is None:
            return [], [Problem(rel, "not in a known clipping format", "error")]
        clippings, problems = fmt.load(InputFile(rel, data), self.options)
        return [c if c.format == fmt.name else replace(c, format=fmt.name) for c in clippings], problems

    def load(self, path: str, rel: str) -> LoadResult:
        """Read and parse one file; never raises for a bad or unreadable file."""
        if not self.reads(rel):
            return [], [Problem(rel, "not a clipping file, skipped", "notice")]
        try:
            with open(path, "rb") as file:
                size = os.fstat(file.fileno()).st_size
                if size > MAX_BYTES:
                    return [], [Problem(rel, f"file too large ({size / 2**20:.0f} MB), skipped", "error")]
                data = file.read()
        except OSError as exc:
            return [], [Problem(rel, f"cannot read file: {exc.strerror or exc}", "error")]
        return self.parse(data, rel)


def default_id(source_path: str) -> str:
    """The export id in the file name (`000_f3e1aca80388200e.txt`), else a hash of the relative path.

    Never a hash of the content: editing a clipping must not change its id (and so its address).
    """
    match = _EXPORT_ID.fullmatch(source_path.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    if match:
        return match[1].lower()
    return hashlib.sha1(source_path.encode("utf-8", "surrogateescape")).hexdigest()[:16]


def digest_id(*parts: str) -> str:
    """An id made from what identifies a document when its export gives none (source, date, headline): the same
    when the export is downloaded again, reordered or merged with another."""
    return hashlib.sha1("\x1f".join(parts).encode("utf-8", "surrogateescape")).hexdigest()[:16]


def load_files(files: Sequence[tuple[str, str]], keys: Mapping[str, bytes], reader: Reader,
               cache: Mapping[bytes, LoadResult] | None = None,
               jobs: int = 1) -> tuple[list[Clipping], list[Problem], dict[bytes, LoadResult]]:
    """Parse the files (those whose key is in `cache` are taken from it), in parallel when many.

    Returns the clippings (by file, then place in the file), the problems and the parse result of every file
    by key, for the next cache.
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

    def load_chunk(chunk: Sequence[tuple[str, str]]) -> list[tuple[str, LoadResult]]:
        return [(rel, reader.load(path, rel)) for path, rel in chunk]

    for loaded in chunked_map(load_chunk, misses, jobs, chunk_size=250, min_items=1000):
        results.update((keys[rel], result) for rel, result in loaded)
    clippings: list[Clipping] = []
    problems: list[Problem] = []
    for _, rel in files:
        found, found_problems = results[keys[rel]]
        problems.extend(found_problems)
        clippings.extend(found)
    clippings.sort(key=lambda c: (c.source_path, c.position))
    problems.sort(key=lambda p: (p.file, p.line or 0))
    return clippings, problems, results

