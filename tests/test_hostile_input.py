"""Hostile and broken input, one case per test: the build finishes, reports the case, and writes nothing outside
the output folder. (An unreadable file is in test_faults.py: as root it needs a process without root's powers.)"""
from __future__ import annotations

import random
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers import export_text, page_for, parse, tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.build import build as build_site
from sitegen.cli import main
from sitegen.config import load_config


def build(tmp_path: Path, capsys, *extra: str) -> list[str]:
    """Build tmp_path/content into tmp_path/public; assert it finished and touched nothing else; return the
    problems it printed."""
    outside = tree(tmp_path)
    code = main(["build", "--content", str(tmp_path / "content"), "--out", str(tmp_path / "public"), *extra])
    err = capsys.readouterr().err
    assert code == 0, err
    public = (tmp_path / "public").resolve()
    assert {p for p in tree(tmp_path) if not p.startswith("public/") and p != "public"} == outside
    for path in public.rglob("*"):
        assert not path.is_symlink() and path.resolve().is_relative_to(public), path
    return err.splitlines()


def clipping_pages(folder: Path, pattern: str = "*.html") -> list[Path]:
    """Clipping pages in folder matching pattern: `<slug>-<id>.html` files beside the day's own index.html
    (a list of the day's clippings, not a clipping)."""
    return sorted(p for p in folder.glob(pattern) if p.name != "index.html")


def reported(lines: list[str], file: str, severity: str, message: str) -> bool:
    return any(re.search(rf"/content/{re.escape(file)}:\d+: {severity}: .*{message}", line) for line in lines)


URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "srcset", "cite", "data", "background"}


class _Attributes(HTMLParser):
    """Tags, the attributes that hold an address (entities decoded), and event-handler attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.addresses: list[str] = []
        self.handlers: list[str] = []
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        values = {name: value or "" for name, value in attrs}
        self.tags.append((tag, values))
        self.addresses += [value for name, value in values.items() if name in URL_ATTRIBUTES]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.addresses.append(values.get("content", "").partition("url=")[2])
        self.handlers += [name for name in values if name.startswith("on")]


SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
MARKDOWN_HOSTILE = f"""---
title: "{SCRIPT} Harbour news"
date: 2025-03-12
source: "{IMG} Wire"
categories: ["javascript:alert(3)", "{SCRIPT}"]
url: "javascript:alert(4)"
id: "javascript:alert(5)"
lang: "<script>"
mood: "{SCRIPT}"
---
Text with {SCRIPT} and {IMG} and <a href="javascript:alert(6)">a link</a>.

