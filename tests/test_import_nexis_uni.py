"""Nexis Uni Word exports and ZIPs of them, read through the loader registry from our own fixtures (written by
fixtures/importers/make_nexis_docx.py, which the tests below also use to make variants)."""
from __future__ import annotations

import datetime as dt
import importlib.util
import io
import zipfile
from pathlib import Path

from sitegen.read.formats import default_reader

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
_spec = importlib.util.spec_from_file_location("make_nexis_docx", FIXTURES / "make_nexis_docx.py")
builder = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(builder)


def read(name: str, data: bytes | None = None):
    if data is None:
        data = (FIXTURES / name).read_bytes()
    return default_reader().parse(data, name)


def saved(doc, tmp_path: Path) -> bytes:
    path = tmp_path / "made.docx"
    doc.save(path)
    return path.read_bytes()


def test_every_document_after_the_cover_is_a_clipping():
    clippings, problems = read("nexis-uni-en.docx")
    assert [c.format for c in clippings] == ["Nexis Uni DOCX"] * 3
    assert [c.position for c in clippings] == [0, 1, 3]
    assert [c.title for c in clippings] == ["Ferry fares frozen for the closure",
                                            "Lighthouse keepers' archive opens to the public",
                                            "Corrosion forces Velmora bridge closure"]
    broken = [p for p in problems if p.severity == "error"]
    assert [p.message for p in broken] == ["document 3: no fields and no 'Body' line: skipped"]
    assert broken[0].line == 59  # the paragraph of its title


def test_the_first_document_shares_its_paragraphs_with_the_cover():
    first = read("nexis-uni-en.docx")[0][0]
    assert first.line == 17  # after the cover's 16 paragraphs (those of its table too)
    assert ("Subtitle", "Operators agree to hold prices until July") in first.extra
    assert first.source == "Velmora Courier Online"
    assert (first.published, first.precision) == (dt.date(2024, 1, 19), "day")  # 11:05 PM GMT+1, as written
    assert first.captured == dt.datetime(2024, 1, 20)
    assert first.author == "Siobhán Ní Bhriain"
    assert first.language == "en"
    assert first.categories == ("FERRIES", "PRICES", "PORTS & HARBORS")  # CITY GOVERNMENT (71%) is not one
    extra = dict(first.extra)
    assert extra["Highlight"].startswith("The three companies")
    assert extra["Graphic"] == "A ferry leaves Quay Street at dusk. Photo: Mira Kovačević"
    assert extra["Copyright"] == "Copyright 2024 Courier Media Group All Rights Reserved"
    assert extra["Section"] == "NEWS; Version:2" and extra["Length"] == "412 words"


def test_the_body_reads_tables_and_line_breaks_and_keeps_field_like_sentences():
    first = read("nexis-uni-en.docx")[0][0]
    assert first.body.split("\n\n") == [
        "Ferry fares will stay at their January level until the harbour bridge reopens in July, the three operators "
        "said on Friday after a meeting with the port authority.",
        "Language: the agreement is written in plain terms, said Łukasz Żółć, so that nobody can read it two ways.",
        "Route | Single fare",
        "Quay Street – Hill Station | 2.40 crowns",
        "The authority will pay the operators for the extra crossings.",
        "A second meeting is planned for March.",
    ]


def test_ids_are_the_nexis_ids_the_cover_links_each_document_to():
    clippings, _ = read("nexis-uni-en.docx")
    assert [c.id for c in clippings] == ["6B1K-2XN1-JB5M-W0F4-00000-00", "6B1M-7TT1-DXY4-X2S9-00000-00",
                                         "6B1R-4CD1-F027-X0Y0-00000-00"]


def test_without_the_covers_links_ids_are_digests_stable_when_reordered(tmp_path):
    def export(order):
        doc = builder.Doc()
        doc.p("Job Number: 1")
        for title, day in order:
            doc.p(title, bold=True)
            doc.p("Velmora Evening Post")
            doc.p(f"March {day}, 2024 Friday")
            doc.p("1 word", label="Length")
            doc.p("Body")
            doc.p(f"Text of {title}.")
            doc.p("End of Document")
        return {c.title: c.id for c in read("x.docx", saved(doc, tmp_path))[0]}

    stories = [("Tide tables printed again", 1), ("Pier lights repaired", 8)]
    first, second = export(stories), export(list(reversed(stories)))
    assert first == second and len(set(first.values())) == 2


