"""Tests for the plain-text export loader, on fixture files written in the export's layout."""
from __future__ import annotations

import codecs
import datetime as dt
import hashlib
from pathlib import Path

import pytest
from helpers import load_file, load_fixture, messages
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import Clipping, Problem
from sitegen.read.text import load_text

FIXTURES = Path(__file__).parent / "fixtures" / "loaders" / "text"


def load(name: str) -> tuple[Clipping, list[Problem]]:
    return load_fixture("text", name)


def test_seed_layout() -> None:
    clipping, problems = load("002_9F8E7D6C5B4A3921.txt")
    assert problems == []
    assert clipping.id == "9f8e7d6c5b4a3921"
    assert clipping.source_path == "002_9F8E7D6C5B4A3921.txt"
    assert clipping.title == "Harbour authority in Gdańsk approves ferry link to Tallinn"
    assert clipping.published == dt.date(2025, 3, 11)
    assert clipping.captured == dt.datetime(2025, 8, 3, 0, 5, 9)
    assert clipping.categories == ("International", "Snippets")
    assert clipping.language == "en"
    assert clipping.url is None
    assert clipping.source == "Głos Wybrzeża Weekly"
    assert clipping.body_format == "text"
    assert clipping.body.split("\n\n") == [
        "The harbour authority approved a new ferry link on Tuesday, officials in Gdańsk said.",
        "Spokesperson Ana Kovač said the crossing would carry freight and passengers, but the timetable "
        "depends on a dredging contract that has not been signed.",
        "Critics warned about *costs* and <noise>; # of sailings is unclear.",
        "The first ship is expected in spring, although Kovač declined to give a date",
    ]


def test_hard_wrapped_variant_with_unknown_field() -> None:
    clipping, problems = load("hard-wrapped Zürich.txt")
    assert clipping.id == hashlib.sha1("hard-wrapped Zürich.txt".encode()).hexdigest()[:16]
    assert clipping.published == dt.date(2024, 3, 3)
    assert clipping.captured == dt.datetime(2024, 3, 4, 21, 15)
    assert clipping.categories == ("Europe", "Transport", "Climate")
    assert clipping.language == "de"
    assert clipping.url == "https://news.example.org/2024/03/zurich-trams"
    assert clipping.source == "Tagblatt Beispiel"
    assert clipping.extra == (("Author", "Jörg Müller"),)
    assert messages(problems) == [("notice", "unknown field 'Author' kept as extra data", 10)]
    assert clipping.body == ("The council debated a proposal to run trams through the night on weekends.\n\n"
                             'Supporters said the service "would pay for itself." Opponents were not convinced.')


@pytest.mark.parametrize(("name", "message", "line"), [
    pytest.param("missing title.txt", "no title (the first line is a header field); using the file name", 2,
                 id="missing-title"),
    pytest.param("impossible date.txt", "cannot read published date 'February 30, 2025' (not a calendar date); "
                                        "filed under capture date", 3, id="impossible-date"),
    pytest.param("no published.txt", "no published date; filed under capture date", None, id="no-published"),
    pytest.param("undated.txt", "no published or capture date; the clipping is undated", None, id="undated"),
    pytest.param("javascript url.txt", "link 'javascript:alert('x')' dropped: only http and https addresses "
                                       "are shown", 7, id="javascript-url"),
    pytest.param("empty body.txt", "empty body", None, id="empty-body"),
])
def test_fallback_warnings(name: str, message: str, line: int | None) -> None:
    _, problems = load(name)
    assert messages(problems) == [("warning", message, line)]


@pytest.mark.parametrize(("name", "field", "value"), [
    pytest.param("missing title.txt", "title", "missing title", id="title-from-stem"),
    pytest.param("missing title.txt", "published", dt.date(2024, 9, 3), id="sept"),
    pytest.param("missing title.txt", "source", "Ежедневный Вестник", id="source-with-colon"),
    pytest.param("impossible date.txt", "published", None, id="impossible-is-none"),
    pytest.param("impossible date.txt", "date", dt.date(2025, 3, 1), id="filed-under-capture"),
    pytest.param("no published.txt", "date", dt.date(2024, 10, 16), id="no-published-filed-under-capture"),
    pytest.param("no published.txt", "language", "es", id="spanish"),
    pytest.param("undated.txt", "date", None, id="undated-has-no-date"),
    pytest.param("undated.txt", "categories", ("Culture",), id="lone-category"),
    pytest.param("javascript url.txt", "url", None, id="javascript-dropped"),
    pytest.param("javascript url.txt", "source", "Limanı Haber", id="source-without-colon"),
    pytest.param("url on next line.txt", "url", "https://news.example.org/rail/thessaloniki", id="url-next-line"),
    pytest.param("url on next line.txt", "published", dt.date(2025, 3, 11), id="day-month-year"),
    pytest.param("empty body.txt", "body", "", id="empty-body-kept"),
])
def test_field_values(name: str, field: str, value: object) -> None:
    clipping, _ = load(name)
    assert getattr(clipping, field) == value


