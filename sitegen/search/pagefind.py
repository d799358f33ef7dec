"""Driving Pagefind: index one shard's clipping pages into its folder, check the result, keep what searching needs.

Pagefind's indexer holds a whole index in memory; one index over 100,000 clipping bodies peaked near 12 GB.
So the clippings are indexed in shards (see shards.py), one shard at a time in its own Pagefind service process
(whose memory is returned when it exits), each into its own folder `/pagefind/<shard>/`.
"""
from __future__ import annotations

import gzip
import json
import shutil
import threading
from collections.abc import Coroutine
from pathlib import Path
from typing import Any

from ..errors import BuildError
from ..site.compressed import gzipped
from .shards import Shard


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
