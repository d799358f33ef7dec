"""End to end: a content folder of monitoring spreadsheets, a Google Alerts feed and saved web pages (beside a
plain-text export) built with the CLI: one page per document with its title, source and date, linked from the
timeline, source and category pages and found by search; `sitegen check` counts each format; the settings
`[columns]` and `excerpt_formats` at work."""
from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from conftest import run_build
from helpers import export_text, page_for, parse, search_results

from sitegen.cli import main

IMPORTERS = Path(__file__).parent / "fixtures" / "importers"


def spanish_workbook() -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Fecha", "Titular", "Medio", "Enlace", "Resumen", "Etiquetas"])
    sheet.append(["2024-03-08", "El ferri nocturno zarpa de Gdańsk", "Diario Ejemplar",
                  "https://diario.example.es/ferri", "El primer ferri nocturno salió puntual.", "Puertos"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def make_content(root: Path) -> Path:
    content = root / "content"
    for kind in ("spreadsheet", "alerts", "webpage"):
        shutil.copytree(IMPORTERS / kind, content / kind)
    (content / "spreadsheet" / "menciones.xlsx").write_bytes(spanish_workbook())
    (content / "000_aaaaaaaa00000001.txt").write_text(export_text("Quay lamps replaced"), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("imports")
    assert run_build(make_content(root), root / "public", "--base-url", "https://example.org/archive/") == 0
    return root / "public"


def export(public: Path) -> list[dict]:
    return json.loads((public / "clippings.json").read_text(encoding="utf-8"))["clippings"]


def page_of(public: Path, record: dict) -> Path:
    return page_for(public, record["url"].removeprefix("https://example.org/archive"))


def test_one_page_per_document_with_title_source_and_date(site: Path) -> None:
    records = export(site)
    by_file: dict[str, int] = {}
    for record in records:
        by_file[record["file"]] = by_file.get(record["file"], 0) + 1
    assert by_file == {"000_aaaaaaaa00000001.txt": 1, "alerts/gdansk-ferries.xml": 5,
                       "spreadsheet/meltwater-mentions.csv": 5, "spreadsheet/pressespiegel.csv": 3,
                       "spreadsheet/menciones.xlsx": 1, "webpage/cookie-banner.html": 1,
                       "webpage/jsonld-article.html": 1, "webpage/meta-only.html": 1}
    assert len({r["url"] for r in records}) == len(records) == 18
    wanted = {
        "Harbour board in Gdańsk backs night ferries": ("Baltic Ledger", "2024-03-05", "2024-03-05"),
        "Stadtwerke senken Fernwärmepreis": ("Beispielstädter Anzeiger", "2024-03-04", "2024-03-04"),
        "El ferri nocturno zarpa de Gdańsk": ("Diario Ejemplar", "2024-03-08", "2024-03-08"),
        "Harbour board backs night ferries from Gdańsk": ("news.example.org", None, "2024-03-05"),
        "Nachtfähre nach Gdańsk kommt im Mai": ("Nordsee Rundschau", "2024-03-05", "2024-03-05"),
        "Revisorer kritiserar färjeplanen": ("Karlskrona Kuriren", "2024-03-06", "2024-03-06"),
    }
    for record in records:
        if record["title"] in wanted:
            source, published, filed = wanted.pop(record["title"])
            assert (record["source"], record["published"], record["date"]) == (source, published, filed)
            page = parse(page_of(site, record))
            assert page.h1 == [record["title"]]
            assert f"/archive/{filed.replace('-', '/')}/" in record["url"]
    assert wanted == {}


def test_pages_are_linked_from_timeline_source_and_category_pages(site: Path) -> None:
    record = next(r for r in export(site) if r["title"] == "Nachtfähre nach Gdańsk kommt im Mai")
    address = record["url"].removeprefix("https://example.org")
    page = parse(page_of(site, record))
    day = parse(site / "2024/03/05/index.html")
    source = parse(site / "sources/nordsee-rundschau/index.html")
    category = parse(site / "categories/hafen/index.html")
    name = address.rsplit("/", 1)[1]
    assert any(href.endswith(name) for href, _ in day.links)
    for listing in (source, category):
        assert any(href.endswith("/2024/03/05/" + name) for href, _ in listing.links)
    assert page.h1 == ["Nachtfähre nach Gdańsk kommt im Mai"]


def test_snippets_say_they_are_excerpts_and_full_pages_do_not(site: Path) -> None:
    records = {r["title"]: r for r in export(site)}
    snippet = parse(page_of(site, records["Harbour board in Gdańsk backs night ferries"]))
    alert = parse(page_of(site, records["Auditors question cost of ferry plan"]))
    full = parse(page_of(site, records["Revisorer kritiserar färjeplanen"]))
    assert "This is an excerpt" in snippet.text and "This is an excerpt" in alert.text
    assert "This is an excerpt" not in full.text


def test_search_finds_the_imported_documents(site: Path) -> None:
    contents = " ".join(json.loads(gzip.decompress(data)[12:])["content"] for data in search_results(site).values())
    for words in ("Hafenverwaltung hat am Dienstag", "Kommunens revisorer", "Auditors in Karlskrona",
                  "Ulaştırma Bakanı Deniz Çelik", "El primer ferri nocturno"):
        assert words in contents


def test_check_counts_each_format(tmp_path: Path, capsys, monkeypatch) -> None:
    make_content(tmp_path)
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 1  # the fixtures' broken rows are errors
    lines = capsys.readouterr().out.splitlines()
    assert lines[-5:-1] == [
        "  Google Alerts: 5 clippings from 1 file; 2 warnings, 1 notice",
        "  Monitoring text: 1 clipping from 1 file",
        "  Spreadsheet: 9 clippings from 3 files; 3 errors, 2 warnings, 2 notices",
        "  Web page: 3 clippings from 3 files; 1 notice",
    ]
    assert lines[-1].startswith("Checked 18 clippings in content/ in ")
    assert "content/spreadsheet/pressespiegel.csv:6: error: row not read: a quoted value is never closed" in \
        "\n".join(lines)


def test_excerpt_formats_cut_the_named_formats_or_everything(tmp_path: Path) -> None:
    content = make_content(tmp_path)
    config = tmp_path / "sitegen.toml"
    config.write_text('excerpt_formats = ["Web page"]\n', encoding="utf-8")
    assert run_build(content, tmp_path / "public", "--config", str(config), "--no-search") == 0
    records = {r["title"]: r for r in export(tmp_path / "public")}
    web = parse(page_of(tmp_path / "public", records["Nachtfähre nach Gdańsk kommt im Mai"]))
    text = parse(page_of(tmp_path / "public", records["Quay lamps replaced"]))
    assert "This is an excerpt" in web.text and "zweites Schiff" not in web.text  # after the 60th word
    assert "This is an excerpt" not in text.text
    config.write_text('excerpt_formats = ["*"]\n', encoding="utf-8")
    assert run_build(content, tmp_path / "public", "--config", str(config), "--no-search") == 0
    text = parse(page_of(tmp_path / "public", records["Quay lamps replaced"]))
    assert "This is an excerpt" in text.text


@pytest.mark.parametrize("setting, message", [
    ('excerpt_formats = ["Spreadsheets"]', "'excerpt_formats' names 'Spreadsheets', which is not a format"),
    ('excerpt_formats = "Web page"', "'excerpt_formats' must be a list of format names"),
    ('excerpt_formats = [""]', "'excerpt_formats' must be a list of format names"),
    ("[columns]\nheadline = [\"Titel\"]", "'columns.headline' is not a field; the fields are id, title,"),
    ("[columns]\ntitle = [\"\"]", "'columns.title' must be a header name or a list of them"),
    ("[columns]\ntitle = \"Überschrift\"\ntext = [\"überschrift\"]", "'columns.text' lists 'überschrift', which "
                                                                     "'columns.title' lists too"),
])
def test_bad_settings_name_their_key(tmp_path: Path, capsys, setting: str, message: str) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "sitegen.toml").write_text(setting + "\n", encoding="utf-8")
    assert main(["check", "--content", str(tmp_path / "content"), "--config", str(tmp_path / "sitegen.toml")]) == 1
    assert message in capsys.readouterr().err


def test_columns_setting_is_read_and_a_change_reads_the_file_again(tmp_path: Path, capsys) -> None:
    content = tmp_path / "content"
    content.mkdir()
    (content / "eigene.csv").write_text("Erschienen am;Artikelüberschrift;Medientitel;Fließtext\n"
                                        "2024-03-05;Brücke wird saniert;Kreisblatt Öhringen;Ab Montag.\n",
                                        encoding="utf-8")
    config = tmp_path / "sitegen.toml"
    config.write_text('[columns]\ntitle = "Artikelüberschrift"\npublished = ["Erschienen am"]\n'
                      'source = ["Medientitel"]\n', encoding="utf-8")
    out = tmp_path / "public"
    assert run_build(content, out, "--config", str(config), "--no-search") == 0
    (record,) = export(out)
    assert (record["title"], record["source"], record["published"]) == (
        "Brücke wird saniert", "Kreisblatt Öhringen", "2024-03-05")
    assert record["extra"] == {"Fließtext": "Ab Montag."}
    config.write_text(config.read_text(encoding="utf-8") + 'text = ["Fließtext"]\n', encoding="utf-8")
    assert run_build(content, out, "--config", str(config), "--no-search") == 0
    (record,) = export(out)
    assert record["extra"] == {}
    assert "Ab Montag." in parse(page_of(out, record)).text
