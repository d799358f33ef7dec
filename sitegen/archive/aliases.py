"""Source aliases: the `[aliases]` table of `sitegen.toml`, and suggestions for names that look like one source.

Names are matched the way the archive merges sources, by their key (`names.name_key`): an alias for `AA` also
catches `aa`. Names equal but for case, accents and spacing are one source already (shown with the most used
spelling); `check` reports those as notices, and suggests an alias for names that differ only in punctuation or
a mojibake spelling (`L'Orient` and `LOrient`, `Ajansı` and `AjansÄ±`). Symbols tell names apart (`C++` and `C`
are never suggested as one).
"""
from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..errors import ConfigError
from ..model import Clipping, Problem
from ..read import mojibake
from .checks import Needle
from .collect import preferred_spelling
from .names import name_key


class Aliases:
    """Resolves a source name to its canonical name; names without an alias are returned as they are."""

    def __init__(self, table: Mapping[str, Sequence[str]] | None) -> None:
        self._by_key: dict[str, str] = {}
        for canonical, variants in (table or {}).items():
            for variant in (canonical, *variants):
                other = self._by_key.setdefault(name_key(variant), canonical)
                if other != canonical:
                    raise ConfigError(f"'aliases': '{variant}' is the same name as one listed for '{other}' (names "
                                      f"are matched ignoring case, accents and spacing)")
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if not self._by_key or not name:
            return name
        resolved = self._cache.get(name)
        if resolved is None:
            resolved = self._cache[name] = self._by_key.get(name_key(name), name)
        return resolved


_PUNCTUATION = re.compile(r"[\s'\".,:;!?()\[\]/_·-]+")
"""Marks that spellings of one name drop or add (`L'Orient`, `LOrient`); symbols such as + # % are not among them."""


def _loose_key(name: str) -> str:
    """What is left of a name without case, accents, punctuation, spacing and mojibake."""
    return _PUNCTUATION.sub("", name_key(mojibake.repair(name)))


def suggestions(clippings: Iterable[Clipping], resolve: Aliases) -> list[tuple[Problem, Needle]]:
    """Notices for source spellings merged into one source, and alias suggestions for likely ones that are not;
    each with what to look for to find its line."""
    used: Counter[str] = Counter()
    first_use: dict[str, Clipping] = {}
    for clipping in clippings:
        if clipping.source:
            used[clipping.source] += 1
            first_use.setdefault(clipping.source, clipping)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in used.items():  # keys once per spelling, not once per clipping
        spellings[name_key(resolve(name))][resolve(name)] += count
    shown = {key: preferred_spelling(counts) for key, counts in spellings.items()}
    problems = []
    for name, clipping in sorted(first_use.items(), key=lambda item: (item[1].source_path, item[0])):
        key = name_key(name)
        if key in shown and name != shown[key]:
            problems.append((Problem(clipping.source_path, f"source '{name}' is shown as '{shown[key]}' (the same "
                                     "name but for case, accents or spacing)", "notice"), Needle(clipping, name)))
    by_loose_key: dict[str, list[str]] = defaultdict(list)
    for key in sorted(shown):
        by_loose_key[_loose_key(shown[key])].append(key)
    for group in by_loose_key.values():
        if len(group) > 1:
            problems.extend(_suggest(group, shown, spellings, first_use, lambda n: name_key(resolve(n))))
    return problems


def _suggest(group: list[str], shown: dict[str, str], spellings: dict[str, Counter[str]],
             first_use: dict[str, Clipping], key_of: Callable[[str], str]) -> list[tuple[Problem, Needle]]:
    """One suggestion per likely variant, towards the spelling without mojibake that is used most."""
    count = {key: sum(spellings[key].values()) for key in group}
    best = min(group, key=lambda s: (mojibake.has_mojibake(shown[s]), -count[s], shown[s]))
    problems = []
    for key in group:
        if key == best:
            continue
        why = "a mojibake spelling of" if mojibake.has_mojibake(shown[key]) else "the same source as"
        _, name, clipping = min((c.source_path, name, c) for name, c in first_use.items() if key_of(name) == key)
        entry = f"{_toml(shown[best])} = [{_toml(shown[key])}]"
        problems.append((Problem(clipping.source_path, f"source '{shown[key]}' ({count[key]} clipping"
                                 f"{'s' if count[key] != 1 else ''}) looks like {why} '{shown[best]}'; "
                                 f"if it is, add to sitegen.toml under [aliases]: {entry}", "notice"),
                         Needle(clipping, name)))
    return problems


def _toml(name: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(name, ensure_ascii=False)
