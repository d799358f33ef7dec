"""How big the site is for GitHub Pages: the size of the tar artifact `actions/upload-pages-artifact` makes of it.

Pages takes the site as one tar file (GNU tar on the Linux runner, `--dereference --hard-dereference`, without
`.git`, `.github` and, by default, any hidden file or folder). In a tar every file costs a 512-byte header plus
its bytes padded to a multiple of 512, every folder a header, a path longer than 100 bytes another header and
its name padded to 512, and the archive ends with two empty blocks, padded to a 10 KiB record. So 100,000 small
pages weigh far more than their bytes: file count matters as much as size. The limit Pages publishes is 1 GB,
taken here as 10^9 bytes (the smaller reading); a single file should stay under 100 MB.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

BLOCK = 512
RECORD = 20 * BLOCK
"""GNU tar's default record (blocking factor 20): the archive's length is a multiple of it."""
NAME_FIELD = 100
"""Bytes for a path in a tar header; a longer path gets a GNU `././@LongLink` entry before it."""
PAGES_LIMIT = 1_000_000_000
"""GitHub Pages' limit on a published site (1 GB)."""
WARN_SHARE = 0.8
"""Warn when the artifact passes this share of the limit."""
FILE_LIMIT = 100_000_000
"""Largest single file to publish without a warning (100 MB, GitHub's limit for a file in a repository)."""
_EXCLUDED = (".git", ".github")


@dataclass(frozen=True, slots=True)
class SiteSize:
    """Figures for one output folder, as GitHub Pages will count them."""

    artifact_bytes: int
    """Length of the tar artifact."""
    content_bytes: int
    """The files' own bytes, without tar headers and padding."""
    files: int
    folders: int
    """Folders below the root (the root itself is in the artifact too, and counted in `artifact_bytes`)."""
    big_files: tuple[tuple[str, int], ...]
    """(path, bytes) of every file over `FILE_LIMIT`, largest first."""

    @property
    def share_of_limit(self) -> float:
        return self.artifact_bytes / PAGES_LIMIT


def measure(folder: Path, include_hidden: bool = False, record: int = RECORD) -> SiteSize:
    """Count `folder` the way `tar -cf artifact.tar .` in it would, without writing the tar (`record`: tar's
    record size, 512 times its blocking factor)."""
    blocks = _entry_blocks("./")
    content = files = folders = 0
    big = []
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if _kept(d, include_hidden))
        relative = Path(root).relative_to(folder).as_posix()
        prefix = "./" if relative == "." else f"./{relative}/"
        for d in dirs:
            blocks += _entry_blocks(f"{prefix}{d}/")
            folders += 1
        for name in names:
            if not _kept(name, include_hidden):
                continue
            size = os.stat(os.path.join(root, name)).st_size
            blocks += _entry_blocks(prefix + name) + -(-size // BLOCK)
            content += size
            files += 1
            if size > FILE_LIMIT:
                big.append((prefix[2:] + name, size))
    artifact = (blocks + 2) * BLOCK
    artifact = -(-artifact // record) * record
    return SiteSize(artifact, content, files, folders, tuple(sorted(big, key=lambda b: (-b[1], b[0]))))


def measure_files(sizes: Mapping[str, int], include_hidden: bool = False, record: int = RECORD) -> SiteSize:
    """`measure` from a list of the folder's files (relative path: bytes) instead of walking it: a build knows
    what it wrote, and walking 200,000 files costs seconds. Folders are those holding the files."""
    blocks = _entry_blocks("./")
    content = files = 0
    folders: set[str] = set()
    big = []
    for relative, size in sizes.items():
        if include_hidden or relative.startswith(".") or "/." in relative:  # the rare case, part by part
            parts = relative.split("/")
            if not all(_kept(part, include_hidden) for part in parts[:-1]):
                continue
            folder = "/".join(parts[:-1])
            kept = _kept(parts[-1], include_hidden)
        else:  # no name starts with "." (as every excluded name does): all kept
            folder, kept = relative.rpartition("/")[0], True
        while folder and folder not in folders:
            folders.add(folder)
            folder = folder.rpartition("/")[0]
        if not kept:
            continue
        blocks += _entry_blocks("./" + relative) + -(-size // BLOCK)
        content += size
        files += 1
        if size > FILE_LIMIT:
            big.append((relative, size))
    blocks += sum(_entry_blocks(f"./{folder}/") for folder in folders)
    artifact = -(-((blocks + 2) * BLOCK) // record) * record
    return SiteSize(artifact, content, files, len(folders), tuple(sorted(big, key=lambda b: (-b[1], b[0]))))


def size_warnings(size: SiteSize) -> list[str]:
    """What to tell the user before deploying: the site nears or passes the limit, or holds a file too big."""
    warnings = []
    if size.artifact_bytes > PAGES_LIMIT * WARN_SHARE:
        verb = "is over" if size.artifact_bytes > PAGES_LIMIT else "is near"
        warnings.append(f"the site {verb} GitHub Pages' 1 GB limit: {describe(size)}")
    for path, nbytes in size.big_files:
        warnings.append(f"{path} is {_human(nbytes)}, over the {_human(FILE_LIMIT)} a single file on GitHub "
                        "should stay under")
    return warnings


def describe(size: SiteSize) -> str:
    """`12.3 MB as a Pages artifact (1.2 % of 1 GB), 1,234 files`."""
    return (f"{size.artifact_bytes / 1e6:,.1f} MB as a Pages artifact ({size.share_of_limit:.1%} of 1 GB), "
            f"{size.files:,} files")


def _human(nbytes: int) -> str:
    return f"{nbytes / 1e6:,.0f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:,.0f} kB"


def _kept(name: str, include_hidden: bool) -> bool:
    return name not in _EXCLUDED and (include_hidden or not name.startswith("."))


def _entry_blocks(name: str) -> int:
    """Header blocks of one entry: its header, and a long-name entry (header and name) when the path is long."""
    length = len(name.encode("utf-8"))
    if length <= NAME_FIELD:
        return 1
    return 2 + -(-(length + 1) // BLOCK)
