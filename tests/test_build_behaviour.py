"""How a build behaves: determinism, atomic replacement, strict mode, hostile names, the command line."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import EXAMPLE, run_build
from helpers import clipping_pages
from jinja2.exceptions import UndefinedError

from sitegen.cli import main

ROOT = Path(__file__).resolve().parent.parent

SIMPLE = """

    {title}



    Published on {date}

    Document Date: Tue, Mar 11 2025 09:15:00 am

    Category: ,English,Europe -

    ,{category}

    Show on website: Click Here

    Sources {source}

    First paragraph of a made-up clipping about {title}.

    Second paragraph, which closes the story.
    """


def clipping(title: str, date: str = "March 11, 2025", source: str = "Coastal Courier", category: str = "Ports") -> str:
    return SIMPLE.format(title=title, date=date, source=source, category=category)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


PAGEFIND_UNSTABLE = re.compile(r"pagefind/[^/]+/(filter/.*|pagefind\.[^/]+\.pf_meta|pagefind-entry\.json)")
"""Pagefind writes filter chunks in hash-map order, which changes from run to run, and the metadata and entry
files name them by hash; tests/test_search_build.py checks that only their order differs."""


def stable(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not PAGEFIND_UNSTABLE.fullmatch(name)}


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    config = ["--config", str(EXAMPLE / "sitegen.toml")]
    assert run_build(EXAMPLE / "content", tmp_path / "a", *config) == 0
    assert run_build(EXAMPLE / "content", tmp_path / "b", *config) == 0
    assert stable(snapshot(tmp_path / "a")) == stable(snapshot(tmp_path / "b"))


def test_failed_build_leaves_previous_output_intact(tmp_path: Path, content_dir) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    before = snapshot(out)
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "article.html").write_text("{{ no_such_variable.attribute }}", encoding="utf-8")
    (site / "sitegen.toml").write_text('title = "Broken theme"\n', encoding="utf-8")
    with pytest.raises(UndefinedError):
        run_build(content, out, "--config", str(site / "sitegen.toml"))
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".public")] == []


def test_removed_clippings_disappear_from_output(tmp_path: Path, content_dir) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired"),
                           "002_bbbbbbbb22222222.txt": clipping("Crane delivered", "April 2, 2025")})
    out = tmp_path / "public"
    assert run_build(content, out) == 0
    assert (out / "2025/04/02").is_dir()
    (content / "002_bbbbbbbb22222222.txt").unlink()
    assert run_build(content, out) == 0
    assert not (out / "2025/04").exists()
    assert (out / "2025/03/11").is_dir()


def test_strict_turns_problems_into_exit_code_1(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired"), "empty.txt": ""})
    assert run_build(content, tmp_path / "out") == 0
    assert run_build(content, tmp_path / "out", "--strict") == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err
    assert (tmp_path / "out/2025/03/11").is_dir()


def test_summary_line(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    assert run_build(content, tmp_path / "out") == 0
    out = capsys.readouterr().out
    assert "Built 1 clipping into" in out and "pages" in out and " s;" in out


def test_bad_config_is_exit_1_with_the_key_named(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    config = tmp_path / "sitegen.toml"
    config.write_text("items_per_page = 'many'\n", encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 1
    assert "items_per_page" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_output_may_not_replace_the_content(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    assert run_build(content, content) == 1
    assert (content / "001_aaaaaaaa11111111.txt").is_file()
    assert run_build(content, tmp_path) == 1
    assert "would replace" in capsys.readouterr().err


def test_hostile_names_stay_inside_the_output(tmp_path: Path, content_dir) -> None:
    long_title = "Harbour " * 60
    content = content_dir({
        "001_aaaaaaaa11111111.txt": clipping("../../../etc/passwd", source="../../escape", category="/abs/path"),
        "002_bbbbbbbb22222222.txt": clipping(long_title, source="ÄÖÜ " * 40),
        "003_cccccccc33333333.txt": clipping("!!!", source="???", category="日本経済"),
        "004_dddddddd44444444.txt": clipping("Normal", source="COASTAL COURIER", category="ports"),
    })
    out = tmp_path / "site" / "public"
    assert run_build(content, out) == 0
    assert sorted(p.name for p in (tmp_path / "site").iterdir()) == ["public"]
    for path in out.rglob("*"):
        assert all(len(part) <= 100 for part in path.relative_to(out).parts), path
    assert (out / "sources/escape/index.html").is_file()
    assert (out / "categories/abs-path/index.html").is_file()
    assert len(clipping_pages(out, "2025/03/11/*.html")) == 4
    assert (out / "sources/coastal-courier/index.html").is_file()


def test_python_dash_m_runs_the_cli(tmp_path: Path, content_dir) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    result = subprocess.run([sys.executable, "-m", "sitegen", "build", "--content", str(content),
                             "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/index.html").is_file()


def test_defaults_read_content_and_sitegen_toml_from_the_current_folder(tmp_path: Path, content_dir,
                                                                       monkeypatch) -> None:
    content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    (tmp_path / "sitegen.toml").write_text('title = "Harbour Desk"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    assert "Harbour Desk" in (tmp_path / "public/index.html").read_text(encoding="utf-8")


def test_site_templates_override_the_default_theme(tmp_path: Path, content_dir) -> None:
    content = content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    site = tmp_path / "site"
    (site / "templates").mkdir(parents=True)
    (site / "templates" / "home.html").write_text("<p>{{ totals.clippings }} custom</p>\n", encoding="utf-8")
    (site / "sitegen.toml").write_text("", encoding="utf-8")
    assert run_build(content, tmp_path / "out", "--config", str(site / "sitegen.toml")) == 0
    assert (tmp_path / "out/index.html").read_text(encoding="utf-8") == "<p>1 custom</p>\n"
    (page,) = clipping_pages(tmp_path / "out/2025/03/11")
    assert "<h1" in page.read_text(encoding="utf-8")


def test_installed_wheel_builds_a_folder_without_a_theme(tmp_path: Path, content_dir) -> None:
    """The default theme ships inside the wheel: build one, install it alone, build a bare archive folder."""
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(tmp_path / "dist"), str(ROOT)], check=True)
    wheel = next((tmp_path / "dist").glob("sitegen-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "sitegen/_theme/templates/base.html" in names
    # The catalogs go in compiled, by the build hook (hatch_build.py), each from the .po of the same checkout.
    def texts(catalog) -> dict:  # what a catalog translates (Babel writes an untranslated plural as its ids)
        found = {m.id if isinstance(m.id, str) else tuple(m.id): m.string if isinstance(m.string, str)
                 else tuple(m.string) for m in catalog if m.id and m.string and all(m.string)}
        return {key: text for key, text in found.items() if text != key}

    for po_file in sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po")):
        language = po_file.parts[-3]
        with zipfile.ZipFile(wheel).open(f"sitegen/_theme/locales/{language}/LC_MESSAGES/messages.mo") as mo_file:
            compiled = texts(read_mo(mo_file))
        with po_file.open("rb") as file:
            assert compiled == texts(read_po(file)), language
    assert not [name for name in names if name.endswith(".po")]
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(tmp_path / "lib"),
                    str(wheel)], check=True)
    content_dir({"001_aaaaaaaa11111111.txt": clipping("Quay wall repaired")})
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "lib")}
    result = subprocess.run([sys.executable, "-m", "sitegen", "build"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "public/style.css").is_file()
    assert "Quay wall repaired" in (tmp_path / "public/index.html").read_text(encoding="utf-8")
    (tmp_path / "sitegen.toml").write_text('language = "tr"\n', encoding="utf-8")  # read from the wheel's .mo
    result = subprocess.run([sys.executable, "-m", "sitegen", "build"], cwd=tmp_path, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0 and "show in English" not in result.stderr, result.stderr
    assert "Zaman çizelgesi" in (tmp_path / "public/index.html").read_text(encoding="utf-8")
    # `sitegen new` finds its files in the installed package too (hidden ones are stored without their dot).
    result = subprocess.run([sys.executable, "-m", "sitegen", "new", "new-archive", "--source", "sitegen==0"],
                            cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert {".gitignore", ".github/workflows/pages.yml", "content/notes/tarrow-landing-stage.md"} <= {
        p.relative_to(tmp_path / "new-archive").as_posix() for p in (tmp_path / "new-archive").rglob("*")}
