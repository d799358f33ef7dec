"""Writing the site: only what changed, staged next to the output, made live only when everything is written.

Every file of a build goes through a `SiteWriter`. Files whose bytes equal the previous build's (known
from the cache's manifest, and checked against the disk by inode, size and modification time) are kept
as they are; the others are written into a staging folder next to the output. `commit()` then makes the
staged files live in one of two ways:

- swap: the unchanged files are hard-linked into the staging folder, which then replaces the output
  folder (two renames). Used for first and large rebuilds, and whenever a later step needs the whole site
  in the staging folder (`complete()`).
- patch: for small changes, the staged files are renamed into the output folder one by one and removed
  files are deleted, following a journal written into the staging folder first. Each file is replaced
  atomically (a reader never sees half a page); a build killed during these renames is finished by the
  next run before it does anything else.

A build that fails before `commit()` never touches the output folder. Every path is checked to stay inside
the output folder, and no file is written twice in one build.
"""
from __future__ import annotations

import json
import os
import posixpath
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import NamedTuple

from ..errors import BuildError
from .scan import Scan, Stat, file_digest, folder_times, scan
from .swap import JOURNAL, apply_journal, contained, finish_interrupted, recover, swap

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
PATCH_SHARE = 4
"""Patch in place only when at most 1/PATCH_SHARE of the files change; otherwise swap folders."""


class Output(NamedTuple):
    """One file of a built site, as the cache remembers it (a tuple: a manifest holds 100,000s of them)."""

    key: bytes | None
    """Fingerprint of what the file was made from (None: always made again, e.g. static files)."""
    digest: bytes
    """Digest of its bytes."""
    stat: Stat


class PreviousOutput:
    """The previous build's files that are still on disk as it wrote them: what this build may keep instead of
    writing again. Read only, so that worker processes may consult it while the build's writer writes."""

    def __init__(self, intact: Mapping[str, Output]) -> None:
        self._intact = intact

    def reusable(self, relative: str, key: bytes | None) -> Output | None:
        """The previous file at this path when it was made from the same key."""
        output = self._intact.get(relative)
        return output if output is not None and key is not None and output.key == key else None

    def same_bytes(self, relative: str, data_digest: bytes, key: bytes | None) -> Output | None:
        """The record of the previous file at this path, now made from `key`, when it holds these very bytes."""
        old = self._intact.get(relative)
        return Output(key, data_digest, old.stat) if old is not None and old.digest == data_digest else None


Made = tuple[str, Output, bytes | None]
"""A file made for the build: its path, its record, and its bytes when they must be written (None: the previous
build's file is kept). Rendering returns these; only the build's writer writes them."""


