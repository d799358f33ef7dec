"""What the output folder holds now, cheaply: a scan that lists again only the folders whose time changed, which of
the previous build's files are still there as it wrote them, and whether the folder is exactly what that build
left (then a rebuild with nothing new writes nothing).

A file whose size and time are as recorded is taken as untouched without being read, as git and make trust a
file's stat: its inode may have changed, for a site restored from a cache (GitHub Actions' cache is a tar, which
keeps times to the nanosecond) or a backup has new inodes, and without this every file of it would be written
again. One whose time differs but whose size does not (restored by a copy that does not keep times) is read, and
kept when its bytes are the recorded ones. Any other file is made again.
"""
from __future__ import annotations

import hashlib
import os
import posixpath
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .writer import Output

Stat = tuple[int, int, int]
"""(inode, size, mtime_ns) of a file: how a kept file is recognised as untouched since it was written."""


class Scan(NamedTuple):
    """What `scan` found in the output folder."""

    files: dict[str, Stat]
    """Every file with its stat."""
    links: bool
    """Whether there was a symbolic link (never written through)."""
    intact: dict[str, Output]
    """The previous build's files still holding the bytes it wrote, each recorded with its stat now."""


def file_digest(data: bytes) -> bytes:
    """The digest of a file's bytes that the manifest records."""
    return hashlib.blake2b(data, digest_size=16).digest()


def scan(folder: Path, previous: Mapping[str, Output] | None = None, folders: Mapping[str, int] | None = None
         ) -> Scan:
    """Every file under folder with its stat, whether there is a symbolic link, and which of the `previous`
    build's files are intact.

    With the `folders` (relative path: mtime) the previous build left, only folders whose modification time
    changed are listed again: the rest can only hold the previous files, which are stat'ed.
    """
    found, links = _files(folder, previous or {}, folders)
    return Scan(found, links, intact(folder, previous or {}, found))


def intact(folder: Path, previous: Mapping[str, Output], found: Mapping[str, Stat]) -> dict[str, Output]:
    """The previous files on disk with the bytes they were written with: as recorded, or with their stat now when
    their inode or time changed (see the module's docstring)."""
    kept: dict[str, Output] = {}
    for relative, output in previous.items():
        now = found.get(relative)
        if now == output.stat:
            kept[relative] = output
        elif now is None or now[1] != output.stat[1]:
            continue
        elif now[2] == output.stat[2]:  # the same size and time: restored with its time kept
            kept[relative] = output._replace(stat=now)
        else:
            checked = _same_bytes(os.path.join(folder, relative), output.digest)
            if checked is not None:
                kept[relative] = output._replace(stat=checked)
    return kept


def _same_bytes(path: str, expected: bytes) -> Stat | None:
    """The file's stat when its bytes have the `expected` digest, else None."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return None
        with open(fd, "rb", closefd=False) as file:
            data = file.read()
    except OSError:
        return None
    finally:
        os.close(fd)
    return (st.st_ino, st.st_size, st.st_mtime_ns) if file_digest(data) == expected else None


def _files(folder: Path, files: Iterable[str], folders: Mapping[str, int] | None) -> tuple[dict[str, Stat], bool]:
    """Every file under folder with its stat, and whether a symbolic link was found (see `scan`)."""
    found: dict[str, Stat] = {}
    links = False
    stack: list[tuple[str, str]] = []
    if folders is None:
        stack.append(("", str(folder)))
    else:
        for relative, mtime in folders.items():
            try:
                if os.lstat(os.path.join(folder, relative)).st_mtime_ns != mtime:
                    stack.append((relative + "/" if relative else "", os.path.join(folder, relative)))
            except OSError:
                pass  # gone: its files are missing, which the stat below notices
        for relative in files:
            try:
                st = os.lstat(os.path.join(folder, relative))
            except OSError:
                continue
            if stat.S_ISLNK(st.st_mode):
                links = True
            elif stat.S_ISREG(st.st_mode):
                found[relative] = (st.st_ino, st.st_size, st.st_mtime_ns)
    while stack:
        prefix, path = stack.pop()
        try:
            with os.scandir(path) as entries:
                for entry in entries:
                    relative = prefix + entry.name
                    if entry.is_symlink():
                        links = True
                    elif entry.is_dir(follow_symlinks=False):
                        if folders is None or relative not in folders:
                            stack.append((relative + "/", entry.path))
                    elif relative not in found:
                        st = entry.stat(follow_symlinks=False)
                        found[relative] = (st.st_ino, st.st_size, st.st_mtime_ns)
        except (FileNotFoundError, NotADirectoryError):
            continue
    return found, links


def _folders_of(files: Iterable[str]) -> set[str]:
    """Every folder holding one of the files, up to the top folder (`""`)."""
    folders = {""}
    for relative in files:
        parent = posixpath.dirname(relative)
        while parent not in folders:
            folders.add(parent)
            parent = posixpath.dirname(parent)
    return folders


def folder_times(folder: Path, files: Iterable[str], known: Mapping[str, int] | None = None,
                 touched: Iterable[str] = ()) -> dict[str, int]:
    """Modification time of every folder holding the files (and of the top folder): for the next scan.

    Times in `known` are reused except for the folders of `touched` files and their parents. A reused time
    can only be older than the folder's real one, which makes the next scan list that folder: never wrong.
    """
    names, stale = _folders_of(files), _folders_of(touched)
    known = known or {}
    return {name: known[name] if name in known and name not in stale else
            os.lstat(os.path.join(folder, name)).st_mtime_ns for name in sorted(names)}


def unchanged(out_dir: Path, previous: Mapping[str, Output], folders: Mapping[str, int],
              scanned: Scan | None = None) -> bool:
    """True when the output folder holds exactly the files the previous build left there, untouched (a file
    with the same bytes but another stat is not: the manifest must record its stat now).

    `scanned`: the output folder's `scan` with the same files and folders, when it was made already."""
    if not out_dir.is_dir():
        return False
    on_disk, links, _ = scanned or scan(out_dir, previous, folders)
    return not links and len(on_disk) == len(previous) and all(
        on_disk.get(rel) == output.stat for rel, output in previous.items())
