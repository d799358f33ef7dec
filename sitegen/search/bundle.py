"""One shard's index as Pagefind made it, in memory: checked whole, cut to what searching needs, results trimmed
and packed (packs.py).

All of it happens before a byte is written, so that the build's writer writes each file once, and a damaged
shard is refused before it is recorded (a shard the build did not record is never kept for a later build).
"""
from __future__ import annotations

import gzip
import json
import re
import zlib

from ..errors import BuildError
from ..site.compressed import gzipped
from .packs import pack_results
from .shards import Shard

SIGNATURE = b"pagefind_dcd"
"""What every Pagefind data file starts with, once decompressed (the WebAssembly too)."""

_DATA = (".pf_meta", ".pf_fragment", ".pf_index", ".pf_filter")
_INDEX_PARTS = ("index/", "filter/")
RUNTIME = ("pagefind.js", "pagefind-worker.js")
"""The scripts the search page loads from the primary shard, besides the WebAssembly of its language."""
_ENDS = {"pagefind.js": re.compile(r"export\s*\{[\w$,\s]*\bcreateInstance\b[\w$,\s]*\};?\s*\Z"),
         "pagefind-worker.js": re.compile(r"\}\)\(\);?\s*\Z")}
"""How each script ends when it is whole: the module's exports, among them the `createInstance` the search page
calls; the worker's closing of the function that wraps it. A script cut short (one was found cut at exactly
128 KiB at 100k) ends elsewhere; scripts have no checksum to tell otherwise."""


def shard_files(files: dict[str, bytes], shard: Shard, pages: int, pages_read: int, primary: bool,
                result_words: int | None) -> dict[str, bytes]:
    """The files to publish for a shard, from all that Pagefind made of its `pages` (clipping pages, and the
    redirects left at duplicates' addresses): checked (see `check`), cut to the index and, in the `primary`
    shard, the runtime; results cut to `result_words` words when it is given, and packed (see packs.py)."""
    fragments = check(files, shard, pages, pages_read, primary)
    kept = _needed(files, primary)
    if result_words is not None:
        fragments = trim_results(fragments, result_words)
    try:
        kept.update(pack_results(fragments))
    except ValueError as exc:
        raise BuildError(f"Pagefind wrote a damaged index in {shard.name}: {exc}") from exc
    return kept


def _needed(files: dict[str, bytes], primary: bool) -> dict[str, bytes]:
    """Keep what searching needs: the index itself (but the results, which are packed), and the script, worker
    and WebAssembly in the primary shard.

    Pagefind also makes its ready-made UIs and a WebAssembly file per language for every bundle; merged indexes
    use the primary's, so the rest would only weigh on the published site.
    """
    entry = _entry(files)
    languages = entry["languages"].values()
    keep = {"pagefind-entry.json"} | {f"pagefind.{lang['hash']}.pf_meta" for lang in languages}
    if primary:
        keep |= set(RUNTIME) | {_wasm(lang) for lang in languages}
    return {path: data for path, data in sorted(files.items()) if path in keep or path.startswith(_INDEX_PARTS)}


