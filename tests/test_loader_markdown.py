"""Tests for the Markdown loader, on fixture files with and without YAML front matter."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from helpers import load_file, load_fixture, messages
from hypothesis import given
from hypothesis import strategies as st

from sitegen.model import Clipping, Problem
from sitegen.read.markdown import load_markdown
from sitegen.read.registry import default_id

FIXTURES = Path(__file__).parent / "fixtures" / "loaders" / "markdown"


def load(name: str) -> tuple[Clipping, list[Problem]]:
    return load_fixture("markdown", name)


def test_full_front_matter() -> None:
    clipping, problems = load("hand-written über.md")
    assert clipping.id == "krakow-river-tram"
    assert clipping.title == "Kraków opens a river tram"
    assert clipping.published == dt.date(2025, 3, 11)  # offset +02:00 ignored: the day as written
    assert clipping.captured == dt.datetime(2025, 3, 12, 8, 0)
    assert clipping.source == "Gazeta Przykładowa"
    assert clipping.categories == ("Transport", "Europe", "Climate")
    assert clipping.language == "pl"
    assert clipping.url == "https://news.example.org/krakow/river-tram"
    assert clipping.body_format == "markdown"
    assert clipping.body == ("The city launched a **river tram** on the Vistula.\n\n"
                             "    an indented line stays as written")
    assert clipping.author == "Zofia Nowak"  # the byline
    assert clipping.extra == ()
    assert problems == []


def test_sources_list_and_comma_categories() -> None:
    clipping, problems = load("sources list.markdown")
    assert clipping.source == "Haber Örnek"
    assert clipping.categories == ("Trade", "Diplomacy")
    assert clipping.language == "tr"
    assert clipping.published == dt.date(2024, 9, 3)
    assert clipping.id == default_id("sources list.markdown")
    assert messages(problems) == [("notice", "several sources given; using the first, 'Haber Örnek'", 4)]


@pytest.mark.parametrize(("name", "title", "expected"), [
    pytest.param("no front matter.md", "Heading becomes the title — Ærøskøbing", [], id="title-from-heading"),
    pytest.param("no heading.markdown", "no heading",
                 [("warning", "no title (no 'title' field or '# ' heading); using the file name", None)],
                 id="title-from-stem"),
])
def test_without_front_matter(name: str, title: str, expected: list[tuple[str, str, int | None]]) -> None:
    clipping, problems = load(name)
    assert clipping.title == title
    assert clipping.body == (FIXTURES / name).read_text(encoding="utf-8").strip()
    assert [m for m in messages(problems) if "date" not in m[1]] == expected
    assert ("warning", "no published or capture date; the clipping is undated", None) in messages(problems)


def test_wrong_types_fall_back_with_warnings() -> None:
    clipping, problems = load("wrong types.md")
    assert clipping.title == "Fallback heading from the body"
    assert (clipping.published, clipping.categories, clipping.url, clipping.language) == (None, (), None, None)
    assert clipping.id == default_id("wrong types.md")
    assert sorted(messages(problems), key=lambda m: m[2] or 0) == [
        ("warning", "field 'title' should be text, not list; ignored", 2),
        ("warning", "cannot read date 'February 30, 2025' (not a calendar date); the clipping is undated", 3),
        ("warning", "field 'categories' should be a list; ignored", 4),
        ("warning", "link 'javascript:alert(1)' dropped: only http and https addresses are shown", 5),
        ("warning", "unknown language 'Klingonese' ignored", 6),
        ("warning", "id '../../etc' is not letters, digits, '-' and '_'; using '"
                    f"{default_id('wrong types.md')}'", 7),
    ]


def test_invalid_yaml_is_an_error_with_its_line() -> None:
    clipping, problems = load_file(FIXTURES / "invalid yaml.md", FIXTURES)
    assert clipping is None
    assert [(p.severity, p.message.split(":")[0], p.line) for p in problems] == [
        ("error", "invalid YAML in front matter", 4)]


@pytest.mark.parametrize(("text", "message"), [
    pytest.param("---\ntitle: x\nno closing line\n", "front matter is not closed by a '---' line", id="unclosed"),
    pytest.param("---\n- a\n- b\n---\nBody", "front matter is not a list of 'key: value' fields", id="a-list"),
    pytest.param("---\n!!python/object:os.system x\n---\n", "invalid YAML in front matter", id="unsafe-tag"),
])
def test_unusable_front_matter(text: str, message: str) -> None:
    clipping, problems = load_markdown(text, "x.md", "id")
    assert clipping is None
    assert [(p.severity, p.message.split(":")[0] if "YAML" in message else p.message) for p in problems] == [
        ("error", message)]


@pytest.mark.parametrize(("front_matter", "field", "value"), [
    pytest.param("date: 2024-06-15", "published", dt.date(2024, 6, 15), id="yaml-date"),
    pytest.param("date: 2024-06-15 22:00:00-08:00", "published", dt.date(2024, 6, 15), id="datetime-offset"),
    pytest.param("date: 3 Mar 2024", "published", dt.date(2024, 3, 3), id="date-string"),
    pytest.param("title: 1984", "title", "1984", id="number-title"),
    pytest.param("Title: Upper-case key", "title", "Upper-case key", id="key-case"),
    pytest.param("source: [A, B]", "source", "A", id="source-list"),
    pytest.param("categories: Energy\ntags: [energy, Grid]", "categories", ("Energy", "Grid"), id="tags-merged"),
    pytest.param("lang: EN", "language", "en", id="lang-code"),
    pytest.param("language: Deutsch\ncategories: [English]", "language", "de", id="explicit-language-wins"),
    pytest.param("id: 42", "id", "42", id="numeric-id"),
    pytest.param("captured: Sun, Aug 03 2025 03:37:46 pm", "captured", dt.datetime(2025, 8, 3, 15, 37, 46),
                 id="captured-export-style"),
])
def test_front_matter_fields(front_matter: str, field: str, value: object) -> None:
    clipping, _ = load_markdown(f"---\n{front_matter}\n---\nBody.\n", "x.md", "default")
    assert clipping is not None
    assert getattr(clipping, field) == value


# Front matter built from YAML-looking pieces: keys the loader knows and values of every YAML kind, some broken.
_KEYS = st.sampled_from(["title", "date", "captured", "source", "sources", "categories", "tags", "url", "lang",
                         "language", "id", "other", "Title", "? complex", "- item"])
_VALUES = st.sampled_from(["", "x", "2025-03-11", "2025-02-30", "0000-01-01", "9999-12-31T23:59:59+14:00",
                           "[a, b]", "{a: 1}", "[", "'unclosed", "!!python/object:os.system ls", "*alias", "&anchor x",
                           "- a\n  - b", "null", "1e999", "javascript:alert(1)", "<script>x</script>", "|\n  block"])


@given(st.lists(st.tuples(_KEYS, _VALUES | st.text(max_size=20)), max_size=8), st.text(max_size=200))
def test_any_front_matter_never_crashes(fields: list[tuple[str, str]], body: str) -> None:
    text = "---\n" + "\n".join(f"{key}: {value}" for key, value in fields) + "\n---\n" + body
    clipping, problems = load_markdown(text, "any.md", "id")
    assert clipping is None or (clipping.title and clipping.id)
    assert clipping is not None or [p.severity for p in problems] == ["error"]


@given(st.text())
def test_any_text_never_crashes(text: str) -> None:
    clipping, problems = load_markdown(text, "any.md", "id")
    assert clipping is None or clipping.title
    assert all(isinstance(p, Problem) for p in problems)
