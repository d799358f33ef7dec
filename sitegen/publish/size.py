"""How big the site is for GitHub Pages: the size of the tar artifact `actions/upload-pages-artifact` makes of it.

Pages takes the site as one tar file (GNU tar on the Linux runner, `--dereference --hard-dereference`, without
`.git`, `.github` and, by default, any hidden file or folder). In a tar every file costs a 512-byte header plus
its bytes padded to a multiple of 512, every folder a header, a path longer than 100 bytes another header and
its name padded to 512, and the archive ends with two empty blocks, padded to a 10 KiB record. So 100,000 small
pages weigh far more than their bytes: file count matters as much as size. The limit Pages publishes is 1 GB,
taken here as 10^9 bytes (the smaller reading); a single file should stay under 100 MB. The count is split by
part of the site (clipping pages, lists, search index, ...), told apart by path, so a report can say what to trim.
"""
from __future__ import annotations

import os
import re
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
TABLE_FROM = 100_000_000
"""Print the artifact by part from this size on (below it the size line says enough)."""
FILE_LIMIT = 100_000_000
"""Largest single file to publish without a warning (100 MB, GitHub's limit for a file in a repository)."""
_EXCLUDED = (".git", ".github")
PARTS = ("clipping pages", "list pages", "feeds, sitemap, data", "search index", "static files", "other")
"""What a site is made of, in the order the report lists them."""
_CLIPPING = re.compile(r"(?:\d{4}/\d{2}/\d{2}|undated)/(?!index\.html$)[^/]+\.html$")
_LIST = re.compile(r"(?:\d{4}|timeline|sources|categories|undated)/")
_DATA = frozenset({"clippings.json", "clippings.csv", "clippings.json.gz", "clippings.csv.gz", "robots.txt",
                   "sitemaps/"})
_STATIC = (".css", ".js", ".mjs", ".map", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".ico", ".woff",
           ".woff2", ".ttf", ".otf")
SIZE_ADVICE = "docs/deployment.md, section \"If the site is too large\""
"""Where the options to make a site smaller are listed."""


@dataclass(frozen=True, slots=True)
class PartSize:
    """One part of the site: what its files and folders add to the tar artifact."""

    name: str
    artifact_bytes: int
    """Headers, long-name entries and padded contents of the part's files and folders."""
    files: int


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
    parts: tuple[PartSize, ...] = ()
    """The artifact by part, in `PARTS` order; their bytes add up to `artifact_bytes` (the root's header and the
    archive's end and record padding, under 11 KiB, are counted in "other")."""

    @property
    def share_of_limit(self) -> float:
        return self.artifact_bytes / PAGES_LIMIT

    def largest_parts(self, count: int = 3) -> list[PartSize]:
        """The heaviest parts first (ties in `PARTS` order)."""
        return sorted((p for p in self.parts if p.artifact_bytes), key=lambda p: -p.artifact_bytes)[:count]


def part_of(relative: str) -> str:
    """Which part of the site a file (`a/b.html`) or folder (`a/b/`) belongs to, from its path alone."""
    if relative == "pagefind/" or relative.startswith("pagefind/"):
        return "search index"
    if _CLIPPING.match(relative):
        return "clipping pages"
    if relative.endswith(".xml") or relative in _DATA or relative.startswith("sitemaps/"):
        return "feeds, sitemap, data"
    if relative.endswith(_STATIC):
        return "static files"
    if _LIST.match(relative) and (relative.endswith("/") or relative.endswith(".html")):
        return "list pages"
    return "other"


