"""Saved web pages: tests/fixtures/importers/webpage (a page with JSON-LD, one with only meta tags, one saved by
SingleFile with a cookie banner, a menu, a sidebar and comments), and pages made here."""
from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest
from helpers import load_folder, messages

from sitegen.model import Clipping, Problem
from sitegen.read.registry import InputFile, ReadOptions, digest_id
from sitegen.read.webpage import load

PAGES = Path(__file__).parent / "fixtures" / "importers" / "webpage"


def read(name: str, data: bytes | None = None) -> tuple[Clipping, list[Problem]]:
    clippings, problems = load(InputFile(name, (PAGES / name).read_bytes() if data is None else data),
                               ReadOptions({}))
    assert len(clippings) == 1, problems
    return clippings[0], problems


def test_page_with_json_ld() -> None:
    clipping, problems = read("jsonld-article.html")
    assert problems == []
    assert clipping.title == "Nachtfähre nach Gdańsk kommt im Mai"
    assert (clipping.published, clipping.precision) == (dt.date(2024, 3, 5), "day")
    assert clipping.author == "Jörg Müller, Ayşe Demir"
    assert clipping.source == "Nordsee Rundschau"
    assert clipping.url == "https://www.rundschau.example.de/hafen/faehre-nachtverkehr.html"
    assert clipping.language == "de"
    assert clipping.categories == ("Hafen", "Fähren", "Verkehr")
    assert not clipping.excerpt and clipping.body_format == "text"
    paragraphs = clipping.body.split("\n\n")
    assert paragraphs[0].startswith("Die Hafenverwaltung hat am Dienstag grünes Licht")  # the headline not repeated
    assert paragraphs[1] == ("Geschäftsführerin Käthe Groß sprach von einem „wichtigen Schritt für den "
                             "Güterverkehr“. Die Fähre soll an fünf Tagen in der Woche fahren und neben Lastwagen "
                             "auch bis zu 300 Fahrgäste befördern.")
    assert len(paragraphs) == 4
    for boilerplate in ("Startseite", "Mehr zum Thema", "Landstrom", "Impressum", "dataLayer", "font-family"):
        assert boilerplate not in clipping.body
    assert dict(clipping.extra) == {"Description": "Die Hafenverwaltung gibt grünes Licht für eine Nachtfähre."}
    assert clipping.id == digest_id("Nordsee Rundschau", "2024-03-05", "Nachtfähre nach Gdańsk kommt im Mai")
    assert (clipping.line, clipping.position) == (1, 0)


def test_page_with_only_meta_tags() -> None:
    clipping, problems = read("meta-only.html")
    assert problems == []
    assert clipping.title == "Revisorer kritiserar färjeplanen"
    assert clipping.published == dt.date(2024, 3, 6)
    assert clipping.author == "Mikael Åström"  # "Av " (Swedish "by") removed
    assert clipping.source == "Karlskrona Kuriren"
    assert clipping.language == "sv"
    assert clipping.categories == ("Nyheter", "Färjor", "Ekonomi")
    assert clipping.body.startswith("Kommunens revisorer anser")
    assert "Dela:" not in clipping.body and "Sport" not in clipping.body


def test_page_saved_with_single_file_behind_a_cookie_banner() -> None:
    clipping, problems = read("cookie-banner.html")
    assert clipping.title == "Notes from the quay: the night ferry trial run"
    assert clipping.url == "https://blog.example.net/2024/03/ferry-notes"  # from SingleFile's note
    assert clipping.captured == dt.datetime(2024, 3, 7, 21, 14, 3)  # when it was saved, as SingleFile wrote it
    assert clipping.source == "blog.example.net"
    paragraphs = clipping.body.split("\n\n")
    assert paragraphs[0].startswith("I spent the evening at the new terminal")
    assert paragraphs[-1].startswith("Neighbours I spoke to on the quay")
    for boilerplate in ("cookies", "Subscribe", "Most read", "Great write-up", "Powered by"):
        assert boilerplate not in clipping.body
    # The date is in a <time> element not marked as the publication date: used, and said so.
    assert clipping.published == dt.date(2024, 3, 7)
    assert messages(problems) == [("notice", ("the page marks no publication date; 2024-03-07 was found in its "
                                              "markup by trafilatura: check it"), None)]


def test_the_same_article_saved_twice_has_one_id() -> None:
    data = (PAGES / "meta-only.html").read_bytes()
    first, _ = read("a/revisorer.html", data)
    second, _ = read("b/Revisorer kritiserar (1).html", data.replace(b"<body>", b"<body><!-- x -->"))
    assert first.id == second.id


def test_legacy_encoding_declared_in_the_page() -> None:
    page = ("<html><head><meta charset='windows-1252'><title>Café owners protest</title>"
            "<meta property='article:published_time' content='2024-03-05'></head><body><article>"
            "<h1>Café owners protest</h1><p>Owners of the café on the quay, Renée Façade among them, said the "
            "new ferry timetable would bring crowds at dawn and nobody in the afternoon, when they earn most.</p>"
            "<p>The harbour office said it would meet them next week to discuss the timetable again.</p>"
            "</article></body></html>").encode("cp1252")
    clipping, _ = read("cafe.html", page)
    assert clipping.title == "Café owners protest"
    assert "Renée Façade" in clipping.body


