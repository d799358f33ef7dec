"""Full-text search with Pagefind: plan the index shards, describe the search page, index the staged site.

Pagefind's indexer holds a whole index in memory; one index over 100,000 clipping bodies peaked near 12 GB.
So the clippings are indexed in shards, each a range of dates holding at most `search_shard_size` clippings,
one shard at a time in its own Pagefind service process (whose memory is returned when it exits), each into
its own folder `/pagefind/<shard>/`. The search page loads the newest shard as Pagefind's primary index and
merges the others (`mergeIndex`), so one query spans them all.

Shard boundaries are aligned blocks of a fixed binary tree over dates (year ranges of 2^k years, then months
within a year, then days within a month); a block splits in two only while it holds too many clippings. A
block's bounds never depend on other blocks, so adding a clipping can only split the shard it falls into:
every other shard keeps its name and its files. Shards are disjoint date ranges, which also gives "newest
first" across shards for free: newest shard first, each sorted by date.
"""
from __future__ import annotations

import bisect
import datetime as dt
import gzip
import json
import re
import shutil
import threading
from collections.abc import Coroutine, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .archive import Archive
from .errors import BuildError
from .model import Clipping
from .output import gzipped
from .pages import Crumb, Page

INDEX_FOLDER = "pagefind"
"""Where the index lives in the site: `/pagefind/<shard>/`."""
_KEY_BITS = 21
"""A date as one integer: year (12 bits), month - 1 (4 bits), day - 1 (5 bits); see `_key`."""
_PAGE_GLOB = "*.html"
"""Clipping pages in a date folder (the folder's own index.html, a list, is never among the pages indexed)."""


@dataclass(frozen=True, slots=True)
class Shard:
    """One index shard: a range of dates and the clipping pages in it."""

    name: str
    """Folder name under `/pagefind/` and the shard's filter value: `2016_2023`, `2019-01_2019-08`, `undated`."""
    glob: str
    """The clipping pages it indexes, as a Pagefind glob relative to the site root."""
    count: int
    """Clippings in it."""
    wordless: int = 0
    """Clippings in it with no letter or digit in title or text: Pagefind writes no result for those."""


@dataclass(frozen=True, slots=True)
class IndexReport:
    """What indexing wrote, for the build summary."""

    shards: int
    pages: int
    """Clippings the index holds."""
    files: int
    bytes: int
    seconds: float
    indexed: int = 0
    """Shards indexed by this build; the others were kept from the previous one (their pages were unchanged)."""


def _key(date: dt.date) -> int:
    return date.year << 9 | (date.month - 1) << 5 | (date.day - 1)


def plan_shards(archive: Archive, max_size: int) -> list[Shard]:
    """The shards, newest first; each holds at most `max_size` clippings unless one day alone holds more."""
    keys = sorted(_key(e.date) for e in archive.entries if e.date is not None)
    blocks: list[tuple[int, int, int]] = []  # (first key, bits, count), oldest first

    def split(start: int, bits: int) -> None:
        lo = bisect.bisect_left(keys, start)
        count = bisect.bisect_left(keys, start + (1 << bits)) - lo
        if count == 0:
            return
        if count <= max_size or bits == 0:
            blocks.append((start, bits, count))
            return
        split(start, bits - 1)
        split(start + (1 << (bits - 1)), bits - 1)

    split(0, _KEY_BITS)
    wordless = sorted(_key(e.date) for e in archive.entries if e.date is not None and not _has_words(e.clipping))
    shards = [_shard(start, bits, count, keys, wordless) for start, bits, count in blocks]
    if archive.undated:
        shards.insert(0, Shard("undated", f"undated/{_PAGE_GLOB}", len(archive.undated),
                               sum(not _has_words(e.clipping) for e in archive.undated)))
    return shards[::-1]


def _has_words(clipping: Clipping) -> bool:
    return any(map(str.isalnum, clipping.title)) or any(map(str.isalnum, clipping.body))


