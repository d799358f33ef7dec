"""Slugs: the lower-case ASCII words a title or a name becomes in an address.

Slugifying (transliteration included) is the costliest step of collecting an archive, and a title or a source
name is slugified many times over; so each build keeps the slugs it made in a `Slugs` object, which the build
cache carries to the next build. It is owned by one build and passed to what needs it: no module keeps state.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping

from slugify import slugify

SLUG_MAX = 60
"""Longest slug, cut at a word boundary. Short enough that a clipping page's path in the site
(`./YYYY/MM/DD/<slug>-<id>.html`, 87 characters at most) fits tar's 100-byte name field: GitHub Pages
counts the site as a tar file, where a longer name costs an extra 1 KB entry (≈ 90 MB at 100,000 clippings
with 80-character slugs), and every link to the page is shorter too."""


class Slugs:
    """The slugs of one build, made once each."""

    def __init__(self, known: Mapping[tuple[str, int], str] | None = None) -> None:
        """`known`: slugs a previous build made, by (text, max_length)."""
        self.made: dict[tuple[str, int], str] = dict(known or {})
        """Every slug made or known, by (text, max_length): for the next build."""
        self._terms: dict[str, str] = {}

    def slug(self, text: str, max_length: int = SLUG_MAX) -> str:
        """Lower-case ASCII words joined by `-`, cut at a word boundary; may be empty (e.g. only punctuation)."""
        slug = self.made.get((text, max_length))
        if slug is None:
            # The transliteration table is named, not auto-detected: with `auto`, installing Unidecode next to
            # sitegen would change every non-ASCII address, and the failed import it tries first is slow.
            slug = self.made[text, max_length] = slugify(text, max_length=max_length, word_boundary=True,
                                                         save_order=True, backend="text-unidecode")
        return slug

    def term(self, name: str) -> str:
        """Slug of a source or category; names that slugify to nothing get a stable hash instead."""
        slug = self._terms.get(name)
        if slug is None:
            slug = self._terms[name] = self.slug(name) or \
                "x-" + hashlib.sha1(name.casefold().encode("utf-8")).hexdigest()[:10]
        return slug
