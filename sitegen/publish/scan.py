"""What the output folder holds now, cheaply: a scan that lists again only the folders whose time changed, and
whether it is exactly what the previous build left there (then a rebuild with nothing new writes nothing)."""
from __future__ import annotations

import os
import posixpath
import stat
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .writer import Output

Stat = tuple[int, int, int]
"""(inode, size, mtime_ns) of a file: how a kept file is recognised as untouched since it was written."""


def scan(folder: Path, files: Iterable[str] = (), folders: Mapping[str, int] | None = None
         ) -> tuple[dict[str, Stat], bool]:
    """Every file under folder with its stat; and whether a symbolic link was found (never written through).

    With the `files` and `folders` (relative path: mtime) the previous build left, only folders whose
    modification time changed are listed again: the rest can only hold those files, which are stat'ed.
    """
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


Scan = tuple[dict[str, Stat], bool]
"""What `scan` found: every file with its stat, and whether there was a symbolic link."""


def unchanged(out_dir: Path, previous: Mapping[str, Output], folders: Mapping[str, int],
              scanned: Scan | None = None) -> bool:
    """True when the output folder holds exactly the files the previous build left there, untouched.

    `scanned`: the output folder's `scan` with the same files and folders, when it was made already."""
    if not out_dir.is_dir():
        return False
    on_disk, links = scanned or scan(out_dir, previous, folders)
    return not links and len(on_disk) == len(previous) and all(
        on_disk.get(rel) == output.stat for rel, output in previous.items())
