"""The interface language of one build: its translated words, its dates and numbers, its direction.

A 10,000-clipping site shows dates ~100,000 times, of a few thousand distinct days: every formatted date,
month, year and number is made once per build (and worker), with the locale's patterns compiled once
(`dates.py`), and then looked up.
"""
from __future__ import annotations

import datetime as dt

from babel.dates import get_month_names
from babel.numbers import format_decimal

from ..model import Dated
from .catalogs import PLACEHOLDER, Catalog
from .dates import DateFormat, long_format, skeleton_format
from .locales import formatting_locale, interface_locale, language_direction

PLURAL_SAMPLES = (*range(0, 1001), 1_000_000)
"""Counts tried to find one of every plural category of a language (French says `1 000 000 de ...`)."""


class Interface:
    """What a reader's language changes: words from the catalog, dates and numbers as the locale writes them,
    and the direction the page runs in. Machine dates (datetime attributes, feeds, sitemap) never come here."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        self.language = catalog.language
        self.locale = interface_locale(catalog.language)
        self._formats = formatting_locale(self.locale)
        self.direction: str = language_direction(catalog.language)
        """`ltr` or `rtl`: the direction of the interface's own words."""
        self._made: dict[tuple[object, ...], str] = {}
        self._patterns: dict[str, DateFormat] = {}

    # --- words ---------------------------------------------------------------------------------------

    def gettext(self, message: str) -> str:
        """The message in the interface language, or as written (English) when no catalog translates it."""
        return self.catalog.messages.get(message, message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of a message for `count`, by the catalog's plural rule (Arabic has six, Turkish one)."""
        found = self.catalog.plurals.get(singular)
        if found is not None:
            forms, rule = found
            index = rule(count)
            if 0 <= index < len(forms):
                return forms[index]
        return singular if count == 1 else plural

    def plural_forms(self, singular: str, plural: str) -> dict[str, str]:
        """For a script: each CLDR plural category of the language (what `Intl.PluralRules` answers in the
        browser) -> the message's form for a count in it, its `%(name)s` placeholders left for the script to
        fill (and `%%` written `%`, as everywhere else)."""
        samples = self._made.get(("plural samples",))
        if samples is None:
            found: dict[str, int] = {}
            for count in PLURAL_SAMPLES:
                found.setdefault(self._formats.plural_form(count), count)
            samples = self._made["plural samples",] = found  # type: ignore[assignment]
        names = {name: f"%({name})s" for name in PLACEHOLDER.findall(singular + plural)}
        return {category: self.ngettext(singular, plural, count) % names for category, count in samples.items()}

    # --- dates and numbers ---------------------------------------------------------------------------

    def long_date(self, value: Dated | dt.date | None, precision: str = "day") -> str:
        """The one way a date is shown to readers: `11 March 2025` / `11 Mart 2025` / `11. März 2025`, or only as
        much as the source gives (a `Dated` of precision `month` or `year`: `March 2025`, `2025`). None: the word
        for undated."""
        if value is None:
            return self.gettext("undated")
        if isinstance(value, Dated):
            value, precision = value.date, value.precision
        elif isinstance(value, dt.datetime):
            value = value.date()
        key = (value, precision)
        text = self._made.get(key)
        if text is None:
            text = self._made[key] = self._pattern({"day": "long", "month": "yMMMM"}.get(precision, "y"))(value)
        return text

    def month_year(self, year: int, month: int) -> str:
        """`March 2025`, `Mart 2025`: a month page's heading."""
        return self.long_date(dt.date(year, month, 1), "month")

    def year(self, year: int) -> str:
        """`2025` (`2025年` in Japanese)."""
        return self.long_date(dt.date(year, 1, 1), "year")

    def day_month(self, value: dt.date) -> str:
        """`11 March`, `11. März`: a day in a list of one month's days."""
        return self._skeleton("MMMMd", value)

    def day(self, value: dt.date) -> str:
        """`11` (`11日` in Japanese): a day in a breadcrumb trail that has named its month."""
        return self._skeleton("d", value)

    def month_name(self, month: int, width: str = "wide") -> str:
        """A month on its own, as a label: `wide` March, `abbreviated` Mar, `narrow` M (January is 1)."""
        key = ("month", month, width)
        text = self._made.get(key)
        if text is None:
            text = self._made[key] = get_month_names(width, "stand-alone", self._formats)[month]
        return text

    def number(self, value: int) -> str:
        """A count with the locale's digit grouping: `12,345`, `12.345`, `12 345`."""
        text = self._made.get(("n", value))
        if text is None:
            text = self._made["n", value] = format_decimal(value, locale=self._formats)
        return text

    def _skeleton(self, skeleton: str, value: dt.date) -> str:
        key = (skeleton, value)
        text = self._made.get(key)
        if text is None:
            text = self._made[key] = self._pattern(skeleton)(value)
        return text

    def _pattern(self, name: str) -> DateFormat:
        """The compiled pattern for `long` (the long date) or a skeleton."""
        found = self._patterns.get(name)
        if found is None:
            found = self._patterns[name] = long_format(self._formats) if name == "long" else \
                skeleton_format(name, self._formats)
        return found

