"""Language tags as Babel knows them."""
from __future__ import annotations

from babel import Locale, UnknownLocaleError


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