def _shard(start: int, bits: int, count: int, keys: list[int], wordless: list[int]) -> Shard:
    """Name a block by its calendar bounds and glob exactly the date folders that hold its clippings."""
    end = start + (1 << bits) - 1
    silent = bisect.bisect_right(wordless, end) - bisect.bisect_left(wordless, start)
    present = keys[bisect.bisect_left(keys, start):bisect.bisect_right(keys, end)]
    year, month, day = start >> 9, (start >> 5 & 15) + 1, (start & 31) + 1
    last_year, last_month, last_day = end >> 9, min((end >> 5 & 15) + 1, 12), min((end & 31) + 1, 31)
    if bits >= 9:
        name = f"{year:04d}" if year == last_year else f"{year:04d}_{last_year:04d}"
        folders = sorted({f"{k >> 9:04d}" for k in present})
        pattern = "{}/[0-9][0-9]/[0-9][0-9]"
    elif bits >= 5:
        name = f"{year:04d}-{month:02d}" + ("" if month == last_month else f"_{year:04d}-{last_month:02d}")
        folders = sorted({f"{(k >> 5 & 15) + 1:02d}" for k in present})
        pattern = f"{year:04d}/{{}}/[0-9][0-9]"
    else:
        name = f"{year:04d}-{month:02d}-{day:02d}" + ("" if day == last_day else f"_{year:04d}-{month:02d}-{last_day:02d}")
        folders = sorted({f"{(k & 31) + 1:02d}" for k in present})
        pattern = f"{year:04d}/{month:02d}/{{}}"
    choice = folders[0] if len(folders) == 1 else "{" + ",".join(folders) + "}"
    return Shard(name, pattern.format(choice) + f"/{_PAGE_GLOB}", count, silent)


def search_page(archive: Archive, shards: Sequence[Shard]) -> Page:
    """`/search/`: the form, the facets known at build time, and the shards the script queries."""
    years = sorted({str(k[0]) for k in archive.by_period if len(k) == 1}, reverse=True)
    return Page("/search/", "search.html", {
        "shards": [s.name for s in shards],
        "sources": [t.name for t in archive.sources],
        "categories": [t.name for t in archive.categories],
        "years": years + (["Undated"] if archive.undated else []),
        "crumbs": [Crumb("Home", "/")],
    })


def shard_pattern(shard: Shard) -> str:
    """The shard's glob as a regular expression over site-relative paths (the glob language `_shard` writes:
    `{a,b}` alternatives, `[0-9]` classes and `*` within one folder name)."""
    parts = []
    for token in re.findall(r"\{[^}]*\}|\[[^]]*\]|\*|[^{[*]+", shard.glob):
        if token.startswith("{"):
            parts.append("(?:" + "|".join(re.escape(option) for option in token[1:-1].split(",")) + ")")
        elif token.startswith("["):
            parts.append(token)
        elif token == "*":
            parts.append("[^/]*")
        else:
            parts.append(re.escape(token))
    return "".join(parts)


def index_shard(site: Path, shard: Shard, out: Path, language: str, primary: bool,
                result_words: int | None = None) -> None:
    """Index the shard's clipping pages under `site` into `out`, keeping what searching needs (the runtime too
    in the `primary` shard, which the search page loads first), with results cut to `result_words` words.

    Every shard is indexed as `language` (Pagefind's `force_language`): Pagefind otherwise splits an index by
    each page's language and searches only the reader's, so clippings in other languages would never be
    found from the one search page. Raises BuildError when Pagefind fails or misses a page.
    """
    try:
        _run_apart(_index_shard(site, shard, out, language))
    except BuildError:
        raise
    except Exception as exc:  # Pagefind reports failures as bare exceptions or a missing binary
        raise BuildError(f"search indexing failed in shard {shard.name}: {exc}") from exc
    _prune(out, keep_runtime=primary)
    if result_words is not None:
        trim_results(out, result_words)


def indexer_version() -> str:
    """Pagefind's version (the Python API's and the binary's): another version may write another index."""
    import importlib.metadata  # here: a build without search never needs it

    found = []
    for name in ("pagefind", "pagefind_bin", "pagefind-bin"):
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return " ".join(found)


def _run_apart(coroutine: Coroutine[Any, Any, None]) -> None:
    """Run Pagefind's asyncio API to the end on a thread of its own.

    The caller may already be inside an event loop (Playwright's sync API, a notebook), where asyncio.run
    refuses to start; a daemon thread also lets Ctrl+C end the build without waiting for the shard.
    """
    import asyncio  # here: a build without search never needs it

    outcome: dict[str, Any] = {}

    def work() -> None:
        try:
            asyncio.run(coroutine)
        except BaseException as exc:  # handed to the calling thread below
            outcome["error"] = exc

    thread = threading.Thread(target=work, name="pagefind", daemon=True)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]


async def _index_shard(site: Path, shard: Shard, out: Path, language: str) -> None:
    """Index one shard. Pages in the glob without `data-pagefind-body` (the redirect left
    at a duplicate's address) are read by Pagefind but not indexed, so the check counts clippings, not pages."""
    from pagefind.service import PagefindService  # imported here: a build without search never needs it

    service = await PagefindService().launch()
    try:
        index = await _unless_dead(service, service.create_index({"force_language": language}))
        await _unless_dead(service, index.add_directory(str(site), glob=shard.glob))
        await _unless_dead(service, index.write_files(output_path=str(out)))
    except BaseException:
        if service._backend.returncode is None:
            await service.close()
        else:  # nothing left to stop; close() would wait on the requests the dead process never answered
            service._poll_task.cancel()
        raise
    await _let_finish(service)
    _check_complete(out, shard)


