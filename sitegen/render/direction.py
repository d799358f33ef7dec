"""Language and direction attributes for text that is not in the interface language.

A clipping keeps its own language and direction wherever it appears (its page, list lines, related links,
search results): an Arabic title in an English list carries `lang="ar" dir="rtl"`, an English one on an Arabic
page `lang="en" dir="ltr"`. An element with `dir` is isolated from its neighbours (HTML's `[dir]` rule), so a
title cannot pull the date beside it into its own order; names without an element of their own (a source
after a date) go into `<bdi>` when they run the other way. Attributes are made once per language and name.
"""
from __future__ import annotations

from markupsafe import Markup

from ..i18n.locales import language_direction, text_direction
from ..model import Clipping


class TextAttributes:
    """The attributes of one interface language (`language`, running `direction`)."""

    def __init__(self, language: str, direction: str) -> None:
        self.language = language
        self.direction = direction
        self._by_language: dict[str | None, Markup] = {None: Markup()}
        self._names: dict[str, Markup] = {}

    def lang_attr(self, code: str | None) -> Markup:
        """` lang="de"` for text in another language than the interface's, and ` dir="rtl"` (or `ltr`) when
        that language runs the other way."""
        found = self._by_language.get(code)
        if found is None:
            found = Markup(' lang="%s"') % code if code != self.language else Markup()
            direction = language_direction(code)
            if direction != self.direction:
                found += Markup(' dir="%s"') % direction
            self._by_language[code] = found
        return found

    def of(self, clipping: Clipping) -> Markup:
        """`lang_attr` of a clipping's language; for a clipping of no known language, the direction its title's
        first letter gives when that is not the interface's (as `dir="auto"` would find it)."""
        if clipping.language:
            return self.lang_attr(clipping.language)
        return self.dir_attr(clipping)

    def dir_attr(self, clipping: Clipping) -> Markup:
        """Only the direction part of `of`, for an element whose `lang` is written apart."""
        direction = self.direction_of(clipping)
        return Markup(' dir="%s"') % direction if direction and direction != self.direction else Markup()

    @staticmethod
    def direction_of(clipping: Clipping) -> str | None:
        """`rtl` or `ltr` for a clipping's title and text: its language's, else its title's first letter's."""
        return language_direction(clipping.language) if clipping.language else text_direction(clipping.title)

    def isolate(self, name: str) -> Markup:
        """A name in a line of the interface's words, in `<bdi>` when it runs the other way: an Arabic source
        name after an English date cannot pull the date into its order."""
        found = self._names.get(name)
        if found is None:
            direction = text_direction(name)
            found = self._names[name] = (Markup("<bdi>%s</bdi>") if direction and direction != self.direction
                                         else Markup("%s")) % name
        return found