def test_unsafe_addresses_and_scripts_never_come_through() -> None:
    page = ("<html><head><title>A page</title><link rel='canonical' href='javascript:alert(1)'>"
            "<meta property='og:title' content='Harbour &lt;script&gt;alert(1)&lt;/script&gt; news'></head>"
            "<body><script>document.write('injected text from a script')</script><article><p>"
            + "The harbour reopened after the storm and the first boats came in before noon. " * 5
            + "</p></article></body></html>").encode()
    clipping, _ = read("unsafe.html", page)
    assert clipping.url is None
    assert clipping.title == "Harbour <script>alert(1)</script> news"  # text: escaped when shown, never run
    assert "injected" not in clipping.body


@pytest.mark.parametrize("data, message", [
    (b"", "empty file"),
    (b"   \n", "empty file"),
    (b"<html><head></head><body><div></div></body></html>", "no article found in the page (no title and no text)"),
])
def test_not_an_article(data: bytes, message: str) -> None:
    clippings, problems = load(InputFile("x.html", data), ReadOptions({}))
    assert clippings == [] and messages(problems) == [("error", message, None)]


def test_the_parts_of_a_page_saved_complete_are_not_articles() -> None:
    data = (PAGES / "meta-only.html").read_bytes()
    clippings, problems = load(InputFile("Revisorer_files/frame.html", data), ReadOptions({}))
    assert clippings == []
    assert messages(problems) == [("notice", "part of a saved page (in its folder 'Revisorer_files'), skipped", None)]
    assert len(load(InputFile("Revisorer.html", data), ReadOptions({}))[0]) == 1


def test_the_folder_of_a_page_saved_complete_is_skipped_whole(tmp_path: Path) -> None:
    """A browser's "Web page, complete" leaves `Page.html` and `Page_files/` (scripts, styles, images, frames): the
    folder is one notice, not one per file; a `_files` folder with no page beside it is read as any folder."""
    data = (PAGES / "meta-only.html").read_bytes()
    (tmp_path / "2024").mkdir()
    (tmp_path / "2024" / "Revisorer.html").write_bytes(data)
    parts = tmp_path / "2024" / "Revisorer_files"
    (parts / "js").mkdir(parents=True)
    for name in ("frame.html", "style.css", "logo.png", "js/app.js"):
        (parts / name).write_bytes(data if name.endswith(".html") else b"x")
    (tmp_path / "Moved_files").mkdir()
    (tmp_path / "Moved_files" / "Moved.html").write_bytes(data)
    clippings, problems = load_folder(tmp_path)
    assert sorted(c.source_path for c in clippings) == ["2024/Revisorer.html"]
    assert [(p.file, p.severity, p.message) for p in problems] == [
        ("2024/Revisorer_files", "notice", "the files of the saved page '2024/Revisorer.html', skipped"),
        ("Moved_files/Moved.html", "notice", "part of a saved page (in its folder 'Moved_files'), skipped"),
    ]


STORY = "".join(f"<p>Paragraph {n} of the story about the night ferry, told at some length so that it counts "
                f"as text worth keeping in the archive.</p>" for n in range(6))


@pytest.mark.parametrize("layout", [
    f"<nav><a href='/'>Home</a></nav><article><h1>Ferry</h1>{STORY}</article><footer><p>Contact us</p></footer>",
    # One <article> that is only a teaser of another story: the story beside it is not lost.
    f"<div class='story'><h1>Ferry</h1>{STORY}</div><aside><article><p>Read also: the tram.</p></article></aside>",
])
def test_the_story_is_read_whole_whatever_holds_it(layout: str) -> None:
    page = f"<html><head><title>Ferry</title></head><body>{layout}</body></html>".encode()
    clipping, _ = read("story.html", page)
    assert [p.split(" of")[0] for p in clipping.body.split("\n\n")] == [f"Paragraph {n}" for n in range(6)]


def test_hostile_pages_cost_linear_time() -> None:
    started = time.perf_counter()
    nested = b"<html><head><title>Deep</title><script type='application/ld+json'>" + b"[" * 100_000 + \
        b"]" * 100_000 + b"</script></head><body>" + b"<div>" * 50_000 + b"<p>Deep text.</p>" + b"</div>" * 50_000
    clipping, _ = read("nested.html", nested + b"</body></html>")
    assert clipping.title == "Deep"
    many = b"<html><head><title>Live blog</title></head><body><nav><p>Menu</p></nav><article>" + \
        b"".join(b"<p>Update %d on the ferry.</p>" % n for n in range(100_000)) + b"</article></body></html>"
    clipping, problems = read("live.html", many)
    paragraphs = clipping.body.split("\n\n")
    assert paragraphs[0] == "Update 0 on the ferry." and len(paragraphs) == 100_000
    assert messages(problems)[0][0] == "warning" and "more than 10,000" in messages(problems)[0][1]
    assert time.perf_counter() - started < 20


def test_title_only_page_is_kept_with_a_warning() -> None:
    clipping, problems = read("t.html", b"<html><head><title>Only a title</title></head><body></body></html>")
    assert clipping.title == "Only a title" and clipping.body == ""
    assert ("warning", "no article text found in the page; only its title is kept", None) in messages(problems)