def test_not_an_export_is_an_error() -> None:
    clipping, problems = load_file(FIXTURES / "not an export.txt", FIXTURES)
    assert clipping is None
    assert [(p.severity, p.message.split(" (")[0]) for p in problems] == [
        ("error", "not in a known clipping format")]


def test_txt_with_front_matter_is_markdown() -> None:
    clipping, problems = load("front matter.txt")
    assert (clipping.title, clipping.body_format, clipping.source) == (
        "Plain-text file that is really Markdown", "markdown", "Blog Ünlü")
    assert problems == []


SEED_LIKE = (FIXTURES / "002_9F8E7D6C5B4A3921.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("encode", [
    pytest.param(lambda t: t.replace("\n", "\r\n").encode(), id="crlf"),
    pytest.param(lambda t: t.replace("\n", "\r").encode(), id="cr"),
    pytest.param(lambda t: codecs.BOM_UTF8 + t.encode(), id="utf-8-bom"),
    pytest.param(lambda t: t.encode("utf-16"), id="utf-16-bom"),
    pytest.param(lambda t: codecs.BOM_UTF16_BE + t.replace("\n", "\r\n").encode("utf-16-be"), id="utf-16-be-crlf"),
])
def test_encodings_and_line_endings_give_the_same_clipping(tmp_path: Path, encode) -> None:
    path = tmp_path / "002_9F8E7D6C5B4A3921.txt"
    path.write_bytes(encode(SEED_LIKE))
    expected, _ = load("002_9F8E7D6C5B4A3921.txt")
    assert load_file(path, tmp_path) == (expected, [])


def test_problem_lines_count_crlf_lines_once(tmp_path: Path) -> None:
    path = tmp_path / "impossible date.txt"
    path.write_bytes((FIXTURES / "impossible date.txt").read_bytes().replace(b"\n", b"\r\n"))
    _, problems = load_file(path, tmp_path)
    assert [p.line for p in problems] == [3]


TURKISH_EXPORT = """Köprü ihalesi ertelendi

Published on 3 Mar 2024

Document Date: Sun, Mar 03 2024 09:12:00 pm

Category: ,Türkçe,Ekonomi -

Sources Örnek Gazetesi

Ulaştırma Bakanlığı, boğaz köprüsü ihalesinin ağır kış koşulları nedeniyle ertelendiğini açıkladı.
Yetkililer, şartnamenin önümüzdeki ay yeniden yayımlanacağını söyledi; müteahhitler kararı eleştirdi.
Belediye başkanı, çalışmaların ilkbaharda hızlanmasını beklediğini ifade etti."""

RUSSIAN_EXPORT = """Переговоры возобновятся в Стамбуле

Published on March 11, 2025

Category: ,Русский,Политика -

Sources Ежедневный Вестник

Министерство иностранных дел заявило, что переговоры возобновятся на следующей неделе в Стамбуле.
По словам представителя, стороны обсудят вопросы торговли, энергетики и безопасности региона."""


@pytest.mark.parametrize(("text", "code_page", "language", "category"), [
    pytest.param(TURKISH_EXPORT, "cp1254", "tr", "Ekonomi", id="windows-1254-turkish"),
    pytest.param(RUSSIAN_EXPORT, "cp1251", "ru", "Политика", id="windows-1251-russian"),
])
def test_legacy_code_pages(tmp_path: Path, text: str, code_page: str, language: str, category: str) -> None:
    """The language is declared by its own name (`Türkçe`, `Русский`), in the file's code page."""
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode(code_page))
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None
    assert clipping.title == text.split("\n")[0]
    assert (clipping.language, clipping.categories) == (language, (category,))
    assert clipping.body == " ".join(text.split("\n\n")[-1].split("\n"))
    name = {"tr": "Turkish", "ru": "Russian"}[language]
    assert ("notice", f"not UTF-8; read as windows-{code_page[2:]} (the code page of its declared language, {name})",
            None) in messages(problems)


