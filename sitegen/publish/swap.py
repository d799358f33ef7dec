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
import tempfile
from pathlib import Path

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


def apply_journal(out_dir: Path, staging: Path, journal: dict[str, list[str]]) -> None:
    """Delete removed files (and folders left empty), then move staged files in; safe to run twice."""
    emptied: set[str] = set()
    for relative in journal["deletions"]:
        try:
            os.unlink(os.path.join(out_dir, relative))
        except FileNotFoundError:
            pass
        folder = posixpath.dirname(relative)
        while folder:
            emptied.add(folder)
            folder = posixpath.dirname(folder)
    for folder in sorted(emptied, key=lambda f: -f.count("/")):
        try:
            os.rmdir(os.path.join(out_dir, folder))
        except OSError:
            pass  # not empty: still holds pages
    made: set[str] = set()
    for relative in journal["renames"]:
        source = os.path.join(staging, relative)
        if not os.path.lexists(source):
            continue  # moved by an earlier, interrupted run
        target = os.path.join(out_dir, relative)
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
        journal_file = staging / JOURNAL
        if journal_file.is_file():
            try:
                apply_journal(out_dir, staging, json.loads(journal_file.read_text(encoding="utf-8")))
            except (OSError, ValueError):
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
