"""Field parsers shared by every loader: names, dates, paragraphs, languages, addresses.

A format module finds its fields; what a field's value means is read here, the same way for every format, so
a date or a link is understood alike whatever file it came from. Everything is pure and cheap on the common
path, because it runs once or more per document on archives of 100,000 documents. Patterns are compiled once.
"""
from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlsplit

from ..model import MONTHS, Precision


def collapse_spaces(text: str) -> str:
    """Runs of whitespace become one space; ends are trimmed."""
    return " ".join(text.split())


# --- dates ----------------------------------------------------------------------------------------

_MONTHS = {name: number for number, month in enumerate(MONTHS, start=1)
           for name in {month.lower(), month[:3].lower(), "sept" if number == 9 else month.lower()}}
_WEEKDAYS = frozenset(
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun".split())
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]\d{1,2}:\d{2}\S*)?")
_DATE_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\Z")
_AM_PM = re.compile(r"([ap])\.?m\.?\Z", re.IGNORECASE)
_BEFORE_TIME = frozenset(",Tt")
MAX_DATE_CHARS = 100
"""A longer value is no date (the longest style, a weekday, date and time with `a.m.`, is under 50 characters);
refusing it up front keeps a hostile header line from costing more than its reading."""


def _split_time(text: str) -> tuple[str, int, int, int, str | None] | None:
    """(date part, hour, minute, second, `a` / `p` or None) when the stripped `text` ends with a time after a
    space, `T` or comma (`Aug 03 2025 03:37:46 pm`); else None. Read from the end in a bounded number of steps, so
    it costs the same whatever precedes the time (a regex trying each split of the text backtracks quadratically)."""
    end, ampm = len(text), None
    marker = _AM_PM.search(text, max(0, end - 4))
    if marker is not None:
        ampm, end = marker[1].lower(), marker.start()
        while end and text[end - 1].isspace():
            end -= 1
    clock = _CLOCK.search(text, max(0, end - 8), end)
    if clock is None or clock.start() == 0:
        return None
    before = clock.start()
    if not (text[before - 1].isspace() or text[before - 1] in _BEFORE_TIME):
        return None
    while before and (text[before - 1].isspace() or text[before - 1] in _BEFORE_TIME):
        before -= 1
    return text[:before], int(clock[1]), int(clock[2]), int(clock[3] or 0), ampm


def parse_date(text: str) -> dt.date | None:
    """Read a calendar date in the export's styles; None when it is not one (or impossible, like Feb 30).

    Accepted: `March 11, 2025`, `Mar 3, 2024`, `Sept 3, 2024`, `11 March 2025`, `3rd Mar 2024`, `2024-06-15`,
    each with an optional weekday anywhere (`Tuesday, March 11, 2025`) and an optional time, which is ignored.
    """
    text = text.strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        return _make_date(int(iso[1]), int(iso[2]), int(iso[3]))
    with_time = _split_time(text)
    if with_time:
        text = with_time[0]
    words = [w for w in _DATE_TOKEN.findall(_ORDINAL.sub(r"\1", text).lower()) if w not in _WEEKDAYS]
    if len(words) != 3:
        return None
    if words[0] in _MONTHS:
        month, day, year = words
    elif words[1] in _MONTHS:
        day, month, year = words
    else:
        return None
    if not (day.isdigit() and len(day) <= 2 and year.isdigit() and len(year) == 4):
        return None
    return _make_date(int(year), _MONTHS[month], int(day))


_ISO_MONTH = re.compile(r"(\d{4})[-/.](\d{1,2})")


def parse_partial_date(text: str) -> tuple[dt.date, Precision] | None:
    """A published date as precise as the source gives it, as (first day of the period, precision); None when it
    is no date. Newspapers and monthly magazines are dated by month or year.

    A day: as `parse_date`. A month: `March 2025`, `Mar. 2025`, `2025 March`, `2025-03`, `2025/03`. A year:
    `2025`. A date that is only a month without a year (`March`) is no date."""
    day = parse_date(text)
    if day is not None:
        return day, "day"
    text = text.strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    if len(text) == 4 and text.isdigit():
        year = int(text)
        return (dt.date(year, 1, 1), "year") if year >= 1 else None
    iso = _ISO_MONTH.fullmatch(text)
    if iso:
        first = _make_date(int(iso[1]), int(iso[2]), 1)
        return (first, "month") if first is not None else None
    words = [w for w in _DATE_TOKEN.findall(text.lower()) if w not in _WEEKDAYS]
    if len(words) != 2:
        return None
    month, year = words if words[0] in _MONTHS else words[::-1]
    if month not in _MONTHS or not (year.isdigit() and len(year) == 4):
        return None
    first = _make_date(int(year), _MONTHS[month], 1)
    return (first, "month") if first is not None else None


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def parse_datetime(text: str) -> dt.datetime | None:
    """Read a capture time (`Sun, Aug 03 2025 03:37:46 pm`, 24-hour, date only, or ISO) as naive local time.

    The weekday is ignored even when it is wrong; an ISO offset is dropped, keeping the time as written.
    """
    text = text.strip()
    if len(text) > MAX_DATE_CHARS:
        return None
    if text[:4].isdigit():
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            pass
    hour = minute = second = 0
    with_time = _split_time(text)
    if with_time:
        text, hour, minute, second, ampm = with_time
        if ampm:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if ampm == "p" else 0)
    day = parse_date(text)
    if day is None:
        return None
    try:
        return dt.datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return None


