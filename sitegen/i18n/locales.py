"""Language tags as Babel knows them, and the direction each language's script runs in."""
from __future__ import annotations

import functools
import unicodedata

from babel import Locale, UnknownLocaleError
from babel.core import get_global

RTL_SCRIPTS = frozenset({"Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"})
"""ISO 15924 scripts written right to left, for a tag that names its script (`az-Arab`, `ar-Latn`)."""


def interface_locale(tag: str) -> Locale:
    """Babel's locale for a BCP 47 tag (`tr`, `de-AT`, `zh-Hant-TW`); ValueError with a sentence a site owner
    can act on when Babel does not know it."""
    if "_" in tag:
        raise ValueError(f"{tag!r} is not a BCP 47 tag: write {tag.replace('_', '-')!r}")
    if tag.lower() == "und" or tag.lower().startswith(("x-", "i-")):
        raise ValueError(f"{tag!r} names no language Babel has data for")
    try:
        return Locale.parse(tag, sep="-")
    except (ValueError, UnknownLocaleError) as exc:
        raise ValueError(f"{tag!r} is not a language tag Babel knows (like 'en', 'tr', 'de-AT', 'ar'): {exc}") \
            from exc


def formatting_locale(locale: Locale) -> Locale:
    """The locale dates and numbers are written in. Plain `en` writes them as international English does
    (`11 March 2025`, unambiguous everywhere); `en-US` as Americans do (`March 11, 2025`)."""
    return Locale.parse("en_001") if str(locale) == "en" else locale


@functools.cache
def language_direction(tag: str) -> str:
    """`rtl` or `ltr` for a language tag: by its script, the one it names (`az-Arab`, `ar-Latn`) or the one CLDR
    says the language is most likely written in (`ar` → Arab, `he` → Hebr); `ltr` for a language CLDR does not
    know. (Babel's `Locale.text_direction` would load the whole locale, ~30 ms, for each language met.)"""
    parts = tag.replace("_", "-").split("-")
    script = next((part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()), None)
    if script is None:
        likely = get_global("likely_subtags").get(parts[0].lower(), "").split("_")
        script = likely[1] if len(likely) > 1 else None
    return "rtl" if script in RTL_SCRIPTS else "ltr"


def text_direction(text: str) -> str | None:
    """The direction of the first strongly directional letter of `text` (as `dir="auto"` finds it); None
    when it has none (digits and punctuation only)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None
