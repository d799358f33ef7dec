"""Media-monitoring spreadsheets: the fixtures in tests/fixtures/importers/spreadsheet (a Meltwater-style UTF-16
TSV, a German UTF-8 CSV with BOM and `;`) and workbooks and CSVs made here from our own rows."""
from __future__ import annotations

import codecs
import datetime as dt
import io
import random
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from helpers import messages

from sitegen.model import Clipping, Problem
from sitegen.read.registry import InputFile, ReadOptions, digest_id
from sitegen.read.spreadsheet import load

FIXTURES = Path(__file__).parent / "fixtures" / "importers" / "spreadsheet"


def read(name: str, data: bytes | None = None, **columns: tuple[str, ...]) -> tuple[list[Clipping], list[Problem]]:
    if data is None:
        data = (FIXTURES / name).read_bytes()
    return load(InputFile(name, data), ReadOptions(columns))


def csv_bytes(*lines: str, encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def test_meltwater_utf16_tab_separated() -> None:
    clippings, problems = read("meltwater-mentions.csv")
    first, turkish, post, audit, undated = clippings
    assert first.id == "1709631000000_Qm9hdHNBbmRGZXJyaWVz"
    assert first.title == "Harbour board in Gdańsk backs night ferries"
    assert (first.published, first.precision) == (dt.date(2024, 3, 5), "day")
    assert first.source == "Baltic Ledger"
    assert first.author == "Jolanta Wiśniewska"
    assert first.url == "https://news.example.org/2024/03/05/gdansk-ferries"
    assert first.language == "en"
    assert first.categories == ("Transport", "Ports")
    assert first.excerpt and first.body_format == "text"
    assert first.body.startswith("The harbour board in Gdańsk voted on Tuesday")
    assert dict(first.extra)["Sentiment"] == "Positive"
    assert dict(first.extra)["Country"] == "Poland"
    assert dict(first.extra)["Reach"] == "120000"
    assert dict(first.extra)["Hit Sentence"] == "…voted on Tuesday to run night ferries…"
    assert (first.line, first.position) == (2, 0)

    assert (turkish.title, turkish.source, turkish.author, turkish.language) == (
        "Bakan Çelik'ten liman açıklaması", "Örnek Gazetesi", "Şule Ağaoğlu", "tr")
    assert dict(turkish.extra)["Country"] == "Türkiye"

    # A social post: no headline, its text is the hit sentence; titled with its first words.
    assert post.title == "Zoë here: the new night ferry from Gdańsk is a great idea …"
    assert post.body == "Zoë here: the new night ferry from Gdańsk is a great idea #ferries"
    assert post.author == "@zoe_unal"

    # A quoted cell with a line break: two paragraphs.
    assert audit.title == 'Ferry plan "too costly", say auditors'
    assert audit.body == ("Auditors said the night ferry plan would cost more than planned.\n\n"
                          "The board will answer next week.")
    assert (audit.line, audit.position) == (5, 3)

    assert undated.published is None and undated.url is None and undated.language is None
    assert dict(undated.extra)["Document ID"] == "short"  # not an id: kept as data, the id is a digest
    assert undated.id == digest_id("Weekly Roundup", "", "Undated mention of the ferries")
    assert sorted(messages(problems), key=lambda m: (m[2], m[1])) == [
        ("notice", "no headline; titled with the first words of its text", 4),
        ("warning", "cannot read the date 'sometime in March' in column 'Date'", 7),
        ("notice", "language 'Klingon' is neither a language name nor a code: ignored", 7),
        ("warning", "link 'javascript:alert(1)' dropped: only http and https addresses are shown", 7),
        ("error", "row has no headline and no text: skipped", 8),
    ]


def test_european_csv_with_bom_semicolons_and_a_title_above_the_header() -> None:
    clippings, problems = read("pressespiegel.csv")
    assert [(c.published, c.title, c.line) for c in clippings] == [
        (dt.date(2024, 3, 4), "Stadtwerke senken Fernwärmepreis", 4),
        (dt.date(2024, 3, 5), "Neue Buslinie; Nachtverkehr ab Mai", 5),
        (dt.date(2024, 3, 7), "Hafenfest verschoben", 7),
    ]
    first = clippings[0]
    assert first.source == "Beispielstädter Anzeiger"
    assert first.author == "Jörg Müller"
    assert first.language == "de"
    assert first.categories == ("Energie", "Fernwärme")
    assert first.body == ('Die Stadtwerke senken den Fernwärmepreis zum 1. April um acht Prozent. '
                          'Geschäftsführerin Käthe Groß sprach von einem "Signal an die Kunden".')
    assert dict(first.extra) == {"Sentiment": "positiv", "Country": "Deutschland", "Reichweite": "12.500"}
    # The row with a quote never closed is one problem; the rows after it still load.
    assert messages(problems) == [
        ("error", ('row not read: a quoted value is never closed (a missing " ?); the rows after it are read on '
                   "their own"), 6),
        ("error", "row has 13 values but the header 11 names (a delimiter inside an unquoted value?): skipped", 8),
    ]


def workbook(rows: list[list[object]], *, cover: bool = False) -> bytes:
    book = openpyxl.Workbook()
    if cover:  # a cover sheet with no header comes first
        book.active.title = "Portada"
        book.active.append(["Informe de prensa", "marzo de 2024"])
        sheet = book.create_sheet("Menciones")
    else:
        sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SPANISH = [
    ["Informe de menciones — Ayuntamiento de Ejemplo"],
    [],
    ["Fecha", "Titular", "Medio", "Autor", "Enlace", "Resumen", "Idioma", "País", "Tono", "Etiquetas"],
    [dt.datetime(2024, 3, 5, 9, 30), "El puerto de Ejemplo amplía su muelle", "Diario Ejemplar", "Begoña Núñez",
     "https://diario.example.es/puerto", "La autoridad portuaria aprobó la ampliación.", "Español", "España",
     "positivo", "Puerto; Obras"],
    [dt.date(2024, 3, 6), "Protesta vecinal por el ruido", "Radio Ñandú", None, "https://radio.example.es/ruido",
     "Los vecinos piden limitar el horario de carga.", "es", "España", "negativo", "Vecinos"],
    ["13/03/2024", "Nuevo horario de ferris", "Diario Ejemplar", "Begoña Núñez", "https://diario.example.es/ferris",
     "El primer ferri saldrá a las seis.", "es", "España", 3.0, None],
]


def test_xlsx_with_a_cover_sheet_real_dates_and_rows_numbered_as_in_excel() -> None:
    clippings, problems = read("menciones.xlsx", workbook(SPANISH, cover=True))
    assert problems == []
    assert [(c.published, c.title, c.line, c.position) for c in clippings] == [
        (dt.date(2024, 3, 5), "El puerto de Ejemplo amplía su muelle", 4, 0),
        (dt.date(2024, 3, 6), "Protesta vecinal por el ruido", 5, 1),
        (dt.date(2024, 3, 13), "Nuevo horario de ferris", 6, 2),  # a date typed as text
    ]
    first, second, third = clippings
    assert (first.source, first.author, first.language, first.categories) == (
        "Diario Ejemplar", "Begoña Núñez", "es", ("Puerto", "Obras"))
    assert second.source == "Radio Ñandú" and second.author == ""
    assert dict(third.extra)["Sentiment"] == "3"  # a number cell, shown as Excel shows it


def test_workbook_without_header_and_damaged_workbooks_are_one_error_each() -> None:
    _, problems = read("nada.xlsx", workbook([["a", "b"], ["1", "2"]]))
    assert [p.severity for p in problems] == ["error"]
    assert "no header row" in problems[0].message and "[columns]" in problems[0].message
    clippings, problems = read("roto.xlsx", workbook(SPANISH)[:3000])
    assert clippings == [] and [p.severity for p in problems] == ["error"]
    assert "not a readable workbook" in problems[0].message


def test_zip_bomb_is_refused_before_unpacking() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 1000)
    data = bytearray(buffer.getvalue())
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = (450 * 2**20).to_bytes(4, "little")  # the size it claims unpacked
    clippings, problems = read("bomb.xlsx", bytes(data))
    assert clippings == []
    assert messages(problems) == [("error", "workbook unpacks to 450 MB (more than 400 MB): not read", None)]


