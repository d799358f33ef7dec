"""Tests for decoding and the shared field parsers: dates, paragraphs, languages, addresses."""
from __future__ import annotations

import codecs
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.read.decode import decode, normalize_newlines
from sitegen.read.fields import (
    ends_sentence,
    language_from_name,
    language_tag,
    paragraphs,
    parse_date,
    parse_datetime,
    web_url,
)

TURKISH = ("Dışişleri Bakanlığı sözcüsü, görüşmelerin önümüzdeki hafta İstanbul'da yeniden başlayacağını "
           "açıkladı. Şehirdeki toplantıya çok sayıda ülkeden heyet katılacak; ticaret, enerji ve güvenlik "
           "konuları ele alınacak. Yetkililer, güneydoğudaki köprü projesinin ağır kış koşulları nedeniyle "
           "gecikeceğini söyledi.")
TURKISH_SHORT = ("Şişli'de işçiler iş bıraktı; ılık havada yürüyüş düzenlediler. Sözcü Işıl Ağaoğlu, "
                 "ücretlerin düşük olduğunu söyledi.")
TURKISH_EXPORT = """Taşköprü balıkçıları kışlık barınağa taşındı

Published on Oct 2, 2024

Sources Kıyı Gazetesi

Taşköprü balıkçılarının kış boyunca kullanacağı barınağın genişletilmesi için çalışmalar başladı. İlçe
belediyesi, işin şubat ayında biteceğini açıkladı. Balıkçı Şükrü Yılmaz, teknelerin fırtınada sığınacak
yer aradığını söyledi."""
RUSSIAN = ("Министерство иностранных дел заявило, что переговоры возобновятся на следующей неделе. "
           "По словам представителя, стороны обсудят вопросы торговли, энергетики и безопасности.")
FRENCH = "Le ministre a déclaré que les négociations reprendront à Genève, selon le porte-parole de l’État."


@pytest.mark.parametrize(("data", "expected_encoding"), [
    pytest.param("Zürich — ok".encode(), "utf-8", id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + "Zürich".encode(), "utf-8-sig", id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + "Zürich".encode("utf-16-le"), "utf-16", id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + "Zürich".encode("utf-16-be"), "utf-16", id="utf-16-be-bom"),
])
def test_decode_unicode(data: bytes, expected_encoding: str) -> None:
    text, encoding = decode(data) or ("", "")
    assert text.startswith("Zürich")
    assert encoding == expected_encoding


@pytest.mark.parametrize(("text", "code_page"), [
    pytest.param(TURKISH, "cp1254", id="windows-1254-turkish-ranked-as-1252"),
    pytest.param(TURKISH_SHORT, "cp1254", id="windows-1254-turkish-short"),
    pytest.param(TURKISH_EXPORT, "cp1254", id="windows-1254-turkish-ranked-as-1257"),
    pytest.param(RUSSIAN, "cp1251", id="windows-1251-russian"),
    pytest.param(FRENCH, "cp1252", id="windows-1252-french"),
])
def test_decode_legacy_code_pages(text: str, code_page: str) -> None:
    assert decode(text.encode(code_page)) == (text, code_page)


