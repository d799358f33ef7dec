"""A shard's result fragments packed into a few files, with a table saying where each one is.

Pagefind writes one small file per result: at 100,000 clippings, 100,000 gzip files of ~400 bytes. A GitHub
Pages artifact is a tar, where each file costs a 512-byte header and its content padded to 512 bytes, so they
weighed 102.5 MB for ~40 MB of content (and made 100,000 of the site's 221,000 files). Packed `PACK_RESULTS` to a
file, the same results weigh ~45 MB.

The search page never asks for a pack: Pagefind asks for `fragment/<hash>.pf_fragment`, and the engine
(static/search-engine.js, `fetchHook`) answers from the pack that holds it, fetched once, with exactly the bytes
Pagefind wrote. Results are packed in the order of their pages' addresses (`/YYYY/MM/DD/...`), which is the
order of their dates: the first results of a query sorted by date are neighbours and share a pack or two.
Packs are named by a digest of their bytes, as Pagefind names its files, so that a browser's cached copy of an
earlier build's pack is never taken for this build's.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re

PACK_RESULTS = 16
"""Results per pack. A query fetches the packs of the results it shows (20 per shard at first): bigger packs
save a few more files and tar headers (~0.8 KB a pack), and cost every query that shows results scattered over
the shard (those ranked by relevance) up to PACK_RESULTS times the bytes of its results."""
TABLE = "fragment/packs.json"
"""The table of a shard's packs, in the shard's folder: `{"packs": [{"file": NAME, "fragments": [[HASH,
LENGTH], ...]}, ...]}`, each pack's fragments in the order their bytes follow one another in it."""
_FRAGMENT = re.compile(r"fragment/([^/]+)\.pf_fragment")
_URL = re.compile(rb'"url"\s*:\s*"((?:[^"\\]|\\.)*)"')


def pack_results(fragments: dict[str, bytes]) -> dict[str, bytes]:
    """The packs and their table that replace `fragments` (`fragment/<hash>.pf_fragment` paths and bytes)."""
    hashes = {}
    for path in fragments:
        if not (found := _FRAGMENT.fullmatch(path)):
            raise ValueError(f"{path} is not a result fragment")
        hashes[path] = found.group(1)
    ordered = sorted(fragments, key=lambda path: (_url(fragments[path]), path))
    files = {}
    packs = []
    for start in range(0, len(ordered), PACK_RESULTS):
        members = ordered[start:start + PACK_RESULTS]
        data = b"".join(fragments[path] for path in members)
        name = f"{hashlib.sha256(data).hexdigest()[:16]}.pf_pack"
        files[f"fragment/{name}"] = data
        packs.append({"file": name, "fragments": [[hashes[path], len(fragments[path])] for path in members]})
    files[TABLE] = json.dumps({"packs": packs}, separators=(",", ":")).encode("utf-8")
    return files


def _url(fragment: bytes) -> bytes:
    """The page address a result fragment names (its JSON's `url`), read without parsing the whole result."""
    found = _URL.search(gzip.decompress(fragment))
    return found.group(1) if found else b""


def packed_results(table: bytes, sizes: dict[str, int]) -> int:
    """How many results a shard's table places, checked against its packs' `sizes` (by path in the shard's folder):
    every pack it names is there and exactly as long as the fragments it holds, and no result is placed twice.
    Raises ValueError otherwise."""
    try:
        packs = json.loads(table)["packs"]
        seen: set[str] = set()
        for pack in packs:
            lengths = [length for _, length in pack["fragments"]]
            seen.update(str(hash_) for hash_, _ in pack["fragments"])
            if sizes.get(f"fragment/{pack['file']}") != sum(lengths) or min(lengths, default=0) <= 0:
                raise ValueError(f"pack {pack['file']} is missing or not as long as its results")
        count = sum(len(pack["fragments"]) for pack in packs)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(f"the table of packs cannot be read ({exc})") from exc
    if len(seen) != count:
        raise ValueError("the table of packs places a result twice")
    return count


def unpack(files: dict[str, bytes]) -> dict[str, bytes]:
    """The result fragments a shard's packs hold, by their paths as Pagefind named them (as the search page's
    engine reads them: see `fetchHook` in static/search-engine.js)."""
    fragments = {}
    for pack in json.loads(files[TABLE])["packs"]:
        data = files[f"fragment/{pack['file']}"]
        offset = 0
        for hash_, length in pack["fragments"]:
            fragments[f"fragment/{hash_}.pf_fragment"] = data[offset:offset + length]
            offset += length
    return fragments