def check(files: dict[str, bytes], shard: Shard, pages: int, pages_read: int, primary: bool) -> dict[str, bytes]:
    """Refuse a damaged shard; returns its result fragments by path.

    Whole means: the entry parses and names a meta file that is there; every data file decompresses whole and
    is Pagefind's; Pagefind read all `pages` and made one result per clipping with words (a clipping with no
    letter or digit gets none; a redirect page, no `data-pagefind-body`, none), as many as its entry counts;
    the primary shard's scripts are there, of the entry's version, and its WebAssembly decompresses whole.
    (Each file comes whole in one message or the message does not parse; sitegen's writer then writes it.)
    """
    name = shard.name
    try:
        entry = _entry(files)
        languages = list(entry["languages"].values())
        for lang in languages:
            if f"pagefind.{lang['hash']}.pf_meta" not in files:
                raise ValueError(f"pagefind.{lang['hash']}.pf_meta is missing")
        for path, data in files.items():
            if path.endswith(_DATA) and not gzip.decompress(data).startswith(SIGNATURE):
                raise ValueError(f"{path} is not a Pagefind file")
        if primary:
            _check_runtime(files, entry, languages)
    except (ValueError, KeyError, TypeError, AttributeError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BuildError(f"Pagefind wrote a damaged index in {name}: {exc}") from exc
    fragments = {path: data for path, data in files.items() if path.startswith("fragment/")}
    counted = sum(lang["page_count"] for lang in languages)
    if pages_read != pages:
        raise BuildError(f"Pagefind read {pages_read} of the {pages} pages of {name}")
    if len(fragments) != counted or not shard.count - shard.wordless <= counted <= shard.count:
        raise BuildError(f"Pagefind wrote {len(fragments)} result fragments for {counted} pages in {name}, "
                         f"which holds {shard.count} clippings")
    return fragments


def _check_runtime(files: dict[str, bytes], entry: dict, languages: list[dict]) -> None:
    """The scripts are there, begin by naming the entry's version (one Pagefind made index and runtime) and end
    as a whole script does (see `_ENDS`); the WebAssembly decompresses whole (gzip's length and checksum) to a
    WebAssembly module."""
    for name in RUNTIME:
        script = files.get(name, b"").decode("utf-8")
        if not script.startswith(f'const pagefind_version="{entry["version"]}";'):
            raise ValueError(f"{name} is missing or not Pagefind {entry['version']}'s")
        if not _ENDS[name].search(script[-4096:]):
            raise ValueError(f"{name} is cut short (it does not end as Pagefind's script does)")
    for lang in languages:
        wasm = gzip.decompress(files[_wasm(lang)])
        if not wasm.startswith(SIGNATURE + b"\0asm"):
            raise ValueError(f"{_wasm(lang)} is not Pagefind's WebAssembly")


def _entry(files: dict[str, bytes]) -> dict:
    try:
        entry = json.loads(files["pagefind-entry.json"])
    except KeyError:
        raise ValueError("pagefind-entry.json is missing") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("languages"), dict) or not entry["languages"]:
        raise ValueError("pagefind-entry.json names no index")
    return entry


def _wasm(lang: dict) -> str:
    return f"wasm.{lang.get('wasm') or 'unknown'}.pagefind"


RESULT_WORDS = 40
"""Words a compact site keeps of each result's text, title included: the title and about the 30 words the
search page shows under it (Pagefind's excerpt, cut around a match, is 30 words; the lede shown for a match
further on is the first 30 words of the text)."""


def trim_results(fragments: dict[str, bytes], words: int) -> dict[str, bytes]:
    """Each result fragment with its text cut to its first `words` words (the title and lede), and no filters.

    Pagefind keeps a copy of every page's whole text in the page's result fragment, only to cut the excerpt
    shown under a result from it: at 100,000 clippings that copy is ~200 MB of a 1 GB site. The word index,
    which decides what is found, is untouched, so every word of every clipping is still searchable; a match
    beyond the kept words gets the lede as its excerpt (Pagefind's excerpt code clamps to the text it has).
    The search page never reads a result's filters (they are searched through the filter index). Fragments
    are compressed again with no time or name in the gzip header, so the same index gives the same bytes.
    """
    trimmed = {}
    for path, data in fragments.items():
        result = json.loads(gzip.decompress(data)[len(SIGNATURE):])
        result["content"] = _first_words(result["content"], words)
        result.pop("filters", None)
        text = json.dumps(result, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        trimmed[path] = gzipped(SIGNATURE + text)
    return trimmed


def _first_words(text: str, words: int) -> str:
    """The first `words` words, split as Pagefind's excerpt code splits them (zero-width spaces between the
    words of scripts written without spaces, white space otherwise)."""
    if "\u200b" in text:
        return "\u200b".join(text.split("\u200b")[:words])
    return " ".join(text.split()[:words])
