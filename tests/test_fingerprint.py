"""Page fingerprints: equal data gives equal keys, any change to what a page shows gives another key."""
from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from pathlib import Path

from markupsafe import Markup

from sitegen.build import interface
from sitegen.config import Config
from sitegen.render.environment import make_environment
from sitegen.render.fingerprint import Fingerprinter, settings_key, template_keys


@dataclasses.dataclass(frozen=True)
class Item:
    title: str
    date: dt.date | None
    tags: tuple[str, ...] = ()
    parent: Item | None = None


def key(value) -> bytes | None:
    return Fingerprinter()(value)


def test_equal_values_give_equal_keys_whatever_the_objects() -> None:
    a = {"items": [Item("Quay", dt.date(2024, 3, 1), ("ports",))], "count": 1}
    b = {"items": [Item("Quay", dt.date(2024, 3, 1), ("ports",))], "count": 1}
    assert key(a) == key(b)
    shared = Item("Quay", dt.date(2024, 3, 1))
    fp = Fingerprinter()
    assert fp({"x": [shared, shared]}) == fp({"x": [Item("Quay", dt.date(2024, 3, 1))] * 2})


def test_any_change_gives_another_key() -> None:
    base = {"items": [Item("Quay", dt.date(2024, 3, 1), ("ports",), Item("Up", None))], "count": 1}
    variants = [
        {"items": [Item("Quay!", dt.date(2024, 3, 1), ("ports",), Item("Up", None))], "count": 1},
        {"items": [Item("Quay", dt.date(2024, 3, 2), ("ports",), Item("Up", None))], "count": 1},
        {"items": [Item("Quay", dt.date(2024, 3, 1), ("Ports",), Item("Up", None))], "count": 1},
        {"items": [Item("Quay", dt.date(2024, 3, 1), ("ports",), Item("Up", dt.date(2020, 1, 1)))], "count": 1},
        {"items": [Item("Quay", dt.date(2024, 3, 1), ("ports",), Item("Up", None))], "count": 2},
        {"count": 1, "items": [Item("Quay", dt.date(2024, 3, 1), ("ports",), Item("Up", None))]},
        {"items": [], "count": 1},
    ]
    keys = {key(base), *(key(v) for v in variants)}
    assert len(keys) == len(variants) + 1


def test_markup_and_text_differ_and_unpicklable_values_are_not_cached() -> None:
    assert key({"t": "<b>x</b>"}) != key({"t": Markup("<b>x</b>")})
    assert key({"lock": threading.Lock()}) is None
    assert key({"gen": (i for i in range(3))}) is None


def test_known_digests_stand_in_for_objects() -> None:
    item = Item("Quay", None)
    assert Fingerprinter([(item, b"k" * 16)])({"i": item}) != Fingerprinter([(item, b"j" * 16)])({"i": item})


def test_settings_key_covers_output_settings_only() -> None:
    config = Config()
    assert settings_key(config) == settings_key(dataclasses.replace(config, output_dir=Path("elsewhere"), jobs=3))
    assert settings_key(config) != settings_key(dataclasses.replace(config, title="Other"))
    assert settings_key(config) != settings_key(dataclasses.replace(config, items_per_page=20))


def test_template_keys_follow_extends_and_imports(tmp_path: Path) -> None:
    (tmp_path / "base.html").write_text("<title>{% block t %}{% endblock %}</title>", encoding="utf-8")
    (tmp_path / "macros.html").write_text("{% macro m() %}m{% endmacro %}", encoding="utf-8")
    (tmp_path / "page.html").write_text('{% extends "base.html" %}{% block t %}p{% endblock %}', encoding="utf-8")
    (tmp_path / "list.html").write_text('{% extends "base.html" %}{% from "macros.html" import m %}'
                                        '{% block t %}{{ m() }}{% endblock %}', encoding="utf-8")
    (tmp_path / "dynamic.html").write_text("{% include name %}", encoding="utf-8")
    env = make_environment(Config(), [tmp_path], interface(Config()))
    before = template_keys(env)
    (tmp_path / "macros.html").write_text("{% macro m() %}M{% endmacro %}", encoding="utf-8")
    after = template_keys(make_environment(Config(), [tmp_path], interface(Config())))
    assert after["page.html"] == before["page.html"]
    assert after["list.html"] != before["list.html"]
    assert after["dynamic.html"] != before["dynamic.html"], "an include by a computed name depends on everything"
    (tmp_path / "base.html").write_text("<title>{% block t %}{% endblock %} ·</title>", encoding="utf-8")
    again = template_keys(make_environment(Config(), [tmp_path], interface(Config())))
    assert again["page.html"] != after["page.html"] and again["list.html"] != after["list.html"]


def test_shared_objects_stand_in_by_digest_and_still_key_every_field() -> None:
    """Objects digested once by `share` (the archive's entries) key pages by their digest: a page showing an
    item gets another key when any field of the item, or of an item inside it, differs."""
    def page_key(parent_title: str) -> bytes | None:
        item = Item("Quay", dt.date(2024, 3, 1), ("ports",), Item(parent_title, None))
        fp = Fingerprinter()
        fp.share([item])
        return fp({"shown": [item], "crumb": Item("Home", None)})

    assert page_key("Up") == page_key("Up")
    assert page_key("Up") != page_key("Down")
    fp = Fingerprinter()
    shared = Item("Quay", None)
    unshared = Item("Quay", None)
    fp.share([shared])
    assert fp({"i": shared}) != fp({"i": unshared}), "a digest stands for a shared object, its fields for others"
