"""Files that are not UTF-8 read as their source wrote them (issue 17, items 1 and 3): the code page is chosen
from what the file declares (its language, its charset), checked against how the text reads, and a UTF-8 file
with a few bad bytes is read with them replaced and their lines named."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build
from encoded_samples import FIXTURES, SAMPLES, export
from helpers import clipping_pages, load_file, messages, parse

from sitegen.read.decode import read_text

ENCODINGS = Path(__file__).parent / "fixtures" / "encodings"


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_each_code_page_is_read_from_the_declared_language(name: str) -> None:
    language, title, category, body = SAMPLES[FIXTURES[name][0]]
    clipping, problems = load_file(ENCODINGS / name, ENCODINGS)
    assert clipping is not None, problems
    assert (clipping.title, clipping.categories, clipping.source) == (title, (category,), "Example Daily")
    assert clipping.body == body
    assert [p.severity for p in problems] == ["notice"]
    assert problems[0].message.startswith("not UTF-8; read as ")
    if "iso-2022" not in name:
        assert problems[0].message.endswith(f"(the code page of its declared language, {language})")


def test_a_site_built_from_them_shows_every_word(tmp_path: Path) -> None:
    content = tmp_path / "content"
    content.mkdir()
    for name in FIXTURES:
        (content / name).write_bytes((ENCODINGS / name).read_bytes())
    assert run_build(content, tmp_path / "out", "--no-search") == 0
    parsed = [parse(p) for p in clipping_pages(tmp_path / "out/2025/03/11")]
    pages = {page.h1[0]: page.text for page in parsed if page.h1}  # (one Turkish file redirects to its duplicate)
    for sample, _ in FIXTURES.values():
        _, title, category, body = SAMPLES[sample]
        assert title in pages
        assert all(para in pages[title] for para in body.split("\n\n")) and category in pages[title]


def test_a_file_that_does_not_read_as_its_declared_language_is_a_guess_said_aloud(tmp_path: Path) -> None:
    text = export("ru").replace(",Russian,", ",Turkish,")
    path = tmp_path / "mislabelled.txt"
    path.write_bytes(text.encode("cp1251"))
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None and clipping.title == SAMPLES["ru"][1]  # the guess is still right
    assert ("warning", "not UTF-8; read as windows-1251 (a guess: it does not read as its declared language "
                       "Turkish)", None) in messages(problems)


def test_markdown_declares_its_language_or_its_charset(tmp_path: Path) -> None:
    title = SAMPLES["el"][1]
    tagged = f"---\ntitle: {title}\nlang: el\ndate: 2025-03-11\n---\n\n{SAMPLES['el'][3]}\n"
    (tmp_path / "tagged.md").write_bytes(tagged.encode("cp1253"))
    clipping, problems = load_file(tmp_path / "tagged.md", tmp_path)
    assert clipping is not None and clipping.title == title and clipping.language == "el"
    assert ("notice", "not UTF-8; read as windows-1253 (the code page of its declared language, Greek)",
            None) in messages(problems)
    russian = SAMPLES["ru"][1]
    declared = f"---\ntitle: {russian}\ndate: 2025-03-11\n---\n\n<!-- charset=koi8-r -->\n\n{SAMPLES['ru'][3]}\n"
    (tmp_path / "declared.md").write_bytes(declared.encode("koi8_r"))
    clipping, problems = load_file(tmp_path / "declared.md", tmp_path)
    assert clipping is not None and clipping.title == russian
    assert ("notice", "not UTF-8; read as KOI8-R (its declared charset KOI8-R)", None) in messages(problems)


def test_a_utf8_file_with_one_bad_line_is_read_with_that_line_marked(tmp_path: Path) -> None:
    data = export("tr").encode("utf-8").replace("çalışmaların".encode(), b"\xe7al\xfd\xfemalar\xfdn")  # cp1254
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    clipping, problems = load_file(path, tmp_path)
    assert clipping is not None and clipping.title == SAMPLES["tr"][1]
    assert clipping.body.startswith("Belediye başkanı, \ufffdal\ufffdmalar\ufffdn şubat ayında")
    assert clipping.body.endswith("yirmi dakika kısalacağı hesaplanıyor.")
    assert messages(problems) == [("warning", "bytes that are not UTF-8 replaced with '\ufffd' on line 13; the rest "
                                              "of the file is read as it is", 13)]


def test_the_common_case_is_utf8_as_it_is() -> None:
    data = export("tr").encode("utf-8")
    decoded = read_text(data)
    assert decoded is not None and (decoded.text, decoded.encoding, decoded.how) == (export("tr"), "utf-8", None)
    assert read_text(b"\x1b[1mbold\x1b[0m text") is not None  # an escape that is not ISO-2022 stays UTF-8
