"""The build cache: what the previous build read and wrote, so the next one redoes only what changed.

It lives in `.sitegen-cache/` in the site folder (next to `sitegen.toml`), one subfolder per output folder,
and may be deleted at any time: the next build is then a full one, with the same output. Its files:

- `clippings-*.pickle`: each content file's parse result (its clippings and problems), keyed by a digest of
  its path and bytes, and `slugs.pickle`: the slugs made from titles and names;
- `templates/`: the templates compiled by Jinja (each checked against its source when loaded);
- `manifest.pickle`: every file of the output with the fingerprint it was made from, the digest of its
  bytes and its inode, size and mtime (to notice files changed by hand), plus the whole input's digest, the
  build's summary (a no-op rebuild answers from it) and each content file's stat and key (a file whose
  size, time and inode are unchanged is not read again).

Both carry the digest of sitegen's code; a different version of sitegen ignores them.
"""
from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
import pickle
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Clipping, Problem
from .writer import Output

FOLDER = ".sitegen-cache"
SHARDS = 16
"""Parse results are split by key so that one edited clipping rewrites a sixteenth of them."""
_FORMAT = 1

LoadResult = tuple[list[Clipping], list[Problem]]


@dataclass
class Manifest:
    """What the previous build wrote into one output folder."""

    input_key: bytes
    """Digest of everything the build read (content, templates, static files, settings, code)."""
    outputs: dict[str, Output]
    folders: dict[str, int]
    """Modification time of each output folder: a folder whose time is unchanged gained no stray file."""
    summary: Any
    """The build's result, returned as it is when nothing changed."""
    files: dict[str, Any]
    """Each content file's (size, mtime, inode) and content key: unchanged files are not read again."""
    started_ns: int
    """When that build started: files modified just before it are read again (see loaders.RACY_NS)."""


@dataclass
class BuildCache:
    """The cache folder of one output folder."""

    folder: Path
    code: bytes
    """Digest of sitegen's code; entries written by other code are ignored."""
    _shards_read: dict[int, set[bytes]] = field(default_factory=dict)
    _slugs_read: int = -1

    @classmethod
    def open(cls, site_dir: Path, out_dir: Path, code: bytes) -> BuildCache:
        """The cache for `out_dir`; caches of output folders that no longer exist are removed."""
        root = site_dir / FOLDER
        out = out_dir.resolve()
        name = f"{out.name}-{hashlib.sha1(str(out).encode()).hexdigest()[:10]}"
        if root.is_dir():
            for other in root.iterdir():
                owner = other / "output.txt"
                if other.name != name and owner.is_file() and \
                        not Path(owner.read_text(encoding="utf-8")).is_dir():
                    shutil.rmtree(other, ignore_errors=True)
        return cls(root / name, code)

    @property
    def compiled(self) -> Path:
        """Where Jinja keeps compiled templates."""
        return self.folder / "templates"

    def manifest(self) -> Manifest | None:
        found = self._read("manifest.pickle")
        return found if isinstance(found, Manifest) else None

    def clippings(self) -> dict[bytes, LoadResult]:
        """Parse results by content key (empty when there is no usable cache)."""
        results: dict[bytes, LoadResult] = {}
        for shard in range(SHARDS):
            stored = self._read(f"clippings-{shard:x}.pickle")
            if not isinstance(stored, dict):
                continue
            self._shards_read[shard] = set(stored)
            for key, (clippings, problems) in stored.items():
                results[key] = ([Clipping(*c) for c in clippings], [Problem(*p) for p in problems])
        return results

    def slugs(self) -> dict[tuple[str, int], str]:
        """The slugs the previous build made."""
        slugs = self._read("slugs.pickle")
        if not isinstance(slugs, dict):
            return {}
        self._slugs_read = len(slugs)
        return slugs

    def save(self, out_dir: Path, manifest: Manifest, clippings: dict[bytes, LoadResult],
             slugs: dict[tuple[str, int], str]) -> None:
        """Store this build's results; parse results only in the shards whose content changed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / "output.txt").write_text(str(out_dir.resolve()), encoding="utf-8")
        shards: dict[int, list[bytes]] = {shard: [] for shard in range(SHARDS)}
        for key in clippings:
            shards[key[0] % SHARDS].append(key)
        for shard, keys in shards.items():
            if set(keys) != self._shards_read.get(shard):
                self._write(f"clippings-{shard:x}.pickle", {
                    key: ([_fields(c) for c in found], [_fields(p) for p in problems])
                    for key in keys for found, problems in (clippings[key],)})
        if len(slugs) != self._slugs_read:
            names = {name for found, _ in clippings.values() for c in found
                     for name in (c.title, c.id, c.source, *c.categories)}
            self._write("slugs.pickle", {k: v for k, v in slugs.items() if k[0] in names})
        self._write("manifest.pickle", manifest)

    def _read(self, name: str) -> Any:
        try:
            with open(self.folder / name, "rb") as file:
                header = pickle.load(file)
                if header != (_FORMAT, self.code):
                    return None
                return pickle.load(file)
        except Exception:  # missing, truncated or from another version: a cache miss, never an error
            return None

    def _write(self, name: str, value: Any) -> None:
        """Write to a temporary file and rename it: a killed build never leaves half a cache file."""
        fd, temp = tempfile.mkstemp(prefix=f".{name}.", dir=self.folder)
        try:
            with os.fdopen(fd, "wb") as file:
                pickle.dump((_FORMAT, self.code), file, protocol=pickle.HIGHEST_PROTOCOL)
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, self.folder / name)
        except BaseException:
            os.unlink(temp)
            raise


def _fields(record: Any) -> tuple:
    """A dataclass's field values in order: pickled as a plain tuple, many times faster to load."""
    getter = _GETTERS.get(type(record))
    if getter is None:
        names = [f.name for f in dataclasses.fields(record)]
        getter = _GETTERS[type(record)] = operator.attrgetter(*names, names[0])
    return getter(record)[:-1]


_GETTERS: dict[type, Any] = {}