# --- paragraphs -----------------------------------------------------------------------------------

_BLANK_LINES = re.compile(r"\n[ \t\f\v]*\n\s*")
_SENTENCE_END = frozenset(".!?…:")
_CLOSERS = "\"'”’»)]}"


def paragraphs(text: str) -> list[str]:
    """Split plain text into paragraphs, undoing the export's hard wraps and mid-sentence breaks.

    Lines of a block are joined with a space; a block that does not end a sentence is joined to the next
    when that one starts with a lower-case letter (`...the bilateral` + `relationship will be long`).
    Linear in the text's length (a body of thousands of joined blocks is not copied once per block).
    """
    result: list[list[str]] = []  # each paragraph's blocks, joined at the end: linear in the text's length
    for block in _BLANK_LINES.split(text.strip()):
        para = block.strip()
        if "\n" in para:  # hard-wrapped
            para = " ".join(filter(None, map(str.strip, para.split("\n"))))
        if not para:
            continue
        # A joined block starts with a letter, so the paragraph ends as its last block does.
        if result and para[0].islower() and not ends_sentence(result[-1][-1]):
            result[-1].append(para)
        else:
            result.append([para])
    return [" ".join(blocks) for blocks in result]


_CUT_OFF = re.compile(r"[^\W\d_]|[,;:(\-–—]")
"""How text that was cut off mid-sentence ends: a letter, or a mark that something must follow."""
CUT_OFF_WORDS = 8
"""A last paragraph shorter than this (a byline, a dateline, a credit) is not taken for a cut sentence."""


def stops_mid_sentence(text: str) -> bool:
    """True when the text visibly stops in the middle of a sentence (`...resolving the issue of Iran's nuclear
    program peacefully`): its last paragraph is prose of some length and ends in a word or a comma, not with
    sentence punctuation. A text that ends with a full stop is never taken for cut off."""
    last = text.rstrip().rsplit("\n\n", 1)[-1]
    if not last or ends_sentence(last) or len(last.split()) < CUT_OFF_WORDS:
        return False
    return _CUT_OFF.fullmatch(last[-1]) is not None and not last[-1].isupper()


def ends_sentence(text: str) -> bool:
    """True when text ends with sentence punctuation, possibly followed by closing quotes or brackets."""
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in _SENTENCE_END


# --- languages ------------------------------------------------------------------------------------

_LANGUAGE_NAMES = {
    "en": "english", "tr": "turkish türkçe turkce", "de": "german deutsch", "fr": "french français francais",
    "es": "spanish español espanol castellano", "ru": "russian русский", "ar": "arabic العربية",
    "it": "italian italiano", "pt": "portuguese português portugues", "el": "greek ελληνικά",
    "pl": "polish polski", "uk": "ukrainian українська", "nl": "dutch nederlands", "fa": "persian farsi فارسی",
    "zh": "chinese 中文", "ja": "japanese 日本語", "ko": "korean 한국어", "hu": "hungarian magyar",
    "cs": "czech čeština cestina", "ro": "romanian română romana", "bg": "bulgarian български",
    "sr": "serbian srpski српски", "hr": "croatian hrvatski", "az": "azerbaijani azeri azərbaycan",
    "ku": "kurdish kurdî", "he": "hebrew עברית", "hi": "hindi हिन्दी", "ur": "urdu اردو",
    "sv": "swedish svenska", "da": "danish dansk", "no": "norwegian norsk", "fi": "finnish suomi",
    "ka": "georgian ქართული", "hy": "armenian հայերեն", "kk": "kazakh қазақша", "uz": "uzbek oʻzbekcha",
    "sq": "albanian shqip", "bs": "bosnian bosanski", "mk": "macedonian македонски", "sk": "slovak slovenčina",
    "sl": "slovenian slovene slovenščina", "lt": "lithuanian lietuvių", "lv": "latvian latviešu",
    "et": "estonian eesti", "id": "indonesian", "ms": "malay", "vi": "vietnamese", "th": "thai",
}
_FOREIGN_NAMES = {  # the major languages as the others name them (a French interface says `Anglais`)
    "en": "englisch anglais inglés ingles inglese engels inglês", "de": "allemand alemán aleman tedesco duits "
    "alemão alemao", "fr": "französisch franzosisch francés frances francese frans francês", "es": "spanisch "
    "espagnol spagnolo spaans espanhol", "it": "italienisch italien italiaans", "nl": "niederländisch "
    "néerlandais neerlandais neerlandés olandese", "pt": "portugiesisch portugais portugués portoghese portugees",
    "ru": "russisch russe ruso russo",
}
_LANGUAGE_CODES = {name: code for table in (_FOREIGN_NAMES, _LANGUAGE_NAMES) for code, names in table.items()
                   for name in names.split()}