class _Tally:
    """Blocks and files of a tar artifact, in total and by part, as entries are added."""

    def __init__(self) -> None:
        self.blocks = dict.fromkeys(PARTS, 0)
        self.files = dict.fromkeys(PARTS, 0)
        self.content = 0
        self.folders = 0
        self.big: list[tuple[str, int]] = []
        self.blocks["other"] += _entry_blocks("./")

    def folder(self, relative: str) -> None:
        """`relative`: the folder's path, ending in "/"."""
        self.blocks[part_of(relative)] += _entry_blocks(f"./{relative}")
        self.folders += 1

    def file(self, relative: str, size: int) -> None:
        part = part_of(relative)
        self.blocks[part] += _entry_blocks("./" + relative) + -(-size // BLOCK)
        self.files[part] += 1
        self.content += size
        if size > FILE_LIMIT:
            self.big.append((relative, size))

    def result(self, record: int) -> SiteSize:
        blocks = sum(self.blocks.values()) + 2  # the two empty blocks that end the archive
        artifact = -(-(blocks * BLOCK) // record) * record
        parts = tuple(PartSize(name, self.blocks[name] * BLOCK, self.files[name]) for name in PARTS)
        end = artifact - sum(p.artifact_bytes for p in parts)
        parts = parts[:-1] + (PartSize("other", parts[-1].artifact_bytes + end, parts[-1].files),)
        return SiteSize(artifact, self.content, sum(self.files.values()), self.folders,
                        tuple(sorted(self.big, key=lambda b: (-b[1], b[0]))), parts)


def measure(folder: Path, include_hidden: bool = False, record: int = RECORD) -> SiteSize:
    """Count `folder` the way `tar -cf artifact.tar .` in it would, without writing the tar (`record`: tar's
    record size, 512 times its blocking factor)."""
    tally = _Tally()
    for root, dirs, names in os.walk(folder, followlinks=True):
        dirs[:] = sorted(d for d in dirs if _kept(d, include_hidden))
        relative = Path(root).relative_to(folder).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        for d in dirs:
            tally.folder(f"{prefix}{d}/")
        for name in names:
            if _kept(name, include_hidden):
                tally.file(prefix + name, os.stat(os.path.join(root, name)).st_size)
    return tally.result(record)


def measure_files(sizes: Mapping[str, int], include_hidden: bool = False, record: int = RECORD) -> SiteSize:
    """`measure` from a list of the folder's files (relative path: bytes) instead of walking it: a build knows
    what it wrote, and walking 200,000 files costs seconds. Folders are those holding the files."""
    tally = _Tally()
    folders: set[str] = set()
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
            tally.folder(folder + "/")
            folder = folder.rpartition("/")[0]
        if kept:
            tally.file(relative, size)
    return tally.result(record)


def size_warnings(size: SiteSize) -> list[str]:
    """What to tell the user before deploying: the site nears or passes the limit, or holds a file too big."""
    warnings = []
    if size.artifact_bytes > PAGES_LIMIT:
        warnings.append(f"the site is over GitHub Pages' 1 GB limit: {describe(size)}. GitHub Pages will REFUSE "
                        f"to publish it. Largest parts: {_largest(size)}; see the {SIZE_ADVICE}")
    elif size.artifact_bytes > PAGES_LIMIT * WARN_SHARE:
        warnings.append(f"the site is near GitHub Pages' 1 GB limit: {describe(size)}")
    for path, nbytes in size.big_files:
        warnings.append(f"{path} is {_human(nbytes)}, over the {_human(FILE_LIMIT)} a single file on GitHub "
                        "should stay under")
    return warnings


def over_limit(size: SiteSize) -> str | None:
    """Why `--strict` fails the build, when the site is too big for GitHub Pages to publish; else None."""
    if size.artifact_bytes <= PAGES_LIMIT:
        return None
    return (f"the site is {size.artifact_bytes / 1e6:,.1f} MB as a Pages artifact, over GitHub Pages' 1 GB limit; "
            f"largest parts: {_largest(size)}; see the {SIZE_ADVICE} for ways to make it smaller")


def describe(size: SiteSize) -> str:
    """`12.3 MB as a Pages artifact (1.2 % of 1 GB), 1,234 files`."""
    return (f"{size.artifact_bytes / 1e6:,.1f} MB as a Pages artifact ({size.share_of_limit:.1%} of 1 GB), "
            f"{size.files:,} files")


def parts_table(size: SiteSize) -> list[str]:
    """The artifact by part, heaviest first, one aligned line per part with bytes, share and files."""
    rows = [(p.name, f"{p.artifact_bytes / 1e6:,.1f} MB", f"{p.artifact_bytes / size.artifact_bytes:.0%}",
             f"{p.files:,} files") for p in size.largest_parts(len(size.parts))] if size.artifact_bytes else []
    widths = [max((len(row[i]) for row in rows), default=0) for i in range(4)]
    return [f"  {name:<{widths[0]}}  {mb:>{widths[1]}}  {share:>{widths[2]}}  {files:>{widths[3]}}"
            for name, mb, share, files in rows]


def _largest(size: SiteSize) -> str:
    return ", ".join(f"{p.name} {p.artifact_bytes / 1e6:,.0f} MB ({p.files:,} files)" for p in size.largest_parts())


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
