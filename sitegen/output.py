"""Writing the site: into a fresh folder next to the output, swapped in only when everything is written.

A build that fails half way leaves the previous site untouched; files of removed clippings disappear because
the new folder starts empty. Every path is checked to stay inside the output folder, and no file is written
twice in one build (two pages at one address is a bug to report, not to overwrite silently).
"""
from __future__ import annotations

import ctypes
import errno
import glob
import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError


class SiteWriter:
    """Collects the files of one build in a staging folder; `commit()` makes them the output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = check_writable(out_dir)
        parent = self.out_dir.parent
        _remove_leftovers(self.out_dir)
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.building-{os.getpid()}-", dir=parent))
            self.staging.chmod(0o755)  # mkdtemp makes it private; a published site is not
        except OSError as exc:
            raise BuildError(f"cannot write the output folder {out_dir}: {exc.strerror or exc} ({parent})") from exc
        self.written: set[str] = set()

    def write(self, relative: str, text: str) -> None:
        """Write one file, given its path relative to the output folder (forward slashes)."""
        self.write_bytes(relative, text.encode("utf-8"))

    def write_bytes(self, relative: str, data: bytes) -> None:
        target = self._target(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def copy_tree(self, source: Path) -> None:
        """Copy a static folder in; files already written by the build (or an earlier folder) win."""
        for path in sorted(source.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(source).parts):
                relative = path.relative_to(source).as_posix()
                if relative not in self.written:
                    target = self._target(relative)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(path, target)

    def _target(self, relative: str) -> Path:
        if relative in self.written:
            raise BuildError(f"two files would be written to {relative}")
        target = (self.staging / relative).resolve()
        if not target.is_relative_to(self.staging) or target == self.staging:
            raise BuildError(f"refusing to write outside the output folder: {relative!r}")
        self.written.add(relative)
        return target

    def commit(self) -> None:
        """Swap the staging folder in as the output folder, then remove the previous one.

        On Linux the two folders trade places in one atomic step, so at no moment is there no output folder, even
        if the process is killed; elsewhere the previous folder is moved aside first, then the new one in."""
        try:
            if self.out_dir.exists() and _exchange(self.staging, self.out_dir):
                shutil.rmtree(self.staging, ignore_errors=True)  # it now holds the previous site
                return
            old = None
            if self.out_dir.exists():
                old = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-{os.getpid()}-", dir=self.out_dir.parent))
                os.rmdir(old)
                os.rename(self.out_dir, old)
            try:
                os.rename(self.staging, self.out_dir)
            except OSError:
                if old is not None:
                    os.rename(old, self.out_dir)  # put the previous site back
                raise
        except OSError as exc:
            raise BuildError(f"cannot replace the output folder {self.out_dir}: {exc.strerror or exc}") from exc
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staging folder away; the output folder was never touched."""
        shutil.rmtree(self.staging, ignore_errors=True)


def check_writable(out_dir: Path) -> Path:
    """The output folder, resolved, once it is sure a build can replace it; else a BuildError saying why.

    Run before any work, so that a build that cannot write fails at once and creates nothing: the folder must be a
    folder (or not exist yet), and the folder that holds it must exist (it is created when missing, as long as
    no file stands in the way) and accept a new entry."""
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise BuildError(f"cannot write the output folder {out_dir}: it is a file, not a folder")
    for folder in (out.parent, *out.parent.parents):
        if folder.exists():
            if not folder.is_dir():
                raise BuildError(f"cannot write the output folder {out_dir}: {folder} is a file, not a folder")
            break
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        os.rmdir(tempfile.mkdtemp(prefix=f".{out.name}.probe-", dir=out.parent))
    except OSError as exc:
        raise BuildError(f"cannot write the output folder {out_dir}: {exc.strerror or exc} ({out.parent})") from exc
    return out


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
