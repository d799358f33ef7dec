"""Making a staged build live: swapping the staging folder for the output folder, or patching the output folder
following a journal, and finishing what a killed build left half done."""
from __future__ import annotations

import ctypes
import errno
import glob
import json
import os
import posixpath
import shutil
import stat
import tempfile
from pathlib import Path
from typing import Any

from ..errors import BuildError

JOURNAL = ".sitegen-journal"
"""The patch's plan, written into the staging folder before the output folder is touched."""


def swap(staging: Path, out_dir: Path) -> None:
    """Put the staging folder in the output folder's place, then remove the previous one.

    On Linux the two folders trade places in one atomic step, so at no moment is there no output folder, even
    if the process is killed; elsewhere the previous folder is moved aside first, then the new one in."""
    try:
        if out_dir.exists() and _exchange(staging, out_dir):
            shutil.rmtree(staging, ignore_errors=True)  # it now holds the previous site
            return
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-{os.getpid()}-", dir=out_dir.parent))
            os.rmdir(old)
            os.rename(out_dir, old)
        try:
            os.rename(staging, out_dir)
        except OSError:
            if old is not None:
                os.rename(old, out_dir)  # put the previous site back
            raise
    except OSError as exc:
        raise BuildError(f"cannot replace the output folder {out_dir}: {exc.strerror or exc}") from exc
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def contained(relative: Any) -> bool:
    """Whether a path, taken relative to a folder, names something inside it: a normalised relative path with
    forward slashes, no `..`, no NUL. The one check for every path a build writes (`SiteWriter.claim`) and every
    path read from a journal; symbolic links on the way are checked where the path is used (`_real_folders`)."""
    if not isinstance(relative, str) or not relative or "\0" in relative:
        return False
    if os.sep != "/" and ("\\" in relative or ":" in relative):  # Windows: another separator, drive letters
        return False
    normal = posixpath.normpath(relative)
    return normal == relative.rstrip("/") and not normal.startswith(("/", "../")) and normal not in (".", "..")


def _real_folders(root: str, relative: str, checked: set[str]) -> bool:
    """Whether every folder on the way from `root` to `relative` is a real folder (or not made yet): a symbolic
    link there would take the path out of `root`. `checked`: folders already found real."""
    folder = posixpath.dirname(relative)
    while folder and folder not in checked:
        try:
            mode = os.lstat(os.path.join(root, folder)).st_mode
        except FileNotFoundError:
            mode = stat.S_IFDIR  # made later, by makedirs, as a real folder
        except OSError:
            return False
        if not stat.S_ISDIR(mode):
            return False
        checked.add(folder)
        folder = posixpath.dirname(folder)
    return True


def read_journal(staging: Path) -> dict[str, list[str]] | None:
    """A staging folder's journal when it is one a build wrote: a real file holding lists of paths that all
    stay inside their folder. None for anything else (damaged, or planted to delete or move files outside)."""
    path = staging / JOURNAL
    try:
        if staging.is_symlink() or not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        journal = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(journal, dict) or set(journal) != {"renames", "deletions"}:
        return None
    if not all(isinstance(journal[k], list) and all(contained(p) and p != JOURNAL for p in journal[k])
               for k in journal):
        return None
    return journal


def apply_journal(out_dir: Path, staging: Path, journal: dict[str, list[str]]) -> None:
    """Delete removed files (and folders left empty), then move staged files in; safe to run twice.

    Only paths that stay inside the output folder (and, for a staged file, inside the staging folder) are
    followed: a path through a symbolic link is skipped, and only regular files are moved in."""
    out, stage = str(out_dir), str(staging)
    out_real: set[str] = set()
    stage_real: set[str] = set()
    emptied: set[str] = set()
    for relative in journal["deletions"]:
        if not contained(relative) or not _real_folders(out, relative, out_real):
            continue
        try:
            os.unlink(os.path.join(out, relative))
        except (FileNotFoundError, IsADirectoryError, PermissionError):
            pass
        folder = posixpath.dirname(relative)
        while folder:
            emptied.add(folder)
            folder = posixpath.dirname(folder)
    for folder in sorted(emptied, key=lambda f: -f.count("/")):
        try:
            os.rmdir(os.path.join(out, folder))
        except OSError:
            pass  # not empty: still holds pages
    made: set[str] = set()
    for relative in journal["renames"]:
        if not (contained(relative) and _real_folders(out, relative, out_real)
                and _real_folders(stage, relative, stage_real)):
            continue
        source = os.path.join(stage, relative)
        try:
            if not stat.S_ISREG(os.lstat(source).st_mode):
                continue
        except FileNotFoundError:
            continue  # moved by an earlier, interrupted run
        target = os.path.join(out, relative)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        os.replace(source, target)


def recover(out_dir: Path) -> None:
    """Finish a patch a killed build left half done, then remove its other leftovers; before any `scan`."""
    finish_interrupted(out_dir)  # before the leftovers go: a journaled patch is finished, not dropped
    _remove_leftovers(out_dir)


def finish_interrupted(out_dir: Path) -> None:
    """Complete a patch that a killed build left half done, so the folder is one build's output again."""
    for staging in sorted(out_dir.parent.glob(f".{glob.escape(out_dir.name)}.building-*")):
        journal = read_journal(staging)
        if journal is not None:
            try:
                apply_journal(out_dir, staging, journal)
            except OSError:
                continue  # left for the next run; the stat check re-makes whatever is not as recorded
            shutil.rmtree(staging, ignore_errors=True)


def _remove_leftovers(out_dir: Path) -> None:
    """Staging and old folders left by a build that was killed (their process is gone) are removed."""
    for path in out_dir.parent.glob(f".{glob.escape(out_dir.name)}.*-*"):
        kind, _, rest = path.name[len(out_dir.name) + 2:].partition("-")
        pid = rest.partition("-")[0]
        if kind in ("building", "old") and pid.isdigit() and not _running(int(pid)) and path.is_dir():
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


_RENAME_EXCHANGE = 2


_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders atomically with Linux's renameat2(RENAME_EXCHANGE); False where that is not available
    (another system, an old kernel or a file system without it), so the caller falls back to two renames."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))