[click](javascript:alert(7)) ![img](javascript:alert(8)) <javascript:alert(9)> [ok](JaVaScRiPt:alert(10))
"""


def test_script_and_javascript_in_every_field(tmp_path: Path, content_dir, capsys) -> None:
    text = export_text(f"{SCRIPT} Port news", source=f"{SCRIPT} Wire", categories=f"{IMG},javascript:alert(11)",
                       body=f"Body {SCRIPT} and javascript:alert(12) and {IMG}.")
    text = text.replace("Show on website: Click Here", "Show on website: javascript:alert(13)")
    text = text.replace("Sources ", f"Author: {SCRIPT}\n\nSources ")
    content_dir({"001_aaaaaaaa00000001.txt": text, "notes/hostile.md": MARKDOWN_HOSTILE})
    lines = build(tmp_path, capsys)
    for path in sorted((tmp_path / "public").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        assert "<script>alert" not in html.lower(), path
        parser = _Attributes()
        parser.feed(html)
        assert not any("script:" in "".join(a.lower().split()) for a in parser.addresses), path
        assert parser.handlers == [], path
        # The theme's own scripts are files of the site; no clipping adds a tag of its own.
        assert all(tag not in ("img", "iframe", "object", "embed") for tag, _ in parser.tags), path
        assert all((a.get("src", "").startswith("/") and not a["src"].startswith("//"))
                   or a.get("type") in ("application/ld+json", "application/json")
                   for tag, a in parser.tags if tag == "script"), path
        for data in re.findall(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', html, re.S):
            assert "<" not in data, path  # JSON-LD, the search page's words: data, `<` escaped as \u003c
    (article_page,) = clipping_pages(tmp_path / "public/2025/03/11")
    article = parse(article_page)
    assert SCRIPT in article.h1[0] and SCRIPT in article.text  # shown as text, not lost
    for file, severity, what in [
            ("001_aaaaaaaa00000001.txt", "notice", "title contains '<script'"),
            ("001_aaaaaaaa00000001.txt", "notice", "source contains '<script'"),
            ("001_aaaaaaaa00000001.txt", "notice", "category contains 'javascript:'"),
            ("001_aaaaaaaa00000001.txt", "notice", r"field 'Author' contains '<script'"),
            ("001_aaaaaaaa00000001.txt", "notice", "text contains '<script'"),
            ("001_aaaaaaaa00000001.txt", "warning", "link 'javascript:alert.13.' dropped"),
            ("notes/hostile.md", "notice", "title contains '<script'"),
            ("notes/hostile.md", "warning", "link 'javascript:alert.4.' dropped"),
            ("notes/hostile.md", "warning", "id 'javascript:alert.5.' is not letters"),
            ("notes/hostile.md", "warning", "unknown language '<script>' ignored"),
            ("notes/hostile.md", "notice", "text contains '<script'")]:
        assert reported(lines, file, severity, what), what


@pytest.mark.parametrize(("name", "slug"), [
    ("../../../etc/passwd", "etc-passwd"), ("/etc/shadow", "etc-shadow"),
    ("..\\..\\Windows\\System32", "windows-system32"),
    ("C:\\Users\\Public", "c-users-public"), ("~/secrets", "secrets"), ("..", None), ("/", None),
])
def test_paths_in_source_and_category_names(tmp_path: Path, content_dir, capsys, name: str, slug: str | None) -> None:
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired", source=name, categories=name)})
    lines = build(tmp_path, capsys)
    pages = {p.parent.name for p in (tmp_path / "public/sources").glob("*/index.html")}
    assert len(pages) == 1 and pages == {p.parent.name for p in (tmp_path / "public/categories").glob("*/index.html")}
    assert pages == {slug} if slug else pages.pop().startswith("x-")  # no letter or digit: a stable hash
    for kind in ("source", "category"):
        assert reported(lines, "001_aaaaaaaa00000001.txt", "notice", f"{kind} '.*' looks like a file path")
    assert name in parse(next((tmp_path / "public/sources").glob("*/index.html"))).h1[0]


def test_names_without_a_letter_or_digit(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired", source="???", categories="★")})
    lines = build(tmp_path, capsys)
    assert [p.parent.name[:2] for p in (tmp_path / "public").glob("*/x-*/index.html")] == ["x-", "x-"]
    assert reported(lines, "001_aaaaaaaa00000001.txt", "notice", "source '...' has no letter or digit for an address")
    assert reported(lines, "001_aaaaaaaa00000001.txt", "notice", "category '★' has no letter or digit for an address")


@pytest.mark.parametrize("title", ["!!!", "…", "🚢🚢", "— —", "؟"])
def test_title_that_slugifies_to_nothing(tmp_path: Path, content_dir, capsys, title: str) -> None:
    content_dir({"001_aaaaaaaa00000001.txt": export_text(title, body="One text."),
                 "002_bbbbbbbb00000002.txt": export_text(title, body="Another text.")})
    lines = build(tmp_path, capsys)
    assert page_for(tmp_path / "public", "/2025/03/11/aaaaaaaa.html").is_file()
    assert parse(page_for(tmp_path / "public", "/2025/03/11/bbbbbbbb.html")).h1 == [title]
    assert reported(lines, "001_aaaaaaaa00000001.txt", "notice", "the title has no letter or digit for the address")


def test_a_clipping_never_takes_its_days_list(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"index.md": '---\ntitle: "!!!"\ndate: 2025-03-11\nid: index\n---\nThe id is the name of a list.\n',
                 "quay.md": '---\ntitle: "Quay lamps lit"\ndate: 2025-03-11\nid: q1\n---\nLamps.\n'})
    build(tmp_path, capsys)
    public = tmp_path / "public"
    assert {p.name for p in clipping_pages(public, "2025/03/11/*.html")} == {
        "clipping-index.html", "quay-lamps-lit-q1.html"}
    day = parse(page_for(public, "/2025/03/11/"))
    assert day.h1 and "11 March 2025" in day.h1[0]  # the day's own list, not a clipping
    assert "clipping-index.html" in {h for h, _ in day.links}  # linked relative to the day


def test_a_clash_of_whole_ids_gets_a_numbered_html_address(tmp_path: Path, content_dir, capsys) -> None:
    same = '---\ntitle: "Same title"\ndate: 2025-03-11\nid: abc\n---\n{}\n'
    content_dir({"a.md": same.format("First text."), "b.md": same.format("Second text.")})
    lines = build(tmp_path, capsys)
    public = tmp_path / "public"
    assert {p.name for p in clipping_pages(public, "2025/03/11/*.html")} == {"same-title-abc.html",
                                                                               "same-title-abc-2.html"}
    assert any(line.endswith("this clipping is published at /2025/03/11/same-title-abc-2.html") for line in lines)
    assert not [p for p in public.rglob("*") if p.is_dir() and ".htm" in p.name]


def test_names_that_differ_only_in_case_or_accents(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({
        "001_aaaaaaaa00000001.txt": export_text("Café reopens", source="Café Express", categories="Économie",
                                                body="The café on the quay reopened."),
        "002_bbbbbbbb00000002.txt": export_text("CAFÉ REOPENS", source="CAFE EXPRESS", categories="economie",
                                                body="A second café reopened."),
        "003_cccccccc00000003.txt": export_text("café reopens", source="Cafe Express", categories="Économie",
                                                body="A third one too."),
    })
    lines = build(tmp_path, capsys)
    public = tmp_path / "public"
    assert [p.parent.name for p in public.glob("sources/*/index.html")] == ["cafe-express"]
    assert [p.parent.name for p in public.glob("categories/*/index.html")] == ["economie"]
    assert "3 clippings" in parse(page_for(public, "/sources/cafe-express/")).text
    assert len(clipping_pages(public, "2025/03/11/cafe-reopens-*.html")) == 3
    assert reported(lines, "002_bbbbbbbb00000002.txt", "notice", "source 'CAFE EXPRESS' is shown as")
    assert reported(lines, "002_bbbbbbbb00000002.txt", "notice", "category 'economie' is shown as 'Économie'")


def test_a_50_mb_file(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"001_aaaaaaaa00000001.txt": export_text("Quay wall repaired")})
    with open(content / "002_bbbbbbbb00000002.txt", "wb") as big:
        big.write(export_text("Huge").encode())
        big.write(b"All work and no play. " * (50 * 2**20 // 22))
    lines = build(tmp_path, capsys)
    assert reported(lines, "002_bbbbbbbb00000002.txt", "error", r"file too large \(50 MB\), skipped")
    assert len(clipping_pages(tmp_path / "public/2025/03/11")) == 1


@pytest.mark.parametrize("name", ["001_aaaaaaaa00000001.txt", "notes.md"])
def test_a_file_of_random_bytes(tmp_path: Path, content_dir, capsys, name: str) -> None:
    content_dir({"ok.txt": export_text("Quay wall repaired"), name: random.Random(7).randbytes(65536)})
    lines = build(tmp_path, capsys)
    assert reported(lines, name, "error", "binary or undecodable file")


def test_symlink_loops_inside_content(tmp_path: Path, content_dir, capsys) -> None:
    content = content_dir({"ok.txt": export_text("Quay wall repaired")})
    (content / "loop").symlink_to(content, target_is_directory=True)
    (content / "deeper").mkdir()
    (content / "deeper" / "up").symlink_to("..", target_is_directory=True)
    (content / "a.txt").symlink_to("b.txt")
    (content / "b.txt").symlink_to("a.txt")
    (content / "self.txt").symlink_to("self.txt")
    lines = build(tmp_path, capsys)
    for name in ("a.txt", "b.txt", "self.txt"):
        assert reported(lines, name, "warning", "symbolic link loop, skipped")
    assert reported(lines, "loop", "notice", "symbolic link to a folder not followed")
    assert reported(lines, "deeper/up", "notice", "symbolic link to a folder not followed")
    assert len(clipping_pages(tmp_path / "public/2025/03/11")) == 1


def test_files_in_no_known_format(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({"ok.txt": export_text("Quay wall repaired"), "scan.pdf": b"%PDF-1.7\n%\xe2\xe3",
                 "logo.svg": "<svg xmlns='http://www.w3.org/2000/svg'/>", "data.json": '{"title": "x"}',
                 "readme.txt": "Notes about this folder.\n\nNothing to publish here.", "no suffix": "Title\n"})
    lines = build(tmp_path, capsys)
    for name in ("scan.pdf", "logo.svg", "data.json", "no suffix"):
        assert reported(lines, name, "notice", "not a clipping file, skipped")
    assert reported(lines, "readme.txt", "error", "not in a known clipping format")


def test_dates_far_in_the_past_and_future(tmp_path: Path, content_dir, capsys) -> None:
    content_dir({
        "001_aaaaaaaa00000001.txt": export_text("Oldest", date="January 1, 0001", captured=""),
        "002_bbbbbbbb00000002.txt": export_text("Newest", date="December 31, 9999",
                                                captured="Fri, Dec 31 9999 11:59:59 pm"),
        "003_cccccccc00000003.txt": export_text("Year zero", date="January 1, 0000"),
        "notes/far.md": "---\ntitle: Far\ndate: 0001-01-01\ncaptured: 9999-12-31T23:59:59+14:00\n---\nText.\n",
    })
    lines = build(tmp_path, capsys)
    public = tmp_path / "public"
    assert parse(next(public.glob("0001/01/01/oldest-*.html"))).h1 == ["Oldest"]
    assert parse(next(public.glob("9999/12/31/newest-*.html"))).h1 == ["Newest"]
    assert next(public.glob("2025/03/11/year-zero-*.html"))  # filed under its capture date
    assert (public / "0001/index.html").is_file() and (public / "9999/12/31/index.html").is_file()
    assert reported(lines, "001_aaaaaaaa00000001.txt", "warning", "published date 0001-01-01 is before 1800")
    assert reported(lines, "002_bbbbbbbb00000002.txt", "warning", "published date 9999-12-31 is in the future")
    assert reported(lines, "003_cccccccc00000003.txt", "warning", "cannot read published date 'January 1, 0000'")
    assert reported(lines, "notes/far.md", "warning", "captured date 9999-12-31 is in the future")


def test_thousands_of_categories_on_one_clipping(tmp_path: Path, content_dir, capsys) -> None:
    names = [f"Topic {n}" for n in range(3000)]
    content_dir({"001_aaaaaaaa00000001.txt": export_text("Everything at once", categories=",".join(names))})
    lines = build(tmp_path, capsys)
    assert len(list((tmp_path / "public/categories").glob("*/index.html"))) == 100  # the first 100 (issue 16)
    assert reported(lines, "001_aaaaaaaa00000001.txt", "warning", "3000 categories; only the first 100 are published")
    (article_page,) = clipping_pages(tmp_path / "public/2025/03/11")
    article = parse(article_page)
    assert sum(1 for href, _ in article.links if href.startswith("/categories/topic-")) == 100


_LINES = st.sampled_from([
    "", "Harbour news", "Published on March 11, 2025", "Published on January 1, 0001", "Published on Feb 30, 2025",
    "Document Date: Fri, Dec 31 9999 11:59:59 pm", "Category: ,English,Ports -", ",<script>x</script>", ",..",
    "Show on website: javascript:alert(1)", "Sources AjansÄ±", "Sources ../../etc", "Author: x", "---",
    "title: T", "date: 0000-00-00", "!!!", "\t", "The text of the clipping. It has sentences. Many of them.",
]) | st.text(max_size=40)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.dictionaries(st.sampled_from(["a.txt", "b.txt", "000_aaaaaaaa00000001.txt", "n/c.md", "d.md",
                                              "e.markdown", "f.pdf"]),
                             st.lists(_LINES, max_size=12).map("\n".join), min_size=1, max_size=5))
def test_any_content_folder_builds(tmp_path_factory, files: dict[str, str]) -> None:
    """Property: whatever the files hold, the build finishes and every problem names one of them."""
    root = tmp_path_factory.mktemp("any")
    for name, text in files.items():
        (root / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "content" / name).write_text(text, encoding="utf-8")
    config = load_config(None, {"content_dir": root / "content", "output_dir": root / "public", "site_dir": root})
    result = build_site(config)
    assert {p.file for p in result.problems} <= set(files)
    assert (root / "public/index.html").is_file()
    # nothing written beside them but the build cache, which lives in the site folder by design
    assert {p.split("/")[0] for p in tree(root)} == {"content", "public", ".sitegen-cache"}
