"""sitegen.toml: known keys with the right types pass; anything else is an error that names the key."""
from __future__ import annotations

from pathlib import Path

import pytest

from sitegen.config import load_config
from sitegen.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sitegen.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_file_values_then_command_line_values(tmp_path: Path) -> None:
    path = write(tmp_path, 'title = "Press Archive"\nitems_per_page = 20\nbase_url = "/archive"\n')
    config = load_config(path, {"base_url": None, "items_per_page": None, "language": "tr"})
    assert (config.title, config.items_per_page, config.language) == ("Press Archive", 20, "tr")
    assert config.base_path == "/archive/"
    assert config.site_url is None
    config = load_config(path, {"base_url": "https://name.github.io/archive"})
    assert config.site_url == "https://name.github.io/archive/"


@pytest.mark.parametrize("text, key", [
    ('titel = "x"\n', "titel"),
    ('items_per_page = "50"\n', "items_per_page"),
    ("items_per_page = 0\n", "items_per_page"),
    ("items_per_page = true\n", "items_per_page"),
    ("title = 3\n", "title"),
    ('timezone = "Mars/Olympus"\n', "timezone"),
    ('base_url = "javascript:alert(1)"\n', "base_url"),
    ('base_url = "archive/"\n', "base_url"),
    ("aliases = 3\n", "aliases"),
    ('[aliases]\n"Anadolu Ajansı" = [1]\n', 'aliases."Anadolu Ajansı"'),
    ('[aliases]\n"Anadolu Ajansı" = [""]\n', 'aliases."Anadolu Ajansı"'),
    ('[aliases]\n"A" = ["AA"]\n"B" = ["AA"]\n', 'aliases."B"'),
    ('[aliases]\n"A" = ["B"]\n"B" = ["C"]\n', 'aliases."B"'),
], ids=["unknown", "string-for-int", "zero", "bool-for-int", "int-for-str", "bad-zone", "bad-scheme", "relative",
        "aliases-not-a-table", "alias-not-a-name", "alias-empty", "alias-of-two", "alias-chain"])
def test_wrong_values_name_their_key(tmp_path: Path, text: str, key: str) -> None:
    with pytest.raises(ConfigError, match=key):
        load_config(write(tmp_path, text), {})


def test_invalid_toml_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(write(tmp_path, "title = \n"), {})


def test_aliases_table(tmp_path: Path) -> None:
    path = write(tmp_path, '[aliases]\n"Anadolu Ajansı" = ["AA", "Anadolu Agency"]\n"Daily Sabah" = "Sabah"\n')
    assert load_config(path, {}).aliases == {"Anadolu Ajansı": ("AA", "Anadolu Agency"), "Daily Sabah": ("Sabah",)}
    assert load_config(None, {}).aliases == {}
