"""Source aliases: the `[aliases]` table of `sitegen.toml`, and suggestions for names that look like one source.

Names are matched the way the archive merges sources, by their slug: an alias for `AA` also catches `aa`. Names
that slugify alike are one source already (shown with the most used spelling); `check` reports those as notices,
and suggests an alias for names that differ only in case, accents, punctuation, spacing or a mojibake spelling
but slugify differently (`L'Orient` and `LOrient`, `Ajansı` and `AjansÄ±`).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from ..errors import ConfigError
from ..model import Clipping, Problem
from ..read import mojibake
from .checks import Needle
from .collect import preferred_spelling
from .slugs import Slugs


class Aliases:
    """Resolves a source name to its canonical name; names without an alias are returned as they are."""

    def __init__(self, table: Mapping[str, Sequence[str]] | None, slugs: Slugs) -> None:
        self._slugs = slugs
        self._by_slug: dict[str, str] = {}
        for canonical, variants in (table or {}).items():
            for variant in (canonical, *variants):
                other = self._by_slug.setdefault(slugs.term(variant), canonical)
                if other != canonical:
                    raise ConfigError(f"'aliases': '{variant}' is the same name as one listed for '{other}' (names "
                                      f"are matched ignoring case, accents and punctuation)")
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if not self._by_slug or not name:
            return name
        resolved = self._cache.get(name)
        if resolved is None:
            resolved = self._cache[name] = self._by_slug.get(self._slugs.term(name), name)
        return resolved


def _loose_key(name: str, slugs: Slugs) -> str:
    """What is left of a name without case, accents, punctuation, spacing and mojibake."""
    return slugs.slug(mojibake.repair(name), max_length=0).replace("-", "")


def suggestions(clippings: Iterable[Clipping], resolve: Aliases, slugs: Slugs) -> list[tuple[Problem, Needle]]:
    """Notices for source spellings merged into one source, and alias suggestions for likely ones that are not;
    each with what to look for to find its line."""
    used: Counter[str] = Counter()
    first_use: dict[str, Clipping] = {}
    for clipping in clippings:
        if clipping.source:
            used[clipping.source] += 1
            first_use.setdefault(clipping.source, clipping)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in used.items():  # slugs once per spelling, not once per clipping
        spellings[slugs.term(resolve(name))][resolve(name)] += count
    shown = {slug: preferred_spelling(counts) for slug, counts in spellings.items()}
    problems = []
    for name, clipping in sorted(first_use.items(), key=lambda item: (item[1].source_path, item[0])):
        slug = slugs.term(name)
        if slug in shown and name != shown[slug]:
            problems.append((Problem(clipping.source_path, f"source '{name}' is shown as '{shown[slug]}' (the same "
                                     "name but for case, accents or punctuation)", "notice"), Needle(clipping, name)))
    by_key: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(shown):
        by_key[_loose_key(shown[slug], slugs)].append(slug)
    for group in by_key.values():
        if len(group) > 1:
            problems.extend(_suggest(group, shown, spellings, first_use, lambda n: slugs.term(resolve(n))))
    return problems


def _suggest(group: list[str], shown: dict[str, str], spellings: dict[str, Counter[str]],
             first_use: dict[str, Clipping], slug_of: Callable[[str], str]) -> list[tuple[Problem, Needle]]:
    """One suggestion per likely variant, towards the spelling without mojibake that is used most."""
    count = {slug: sum(spellings[slug].values()) for slug in group}
    best = min(group, key=lambda s: (mojibake.has_mojibake(shown[s]), -count[s], shown[s]))
    problems = []
    for slug in group:
        if slug == best:
            continue
        why = "a mojibake spelling of" if mojibake.has_mojibake(shown[slug]) else "the same source as"
        _, name, clipping = min((c.source_path, name, c) for name, c in first_use.items() if slug_of(name) == slug)
        entry = f"{_toml(shown[best])} = [{_toml(shown[slug])}]"
        problems.append((Problem(clipping.source_path, f"source '{shown[slug]}' ({count[slug]} clipping"
                                 f"{'s' if count[slug] != 1 else ''}) looks like {why} '{shown[best]}'; "
                                 f"if it is, add to sitegen.toml under [aliases]: {entry}", "notice"),
                         Needle(clipping, name)))
    return problems


def _toml(name: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(name, ensure_ascii=False)