async def _unless_dead(service: Any, request: Coroutine[Any, Any, Any]) -> Any:
    """Await a Pagefind request, failing if the Pagefind process ends first.

    Pagefind's client waits forever for the answer of a process that has died (a crash, a missing or wrong
    binary), which would hang the build; racing each request against the process's exit turns that into an
    error. Reaches into the service's process handle, like `_let_finish`.
    """
    import asyncio

    answer = asyncio.ensure_future(request)
    exited = asyncio.ensure_future(service._backend.wait())
    done, _ = await asyncio.wait({answer, exited}, return_when=asyncio.FIRST_COMPLETED)
    if answer in done:
        exited.cancel()
        return answer.result()
    answer.cancel()
    raise BuildError(f"search indexing failed: Pagefind stopped unexpectedly (exit code {service._backend.returncode})")


async def _let_finish(service: Any) -> None:
    """End the Pagefind process by closing its input, never by a signal (as `PagefindService.close` does).

    Pagefind answers "files written" while its last writes can still be in flight; terminated then, it leaves
    files empty or cut short (seen under load: an empty pagefind-entry.json). On end of input it exits by
    itself once everything is on disk. This reaches into the service's process handle, hence pagefind < 2.
    """
    service._poll_task.cancel()
    service._backend.stdin.close()
    import asyncio

    await asyncio.wait_for(service._backend.wait(), timeout=600)


def _check_complete(folder: Path, shard: Shard) -> None:
    """Refuse to publish a damaged shard: every compressed file must decompress whole, one fragment a page
    (pages without a word may have none)."""
    try:
        json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        for path in sorted(folder.rglob("*")):
            if path.suffix in (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter"):
                if not gzip.decompress(path.read_bytes()).startswith(_SIGNATURE):
                    raise ValueError(f"{path.name} is not a Pagefind file")
    except (OSError, ValueError, EOFError, gzip.BadGzipFile) as exc:
        raise BuildError(f"Pagefind wrote a damaged index in {folder.name}: {exc}") from exc
    fragments = len(list((folder / "fragment").glob("*.pf_fragment")))
    if not shard.count - shard.wordless <= fragments <= shard.count:
        raise BuildError(f"Pagefind wrote {fragments} result fragments for {shard.count} pages in {folder.name}")


_SIGNATURE = b"pagefind_dcd"
"""What every Pagefind data file starts with, once decompressed."""


def trim_results(folder: Path, words: int) -> None:
    """Cut each result fragment's text to its first `words` words (the title and lede), and drop its filters.

    Pagefind keeps a copy of every page's whole text in the page's result fragment, only to cut the excerpt
    shown under a result from it: at 100,000 clippings that copy is ~200 MB of a 1 GB site. The word index,
    which decides what is found, is untouched, so every word of every clipping is still searchable; a match
    beyond the kept words gets the lede as its excerpt (Pagefind's excerpt code clamps to the text it has).
    The search page never reads a result's filters (they are searched through the filter index). Fragments
    are compressed again with no time or name in the gzip header, so the same index gives the same bytes.
    """
    for path in sorted((folder / "fragment").glob("*.pf_fragment")):
        data = json.loads(gzip.decompress(path.read_bytes())[len(_SIGNATURE):])
        data["content"] = _first_words(data["content"], words)
        data.pop("filters", None)
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzipped(_SIGNATURE + text))


def _first_words(text: str, words: int) -> str:
    """The first `words` words, split as Pagefind's excerpt code splits them (zero-width spaces between the
    words of scripts written without spaces, white space otherwise)."""
    if "\u200b" in text:
        return "\u200b".join(text.split("\u200b")[:words])
    return " ".join(text.split()[:words])


_INDEX_PARTS = ("index", "fragment", "filter", "pagefind-entry.json")


def _prune(folder: Path, keep_runtime: bool) -> None:
    """Keep what searching needs: the index itself, and the script, worker and WebAssembly in the primary shard.

    Pagefind also writes its ready-made UIs and a WebAssembly file per language into every bundle; merged
    indexes use the primary's, so the rest would only weigh on the published site.
    """
    entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = entry["languages"].values()
    keep = set(_INDEX_PARTS) | {f"pagefind.{lang['hash']}.pf_meta" for lang in languages}
    if keep_runtime:
        keep |= {"pagefind.js", "pagefind-worker.js"} | {f"wasm.{lang.get('wasm') or 'unknown'}.pagefind"
                                                          for lang in languages}
    for path in sorted(folder.iterdir()):
        if path.name not in keep:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
