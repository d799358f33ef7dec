"""The interface language: `language` in sitegen.toml chooses the catalog; a site's own catalog overrides or adds
messages; untranslated messages show in English and `sitegen check` names them; a bad tag or catalog is a clear
error, never a crash mid-build."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import run_build

from sitegen.build import interface
from sitegen.cli import main
from sitegen.config import Config, load_config
from sitegen.errors import ConfigError
from sitegen.i18n.catalogs import candidates, load_catalog

THEME_LOCALES = Path(__file__).parent.parent / "locales"
SHIPPED = ("en", "tr", "de", "fr", "es", "ar", "ru")

CLIPPING = """\
---
title: Pier reopens
date: 2025-03-11
source: Quay Post
categories: [Ports]
---
The pier reopened on Tuesday.
"""


def write_po(folder: Path, language: str, messages: str, plural_forms: str = "nplurals=2; plural=(n != 1);") -> Path:
    """A site's own catalog for `language` holding `messages` (msgid/msgstr pairs as a .po file writes them)."""
    path = folder / "locales" / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n'
                    f'"Plural-Forms: {plural_forms}\\n"\n\n' + textwrap.dedent(messages), encoding="utf-8")
    return path


def site(tmp_path: Path, settings: str, content_dir) -> tuple[Path, Path]:
    """A site folder with sitegen.toml and one clipping; returns (content, config file)."""
    content = content_dir({"pier.md": CLIPPING})
    config = tmp_path / "site" / "sitegen.toml"
    config.parent.mkdir(exist_ok=True)
    config.write_text(settings, encoding="utf-8")
    return content, config


@pytest.mark.parametrize("language", SHIPPED)
def test_every_shipped_catalog_translates_every_message(language: str) -> None:
    catalog = load_catalog(language, [THEME_LOCALES])
    assert catalog.files == (str(THEME_LOCALES / language / "LC_MESSAGES" / "messages.po"),)
    assert len(catalog.english) > 100
    assert catalog.untranslated == [] and catalog.rejected == ()


def test_a_regional_tag_falls_back_to_its_language_then_english() -> None:
    assert candidates("de-AT") == ["de_AT", "de"]
    assert candidates("zh-Hant-TW") == ["zh_Hant_TW", "zh_Hant", "zh"]
    austrian = interface(Config(language="de-AT"))
    assert austrian.gettext("Timeline") == "Zeitleiste"
    assert austrian.long_date(__import__("datetime").date(2025, 3, 11)) == "11. März 2025"
    swahili = interface(Config(language="sw"))
    assert swahili.gettext("Timeline") == "Timeline" and len(swahili.catalog.untranslated) > 100


def test_plural_forms_come_from_the_catalog() -> None:
    arabic, russian, english = (interface(Config(language=code)) for code in ("ar", "ru", "en"))
    forms = ("%(num)s clipping", "%(num)s clippings")
    assert [arabic.ngettext(*forms, n) % {"num": n} for n in (1, 2, 3, 11, 100)] == [
        "مقال واحد", "مقالان", "3 مقالات", "11 مقالًا", "100 مقال"]
    assert [russian.ngettext(*forms, n) % {"num": n} for n in (1, 3, 5, 21)] == [
        "1 публикация", "3 публикации", "5 публикаций", "21 публикация"]
    assert [english.ngettext(*forms, n) % {"num": n} for n in (0, 1, 2)] == ["0 clippings", "1 clipping", "2 clippings"]
    # For the search page's script: one form per CLDR category, as the browser's Intl.PluralRules names them.
    assert set(arabic.plural_forms(*forms)) == {"zero", "one", "two", "few", "many", "other"}
    assert russian.plural_forms(*forms)["few"] == "%(num)s публикации"


