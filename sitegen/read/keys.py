"""Content keys: a digest of each content file's path and bytes, what its parse result depends on and nothing else.

They decide what a rebuild reads again: a file whose key is unchanged keeps its cached parse result. A file
whose size, modification time and inode equal those the previous build recorded keeps its recorded key without
being read, as git and make trust a file's stat; one modified just before that build started is read anyway.
"""
from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from functools import partial

from ..parallel import chunked_map
from .registry import MAX_BYTES, LoadResult, Reader

FileKey = tuple[tuple[int, int, int], bytes]
"""((size, mtime_ns, inode), content key) of a content file, as the previous build saw it."""
RACY_NS = 2_000_000_000
"""A file modified this close to the previous build's start is hashed again even if its stat is unchanged (the
"racy" case: a second edit within the same clock tick would leave size and time as they were)."""
_UNREADABLE = (-1, -1, -1)


def content_keys(files: Sequence[tuple[str, str]], reader: Reader, jobs: int = 1,
                 known: Mapping[str, FileKey] | None = None, known_at: int = 0,
                 parse: bool = False) -> tuple[dict[str, FileKey], dict[bytes, LoadResult]]:
    """The key of every file; with `parse`, also the parse result of every file read, by key (a first build
    parses every file: parsed from the bytes read for its key, one read each, not two).

    `known`: the keys a build that started at `known_at` (ns) recorded, with each file's stat."""
    known = known or {}
    trusted_before = known_at - RACY_NS
    keys: dict[str, FileKey] = {}
    parsed: dict[bytes, LoadResult] = {}
    todo = files
    if known:  # stat'ed here first: starting workers costs more than stat'ing the files whose key is known
        todo = []
        for path, rel in files:
            found = _trusted(path, known.get(rel), trusted_before)
            if found is None:
                todo.append((path, rel))
            else:
                keys[rel] = found
    work = partial(_read_keys, reader=reader, parse=parse)
    for chunk in chunked_map(work, todo, jobs, chunk_size=1000, min_items=4000):
        for rel, key, result in chunk:
            keys[rel] = key
            if result is not None:
                parsed[key[1]] = result
    return keys, parsed


def _trusted(path: str, previous: FileKey | None, trusted_before: int) -> FileKey | None:
    """The recorded key of a file whose stat is as recorded (and not racy); None when it must be read."""
    if previous is None:
        return None
    try:
        st = os.stat(path)
    except OSError:
        return None
    if previous[0] == (st.st_size, st.st_mtime_ns, st.st_ino) and st.st_mtime_ns < trusted_before:
        return previous
    return None


def _read_keys(files: Sequence[tuple[str, str]], reader: Reader, parse: bool
               ) -> list[tuple[str, FileKey, LoadResult | None]]:
    """Each file's key, and with `parse` its parse result."""
    keys: list[tuple[str, FileKey, LoadResult | None]] = []
    for path, rel in files:
        name = rel.encode("utf-8", "surrogateescape")
        try:
            st = os.stat(path)
        except OSError:  # the loader reports why
            keys.append((rel, (_UNREADABLE, _digest(b"\2unreadable" + name)), None))
            continue
        stat = (st.st_size, st.st_mtime_ns, st.st_ino)
        h = hashlib.blake2b(name, digest_size=16)
        result = None
        try:
            if reader.reads(rel) and st.st_size <= MAX_BYTES:
                with open(path, "rb") as file:
                    data = file.read()
                h.update(b"\0" + data)
                if parse and len(data) <= MAX_BYTES:
                    result = reader.parse(data, rel)
            else:  # the result depends on the name (skipped) or the size (too large) only
                h.update(b"\1%d" % st.st_size)
        except OSError:
            h.update(b"\2unreadable")  # keyed apart, so that a file that becomes readable is read again
            stat = _UNREADABLE
        keys.append((rel, (stat, h.digest()), result))
    return keys


def _digest(data: bytes) -> bytes:
    return hashlib.blake2b(data, digest_size=16).digest()

