"""Mojibake (UTF-8 read as a single-byte code page) is found exactly, with its line, and clean text never is."""
from __future__ import annotations

from pathlib import Path

import pytest
from helpers import export_text, load_file
from hypothesis import assume, given
from hypothesis import strategies as st

from sitegen.read import mojibake

CLEAN = [
    "Anadolu Ajansı", "İstanbul'da şiddetli yağış", "Süddeutsche Zeitung", "Müller’s café – “quoted”", "São Paulo",
    "Ελληνική Ραδιοφωνία", "Радио Свобода", "日本経済新聞", "Hospodářské noviny", "voilà\u00a0!", "Þórshöfn",
    "NÃO", "£40 · 3½ °C", "Ægir ß Œuvre", "Łódź", "🚢 ferry", "Від редакції: «Новини» — 5 хв", "ÉTÉ : « Ça »",
]


@pytest.mark.parametrize("text", CLEAN)
def test_clean_text_is_not_mojibake(text: str) -> None:
    assert not mojibake.has_mojibake(text)
    assert mojibake.find(text) is None


@pytest.mark.parametrize(("damaged", "fixed"), [
    ("Anadolu AjansÄ±", "Anadolu Ajansı"),
    ("MÃ¼ller", "Müller"),
    ("itâ€™s", "it’s"),
    ("ÅŸiddetli yaÄŸÄ±ÅŸ", "şiddetli yağış"),
    ("Ä°stanbul", "İstanbul"),
    ("Ð\u00a0Ð°Ð´Ð¸Ð¾", "Радио"),
    ("РљСЂРµРјР»СЊ", "Кремль"),  # UTF-8 read as windows-1251
    ("Ξ•Ξ»Ξ»Ξ·Ξ½ΞΉΞΊΞ®", "Ελληνική"),  # UTF-8 read as windows-1253
    ("Ratusz ogĹ‚osiĹ‚", "Ratusz ogłosił"),  # UTF-8 read as windows-1250
])
def test_known_damage_is_found_and_undone(damaged: str, fixed: str) -> None:
    assert mojibake.has_mojibake(damaged)
    assert mojibake.repair(damaged) == fixed
    assert mojibake.suspect(damaged)


def mangle(text: str, code_page: str) -> str:
    """What a tool that reads UTF-8 as a single-byte code page makes of the text."""
    return text.encode("utf-8").decode(code_page, errors="strict")


@given(st.text(min_size=1), st.sampled_from(["latin-1", "cp1252", "cp1251", "cp1253", "cp1250", "cp1254",
                                             "cp1257", "mac_roman"]))
def test_the_pre_filter_lets_no_mangled_text_through(text: str, code_page: str) -> None:
    """The cheap test that spares clean files the costly one never passes a damaged text as clean."""
    assume(not text.isascii())
    try:
        damaged = mangle(text, code_page)
    except UnicodeDecodeError:  # the code page has holes; a real tool would have failed too
        assume(False)
    assert mojibake.suspect(damaged)


@given(st.text())
def test_find_never_crashes_and_points_inside_the_text(text: str) -> None:
    found = mojibake.find(text)
    if found is not None:
        assert 1 <= found.line <= text.count("\n") + 1
        assert found.word in text.split("\n")[found.line - 1]


def test_a_cyrillic_text_read_as_windows_1251_is_reported_with_its_fix(tmp_path: Path) -> None:
    text = export_text("Kremlin talks resume", source="Р\u0098РЅС‚РµСЂС„Р°РєСЃ",
                       body="Переговоры возобновятся в Стамбуле.\n\nThe port reopened.")
    path = tmp_path / "001_aaaaaaaa00000002.txt"
    path.write_text(text, encoding="utf-8")
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (15, "warning", "'Р\u0098РЅС‚РµСЂС„Р°РєСЃ' looks like mis-decoded UTF-8 (mojibake), probably 'Интерфакс'; "
                        "re-export the file or fix the text")]


def test_loader_reports_the_first_damaged_line(tmp_path: Path) -> None:
    text = export_text("Grain silo inspected", source="Anadolu AjansÄ±",
                       body="Officials in Ä°zmir said the silo was safe.\n\nThe port reopened.")
    path = tmp_path / "001_aaaaaaaa00000001.txt"
    path.write_text(text, encoding="utf-8")
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None and clipping.source == "Anadolu AjansÄ±"  # reported, never changed silently
    assert [(p.line, p.severity, p.message) for p in problems] == [
        (15, "warning", "'AjansÄ±' looks like mis-decoded UTF-8 (mojibake), probably 'Ajansı'; 1 more line like "
                        "it; re-export the file or fix the text")]
