"""Duplicates and syndicated copies, found without comparing every clipping with every other.

*Exact duplicates* are one clipping imported twice: same source (after aliases), same date, the same title (case
and spacing aside) and the same text, under another file name. One is published (the smaller id, so the choice
never depends on the order of loading); the other's address redirects to it.

*Syndicated copies* are one story as several publications ran it: near-identical text under other headlines,
bylines or cuts. Finding them is a near-duplicate search, done without comparing every pair: the sentences of the
start of each text are hashed, and an inverted index from sentence to texts (each sentence a bucket, as in
locality-sensitive hashing) yields the only pairs worth comparing: texts that share a sentence. Sentences found in
one text only (most of them) cannot tell copies apart and are dropped at once; sentences found in very many texts
are boilerplate and dropped too. Candidate pairs are compared on their sentences, then, when that is not clear, on
their word trigrams. Every step per text is a C-speed call, so 100,000 clippings cost seconds, not hours.

The result never depends on the order of loading, and not on Python's per-process hash seed either: hashes only
decide which texts share a sentence (a 64-bit collision is vanishingly rare), never which pairs are looked at.
"""
from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain

from ..model import Clipping, Problem

SCAN_CHARS = 1200
"""Only the start of a text (some 8 to 10 sentences) is indexed: copies share their beginning, and long texts
cost no more."""
BOILERPLATE_TEXTS = 100
"""A sentence in more texts than this is boilerplate (a disclaimer) and is not used to find copies."""
MIN_CHARS = 200
"""Texts shorter than this (some 30 words) are never called copies: short notices look alike without being one
story."""
SIMILAR = 0.5
"""Share of word trigrams two texts must have in common (Jaccard) to be versions of one story..."""
CONTAINED = 0.9
"""...or share of the shorter text's trigrams found in the longer one (a shortened copy)."""


@dataclass(frozen=True, slots=True)
class ExactDuplicates:
    """Which files are second copies, and of which file."""

    duplicate_of: dict[str, str]
    """Origin of a duplicate → origin of the copy that is published (see `Clipping.origin`)."""
    problems: list[Problem]


def _normal(text: str) -> str:
    return " ".join(text.split()).casefold()


def exact_duplicates(clippings: Sequence[Clipping], source_key: Callable[[str], str]) -> ExactDuplicates:
    """Group clippings by a cheap key (date, hashes of title and text), then confirm and pick the one to publish.

    Python's `hash` only sorts clippings into buckets here; membership is decided by comparing the values, so the
    result does not depend on the hash seed."""
    buckets: dict[tuple, list[Clipping]] = defaultdict(list)
    for clipping in clippings:
        buckets[(clipping.date, hash(_normal(clipping.title)), hash(clipping.body))].append(clipping)
    duplicate_of: dict[str, str] = {}
    problems = []
    for bucket in buckets.values():
        if len(bucket) < 2:
            continue
        same: dict[tuple[str, str, str], list[Clipping]] = defaultdict(list)
        for clipping in bucket:
            same[(source_key(clipping.source), _normal(clipping.title), clipping.body)].append(clipping)
        for copies in same.values():
            kept, *others = sorted(copies, key=lambda c: (c.id, c.source_path, c.position))
            for other in others:
                duplicate_of[other.origin] = kept.origin
                problems.append(Problem(other.source_path, f"duplicate of {kept.origin} (same source, date, "
                                        "title and text); published once, from that file", "notice",
                                        other.line if other.position else None))
    return ExactDuplicates(duplicate_of, problems)


def _sentence_hashes(text: str) -> set[int]:
    """Hashes of the sentences of the start of the text (split at `. `; a paragraph's last sentence runs into the
    next one, the same way in every copy). Short pieces ("Mr", "U.S") are common to many texts and so fall out
    as boilerplate."""
    return set(map(hash, text[:SCAN_CHARS].split(". ")))


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = text.casefold().split()
    return set(zip(words, words[1:], words[2:], strict=False))


def _similar(a: set, b: set) -> bool:
    """Enough in common: SIMILAR of all (Jaccard), or CONTAINED of the smaller (a shortened copy)."""
    if not a or not b:
        return False
    common = len(a & b)
    return common >= SIMILAR * (len(a) + len(b) - common) or common >= CONTAINED * min(len(a), len(b))


def syndicated_groups(clippings: Sequence[Clipping]) -> list[list[str]]:
    """Groups of clippings (two or more, by origin) that hold near-identical text; each group and the list are
    sorted."""
    texts = [c for c in clippings if len(c.body) >= MIN_CHARS]
    sentences: list[array[int]] = []  # raw 64-bit values: a tenth of the memory of sets of ints
    seen: set[int] = set()
    repeated: set[int] = set()
    for clipping in texts:  # a few C-speed calls per text
        hashes = _sentence_hashes(clipping.body)
        repeated |= seen & hashes
        seen |= hashes
        sentences.append(array("q", hashes))
    del seen
    counts = Counter(chain.from_iterable(map(repeated.intersection, sentences)))
    shared = {h for h, n in counts.items() if n <= BOILERPLATE_TEXTS}
    sizes = [len(hashes) for hashes in sentences]
    common = {i: found for i, hashes in enumerate(sentences) if (found := shared.intersection(hashes))}
    del sentences, repeated, counts
    buckets: dict[int, list[int]] = defaultdict(list)
    for i, found in common.items():
        for h in found:
            buckets[h].append(i)

    parent = list(range(len(texts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    trigrams: dict[int, set] = {}

    def trigrams_of(i: int) -> set:
        if i not in trigrams:
            trigrams[i] = _trigrams(texts[i].body)
        return trigrams[i]

    for members in buckets.values():
        for n, i in enumerate(members):
            for j in members[n + 1:]:
                ri, rj = root(i), root(j)
                if ri == rj:
                    continue
                both = len(common[i] & common[j])
                if 4 * both < min(sizes[i], sizes[j]):
                    continue  # under a quarter of the shorter start in common: not a copy
                if both >= SIMILAR * (sizes[i] + sizes[j] - both) or _similar(trigrams_of(i), trigrams_of(j)):
                    parent[max(ri, rj)] = min(ri, rj)
    groups: dict[int, list[str]] = defaultdict(list)
    for i, clipping in enumerate(texts):
        groups[root(i)].append(clipping.origin)
    return sorted(sorted(group) for group in groups.values() if len(group) > 1)


def shared_ids(clippings: Sequence[Clipping]) -> Iterator[Problem]:
    """Two published documents with one id would fight over one address; the archive must not guess silently.
    (A second copy of one document, an exact duplicate, is reported as that and not again here.)"""
    seen: dict[str, Clipping] = {}
    for clipping in clippings:
        first = seen.setdefault(clipping.id, clipping)
        if first is not clipping:
            where = first.source_path if first.source_path != clipping.source_path else f"line {first.line}"
            yield Problem(clipping.source_path, f"id '{clipping.id}' is also used by {where}", "warning",
                          clipping.line if clipping.position else None)
