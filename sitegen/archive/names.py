"""When two source or category names are one name, and the address each name gets.

Two names are one only when they are equal after folding case, accents, spacing and the typographic variants
of a few marks (curly and straight apostrophes, dashes and hyphens): `Müller` and `MULLER`, `L’Orient` and
`L'Orient`. Everything else tells names apart, symbols and scripts included: `C++`, `C#` and `C` are three
categories, `经济` and `経済` two, and so are names that differ after their first 60 characters.

Different names can still slugify alike (`C++`, `C#` and `C` all make `c`). Then one name keeps the bare slug
and the others carry a short digest of their own folded name (`c-3f2a1b`). Who keeps the bare slug depends
only on the names that clash, never on the order of loading or on other names: a name written in plain letters
and digits that the slug spells out in full (`C`) first, else the smallest digest. So adding or removing a name
can only move the address of a name that clashes with it, and a name its slug spells out in full never moves.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

from .slugs import SLUG_MAX, Slugs

_TYPOGRAPHIC = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "′": "'", "`": "'", "´": "'", "“": '"', "”": '"',
                              "„": '"', "″": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-",
                              "ı": "i"})
"""Marks whose variants are typography, not spelling (and Turkish dotless ı, which is `I` in lower case)."""
_ACCENTS = re.compile("[\u0300-\u036f]+")
"""The combining diacritical marks (acute, grave, umlaut, cedilla...); not the marks of other scripts (kana's
voicing marks, Hebrew and Arabic points), which change a letter rather than accent it."""
_PLAIN = re.compile(r"[a-z0-9]+(?:[ '.-]+[a-z0-9]+)*")
DIGEST_CHARS = 6
"""Hex digits of the digest a clashing name's slug carries: enough that two names in one archive never share
one."""


def name_key(name: str) -> str:
    """What a name is the same as: case, accents, spacing and typographic variants folded."""
    if name.isascii():
        return " ".join(name.casefold().split()).translate(_TYPOGRAPHIC)
    decomposed = _ACCENTS.sub("", unicodedata.normalize("NFKD", name))
    return " ".join(unicodedata.normalize("NFC", decomposed).casefold().translate(_TYPOGRAPHIC).split())


def _digest(key: str) -> str:
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def _spelled_out(key: str, slug: str) -> bool:
    """True when the slug loses nothing of the name but case and separators (`C`, `Foreign Affairs`)."""
    return len(key) <= SLUG_MAX and _PLAIN.fullmatch(key) is not None and slug == re.sub(r"[ '.-]+", "-", key)


def term_slugs(keys: Iterable[str], slugs: Slugs) -> dict[str, str]:
    """The slug of each name, by its key (see the module's docstring for who keeps a shared slug)."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for key in keys:
        by_slug[slugs.term(key)].append(key)
    result: dict[str, str] = {}
    taken = set(by_slug)
    for slug, clashing in sorted(by_slug.items()):
        first, *others = sorted(clashing, key=lambda k: (not _spelled_out(k, slug), _digest(k)))
        result[first] = slug
        for key in others:
            digest, length = _digest(key), DIGEST_CHARS
            while (own := f"{slug}-{digest[:length]}") in taken:  # a name's slug already reads so: a longer digest
                length += 2
            taken.add(own)
            result[key] = own
    return result
