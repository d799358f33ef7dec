"""Dates in a locale's own patterns (CLDR, through Babel), without Babel's cost per date.

Babel's `format_date` takes ~50 µs a call, and a large archive has thousands of distinct days, each shown as a
long date, a day in its month's list and a breadcrumb (a second of CPU at 10,000 clippings). A pattern such as
`d MMMM y` or `y年M月d日` is parsed once here and filled with numbers and the locale's month names; a pattern
with any other field (an era, a weekday) is left to Babel. tests/test_languages.py checks the two agree.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from babel import Locale
from babel.dates import DateTimePattern, get_date_format, get_month_names, match_skeleton, parse_pattern

DateFormat = Callable[[dt.date], str]

_FIELD = re.compile(r"%\((\w+)\)s")


def long_format(locale: Locale) -> DateFormat:
    """The locale's long date: `11 March 2025`, `11. März 2025`, `2025年3月11日`."""
    return _compiled(get_date_format("long", locale), locale)


def skeleton_format(skeleton: str, locale: Locale) -> DateFormat:
    """The locale's pattern for a skeleton (`yMMMM`: `March 2025`; `MMMMd`: `11 March`), chosen as Babel's
    `format_skeleton` chooses it."""
    skeletons = locale.datetime_skeletons
    if skeleton not in skeletons:
        skeleton = match_skeleton(skeleton, skeletons)
    return _compiled(skeletons[skeleton], locale)


def _compiled(pattern: DateTimePattern | str, locale: Locale) -> DateFormat:
    parsed = parse_pattern(pattern)
    fields = set(_FIELD.findall(parsed.format))
    months = {
        "MMM": get_month_names("abbreviated", "format", locale), "MMMM": get_month_names("wide", "format", locale),
        "LLL": get_month_names("abbreviated", "stand-alone", locale),
        "LLLL": get_month_names("wide", "stand-alone", locale),
    }
    makers: dict[str, Callable[[dt.date], str]] = {
        "d": lambda d: str(d.day), "dd": lambda d: f"{d.day:02d}",
        "M": lambda d: str(d.month), "MM": lambda d: f"{d.month:02d}",
        "L": lambda d: str(d.month), "LL": lambda d: f"{d.month:02d}",
        "y": lambda d: str(d.year), "yyyy": lambda d: f"{d.year:04d}",
        **{name: (lambda d, names=names: names[d.month]) for name, names in months.items()},
    }
    if not fields <= makers.keys():
        return lambda value: parsed.apply(value, locale)
    parts = [(name, makers[name]) for name in sorted(fields)]
    template = parsed.format
    return lambda value: template % {name: make(value) for name, make in parts}
