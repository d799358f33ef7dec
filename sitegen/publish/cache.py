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

Both carry the digest of sitegen's code; a different version of sitegen ignores them. Every file is sealed with
the user's key (see sealed.py): one that does not verify, or cannot be read, is never loaded, and the build says
so once (`notice`). A cache is removed as stale only when its sealed `output` file says so.
"""
from __future__ import annotations

import dataclasses
import hashlib
import operator
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket

from ..model import Clipping, Problem
from .sealed import KeyUnavailableError, SealingWriter, key_file, unseal, user_key
from .writer import Output

FOLDER = ".sitegen-cache"
SHARDS = 16
"""Parse results are split by key so that one edited clipping rewrites a sixteenth of them."""
_FORMAT = 2
_OWNER = "output"
"""The sealed file that names the output folder a cache belongs to."""

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


def slot_name(out_dir: Path) -> str:
    """The cache subfolder of an output folder: its name and a digest of its full path."""
    out = out_dir.resolve()
    return f"{out.name}-{hashlib.sha1(str(out).encode('utf-8', 'surrogateescape')).hexdigest()[:10]}"


class CacheUnavailableError(Exception):
    """The cache cannot be used at all (no key); the build runs without it."""


@dataclass
class BuildCache:
    """The cache folder of one output folder."""

    folder: Path
    code: bytes
    """Digest of sitegen's code; entries written by other code are ignored."""
    key: bytes
    """The user's sealing key."""
    rejected: list[str] = field(default_factory=list)
    """Files that were there but did not verify or could not be read: absent to this build."""
    _shards_read: dict[int, set[bytes]] = field(default_factory=dict)
    _slugs_read: int = -1

    @classmethod
    def open(cls, site_dir: Path, out_dir: Path, code: bytes) -> BuildCache:
        """The cache for `out_dir`; caches of output folders that no longer exist are removed. Raises
        CacheUnavailableError when the user's key cannot be had."""
        try:
            key = user_key(key_file())
        except (KeyUnavailableError, RuntimeError) as exc:  # RuntimeError: no home folder to keep it in
            raise CacheUnavailableError(f"no key to seal it with: {exc}") from exc
        root = site_dir / FOLDER
        name = slot_name(out_dir)
        cache = cls(root / name, code, key)
        if root.is_dir():
            for other in sorted(root.iterdir()):
                if other.name != name and not other.is_symlink() and other.is_dir():
                    owner = cache._unsealed(other, _OWNER)
                    if owner is not None and not Path(bytes(owner).decode("utf-8", "surrogateescape")).is_dir():
                        shutil.rmtree(other, ignore_errors=True)
        if cache.folder.is_symlink() or (cache.folder.exists() and not cache.folder.is_dir()):
            cache.rejected.append(name)  # not a folder sitegen made: the link or file goes, never what it names
            cache.folder.unlink()
        return cache

    @property
    def compiled(self) -> Path:
        """Where compiled templates are kept."""
        return self.folder / "templates"

    def templates(self, catalog_key: bytes) -> SealedTemplates:
        """The compiled templates, as Jinja's bytecode cache, for the interface catalog `catalog_key`; each verified
        now, so that one that does not is counted with the rest (a template compiled later in a worker process
        could not report it)."""
        stored: dict[str, bytes] = {}
        if self.compiled.is_dir() and not self.compiled.is_symlink():
            for path in sorted(self.compiled.glob("*.cache")):
                payload = self._unsealed(self.folder, f"templates/{path.name}")
                if payload is not None:
                    stored[path.stem] = bytes(payload)
                else:  # not one this cache would write again in its place: it goes now
                    path.unlink(missing_ok=True)
        return SealedTemplates(self, stored, catalog_key.hex()[:16])

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

    def notice(self) -> Problem | None:
        """One notice for every cache file this build could not use (planted, damaged, or sealed with another
        user's key), or None."""
        if not self.rejected:
            return None
        rejected = sorted(set(self.rejected))
        names = ", ".join(rejected[:3]) + (f" and {len(rejected) - 3} more" if len(rejected) > 3 else "")
        return Problem(str(self.folder.resolve()), f"build cache not used where it did not verify ({names}): "
                       "not written by this user's sitegen, or damaged; those parts are made again", "notice")

    def save(self, out_dir: Path, manifest: Manifest, clippings: dict[bytes, LoadResult],
             slugs: dict[tuple[str, int], str]) -> None:
        """Store this build's results; parse results only in the shards whose content changed."""
        self.folder.mkdir(parents=True, exist_ok=True)
        owner = str(out_dir.resolve()).encode("utf-8", "surrogateescape")
        self._write_sealed(_OWNER, lambda out: out.write(owner))
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

    def _unsealed(self, folder: Path, name: str) -> memoryview | None:
        """A sealed file's payload; None when it is missing, and also (noted in `rejected`) when it is there but
        does not verify or cannot be read."""
        try:
            data = (folder / name).read_bytes()
        except FileNotFoundError:
            return None
        except OSError:
            data = b""
        payload = unseal(self.key, f"{folder.name}/{name}".encode("utf-8", "surrogateescape"), data)
        if payload is None and folder == self.folder:
            self.rejected.append(name)
        return payload

    def _read(self, name: str) -> Any:
        payload = self._unsealed(self.folder, name)
        if payload is None:
            return None
        try:
            header, value = pickle.loads(payload)
        except Exception:  # sealed by this user's sitegen, yet unreadable: an older layout
            return None
        return value if header == (_FORMAT, self.code) else None

    def _write(self, name: str, value: Any) -> None:
        self._write_sealed(name, lambda out: pickle.dump(((_FORMAT, self.code), value), out,
                                                         protocol=pickle.HIGHEST_PROTOCOL))

    def _write_sealed(self, name: str, fill: Callable[[SealingWriter], object]) -> None:
        """Seal what `fill` writes into a temporary file and rename it: a killed build never leaves half a file."""
        path = self.folder / name
        fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as file:
                out = SealingWriter(file, self.key, f"{self.folder.name}/{name}".encode("utf-8", "surrogateescape"))
                fill(out)
                out.finish()
            os.replace(temp, path)
        except BaseException:
            os.unlink(temp)
            raise


class SealedTemplates(BytecodeCache):
    """Jinja's compiled templates, sealed like the rest of the cache (a compiled template is code), and kept per
    interface catalog: Jinja folds a filter of a constant (`{{ 1000|number }}`) into the compiled template, which
    must then not serve a build in another language."""

    def __init__(self, cache: BuildCache, stored: dict[str, bytes], catalog: str) -> None:
        self.cache = cache
        self.stored = stored
        self.catalog = catalog

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return super().get_cache_key(name, filename) + self.catalog

    def load_bytecode(self, bucket: Bucket) -> None:
        data = self.stored.get(bucket.key)
        if data is not None:
            bucket.bytecode_from_string(data)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.cache.compiled.mkdir(parents=True, exist_ok=True)
        compiled = bucket.bytecode_to_string()
        self.cache._write_sealed(f"templates/{bucket.key}.cache", lambda out: out.write(compiled))


def _fields(record: Any) -> tuple:
    """A dataclass's field values in order: pickled as a plain tuple, many times faster to load."""
    getter = _GETTERS.get(type(record))
    if getter is None:
        names = [f.name for f in dataclasses.fields(record)]
        getter = _GETTERS[type(record)] = operator.attrgetter(*names, names[0])
    return getter(record)[:-1]


_GETTERS: dict[type, Any] = {}