def test_dates_and_numbers_in_the_interface_language() -> None:
    import datetime as dt

    day = dt.date(2025, 3, 11)
    expected = {"en": ("11 March 2025", "March 2025", "12,345"), "en-US": ("March 11, 2025", "March 2025", "12,345"),
                "tr": ("11 Mart 2025", "Mart 2025", "12.345"), "de": ("11. März 2025", "März 2025", "12.345"),
                "ar": ("11 مارس 2025", "مارس 2025", "12,345"),
                "ru": ("11 марта 2025\u202fг.", "март 2025\u202fг.", "12\xa0345")}
    for language, (long, month, number) in expected.items():
        words = interface(Config(language=language))
        assert (words.long_date(day), words.month_year(2025, 3), words.number(12345)) == (long, month, number)
    words = interface(Config(language="tr"))
    assert words.long_date(day, "month") == "Mart 2025" and words.long_date(day, "year") == "2025"
    assert words.long_date(None) == "tarihsiz"


@pytest.mark.parametrize(("value", "wording"), [
    ("tr_TR", "not a BCP 47 tag: write 'tr-TR'"),
    ("klingon", "not a language tag Babel knows"),
    ("und", "names no language"),
])
def test_a_language_babel_does_not_know_is_a_config_error(tmp_path: Path, value: str, wording: str) -> None:
    config = tmp_path / "sitegen.toml"
    config.write_text(f'language = "{value}"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="'language'") as error:
        load_config(config, {})
    assert wording in str(error.value)


def test_a_site_catalog_overrides_some_messages_and_the_rest_stay_translated(tmp_path: Path, content_dir) -> None:
    content, config = site(tmp_path, 'language = "de"\n', content_dir)
    write_po(config.parent, "de", '''\
        msgid "Timeline"
        msgstr "Chronik"

        msgid "%(num)s clipping"
        msgid_plural "%(num)s clippings"
        msgstr[0] "%(num)s Meldung"
        msgstr[1] "%(num)s Meldungen"
        ''')
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<a href="/timeline/">Chronik</a>' in home  # the site's word
    assert '<a href="/sources/">Quellen</a>' in home  # the theme's German for the rest
    year = (tmp_path / "out" / "2025" / "index.html").read_text(encoding="utf-8")
    assert '<p class="lede">1 Meldung</p>' in year


def test_a_site_adds_a_language_and_check_names_what_it_lacks(tmp_path: Path, content_dir, capsys) -> None:
    content, config = site(tmp_path, 'language = "pt-BR"\n', content_dir)
    write_po(config.parent, "pt", '''\
        msgid "Timeline"
        msgstr "Linha do tempo"

        msgid "Sources"
        msgstr "Fontes"
        ''', "nplurals=2; plural=(n > 1);")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="pt-BR">' in home and "Linha do tempo" in home and "Fontes" in home
    assert "Categories" in home  # untranslated: English
    assert "11 de março de 2025" in (tmp_path / "out" / "2025" / "03" / "11" / "index.html").read_text("utf-8")
    err = capsys.readouterr().err
    assert "have no 'pt-BR' translation and show in English; `sitegen check` names them" in err

    assert main(["check", "--content", str(content), "--config", str(config)]) == 0  # warnings only
    out = capsys.readouterr().out
    assert f"{config.resolve()}:1: warning: no 'pt-BR' translation of 'Categories': shown in English" in out
    assert "'Timeline'" not in out and "'Sources'" not in out
    assert main(["check", "--content", str(content), "--config", str(config), "--strict"]) == 1


def test_a_language_without_any_catalog_is_one_warning(tmp_path: Path, content_dir, capsys) -> None:
    content, config = site(tmp_path, 'language = "sw"\n', content_dir)
    assert main(["check", "--content", str(content), "--config", str(config)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if "sw" in line] == [
        f"{config.resolve()}:1: warning: no message catalog for language 'sw': the interface is in English; "
        f"translate it in {config.parent / 'locales/sw/LC_MESSAGES/messages.po'} (see docs/languages.md)"]


def test_a_translation_with_other_placeholders_is_left_out_not_a_crash(tmp_path: Path, content_dir, capsys) -> None:
    content, config = site(tmp_path, 'language = "pt"\n', content_dir)
    po_file = write_po(config.parent, "pt", '''\
        msgid "Page %(number)s: %(first)s to %(last)s"
        msgstr "Página %(numero)s"

        msgid "Reading time"
        msgstr "Leitura 100%"

        msgid "Published"
        msgstr "Publicado"
        ''', "nplurals=2; plural=(n > 1);")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 0
    page = next((tmp_path / "out" / "2025" / "03" / "11").glob("pier*.html")).read_text(encoding="utf-8")
    assert "<dt>Reading time</dt>" in page and "<dt>Publicado</dt>" in page  # English for the broken one
    capsys.readouterr()
    main(["check", "--content", str(content), "--config", str(config)])
    out = capsys.readouterr().out
    for message in ("Page %(number)s: %(first)s to %(last)s", "Reading time"):
        assert f"{po_file}:1: warning: translation of {message!r} left out: its placeholders differ" in out


def test_a_catalog_that_cannot_be_read_stops_the_build_and_names_the_file(tmp_path: Path, content_dir,
                                                                          capsys) -> None:
    content, config = site(tmp_path, 'language = "pt"\n', content_dir)
    po_file = write_po(config.parent, "pt", "", plural_forms="nplurals=2; plural=__import__('os');")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 1
    err = capsys.readouterr().err
    assert f"{po_file}: its Plural-Forms header is not a plural rule" in err
    assert not (tmp_path / "out").exists()
    po_file.write_bytes(b"msgid \xff\xfe\x00 unterminated")
    assert run_build(content, tmp_path / "out", "--config", str(config)) == 1
    assert f"{po_file}: not a readable message catalog" in capsys.readouterr().err


def test_changing_a_translation_rebuilds_the_pages_that_show_it(tmp_path: Path, content_dir) -> None:
    content, config = site(tmp_path, 'language = "pt"\n', content_dir)
    out = tmp_path / "out"
    write_po(config.parent, "pt", 'msgid "Timeline"\nmsgstr "Cronologia"\n')
    assert run_build(content, out, "--config", str(config)) == 0
    assert "Cronologia" in (out / "index.html").read_text(encoding="utf-8")
    write_po(config.parent, "pt", 'msgid "Timeline"\nmsgstr "Linha do tempo"\n')
    assert run_build(content, out, "--config", str(config)) == 0  # the build cache must not keep the old word
    assert "Linha do tempo" in (out / "index.html").read_text(encoding="utf-8")
    assert "Linha do tempo" in (out / "2025" / "index.html").read_text(encoding="utf-8")
    assert "Cronologia" not in (out / "2025" / "03" / "11" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("locale", ["en_001", "en_US", "tr", "de", "fr", "es", "ar", "ru", "ja", "zh_Hant_TW", "hu",
                                    "ko", "th", "he", "fa", "sr_Latn", "pt_BR", "pl", "el", "vi", "ur", "hy", "my"])
def test_compiled_date_patterns_write_what_babel_writes(locale: str) -> None:
    """dates.py fills a locale's pattern itself (Babel's format_date costs ~50 µs a call); every day of a leap
    year, as a long date, a month, a year, a day in its month's list and a day alone, must read as Babel has it
    (Thai's pattern names an era: that one is Babel's own)."""
    import datetime as dt

    from babel import Locale
    from babel.dates import format_date, format_skeleton

    from sitegen.i18n.dates import long_format, skeleton_format

    parsed = Locale.parse(locale)
    formats = {"long": long_format(parsed), **{s: skeleton_format(s, parsed) for s in ("yMMMM", "y", "MMMMd", "d")}}
    for offset in range(366):
        day = dt.date(2024, 1, 1) + dt.timedelta(days=offset)
        assert formats["long"](day) == format_date(day, "long", locale=parsed)
        for skeleton in ("yMMMM", "y", "MMMMd", "d"):
            assert formats[skeleton](day) == format_skeleton(skeleton, day, locale=parsed)
