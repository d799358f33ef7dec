"""Small text helpers shared by the loaders: decoding, dates, paragraphs, languages, addresses.

Everything here is pure and cheap on the common path (UTF-8 files, the export's date styles), because it
runs once or more per file on archives of 100,000 files. Patterns are compiled once, at import.
"""
from __future__ import annotations

import codecs
import datetime as dt
import re
from urllib.parse import urlsplit

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 8192


def decode(data: bytes) -> tuple[str, str] | None:
    """Return (text, encoding name), or None for binary or undecodable data.

    A BOM decides; otherwise UTF-8 is tried first so the common case never loads charset-normalizer.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    if b"\x00" in data[:SNIFF_BYTES]:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return _decode_legacy(data)


# The languages each Windows code page was made for. charset-normalizer often ranks a code page that
# merely decodes without errors first (Turkish text as cp1257 or cp1252, turning "ş" into "ž" or "þ") while
# naming the language right; a match whose language fits its code page is the better guess.
_CODE_PAGE_LANGUAGES = {
    "cp1250": frozenset({"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian"}),
    "cp1251": frozenset({"Russian", "Ukrainian", "Bulgarian", "Serbian", "Kazakh"}),
    "cp1252": frozenset({"English", "French", "German", "Spanish", "Italian", "Portuguese", "Dutch",
                         "Danish", "Swedish", "Norwegian", "Finnish", "Indonesian"}),
    "cp1253": frozenset({"Greek"}),
    "cp1254": frozenset({"Turkish"}),
}


def _decode_legacy(data: bytes) -> tuple[str, str] | None:
    """Guess a legacy code page with charset-normalizer (imported here: most archives never need it)."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    fitting = (m for m in matches if m.language in _CODE_PAGE_LANGUAGES.get(m.encoding, ()))
    best = next(fitting, matches[0])
    return str(best), best.encoding


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR become LF, so line numbers and blank-line splitting mean one thing."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def drop_controls(text: str) -> tuple[str, int, int | None]:
    """Remove control characters other than tab and newline; returns the text, how many, and the first one's line.

    HTML may not contain them, and a page made only of them gives search nothing to index. Vertical tab and
    form feed (page breaks in some exports) become spaces, the rest disappear; lines stay where they were.
    """
    match = _CONTROLS.search(text)
    if match is None:
        return text, 0, None
    line = text.count("\n", 0, match.start()) + 1
    text, count = _CONTROLS.subn(lambda m: " " if m[0] in "\x0b\x0c" else "", text)
    return text, count, line


def collapse_spaces(text: str) -> str:
    """Runs of whitespace become one space; ends are trimmed."""
    return " ".join(text.split())


# --- dates ----------------------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")], start=1)
    for name in names
}
_WEEKDAYS = frozenset(
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun".split())
_ISO_DATE = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T\s]\d{1,2}:\d{2}\S*)?")
_DATE_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)\b", re.IGNORECASE)
_TIME = re.compile(
    r"(?P<date>.*?)[\sT,]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?\s*(?:(?P<ampm>[ap])\.?m\.?)?\s*",
    re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """Read a calendar date in the export's styles; None when it is not one (or impossible, like Feb 30).

    Accepted: `March 11, 2025`, `Mar 3, 2024`, `Sept 3, 2024`, `11 March 2025`, `3rd Mar 2024`, `2024-06-15`,
    each with an optional weekday anywhere (`Tuesday, March 11, 2025`) and an optional time, which is ignored.
    """
    text = text.strip()
    iso = _ISO_DATE.fullmatch(text)
    if iso:
        return _make_date(int(iso[1]), int(iso[2]), int(iso[3]))
    with_time = _TIME.fullmatch(text)
    if with_time:
        text = with_time["date"]
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
    if text[:4].isdigit():
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            pass
    hour = minute = second = 0
    match = _TIME.fullmatch(text)
    if match:
        hour, minute, second = int(match["h"]), int(match["m"]), int(match["s"] or 0)
        if match["ampm"]:
            if not 1 <= hour <= 12:
                return None
            hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
        text = match["date"]
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
    """
    result: list[str] = []
    for block in _BLANK_LINES.split(text.strip()):
        para = block.strip()
        if "\n" in para:  # hard-wrapped
            para = " ".join(filter(None, map(str.strip, para.split("\n"))))
        if not para:
            continue
        if result and para[0].islower() and not ends_sentence(result[-1]):
            result[-1] += " " + para
        else:
            result.append(para)
    return result


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
_LANGUAGE_CODES = {name: code for code, names in _LANGUAGE_NAMES.items() for name in names.split()}
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
