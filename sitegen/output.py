"""Writing the site: into a fresh folder next to the output, swapped in only when everything is written.

A build that fails half way leaves the previous site untouched; files of removed clippings disappear because
the new folder starts empty. Every path is checked to stay inside the output folder, and no file is written
twice in one build (two pages at one address is a bug to report, not to overwrite silently).
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError


class SiteWriter:
    """Collects the files of one build in a staging folder; `commit()` makes them the output folder."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir.resolve()
        parent = self.out_dir.parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.building-", dir=parent))
            self.staging.chmod(0o755)  # mkdtemp makes it private; a published site is not
        except OSError as exc:
            raise BuildError(f"cannot write to {parent}: {exc.strerror or exc}") from exc
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
        """Swap the staging folder in as the output folder, then remove the previous one."""
        old = None
        if self.out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.old-", dir=self.out_dir.parent))
            os.rmdir(old)
            os.rename(self.out_dir, old)
        os.rename(self.staging, self.out_dir)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Throw the staging folder away; the output folder was never touched."""
        shutil.rmtree(self.staging, ignore_errors=True)