def test_a_spreadsheet_without_a_date_column_says_so_once() -> None:
    clippings, problems = read("n.csv", csv_bytes("Headline,Outlet", "One,Ledger", "Two,Ledger"))
    assert [c.published for c in clippings] == [None, None]
    assert [(p.severity, p.line) for p in problems] == [("warning", 1)]
    assert problems[0].message.startswith("no date column")


def test_columns_named_in_the_settings() -> None:
    data = csv_bytes("Artikelüberschrift,Erschienen am,Medientitel,Fließtext",
                     "Brücke wird saniert,2024-03-05,Kreisblatt Öhringen,Die Brücke wird ab Montag saniert.")
    _, problems = read("eigene.csv", data)
    assert "no header row" in problems[0].message
    clippings, problems = read("eigene.csv", data, title=("Artikelüberschrift",), published=("Erschienen am",),
                               source=("Medientitel",), text=("Fließtext",))
    assert problems == []
    (clipping,) = clippings
    assert (clipping.title, clipping.published, clipping.source, clipping.body) == (
        "Brücke wird saniert", dt.date(2024, 3, 5), "Kreisblatt Öhringen", "Die Brücke wird ab Montag saniert.")


def test_a_named_column_wins_over_a_built_in_name() -> None:
    data = csv_bytes("Title,Source,Outlet,Date", "Tram fares frozen,Wire feed,Zürcher Bote,2024-03-05")
    (clipping,), _ = read("a.csv", data)
    assert clipping.source == "Wire feed"
    (clipping,), _ = read("a.csv", data, source=("Outlet",))
    assert clipping.source == "Zürcher Bote"
    assert dict(clipping.extra)["Source"] == "Wire feed"


