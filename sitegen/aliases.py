"""Source aliases: the `[aliases]` table of `sitegen.toml`, and suggestions for names that look like one source.

Names are matched the way the archive merges sources, by their slug: an alias for `AA` also catches `aa`. Names
that slugify alike are one source already (shown with the most used spelling); `check` reports those as notices,
and suggests an alias for names that differ only in case, accents, punctuation, spacing or a mojibake spelling
but slugify differently (`L'Orient` and `LOrient`, `Ajansı` and `AjansÄ±`).
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from . import mojibake
from .archive import preferred_spelling
from .errors import ConfigError
from .model import Clipping, Problem
from .urls import make_slug, term_slug


class Aliases:
    """Resolves a source name to its canonical name; names without an alias are returned as they are."""

    def __init__(self, table: Mapping[str, Sequence[str]] | None = None) -> None:
        self._by_slug: dict[str, str] = {}
        for canonical, variants in (table or {}).items():
            for variant in (canonical, *variants):
                other = self._by_slug.setdefault(term_slug(variant), canonical)
                if other != canonical:
                    raise ConfigError(f"'aliases': '{variant}' is the same name as one listed for '{other}' (names "
                                      f"are matched ignoring case, accents and punctuation)")
        self._cache: dict[str, str] = {}

    def __call__(self, name: str) -> str:
        if not self._by_slug or not name:
            return name
        resolved = self._cache.get(name)
        if resolved is None:
            resolved = self._cache[name] = self._by_slug.get(term_slug(name), name)
        return resolved


def _loose_key(name: str) -> str:
    """What is left of a name without case, accents, punctuation, spacing and mojibake."""
    return make_slug(mojibake.repair(name), max_length=0).replace("-", "")


def suggestions(clippings: Iterable[Clipping], resolve: Aliases) -> list[tuple[Problem, str]]:
    """Notices for source spellings merged into one source, and alias suggestions for likely ones that are not;
    each with the name, to find its line."""
    used: Counter[str] = Counter()
    first_file: dict[str, str] = {}
    for clipping in clippings:
        if clipping.source:
            used[clipping.source] += 1
            first_file.setdefault(clipping.source, clipping.source_path)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for name, count in used.items():  # slugs once per spelling, not once per clipping
        spellings[term_slug(resolve(name))][resolve(name)] += count
    shown = {slug: preferred_spelling(counts) for slug, counts in spellings.items()}
    problems = []
    for name, path in sorted(first_file.items()):
        slug = term_slug(name)
        if slug in shown and name != shown[slug]:
            problems.append((Problem(path, f"source '{name}' is shown as '{shown[slug]}' (the same name but for "
                                           "case, accents or punctuation)", "notice"), name))
    by_key: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(shown):
        by_key[_loose_key(shown[slug])].append(slug)
    for slugs in by_key.values():
        if len(slugs) > 1:
            problems.extend(_suggest(slugs, shown, spellings, first_file, resolve))
    return problems


def _suggest(slugs: list[str], shown: dict[str, str], spellings: dict[str, Counter[str]],
             first_file: dict[str, str], resolve: Aliases) -> list[tuple[Problem, str]]:
    """One suggestion per likely variant, towards the spelling without mojibake that is used most."""
    count = {slug: sum(spellings[slug].values()) for slug in slugs}
    best = min(slugs, key=lambda s: (mojibake.has_mojibake(shown[s]), -count[s], shown[s]))
    problems = []
    for slug in slugs:
        if slug == best:
            continue
        why = "a mojibake spelling of" if mojibake.has_mojibake(shown[slug]) else "the same source as"
        where, name = min((path, name) for name, path in first_file.items() if term_slug(resolve(name)) == slug)
        entry = f"{_toml(shown[best])} = [{_toml(shown[slug])}]"
        problems.append((Problem(where, f"source '{shown[slug]}' ({count[slug]} clipping"
                                        f"{'s' if count[slug] != 1 else ''}) looks like {why} '{shown[best]}'; "
                                        f"if it is, add to sitegen.toml under [aliases]: {entry}", "notice"), name))
    return problems


def _toml(name: str) -> str:
    """A TOML basic string (JSON's escapes are valid TOML)."""
    return json.dumps(name, ensure_ascii=False)
