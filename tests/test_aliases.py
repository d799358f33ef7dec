"""Source aliases from `[aliases]` in sitegen.toml, and the suggestions `check` makes for likely ones."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build
from helpers import clipping_pages, export_text, page_for, parse

from sitegen.cli import main

ALIASES = '[aliases]\n"Anadolu Ajansı" = ["AA", "Anadolu Agency"]\n'


def files() -> dict[str, str]:
    return {
        "001_aaaaaaaa00000001.txt": export_text("Ferry timetable extended", source="Anadolu Ajansı"),
        "002_aaaaaaaa00000002.txt": export_text("Grain silo inspected", source="AA"),
        "003_aaaaaaaa00000003.txt": export_text("Lock gates closed", source="Anadolu Agency"),
        "004_aaaaaaaa00000004.txt": export_text("Dockers vote", source="ANADOLU AJANSI"),
        "005_aaaaaaaa00000005.txt": export_text("Tug fleet renewed", source="L'Orient-Le Jour"),
        "006_aaaaaaaa00000006.txt": export_text("Quay lights replaced", source="LOrient Le Jour"),
        "007_aaaaaaaa00000007.txt": export_text("Pilot boat launched", source="LOrient Le Jour"),
        "008_aaaaaaaa00000008.txt": export_text("Buoys relaid", source="Hürriyet"),
        "009_aaaaaaaa00000009.txt": export_text("Ferry fares frozen", source="HURRIYET"),
    }


def test_aliases_make_one_source_page(tmp_path: Path, content_dir) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text(ALIASES, encoding="utf-8")
    out = tmp_path / "public"
    assert run_build(content_dir(files()), out, "--config", str(config)) == 0
    page = parse(page_for(out, "/sources/anadolu-ajansi/"))
    assert page.h1 == ["Source: Anadolu Ajansı"]
    assert "4 clippings" in page.text
    assert not (out / "sources/aa").exists() and not (out / "sources/anadolu-agency").exists()
    index = parse(page_for(out, "/sources/"))
    assert "Anadolu Ajansı 4" in index.text and "ANADOLU" not in index.text and "Agency" not in index.text
    (article,) = clipping_pages(out, "2025/03/11/grain-silo-inspected-*.html")
    assert "/sources/anadolu-ajansi/" in [href for href, _ in parse(article).links]


def check_output(tmp_path: Path, capsys, *extra: str) -> list[str]:
    main(["check", "--content", str(tmp_path / "content"), *extra])
    return capsys.readouterr().out.splitlines()


def test_check_suggests_aliases_for_names_that_differ_in_punctuation(tmp_path: Path, content_dir, capsys) -> None:
    content_dir(files())
    lines = check_output(tmp_path, capsys)
    suggestion = [line for line in lines if "looks like the same source" in line]
    assert len(suggestion) == 1
    assert suggestion[0].endswith("/content/005_aaaaaaaa00000005.txt:13: notice: source 'L'Orient-Le Jour' "
                                  "(1 clipping) looks like the same source as 'LOrient Le Jour'; if it is, add to "
                                  "sitegen.toml under [aliases]: \"LOrient Le Jour\" = [\"L'Orient-Le Jour\"]")
    # Spellings that differ only in case or accents are one source already: a notice says how it is shown.
    assert any(line.endswith("009_aaaaaaaa00000009.txt:13: notice: source 'HURRIYET' is shown as 'Hürriyet' "
                             "(the same name but for case, accents or spacing)") for line in lines)
    # AA and Anadolu Agency are other words, not other spellings: no guess is made without the setting.
    assert not any("'AA'" in line or "Agency" in line for line in lines)


def test_following_the_suggestion_silences_it(tmp_path: Path, content_dir, capsys) -> None:
    content_dir(files())
    config = tmp_path / "sitegen.toml"
    config.write_text(ALIASES + '"LOrient Le Jour" = ["L\'Orient-Le Jour"]\n', encoding="utf-8")
    lines = check_output(tmp_path, capsys, "--config", str(config))
    assert not any("looks like" in line for line in lines)
    assert run_build(tmp_path / "content", tmp_path / "public", "--config", str(config)) == 0
    assert "3 clippings" in parse(page_for(tmp_path / "public", "/sources/lorient-le-jour/")).text
    assert not (tmp_path / "public/sources/l-orient-le-jour").exists()


@pytest.mark.parametrize("table", [
    '[aliases]\n"One" = ["aa"]\n"Two" = ["AA"]\n',
    '[aliases]\n"Anadolu Ajansı" = ["AA"]\n"ANADOLU AJANSI" = ["Anadolu Agency"]\n',
], ids=["variant-for-two-names", "two-names-alike"])
def test_names_that_match_alike_for_two_sources_are_an_error(tmp_path: Path, content_dir, capsys, table) -> None:
    content_dir(files())
    config = tmp_path / "sitegen.toml"
    config.write_text(table, encoding="utf-8")
    assert main(["check", "--content", str(tmp_path / "content"), "--config", str(config)]) == 1
    assert "'aliases'" in capsys.readouterr().err