def dated(values: list[str]) -> bytes:
    return csv_bytes("Date,Headline,Source", *(f'"{v}",Story {n},Ledger' for n, v in enumerate(values)))


@pytest.mark.parametrize("values, expected", [
    (["03/04/2024", "03/13/2024"], [dt.date(2024, 3, 4), dt.date(2024, 3, 13)]),  # 13 can only be a day: m/d
    (["03/04/2024", "13/03/2024"], [dt.date(2024, 4, 3), dt.date(2024, 3, 13)]),  # d/m
    (["03.04.2024", "05.04.2024"], [dt.date(2024, 4, 3), dt.date(2024, 4, 5)]),  # dots: d.m
    (["2024-03-04", "4 March 2024", "Mar 5, 2024"], [dt.date(2024, 3, 4), dt.date(2024, 3, 4), dt.date(2024, 3, 5)]),
])
def test_day_and_month_order_is_decided_by_the_whole_column(values: list[str], expected: list[dt.date]) -> None:
    clippings, problems = read("d.csv", dated(values))
    assert [c.published for c in clippings] == expected
    assert problems == []


def test_a_column_that_fits_both_orders_is_reported() -> None:
    # In date order only when read day/month: said in a notice.
    clippings, problems = read("d.csv", dated(["01/02/2024", "02/02/2024", "01/03/2024"]))
    assert [c.published for c in clippings] == [dt.date(2024, 2, 1), dt.date(2024, 2, 2), dt.date(2024, 3, 1)]
    assert [(p.severity, p.line) for p in problems] == [("notice", 1)]
    assert "read as day/month" in problems[0].message
    # No evidence either way: month/day, with a warning that says how to avoid it.
    clippings, problems = read("d.csv", dated(["01/02/2024", "05/04/2024", "03/04/2024"]))
    assert [c.published for c in clippings] == [dt.date(2024, 1, 2), dt.date(2024, 5, 4), dt.date(2024, 3, 4)]
    assert [(p.severity, p.line) for p in problems] == [("warning", 1)]
    assert "fits day/month and month/day (like '01/02/2024'); read as month/day" in problems[0].message
    # Written both ways in one column: what fits one reading is read so, the rest is left undated.
    clippings, problems = read("d.csv", dated(["13/02/2024", "02/13/2024", "03/04/2024", "05/05/2024"]))
    assert [c.published for c in clippings] == [dt.date(2024, 2, 13), dt.date(2024, 2, 13), None,
                                                dt.date(2024, 5, 5)]
    assert [(p.severity, p.line) for p in problems] == [("warning", 1), ("warning", 4)]
    assert all("undated" in p.message for p in problems)


def test_ids_survive_reordering_and_merging() -> None:
    header = "Date,Headline,Source,URL"
    rows = [f"2024-03-0{n % 9 + 1},Story {n} über Brücken,Ledger {n % 3},https://example.org/{n}" for n in range(30)]
    rows += ["2024-03-01,Same headline,Ledger,https://example.org/a",
             "2024-03-01,Same headline,Ledger,https://example.org/b"]
    ids = {c.url: c.id for c in read("a.csv", csv_bytes(header, *rows))[0]}
    shuffled = rows[:]
    random.Random(7).shuffle(shuffled)
    assert {c.url: c.id for c in read("b.csv", csv_bytes(header, *shuffled))[0]} == ids
    assert {c.url: c.id for c in read("c.csv", csv_bytes(header, *rows[5:12]))[0]} == {
        url: ids[url] for url in (f"https://example.org/{n}" for n in range(5, 12))}
    assert len(set(ids.values())) == len(ids) == 32
    assert ids["https://example.org/3"] == digest_id("Ledger 0", "2024-03-04", "Story 3 über Brücken")