@pytest.mark.parametrize(("header", "field", "value"), [
    pytest.param("PUBLISHED ON 2024-06-15", "published", dt.date(2024, 6, 15), id="upper-case-field"),
    pytest.param("Published: Tuesday, June 4, 2024", "published", dt.date(2024, 6, 4), id="published-colon-weekday"),
    pytest.param("Sources: Agence Exemple", "source", "Agence Exemple", id="sources-colon"),
    pytest.param("Source   Kyiv   Example", "source", "Kyiv Example", id="source-no-colon"),
    pytest.param("Category: ,English,English,Energy,energy, - ,", "categories", ("Energy",), id="dedupe-and-dash"),
    pytest.param("Category: ,Français,English,Trade -", "language", "fr", id="first-language-wins"),
    pytest.param("Show on website: ftp://files.example.org/x", "url", None, id="ftp-dropped"),
])
def test_header_variants(header: str, field: str, value: object) -> None:
    text = f"\n\nA headline\n\n{header}\n\nDocument Date: 2024-06-16\n\nBody text."
    clipping, _ = load_text(text, "case.txt", "id")
    assert clipping is not None
    assert getattr(clipping, field) == value


def test_body_line_that_looks_like_a_repeated_field_stays_in_the_body() -> None:
    text = "Headline\nSources Agency A\n\nSources said the talks would resume."
    clipping, _ = load_text(text, "case.txt", "id")
    assert clipping is not None
    assert (clipping.source, clipping.body) == ("Agency A", "Sources said the talks would resume.")


def test_headline_like_sources_is_a_title() -> None:
    clipping, problems = load_text("Sources say deal is near\nPublished on 2024-01-02\nText.", "s.txt", "id")
    assert clipping is not None
    assert (clipping.title, clipping.source, problems) == ("Sources say deal is near", "", [])


@given(st.text())
def test_any_text_never_crashes(text: str) -> None:
    clipping, problems = load_text(text, "any.txt", "id")
    assert clipping is None or clipping.title
    assert all(isinstance(p, Problem) for p in problems)


@given(st.lists(st.sampled_from(["", "  ", "Title", "Published on March 11, 2025", "Published on Feb 30, 2025",
                                 "Document Date: Sun, Aug 03 2025 03:37:46 pm", "Category: ,English,X -", ",Y",
                                 "Show on website:", "Show on website: javascript:x", "Sources A", "Key: v",
                                 "body text", "more body.", "\t"]), max_size=20))
def test_any_arrangement_of_export_lines_never_crashes(lines: list[str]) -> None:
    clipping, _ = load_text("\n".join(lines), "any.txt", "id")
    assert clipping is None or (clipping.title and "\n\n\n" not in clipping.body)


def test_body_paragraph_that_looks_like_a_field_stays_in_the_body() -> None:
    text = ("\n\nQuay tolls frozen\n\n\n\nPublished on March 3, 2025\n\nSources Harbour Ledger\n\n"
            "Velmora: the port board froze quay tolls for another year.\n\nSecond paragraph.")
    clipping, _ = load_text(text, "x.txt", "abc")
    assert clipping is not None
    assert clipping.body.startswith("Velmora: the port board froze quay tolls")
    assert clipping.extra == ()


@pytest.mark.parametrize("first", [
    pytest.param("ANKARA: The ministry said on Tuesday that talks would resume.", id="dateline"),
    pytest.param("Update: the ministry later denied the report.", id="label-and-sentence"),
    pytest.param("Note: officials from both countries are expected to attend the meeting in the capital", id="long"),
])
def test_first_paragraph_that_looks_like_a_field_stays_in_the_body(first: str) -> None:
    """Nothing is lost: a dateline or a label before the first sentence is text, not an unknown field."""
    text = f"Headline\n\nPublished on 2024-01-02\n\nSources Agency A\n\n{first}\n\nSecond paragraph."
    clipping, problems = load_text(text, "case.txt", "id")
    assert clipping is not None
    assert (clipping.body, clipping.extra, problems) == (f"{first}\n\nSecond paragraph.", (), [])


def test_sentence_starting_with_sources_is_not_a_source() -> None:
    text = "Headline\n\nPublished on 2024-01-02\n\nSources said the talks would resume next week.\n\nMore text."
    clipping, _ = load_text(text, "case.txt", "id")
    assert clipping is not None
    assert (clipping.source, clipping.body) == ("", "Sources said the talks would resume next week.\n\nMore text.")
