"""Indexing the built site for search, shard by shard, keeping every shard whose pages did not change.

A shard's index is made from the bytes and paths of the clipping pages its glob matches, the shard itself
(its plan, and whether it is the primary one that carries Pagefind's runtime), the language, Pagefind's
version and sitegen's code and settings. All of these are digested into the shard's key, which every file of
the shard's folder is recorded with; when the previous build made a shard from the same key and its files
are untouched, they are kept as they are. One edited clipping therefore re-indexes one shard, not all.

A shard that must be indexed is indexed from a scratch folder inside the staging folder holding a copy of just
its pages (staged or kept) with the search marks the published pages leave out (see marks.py), so the
unchanged rest of the site is never copied. The marks are made from the page's bytes and the build's settings
and words, which the key holds: the shard's key still says everything its index is made from. Pagefind
hands its files over as bytes; the build's writer writes them (see pagefind.py for why Pagefind writes none).
"""
from __future__ import annotations

import re
import shutil
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from ..errors import BuildError
from ..publish.writer import Output, SiteWriter
from ..render.fingerprint import digest
from .bundle import shard_files
from .marks import Marks, marked
from .packs import TABLE, packed_results
from .pagefind import index_files, indexer_version
from .shards import INDEX_FOLDER, IndexReport, Shard, shard_pattern

_EVERY_PAGE = "**/*.html"
"""What Pagefind indexes in a shard's scratch folder, which holds the shard's pages and nothing else."""

SCRATCH = ".sitegen-index"
"""Scratch folder in the staging folder; never claimed by a page (no page's path starts with a dot)."""


def index_shards(writer: SiteWriter, shards: Sequence[Shard], language: str, build_key: bytes, marks: Marks,
                 result_words: int | None = None, jobs: int = 1) -> IndexReport:
    """Index the shards whose pages changed into `/pagefind/<shard>/`, keep the others; record every file.
    `marks`: what the pages' search marks are made with (`build_key` must hold it: settings and words).
    `result_words`: cut each search result's stored text to that many words (see `bundle.trim_results`).
    `jobs`: shards indexed at once, each by its own Pagefind process (Pagefind uses about one core for one
    index, and indexing is most of a large build's time); their files are written one shard after the other, in
    shard order, by this thread."""
    if any(relative.startswith(INDEX_FOLDER + "/") for relative in writer.outputs):
        raise BuildError(f"the site already has a /{INDEX_FOLDER}/ folder (from static/?); the search index needs it")
    started = time.perf_counter()
    members = _pages_of(writer.outputs, shards)
    common = digest(build_key, indexer_version().encode(), language.encode(), repr(result_words).encode())
    keys, kept, held = [], [], []
    for position, shard in enumerate(shards):
        key = digest(common, repr(shard).encode(), b"primary" if position == 0 else b"merged",
                     *(part for relative in members[position]
                       for part in (relative.encode(), writer.outputs[relative].digest)))
        group = writer.reusable_group(key)
        count = _results_held(writer, group, shard) if group else None
        reused = count is not None and shard.count - shard.wordless <= count <= shard.count
        keys.append(key)
        kept.append(group if reused else None)
        held.append(count if reused else None)
    indexed = files = size = results = 0
    pool = ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="pagefind")
    try:
        runs = {position: pool.submit(_run, writer, shard, members[position], language, marks)
                for position, shard in enumerate(shards) if kept[position] is None}
        for position, shard in enumerate(shards):
            group = kept[position]
            if group is not None:
                for relative, output in group:
                    writer.claim(relative)
                    writer.record(relative, output)
            else:
                read, made = runs[position].result()
                group = _store(writer, shard, made, len(members[position]), read, keys[position], position == 0,
                               result_words)
                held[position] = _results_held(writer, group, shard)
                indexed += 1
            files += len(group)
            size += sum(output.stat[1] for _, output in group)
            results += held[position] or 0
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(writer.staging / SCRATCH, ignore_errors=True)
    clippings = sum(s.count for s in shards)
    if not clippings - sum(s.wordless for s in shards) <= results <= clippings:
        raise BuildError(f"the search index holds {results} results for {clippings} clippings")
    return IndexReport(len(shards), clippings, files, size, time.perf_counter() - started, indexed)


def _results_held(writer: SiteWriter, group: list[tuple[str, Output]], shard: Shard) -> int | None:
    """How many results the files recorded for a shard hold, as its table of packs places them in packs of the
    recorded sizes (see `packs.packed_results`); None when there is no entry file or no readable table. A
    previous build's record that holds too few (left by another sitegen, or cut) is not reused: the shard is
    indexed again, so that a damaged shard never outlives a build."""
    folder = f"{INDEX_FOLDER}/{shard.name}/"
    sizes = {relative[len(folder):]: output.stat[1] for relative, output in group if relative.startswith(folder)}
    if "pagefind-entry.json" not in sizes or TABLE not in sizes:
        return None
    try:
        with open(writer.current(folder + TABLE), "rb") as table:
            return packed_results(table.read(), sizes)
    except (OSError, ValueError):
        return None


def _pages_of(outputs: dict[str, Output], shards: Sequence[Shard]) -> list[list[str]]:
    """For each shard, the site's files its glob matches, sorted (shards are disjoint: one match each)."""
    pattern = re.compile("|".join(f"(?P<s{i}>{shard_pattern(shard)})" for i, shard in enumerate(shards)))
    members: list[list[str]] = [[] for _ in shards]
    for relative in sorted(outputs):
        if not relative.endswith("/index.html") and (found := pattern.fullmatch(relative)):
            members[int(found.lastgroup[1:])].append(relative)
    return members


def _run(writer: SiteWriter, shard: Shard, pages: list[str], language: str,
         marks: Marks) -> tuple[int, dict[str, bytes]]:
    """Index one shard from a scratch folder of its own holding just its pages, marked: what Pagefind read and
    made. Runs in an indexing thread: it reads the site's pages and writes only its scratch folder."""
    scratch = writer.staging / SCRATCH / shard.name
    shutil.rmtree(scratch, ignore_errors=True)
    try:
        folders = set()
        for relative in pages:
            target = scratch / relative
            if target.parent not in folders:
                target.parent.mkdir(parents=True, exist_ok=True)
                folders.add(target.parent)
            with open(writer.current(relative), "rb") as page:
                target.write_bytes(marked(page.read(), marks))
        return index_files(scratch, _EVERY_PAGE, language)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _store(writer: SiteWriter, shard: Shard, files: dict[str, bytes], pages: int, read: int, key: bytes,
           primary: bool, result_words: int | None) -> list[tuple[str, Output]]:
    """Check, write and record one indexed shard's files; return them."""
    made = []
    for name, data in shard_files(files, shard, pages, read, primary, result_words).items():
        relative = f"{INDEX_FOLDER}/{shard.name}/{name}"
        writer.claim(relative)
        output = writer.put(relative, data, key)
        if output.stat[1] != len(data):
            raise BuildError(f"{relative} was written {output.stat[1]} bytes long, not {len(data)}")
        writer.record(relative, output)
        made.append((relative, output))
    return made