def test_repeated_vendor_id_and_repeated_header_of_joined_exports() -> None:
    data = csv_bytes("Document ID,Headline,Date", "DOC-0001-AAAA,First,2024-03-01", "Document ID,Headline,Date",
                     "DOC-0001-AAAA,Second,2024-03-02")
    (first, second), problems = read("joined.csv", data)
    assert first.id == "DOC-0001-AAAA" and second.id != first.id
    assert messages(problems) == [
        ("warning", "id 'DOC-0001-AAAA' is also on line 2; this row gets an id of its own", 4)]


def test_utf16_without_byte_order_mark_and_excel_separator_line() -> None:
    data = "Date\tHeadline\tSource\n2024-03-05\tŞehir hattı vapurları\tKıyı Postası\n".encode("utf-16-le")
    (clipping,), problems = read("bom-less.tsv", data)
    assert (clipping.title, clipping.source, problems) == ("Şehir hattı vapurları", "Kıyı Postası", [])
    data = csv_bytes("sep=,", "Date,Headline;with semicolon,Source", "2024-03-05,Ferries;late,Ledger")
    (clipping,), problems = read("sep.csv", data, title=("Headline;with semicolon",))
    assert clipping.title == "Ferries;late" and clipping.line == 3


def test_full_text_column_is_not_an_excerpt() -> None:
    (clipping,), _ = read("f.csv", csv_bytes("Date,Title,Full Text", "2024-03-05,Whole,All of it."))
    assert not clipping.excerpt
    (clipping,), _ = read("f.csv", csv_bytes("Date,Title,Summary", "2024-03-05,Part,Some of it."))
    assert clipping.excerpt


def test_not_a_spreadsheet_of_clippings() -> None:
    clippings, problems = read("prices.csv", csv_bytes("sku,price", "A1,3.50"))
    assert clippings == [] and [p.severity for p in problems] == ["error"]
    clippings, problems = read("binary.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 4)
    assert clippings == [] and [p.severity for p in problems] == ["error"]


def test_a_broken_quote_swallows_no_rows() -> None:
    # The quote opened on line 3 is closed on line 5: the rows between are read on their own.
    data = csv_bytes("Date,Headline,Source", "2024-03-01,One,Ledger", '2024-03-02,"Two,Ledger',
                     "2024-03-03,Three,Ledger", '2024-03-04,Four",x,Ledger', "2024-03-05,Five,Ledger")
    clippings, problems = read("broken.csv", data)
    assert [c.title for c in clippings] == ["One", "Three", "Five"]
    assert [(p.line, p.severity) for p in problems] == [(3, "error"), (5, "error")]


@pytest.mark.parametrize("bad", ['2024-03-05,"a""', '2024-03-05,"open', 'x,"""'])
def test_hostile_quotes_cost_linear_time(bad: str) -> None:
    lines = ["Date,Headline,Source"] + [bad if n % 2 else f"2024-03-06,Row {n},Ledger" for n in range(40_000)]
    started = time.perf_counter()
    clippings, problems = read("hostile.csv", csv_bytes(*lines, "2024-03-06,Last,Ledger"))
    assert time.perf_counter() - started < 20
    assert clippings[-1].title == "Last" and len(clippings) >= 19_000
    assert problems and all(p.severity == "error" for p in problems if "row not read" in p.message)


def test_a_value_too_long_is_one_problem() -> None:
    data = csv_bytes("Date,Headline,Source", f'2024-03-05,"{"x" * 200_000}",Ledger', "2024-03-06,Kept,Ledger")
    clippings, problems = read("long.csv", data)
    assert [c.title for c in clippings] == ["Kept"]
    assert messages(problems) == [("error", "row not read: a value longer than 131,072 characters", 2)]


def test_many_rows_each_problem_on_its_line() -> None:
    rows = [f"2024-03-{n % 28 + 1:02d},Story {n},Ledger" if n % 100 else f"not a date,Story {n},Ledger"
            for n in range(1000)]
    clippings, problems = read("many.csv", csv_bytes("Date,Headline,Source", *rows))
    assert len(clippings) == 1000
    assert [p.line for p in problems if "cannot read the date" in p.message] == list(range(2, 1002, 100))


def test_bom_only_and_empty_files() -> None:
    for data in (codecs.BOM_UTF8, b"", b"\n\n"):
        clippings, problems = read("empty.csv", data)
        assert clippings == [] and [p.severity for p in problems] == ["error"]
