"""Dates with explicit formats (sitegen/read/dates.py): what is read, with its precision, and what is refused."""
from __future__ import annotations

import datetime as dt

import pytest

from sitegen.read.columns import ALIASES, normal
from sitegen.read.dates import When, parse_when, read_column

D = dt.date


@pytest.mark.parametrize("text, day, precision, time", [
    ("2024-03-05", D(2024, 3, 5), "day", None),
    ("2024-03-05T14:30:00Z", D(2024, 3, 5), "day", dt.time(14, 30)),
    ("2024-03-05 23:30:00+02:00", D(2024, 3, 5), "day", dt.time(23, 30)),  # the day as written, never moved
    ("2024/03/05", D(2024, 3, 5), "day", None),
    ("2024-03", D(2024, 3, 1), "month", None),
    ("2024", D(2024, 1, 1), "year", None),
    ("20240305", D(2024, 3, 5), "day", None),
    ("05-Mar-2024 09:30AM", D(2024, 3, 5), "day", dt.time(9, 30)),
    ("05-Mar-2024 12:05 am", D(2024, 3, 5), "day", dt.time(0, 5)),
    ("05-Mar-24", D(2024, 3, 5), "day", None),
    ("Mar 5, 2024", D(2024, 3, 5), "day", None),
    ("Tuesday, March 5th, 2024 at 9:30 p.m.", D(2024, 3, 5), "day", dt.time(21, 30)),
    ("5 March 2024 10:00 GMT+01:00", D(2024, 3, 5), "day", dt.time(10, 0)),
    ("5. März 2024", D(2024, 3, 5), "day", None),
    ("Dienstag, 5. März 2024, 14:30 Uhr", D(2024, 3, 5), "day", dt.time(14, 30)),
    ("mardi 5 mars 2024 à 14h30", D(2024, 3, 5), "day", dt.time(14, 30)),
    ("1er février 2024", D(2024, 2, 1), "day", None),
    ("29 décembre 2011", D(2011, 12, 29), "day", None),
    ("5 de marzo de 2024", D(2024, 3, 5), "day", None),
    ("5 marzo 2024", D(2024, 3, 5), "day", None),
    ("15 Ağustos 2024 Perşembe", D(2024, 8, 15), "day", None),
    ("5 марта 2024 г.", D(2024, 3, 5), "day", None),
    ("März 2024", D(2024, 3, 1), "month", None),
    ("05.03.2024", D(2024, 3, 5), "day", None),  # dots: day.month, the only way they are written
    ("13/03/2024", D(2024, 3, 13), "day", None),  # 13 can only be a day
    ("03/13/2024 14:30", D(2024, 3, 13), "day", dt.time(14, 30)),
])
def test_formats(text: str, day: dt.date, precision: str, time: dt.time | None) -> None:
    assert parse_when(text) == When(day, precision, time)


@pytest.mark.parametrize("text", [
    "05/03/2024",  # day/month or month/day: a single value cannot tell
    "31/02/2024", "2024-13-01", "2024-02-30", "Mar 5, 2024 25:61", "sometime in March", "5 March", "March",
    "12345", "2024-03-05T14:30:00 Europe/Paris", "5 Mar 2024 and 6 Mar 2024", "",
])
def test_not_dates(text: str) -> None:
    assert parse_when(text) is None


def test_two_digit_years_are_fixed_not_relative_to_today() -> None:
    assert parse_when("5.3.68").day == D(2068, 3, 5)
    assert parse_when("5.3.69").day == D(1969, 3, 5)


def test_a_column_of_spreadsheet_cells() -> None:
    values = [dt.datetime(2024, 3, 5, 9, 30), dt.date(2024, 3, 6), "", None, "2024-03-07"]
    whens, notes = read_column(values, "Fecha")
    assert [w.day if w else None for w in whens] == [D(2024, 3, 5), D(2024, 3, 6), None, None, D(2024, 3, 7)]
    assert whens[0].time == dt.time(9, 30) and notes == []


def test_header_aliases_name_one_field_each() -> None:
    owner: dict[str, str] = {}
    for field, names in ALIASES.items():
        for name in names:
            assert owner.setdefault(normal(name), field) == field, name
    assert normal(" Veröffentlichungs-Datum: ") == "veroffentlichungs datum"