_LANGUAGE_TAG = re.compile(r"([a-zA-Z]{2,3})((?:[-_][a-zA-Z0-9]{2,8})*)")
_TAG_SEPARATOR = re.compile(r"[-_]")


def language_from_name(name: str) -> str | None:
    """BCP 47 code for a language name in English or in the language itself (`Türkçe` → `tr`)."""
    return _LANGUAGE_CODES.get(name.strip().casefold())


def language_name(code: str) -> str | None:
    """The English name of a language the export can name (`tr` → `Turkish`); None for other codes."""
    names = _LANGUAGE_NAMES.get(code)
    return names.split()[0].capitalize() if names else None


def language_tag(value: str) -> str | None:
    """A language given as a name or a tag (`en`, `pt_BR`), as a BCP 47 tag; None when it is neither."""
    code = language_from_name(value)
    if code is not None:
        return code
    match = _LANGUAGE_TAG.fullmatch(value.strip())
    if not match:
        return None
    subtags = [p.upper() if len(p) == 2 else p for p in _TAG_SEPARATOR.split(match[2]) if p]  # region: BR
    return "-".join([match[1].lower(), *subtags])


# --- addresses ------------------------------------------------------------------------------------

_WEB_SCHEMES = frozenset({"http", "https"})
_NOT_IN_URL = re.compile(r"[\s\x00-\x1f\x7f]")


def web_url(value: str) -> str | None:
    """The address if it is a usable http(s) URL; None for other schemes (`javascript:`) or junk."""
    value = value.strip()
    if not value or _NOT_IN_URL.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in _WEB_SCHEMES or not parts.hostname:
        return None
    return value


# --- fields every format has ------------------------------------------------------------------------

def shown(value: str, limit: int = 80) -> str:
    """A value as quoted in a message: its start, so that a hostile 20 MB field makes no 20 MB message."""
    return value if len(value) <= limit else value[:limit] + "…"


def published_field(value: str | None, label: str, has_captured: bool) -> tuple[dt.date | None, str | None]:
    """A published date and, when it is missing or unreadable, the message saying where the clipping is filed.
    `label` names the field as the format calls it (`published date`, `date`)."""
    fallback = "filed under capture date" if has_captured else "the clipping is undated"
    if value is None:
        return None, (f"no published date; {fallback}" if has_captured
                      else "no published or capture date; the clipping is undated")
    published = parse_date(value)
    if published is None:
        return None, f"cannot read {label} '{shown(value)}' (not a calendar date); {fallback}"
    return published, None


def published_date_field(value: str | None, label: str, has_captured: bool
                         ) -> tuple[dt.date | None, Precision, str | None]:
    """As `published_field`, for a date that may give only a month or a year: (first day of the period,
    precision, message)."""
    found = parse_partial_date(value) if value is not None else None
    if found is None:
        date, message = published_field(value, label, has_captured)
        return date, "day", message
    return found[0], found[1], None


def captured_field(value: str | None, label: str) -> tuple[dt.datetime | None, str | None]:
    """A capture time and, when it is unreadable, the message; `label` as for `published_field`."""
    if value is None:
        return None, None
    captured = parse_datetime(value)
    return captured, None if captured is not None else f"cannot read {label} '{shown(value)}'"


def url_field(value: str | None) -> tuple[str | None, str | None]:
    """An original article's address and, when it is not one to link, the message."""
    if value is None:
        return None, None
    url = web_url(value)
    return url, None if url is not None else f"link '{shown(value)}' dropped: only http and https addresses are shown"
