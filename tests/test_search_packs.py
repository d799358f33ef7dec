"""A shard's search results are packed in a few files, read back exactly as Pagefind wrote them (issue 22).

The browser side (static/search-engine.js answering Pagefind's `fragment/<hash>.pf_fragment` requests from the
packs) is exercised by every browser test that shows a result: no result fragment is published on its own.
"""
from __future__ import annotations

import gzip
import json

import pytest
from conftest import SEARCH_ARCHIVE, run_build
from helpers import search_results

from sitegen.search.packs import PACK_RESULTS, TABLE, pack_results, packed_results, unpack

SIGNATURE = b"pagefind_dcd"


def fragment(url: str, text: str) -> bytes:
    """A result fragment as Pagefind writes one: a gzip of its signature and the result's JSON."""
    return gzip.compress(SIGNATURE + json.dumps({"url": url, "content": text, "meta": {"title": text}}).encode())


def fragments(count: int) -> dict[str, bytes]:
    """`count` results of pages one a day, their hashes in no order of the dates."""
    made = {}
    for day in range(count):
        url = f"/2024/{day // 28 + 1:02d}/{day % 28 + 1:02d}/story-{day}/"
        made[f"fragment/en_{(day * 7919) % 100_003:07x}.pf_fragment"] = fragment(url, f"Story {day} " * (day % 5 + 1))
    return made


def sizes(files: dict[str, bytes]) -> dict[str, int]:
    return {path: len(data) for path, data in files.items()}


def test_packs_give_back_every_result_byte_for_byte() -> None:
    results = fragments(3 * PACK_RESULTS + 5)
    packed = pack_results(results)
    assert not any(path.endswith(".pf_fragment") for path in packed)
    assert len(packed) == 4 + 1  # four packs (the last one partly full) and their table
    assert unpack(packed) == results
    assert packed_results(packed[TABLE], sizes(packed)) == len(results)


def test_results_of_neighbouring_dates_share_a_pack() -> None:
    """Packed in the order of their pages' addresses, which is the order of their dates: the newest results
    of a query sorted by date come from one pack or two, whatever their hashes."""
    results = fragments(5 * PACK_RESULTS)
    table = json.loads(pack_results(results)[TABLE])
    url_of = {path.removeprefix("fragment/").removesuffix(".pf_fragment"):
              json.loads(gzip.decompress(data)[len(SIGNATURE):])["url"] for path, data in results.items()}
    urls = [url_of[hash_] for pack in table["packs"] for hash_, _ in pack["fragments"]]
    assert urls == sorted(urls)
    newest = set(sorted(url_of, key=url_of.get)[-PACK_RESULTS:])
    assert newest == {hash_ for hash_, _ in table["packs"][-1]["fragments"]}


def test_packing_the_same_results_gives_the_same_files() -> None:
    results = fragments(40)
    assert pack_results(results) == pack_results(dict(reversed(results.items())))


def test_a_shard_with_no_results_has_an_empty_table() -> None:
    packed = pack_results({})
    assert packed == {TABLE: b'{"packs":[]}'}
    assert packed_results(packed[TABLE], sizes(packed)) == 0 and unpack(packed) == {}


@pytest.mark.parametrize("damage", ["lose a pack", "cut a pack", "place a result twice", "cut the table"])
def test_a_table_that_does_not_match_its_packs_is_refused(damage: str) -> None:
    """What the indexer checks before it keeps a previous build's shard (otherwise indexed again)."""
    packed = pack_results(fragments(2 * PACK_RESULTS))
    files = sizes(packed)
    table = json.loads(packed[TABLE])
    first = f"fragment/{table['packs'][0]['file']}"
    if damage == "lose a pack":
        del files[first]
    elif damage == "cut a pack":
        files[first] -= 1
    elif damage == "place a result twice":
        table["packs"][1]["fragments"][0][0] = table["packs"][0]["fragments"][0][0]
    text = json.dumps(table).encode()
    if damage == "cut the table":
        text = text[:len(text) // 2]
    with pytest.raises(ValueError):
        packed_results(text, files)


def test_a_built_index_publishes_packs_and_their_table_only(tmp_path) -> None:
    out = tmp_path / "public"
    assert run_build(SEARCH_ARCHIVE / "content", out, "--config", str(SEARCH_ARCHIVE / "sitegen.toml")) == 0
    assert not list(out.glob("pagefind/*/fragment/*.pf_fragment"))
    assert {path.suffix for path in out.glob("pagefind/*/fragment/*")} == {".pf_pack", ".json"}
    results = search_results(out)
    assert len(results) == 10  # one per clipping of the archive
    urls = {json.loads(gzip.decompress(data)[len(SIGNATURE):])["url"] for data in results.values()}
    assert len(urls) == 10 and all((out / url.removeprefix("/").split("#")[0]).exists() for url in urls)