class SiteWriter:
    """The files of one build; `commit()` makes them the output folder's content, exactly. The one writer of a
    build: everything made elsewhere (in worker processes too) comes here as bytes."""

    def __init__(self, out_dir: Path, previous: Mapping[str, Output] | None = None,
                 folders: Mapping[str, int] | None = None, scanned: Scan | None = None) -> None:
        """`scanned`: the output folder's `scan` with `previous` and `folders`, when it was made already."""
        self.out_dir = check_writable(out_dir)
        parent = self.out_dir.parent
        recover(self.out_dir)
        try:
            self.staging = Path(tempfile.mkdtemp(prefix=f".{self.out_dir.name}.building-{os.getpid()}-", dir=parent))
            """Where new and changed files are written; holds the whole site only after `complete()`."""
            self.staging.chmod(0o755)  # mkdtemp makes it private; a published site is not
        except OSError as exc:
            raise BuildError(f"cannot write the output folder {out_dir}: {exc.strerror or exc} ({parent})") from exc
        self._folders = folders or {}
        self._on_disk: dict[str, Stat] = {}
        self._links = False
        self._intact: dict[str, Output] = {}
        """Files of the previous build that are still on disk as that build wrote them (with their stat now)."""
        if previous and self.out_dir.is_dir():
            self._on_disk, self._links, self._intact = scanned or scan(self.out_dir, previous, folders)
        self._previous = previous or {}
        self.previous = PreviousOutput(self._intact)
        self._claimed: set[str] = set()
        self._complete = False
        self.outputs: dict[str, Output] = {}
        self.staged: set[str] = set()
        self.changes = 0
        """Files written or removed by `commit()`."""
        self.folders: dict[str, int] = {}
        """After `commit()`: modification times of the output's folders, for the next build's scan."""

    def claim(self, relative: str) -> None:
        """Reserve a path for this build; two files at one path, or a path leaving the folder, is an error."""
        if relative in self._claimed:
            raise BuildError(f"two files would be written to {relative}")
        if not contained(relative) or posixpath.normpath(relative) == JOURNAL:
            raise BuildError(f"refusing to write outside the output folder: {relative!r}")
        self._claimed.add(relative)

    def reusable_group(self, key: bytes | None) -> list[tuple[str, Output]]:
        """All files the previous build made from `key`, when every one of them is untouched; else none."""
        if key is None:
            return []
        group = sorted((relative, self._intact.get(relative)) for relative, output in self._previous.items()
                       if output.key == key)
        return group if all(output is not None and output.key == key for _, output in group) else []

    def put(self, relative: str, data: bytes, key: bytes | None = None, data_digest: bytes | None = None) -> Output:
        """Stage a claimed file unless the previous build left the same bytes (whose digest, when known, is
        `data_digest`); returns its record."""
        data_digest = data_digest or file_digest(data)
        kept = self.previous.same_bytes(relative, data_digest, key)
        if kept is not None:
            return kept
        target = os.path.join(self.staging, relative)
        try:  # os-level calls: a Python file object costs more than writing a small page
            fd = os.open(target, _NEW_FILE, 0o666)
        except FileNotFoundError:
            os.makedirs(os.path.dirname(target), exist_ok=True)
            fd = os.open(target, _NEW_FILE, 0o666)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            st = os.fstat(fd)
        finally:
            os.close(fd)
        return Output(key, data_digest, (st.st_ino, st.st_size, st.st_mtime_ns))

    def store(self, made: Iterable[Made]) -> None:
        """Write what was made elsewhere (rendered pages, ...) and record every file of it."""
        for relative, output, data in made:
            if data is not None:
                output = self.put(relative, data, output.key, output.digest)
            self.record(relative, output)

    def record(self, relative: str, output: Output) -> None:
        """Note a file of this build (made by `put`, or the previous build's, kept)."""
        self.outputs[relative] = output
        old = self._intact.get(relative)
        if old is None or old.stat != output.stat:
            self.staged.add(relative)

    def current(self, relative: str) -> str:
        """Where this build's file at `relative` is now: staged, or kept in the output folder."""
        return os.path.join(self.staging if relative in self.staged else self.out_dir, relative)

    def write_bytes(self, relative: str, data: bytes, key: bytes | None = None) -> None:
        """Claim, stage and record one file, given its path relative to the output folder (forward slashes)."""
        self.claim(relative)
        self.record(relative, self.put(relative, data, key))

    def copy_tree(self, source: Path) -> None:
        """Copy a static folder in; files already written by the build (or an earlier folder) win."""
        for path in sorted(source.rglob("*")):
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(source).parts):
                relative = path.relative_to(source).as_posix()
                if relative not in self._claimed:
                    self.write_bytes(relative, path.read_bytes())

    def complete(self) -> Path:
        """Make the staging folder hold the whole site (unchanged files hard-linked in); returns it.

        For steps that read the finished site before it goes live (a search indexer, a link checker).
        """
        if not self._complete:
            made: set[str] = set()
            for relative in sorted(self.outputs.keys() - self.staged):
                target = os.path.join(self.staging, relative)
                folder = os.path.dirname(target)
                if folder not in made:
                    os.makedirs(folder, exist_ok=True)
                    made.add(folder)
                os.link(os.path.join(self.out_dir, relative), target)
            self._complete = True
        return self.staging

    def commit(self) -> dict[str, Output]:
        """Make the output folder hold exactly this build's files; returns them for the cache's manifest."""
        removed = sorted(self._on_disk.keys() - self.outputs.keys())
        self.changes = len(self.staged) + len(removed)
        small = (len(self.staged) + len(removed)) * PATCH_SHARE <= len(self.outputs)
        if self._on_disk and small and not self._links and not self._complete:
            journal = {"renames": sorted(self.staged), "deletions": removed}
            (self.staging / JOURNAL).write_text(json.dumps(journal), encoding="utf-8")
            apply_journal(self.out_dir, self.staging, journal)
            shutil.rmtree(self.staging, ignore_errors=True)
            self.folders = folder_times(self.out_dir, self.outputs, self._folders, [*self.staged, *removed])
        else:
            self.complete()
            swap(self.staging, self.out_dir)
            self.folders = folder_times(self.out_dir, self.outputs)
        return self.outputs

    def abort(self) -> None:
        """Throw the staging folder away; the output folder was never touched.

        Unless the patch had begun: then it is finished, here or (if that fails too) by the next build.
        """
        if (self.staging / JOURNAL).is_file():
            finish_interrupted(self.out_dir)
        else:
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