def test_labels_in_the_german_interface():
    clippings, problems = read("nexis-uni-de.docx")
    assert problems == []
    german = clippings[0]
    assert (german.title, german.source) == ("Brückensperrung: Händler bangen um ihr Geschäft", "Nordküsten-Zeitung")
    assert german.published == dt.date(2024, 1, 24)
    assert german.captured == dt.datetime(2024, 1, 25)
    assert (german.author, german.language) == ("Jürgen Weiß", "de")
    assert german.categories == ("Einzelhandel", "Brücken")
    assert german.body.startswith("Die Geschäftsleute am Kai")
    assert ("Länge", "97 Wörter") in german.extra


def test_an_interface_language_not_listed_still_splits_and_reads_the_header(tmp_path):
    doc = builder.Doc()
    doc.p("Jobbnummer: 7")
    for title in ("Ferja går hver time", "Broen stenges i april"):
        doc.p(title)
        doc.p("Kystavisen")
        doc.p("15 januar 2024")
        doc.p("Kari Nordmann", label="Skribent")
        doc.p("Brødtekst")
        doc.p("Teksten.")
        doc.p("Slutt på dokumentet")
    clippings, problems = read("no.docx", saved(doc, tmp_path))
    assert [c.title for c in clippings] == ["Ferja går hver time", "Broen stenges i april"]
    assert {c.source for c in clippings} == {"Kystavisen"}
    assert ("Skribent", "Kari Nordmann") in clippings[0].extra  # an unknown label, kept
    assert clippings[0].body == "Teksten."  # `Brødtekst` opens every document's body: a heading, not text


def test_a_document_without_a_body_line_and_a_cover_numbered_by_word(tmp_path):
    doc = builder.Doc()
    doc.p("Documents (2)")
    for title, code in (("Night ferry trial extended", "6C00-AAA1-JB5M-W0F4-00000-00"),
                        ("Quay Street to be repaved", "6C00-BBB1-JB5M-W0F4-00000-00")):
        doc.p(title, link=builder.item(code))  # the list's numbers are Word's, not in the text
    doc.p("", page_break=True)
    for title in ("Night ferry trial extended", "Quay Street to be repaved"):
        doc.p(title)
        doc.p("Velmora Evening Post")
        doc.p("March 4, 2024 Monday")
        doc.p("90 words", label="Length")
        doc.p(f"The text of '{title}'.")
        doc.p("March 5, 2024", label="Load-Date")
        doc.p("End of Document")
    clippings, problems = read("x.docx", saved(doc, tmp_path))
    assert [c.id for c in clippings] == ["6C00-AAA1-JB5M-W0F4-00000-00", "6C00-BBB1-JB5M-W0F4-00000-00"]
    assert clippings[1].body == "The text of 'Quay Street to be repaved'."
    assert clippings[1].captured == dt.datetime(2024, 3, 5)


def test_a_zip_of_exports_reads_every_docx_in_it():
    clippings, problems = read("nexis-uni.zip")
    assert [c.format for c in clippings] == ["Nexis Uni ZIP"] * 4
    assert [c.position for c in clippings] == [0, 1, 3, 4]
    assert {c.source_path for c in clippings} == {"nexis-uni.zip"}
    messages = [p.message for p in problems]
    assert "Files(2)/nexis-uni-en.docx: document 3: no fields and no 'Body' line: skipped" in messages
    assert any(m.startswith("Files(2)/damaged.docx: not a readable DOCX") for m in messages)
    assert not any("README" in m for m in messages)


def test_files_that_are_no_nexis_export_are_one_clear_error(tmp_path):
    cases = {"letter.docx": saved(_letter(), tmp_path), "broken.docx": b"PK\x03\x04garbage",
             "text.docx": b"plain text", "empty.zip": _zip({"a.txt": b"x"}), "bad.zip": b"PK\x05\x06" + b"\0" * 18}
    for name, data in cases.items():
        clippings, problems = read(name, data)
        assert clippings == [] and [p.severity for p in problems] == ["error"], (name, problems)


def _letter():
    doc = builder.Doc()
    doc.p("Dear neighbours,")
    doc.p("the street party is on Saturday.")
    return doc


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_without_inflating_it():
    bomb = _zip({"word/document.xml": b"<" + b" " * (30 * 2**20) + b"/>", "[Content_Types].xml": b"<x/>"})
    clippings, problems = read("bomb.docx", bomb)
    assert clippings == [] and "too large" in problems[0].message


def test_an_rtf_download_named_docx_is_read_as_rtf():
    clippings, _ = read("Files.DOCX", (FIXTURES / "lexisnexis-en.rtf").read_bytes())
    assert len(clippings) == 6 and clippings[0].title == "Harbour bridge to close for eleven weeks"