@pytest.mark.parametrize("data", [
    pytest.param(b"GIF89a\x01\x00\x00\x00\xff", id="nul-bytes"),
    pytest.param("no BOM".encode("utf-16-le"), id="utf-16-without-bom"),
    pytest.param(codecs.BOM_UTF8 + b"\xff\xfe broken", id="bad-utf-8-after-bom"),
])
def test_decode_refuses_binary(data: bytes) -> None:
    assert decode(data) is None


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("a\r\nb\r\n", "a\nb\n", id="crlf"),
    pytest.param("a\rb\r", "a\nb\n", id="cr"),
    pytest.param("a\r\n\rb\nc", "a\n\nb\nc", id="mixed"),
])
def test_normalize_newlines(text: str, expected: str) -> None:
    assert normalize_newlines(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("March 11, 2025", dt.date(2025, 3, 11), id="month-day-year"),
    pytest.param("Mar 3, 2024", dt.date(2024, 3, 3), id="abbreviated"),
    pytest.param("Sept 3, 2024", dt.date(2024, 9, 3), id="sept"),
    pytest.param("Sep. 3 2024", dt.date(2024, 9, 3), id="abbreviation-dot-no-comma"),
    pytest.param("2024-06-15", dt.date(2024, 6, 15), id="iso"),
    pytest.param("2024-06-15T23:30:00+02:00", dt.date(2024, 6, 15), id="iso-offset-keeps-day"),
    pytest.param("11 March 2025", dt.date(2025, 3, 11), id="day-month-year"),
    pytest.param("3 Mar 2024", dt.date(2024, 3, 3), id="day-abbreviated"),
    pytest.param("Tuesday, March 11, 2025", dt.date(2025, 3, 11), id="weekday-first"),
    pytest.param("March 11, 2025, Tue", dt.date(2025, 3, 11), id="weekday-last"),
    pytest.param("MARCH 11TH, 2025", dt.date(2025, 3, 11), id="ordinal-upper-case"),
    pytest.param("March 11, 2025 10:15 am", dt.date(2025, 3, 11), id="time-ignored"),
])
def test_parse_date(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("February 30, 2025", id="impossible-day"),
    pytest.param("2025-13-01", id="impossible-month"),
    pytest.param("March 2025", id="no-day"),
    pytest.param("11 11 2025", id="no-month-name"),
    pytest.param("Smarch 11, 2025", id="unknown-month"),
    pytest.param("March 11, 25", id="two-digit-year"),
    pytest.param("", id="empty"),
])
def test_parse_date_refuses(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Sun, Aug 03 2025 03:37:46 pm", dt.datetime(2025, 8, 3, 15, 37, 46), id="pm"),
    pytest.param("Sun, Aug 03 2025 12:05:09 am", dt.datetime(2025, 8, 3, 0, 5, 9), id="midnight-am"),
    pytest.param("Sun, Aug 03 2025 12:05 PM", dt.datetime(2025, 8, 3, 12, 5), id="noon-pm"),
    pytest.param("Mon, Aug 03 2025 03:37:46 p.m.", dt.datetime(2025, 8, 3, 15, 37, 46), id="wrong-weekday-p.m."),
    pytest.param("Aug 03 2025 21:15", dt.datetime(2025, 8, 3, 21, 15), id="24-hour"),
    pytest.param("Sun, Aug 03 2025", dt.datetime(2025, 8, 3), id="date-only"),
    pytest.param("2025-08-03T15:37:46", dt.datetime(2025, 8, 3, 15, 37, 46), id="iso"),
    pytest.param("2025-08-03 23:37:46-05:00", dt.datetime(2025, 8, 3, 23, 37, 46), id="iso-offset-as-written"),
])
def test_parse_datetime(text: str, expected: dt.datetime) -> None:
    assert parse_datetime(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("Sun, Aug 03 2025 13:00 pm", id="13-pm"),
    pytest.param("Sun, Aug 03 2025 25:00", id="hour-25"),
    pytest.param("Feb 30 2025 10:00", id="impossible-day"),
    pytest.param("yesterday 10:00", id="no-date"),
])
def test_parse_datetime_refuses(text: str) -> None:
    assert parse_datetime(text) is None


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("the bilateral\n\nrelationship will be long.", ["the bilateral relationship will be long."],
                 id="broken-mid-sentence"),
    pytest.param("a, b,\n\n\n\nc d\n\ne f", ["a, b, c d e f"], id="chain-of-breaks"),
    pytest.param("First line\nsecond line\n  third  \n\nNext.", ["First line second line third", "Next."],
                 id="hard-wrapped"),
    pytest.param("Ends here.\n\nlower case start", ["Ends here.", "lower case start"], id="full-stop"),
    pytest.param('He said "yes."\n\nand left', ['He said "yes."', "and left"], id="quote-after-stop"),
    pytest.param("Note:\n\nlower", ["Note:", "lower"], id="colon"),
    pytest.param("no stop\n\nUpper case", ["no stop", "Upper case"], id="upper-case-next"),
    pytest.param("\n\n  \t\n", [], id="blank"),
])
def test_paragraphs(text: str, expected: list[str]) -> None:
    assert paragraphs(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("Done.", True), ("Really?!", True), ("Wait…", True), ("(as he said.)", True), ("“quoted.”", True),
    ('"false"', False), ("a comma,", False), ("year 2022", False),
])
def test_ends_sentence(text: str, expected: bool) -> None:
    assert ends_sentence(text) is expected


@pytest.mark.parametrize(("name", "code"), [
    ("English", "en"), ("turkish", "tr"), ("Türkçe", "tr"), ("DEUTSCH", "de"), ("Français", "fr"),
    ("Español", "es"), ("Русский", "ru"), (" Azerbaijani ", "az"), ("International", None), ("Türkiye", None),
])
def test_language_from_name(name: str, code: str | None) -> None:
    assert language_from_name(name) == code


@pytest.mark.parametrize(("value", "tag"), [
    ("en", "en"), ("EN", "en"), ("pt_br", "pt-BR"), ("zh-Hant", "zh-Hant"), ("Turkish", "tr"),
    ("Klingonese", None), ("e n", None),
])
def test_language_tag(value: str, tag: str | None) -> None:
    assert language_tag(value) == tag


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param(" https://news.example.org/a?b=1 ", "https://news.example.org/a?b=1", id="https-trimmed"),
    pytest.param("HTTP://example.org", "HTTP://example.org", id="http-upper-case"),
    pytest.param("javascript:alert(1)", None, id="javascript"),
    pytest.param("ftp://example.org/file", None, id="ftp"),
    pytest.param("Click Here", None, id="words"),
    pytest.param("https://", None, id="no-host"),
    pytest.param("//example.org", None, id="no-scheme"),
    pytest.param("https://exa mple.org", None, id="space-inside"),
    pytest.param("https://[::1", None, id="malformed"),
])
def test_web_url(value: str, expected: str | None) -> None:
    assert web_url(value) == expected


@given(st.text())
def test_date_parsers_never_raise(text: str) -> None:
    assert parse_date(text) is None or isinstance(parse_date(text), dt.date)
    assert parse_datetime(text) is None or isinstance(parse_datetime(text), dt.datetime)


@given(st.text())
def test_paragraphs_are_trimmed_and_non_empty(text: str) -> None:
    for para in paragraphs(text):
        assert para and para == para.strip() and "\n" not in para


@given(st.binary())
def test_decode_never_raises(data: bytes) -> None:
    result = decode(data)
    assert result is None or isinstance(result[0], str)
