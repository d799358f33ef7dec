"""Dates as exports write them, read with explicit formats only, never guessed from the look of a string.

Accepted: ISO 8601 (`2024-03-05`, `2024-03-05T14:30:00Z`, `2024-03` and `2024` with their precision), numbers
(`05/03/2024`, `5.3.24`) whose day/month order is decided by a whole column (`read_column`), and dates with a month
name in the languages exports come in (`05-Mar-2024 09:30AM`, `5. März 2024`, `mardi 5 mars 2024 à 14h30`,
`5 de marzo de 2024`, `Mar 5, 2024`), each with an optional weekday and time. A value that fits two readings is
reported, never read one way in silence.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from ..model import Precision, Severity

_MONTH_NAMES = (  # per month: every spelling and abbreviation, in en de fr es it pt nl sv da no tr ru
    "january jan januar janvier janv enero ene gennaio gen janeiro januari ocak января январь янв",
    ("february feb februar fevrier février fevr févr febrero febbraio fevereiro fev februari şubat subat "
     "февраля февраль фев"),
    "march mar märz maerz marz mrz mars marzo março marco maart mart marts марта март",
    "april apr avril avr abril abr aprile nisan апреля апрель",
    "may mai mayo maggio mag maio mei maj mayıs mayis мая май",
    "june jun juni juin junio giugno giu junho haziran июня июнь",
    "july jul juli juillet juil julio luglio lug julho temmuz июля июль",
    "august aug august août aout agosto ago augustus augusti ağustos agustos августа август авг",
    "september sep sept septembre septiembre settembre set setembro eylül eylul сентября сентябрь сен",
    "october oct oktober octobre octubre ottobre ott outubro out okt ekim октября октябрь окт",
    "november nov novembre noviembre novembro kasım kasim ноября ноябрь ноя",
    ("december dec dezember dez décembre decembre déc diciembre dic dicembre dezembro desember aralık aralik "
     "декабря декабрь дек"),
)
MONTHS: dict[str, int] = {name: number for number, names in enumerate(_MONTH_NAMES, 1) for name in names.split()}
"""Month names and abbreviations (lower case, accents as written and without) → month number."""
_IGNORED = frozenset(word for words in (
    "monday mon tuesday tue tues wednesday wed thursday thu thur thurs friday fri saturday sat sunday sun",
    "montag dienstag mittwoch donnerstag freitag samstag sonntag",
    "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "lunes martes miercoles miércoles jueves viernes sabado sábado domingo",
    "lunedi lunedì martedi martedì mercoledi mercoledì giovedi giovedì venerdi venerdì sabato domenica",
    "segunda terca terça quarta quinta sexta feira",
    "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
    "måndag mandag tisdag tirsdag onsdag torsdag fredag lördag lørdag söndag søndag",
    "pazartesi salı sali çarşamba carsamba perşembe persembe cuma cumartesi pazar",
    "понедельник вторник среда четверг пятница суббота воскресенье",
    "de del of the den le la à a at um uhr om kl klo г года",
    "utc gmt z cet cest est edt cst cdt pst pdt bst ist msk eet eest wet west trt",
) for word in words.split())
"""Weekdays, joining words (`5 de marzo de 2024`) and time-zone names: said next to a date, never part of it."""

_ISO = re.compile(r"(\d{4})(?:([-/.])(\d{1,2})(?:\2(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?)?"
                  r"\s*(?:Z|[+-]\d{2}:?\d{2}|UTC|GMT)?", re.IGNORECASE)
_NUMERIC = re.compile(r"(\d{1,2})([./-])(\d{1,2})\2(\d{4}|\d{2})(?:[T,\s]+(.+))?")
_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})")
_TIME = re.compile(r"(?<![\d:])(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,]\d+)?)?|h(\d{2})?)(?![\d:])"
                   r"(?:\s*([ap])\.?\s?m\.?(?![^\W\d_]))?", re.IGNORECASE)
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th|er|e|º|ª)(?![^\W\d_])", re.IGNORECASE)
_TOKEN = re.compile(r"[^\W\d_]+|\d+")
_ZONE_OFFSET = re.compile(r"(?:GMT|UTC)?\s*[+-]\d{2}:?\d{2}$", re.IGNORECASE)
YEAR_PIVOT = 69
"""Two-digit years: 69-99 are 1969-1999, 00-68 are 2000-2068 (the POSIX rule), fixed so that output never
depends on the day of the build."""


@dataclass(frozen=True, slots=True)
class When:
    """A date read from a file, with how much of it the file gives, and the time of day when given."""

    day: dt.date
    precision: Precision = "day"
    time: dt.time | None = None

    def moment(self) -> dt.datetime:
        """Date and time (midnight when no time was given), naive, as written."""
        return dt.datetime.combine(self.day, self.time or dt.time())


@dataclass(frozen=True, slots=True)
class _Numeric:
    """`05/03/2024`: two numbers whose order (day/month or month/day) the value alone may not tell."""

    first: int
    second: int
    year: int
    separator: str
    time: dt.time | None

    def as_dmy(self) -> When | None:
        return _when(self.year, self.second, self.first, self.time)

    def as_mdy(self) -> When | None:
        return _when(self.year, self.first, self.second, self.time)


def _when(year: int, month: int, day: int, time: dt.time | None = None, precision: Precision = "day") -> When | None:
    try:
        return When(dt.date(year, month, day), precision, time)
    except ValueError:
        return None


def _year(digits: str) -> int:
    year = int(digits)
    if len(digits) == 2:
        year += 1900 if year >= YEAR_PIVOT else 2000
    return year


def _time(hour: str, minute: str | None, second: str | None = None, half: str | None = None) -> dt.time | None:
    h, m, s = int(hour), int(minute or 0), int(second or 0)
    if half:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if half.lower() == "p" else 0)
    try:
        return dt.time(h, m, s)
    except ValueError:
        return None


def _split_time(text: str) -> tuple[str, dt.time | None, bool]:
    """The text without its time of day, the time, and whether a time failed to read (`25:61`). The last
    time-like part is the time: a day number has neither colon nor `h`, a time may follow the date."""
    matches = list(_TIME.finditer(text))
    if not matches:
        return text, None, False
    match = matches[-1]
    time = _time(match[1], match[2] if match[2] is not None else match[4], match[3], match[5])
    return text[:match.start()] + " " + text[match.end():], time, time is None


def _parse(value: str) -> When | _Numeric | None:
    """One value, or None when it is not a date in an accepted form."""
    text = value.strip()
    if not text:
        return None
    iso = _ISO.fullmatch(text)
    if iso:
        year, _, month, day, hour, minute, second = iso.groups()
        if month is None:
            return _when(int(year), 1, 1, precision="year")
        if day is None:
            return _when(int(year), int(month), 1, precision="month") if iso[2] == "-" else None
        time = _time(hour, minute, second) if hour is not None else None
        if hour is not None and time is None:
            return None
        return _when(int(year), int(month), int(day), time)
    numeric = _NUMERIC.fullmatch(text)
    if numeric:
        time = None
        if numeric[5]:
            rest, time, bad = _split_time(_ZONE_OFFSET.sub("", numeric[5]))
            if bad or time is None or any(_fold(t) not in _IGNORED for t in _TOKEN.findall(rest)):
                return None
        return _Numeric(int(numeric[1]), int(numeric[3]), _year(numeric[4]), numeric[2], time)
    compact = _COMPACT.fullmatch(text)
    if compact:
        return _when(int(compact[1]), int(compact[2]), int(compact[3]))
    return _parse_words(text)


def _fold(word: str) -> str:
    word = word.casefold()
    return word if word.isascii() else unicodedata.normalize("NFC", word)


def _parse_words(text: str) -> When | None:
    """A date with a month name: the tokens left once weekdays, joining words and the time are set aside must be
    a day, a month name and a year (in the orders languages write them), or a month name and a year."""
    text, time, bad = _split_time(_ZONE_OFFSET.sub("", text))
    if bad:
        return None
    words = [w for w in (_fold(t) for t in _TOKEN.findall(_ORDINAL.sub("", text))) if w not in _IGNORED]
    months = [i for i, w in enumerate(words) if w in MONTHS]
    if len(months) != 1 or not 2 <= len(words) <= 3:
        return None
    at = months[0]
    month = MONTHS[words[at]]
    numbers = words[:at] + words[at + 1:]
    if not all(n.isdigit() for n in numbers):
        return None
    if len(words) == 2:
        year = numbers[0]
        return _when(int(year), month, 1, precision="month") if len(year) == 4 else None
    first, last = numbers
    if at == 1 and len(last) == 2 and len(first) <= 2:  # 05-Mar-24
        return _when(_year(last), month, int(first), time)
    if len(last) == 4 and len(first) <= 2:  # 5 March 2024, March 5 2024
        return _when(int(last), month, int(first), time)
    if at == 1 and len(first) == 4 and len(last) <= 2:  # 2024 March 5
        return _when(int(first), month, int(last), time)
    return None


def parse_when(value: str) -> When | None:
    """A single date on its own (not one of a column): numbers that fit day/month and month/day are not read."""
    found = _parse(value)
    if isinstance(found, _Numeric):
        if found.separator == ".":
            return found.as_dmy()
        dmy, mdy = found.as_dmy(), found.as_mdy()
        return None if dmy is not None and mdy is not None and dmy != mdy else dmy or mdy
    return found


Note = tuple[int | None, str, Severity]
"""(index of the value, or None for the column as a whole; message; severity)."""


def read_column(values: Sequence[object], name: str) -> tuple[list[When | None], list[Note]]:
    """Read a column of dates (strings, or the datetime and date objects of a spreadsheet) as a whole.

    Numbers are read day/month or month/day by what every value of the column allows: one `13/04/2024` decides
    for all. When every value fits both orders, dots (`05.03.2024`) mean day.month, as everywhere they are used;
    otherwise the order in which the rows are in date order decides (a notice says so); otherwise month/day is
    used, with a warning. Values that fit neither reading are reported one by one.
    """
    found: list[When | _Numeric | None] = []
    notes: list[Note] = []
    for index, value in enumerate(values):
        if isinstance(value, dt.datetime):
            found.append(When(value.date(), "day", value.time()))
        elif isinstance(value, dt.date):
            found.append(When(value))
        elif value is None or (text := str(value).strip()) == "":
            found.append(None)
        else:
            parsed = _parse(text)
            if parsed is None:
                notes.append((index, f"cannot read the date '{text[:60]}' in column '{name}'", "warning"))
            found.append(parsed)
    numeric = [(i, v) for i, v in enumerate(found) if isinstance(v, _Numeric)]
    if not numeric:
        return found, notes  # type: ignore[return-value]
    order, note = _order(numeric, found, name)
    if note:
        notes.append(note)
    result: list[When | None] = list(found)  # type: ignore[arg-type]
    for index, value in numeric:
        result[index] = _read(value, order, index, name, notes)
    notes.sort(key=lambda n: (-1 if n[0] is None else n[0]))
    return result, notes


def _read(value: _Numeric, order: str | None, index: int, name: str, notes: list[Note]) -> When | None:
    dmy, mdy = value.as_dmy(), value.as_mdy()
    if order == "dmy" or (order is None and mdy is None):
        when = dmy
    elif order == "mdy" or (order is None and dmy is None):
        when = mdy
    else:  # a column of mixed orders, and this value fits both
        if dmy == mdy:
            return dmy
        notes.append((index, (f"the date {_shown(value)} in column '{name}' can be day/month or month/day, and "
                              "other dates in the column are written both ways: left undated"), "warning"))
        return None
    if when is None:
        notes.append((index, f"the date {_shown(value)} in column '{name}' is not a calendar date", "warning"))
    return when


def _shown(value: _Numeric) -> str:
    return f"'{value.first:02d}{value.separator}{value.second:02d}{value.separator}{value.year}'"


def _order(numeric: Sequence[tuple[int, _Numeric]], column: Sequence[When | _Numeric | None],
           name: str) -> tuple[str | None, Note | None]:
    """'dmy' or 'mdy' for the whole column, or None when its values are written both ways; and what to tell.
    The column's other dates (ISO, month names, date cells) take part in the date-order test."""
    dmy_fits = all(v.as_dmy() is not None for _, v in numeric)
    mdy_fits = all(v.as_mdy() is not None for _, v in numeric)
    if dmy_fits != mdy_fits:
        return ("dmy" if dmy_fits else "mdy"), None
    if not dmy_fits:
        return None, (None, (f"column '{name}' has dates written day/month and others month/day; dates that "
                             "fit both orders are left undated"), "warning")
    if all(v.first == v.second for _, v in numeric) or all(v.separator == "." for _, v in numeric):
        return "dmy", None
    example = next(_shown(v) for _, v in numeric if v.first != v.second)
    dmy_sorted = _in_order(v.as_dmy() if isinstance(v, _Numeric) else v for v in column)
    mdy_sorted = _in_order(v.as_mdy() if isinstance(v, _Numeric) else v for v in column)
    if dmy_sorted != mdy_sorted:
        order = "day/month" if dmy_sorted else "month/day"
        return ("dmy" if dmy_sorted else "mdy"), (
            None, (f"every date in column '{name}' fits day/month and month/day (like {example}); read as {order}, "
                   "the only order in which the rows are in date order"), "notice")
    return "mdy", (None, (f"every date in column '{name}' fits day/month and month/day (like {example}); read as "
                          "month/day (as US-based services write them): if that is wrong, export the dates as "
                          "YYYY-MM-DD or with month names"), "warning")


def _in_order(whens: Iterable[When | None]) -> bool:
    """True when at least three distinct dates come in ascending or descending order."""
    days = [w.day for w in whens if w is not None]
    if len(set(days)) < 3:
        return False
    pairs = list(pairwise(days))
    return all(a <= b for a, b in pairs) or all(a >= b for a, b in pairs)
