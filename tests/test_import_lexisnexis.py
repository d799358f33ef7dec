"""LexisNexis text exports (and the same as RTF), read through the loader registry from our own fixtures."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sitegen.read.formats import default_reader

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def read(name: str, data: bytes | None = None):
    """Clippings and problems of a fixture (or of `data` under the fixture's name), as a build reads them."""
    if data is None:
        data = (FIXTURES / name).read_bytes()
    return default_reader().parse(data, name)


def by_position(clippings):
    return {c.position: c for c in clippings}


def test_every_document_of_the_export_is_a_clipping_with_its_place_in_the_file():
    clippings, problems = read("lexisnexis-en.txt")
    assert [c.format for c in clippings] == ["LexisNexis TXT"] * 6
    assert [(c.position, c.line) for c in clippings] == [(0, 16), (1, 73), (2, 104), (4, 158), (5, 189), (6, 228)]
    assert {c.source_path for c in clippings} == {"lexisnexis-en.txt"}
    assert not [p for p in problems if p.severity == "error"]


def test_the_classic_layout_gives_every_field():
    first = by_position(read("lexisnexis-en.txt")[0])[0]
    assert first.title == "Harbour bridge to close for eleven weeks"
    assert ("Subtitle", "Ferries to run every twenty minutes while bearings are replaced") in first.extra
    assert first.source == "The Velmora Courier"
    assert (first.published, first.precision) == (dt.date(2024, 1, 15), "day")  # 9:20 AM AEST: never moved
    assert first.captured == dt.datetime(2024, 1, 16)
    assert first.author == "Zoë Ångström and Renée Dubois-Okafor"
    assert first.language == "en"
    # subjects scored 85% or more, in order; the wrapped list is read whole, FERRIES (77%) is a passing mention
    assert first.categories == ("BRIDGES", "PORTS & HARBORS", "TRANSPORTATION INFRASTRUCTURE", "CITY GOVERNMENT")
    extra = dict(first.extra)
    assert extra["Subject"].endswith("FERRIES (77%); SMALL BUSINESS (62%)")
    assert extra["Edition"] == "Final Edition; North"
    assert extra["Section"] == "NEWS; Pg. 4"
    assert extra["Length"] == "214 words"
    assert extra["Copyright"] == "Copyright 2024 Courier Media Group All Rights Reserved"


def test_hard_wrapped_lines_are_rejoined_into_the_paragraphs_as_written():
    first = by_position(read("lexisnexis-en.txt")[0])[0]
    paragraphs = first.body.split("\n\n")
    assert paragraphs[1] == ('Zoë Ångström, who chairs the authority, said the work could not wait for another winter. '
                             '"We found corrosion that nobody expected," she said. "Closing the bridge in spring costs '
                             'the least and keeps the summer season open."')
    assert len(paragraphs) == 6


def test_only_the_vendors_labels_are_labels():
    clippings = by_position(read("lexisnexis-en.txt")[0])
    paragraphs = clippings[0].body.split("\n\n")
    assert paragraphs[2].startswith("UPDATE: an earlier version")  # a label word in mid-body is text
    assert paragraphs[4] == "SHOPKEEPERS WARN OF LOST TRADE"  # an all-caps line is text
    transcript = clippings[2].body.split("\n\n")
    assert transcript[1] == ("MAYOR HÅKON BERG: I understand the anger. Nobody wanted to close the bridge in the "
                             "middle of the year.")
    assert "CALLER: Will the night buses still run?" in transcript


def test_the_older_layout_with_copyright_first_and_labelled_headline_and_body():
    transcript = by_position(read("lexisnexis-en.txt")[0])[2]
    assert transcript.title == "Mayor answers listeners on the bridge closure"
    assert transcript.source == "Radio Velmora Transcripts"
    assert transcript.published == dt.date(2024, 1, 18)
    assert transcript.author == "Ingrid Østergaard"
    extra = dict(transcript.extra)
    assert extra["Highlight"] == "The mayor took calls about the eleven-week closure of the harbour bridge."
    assert extra["Dateline"] == "VELMORA"
    assert extra["Edition"] == "Morning Show"
    assert extra["Copyright"] == "Copyright 2024 Radio Velmora All Rights Reserved"
    assert transcript.body.startswith("INGRID ØSTERGAARD, HOST: Good morning.")


def test_a_document_without_headline_is_titled_from_its_first_words_with_a_notice():
    clippings, problems = read("lexisnexis-en.txt")
    untitled = by_position(clippings)[1]
    assert untitled.title == "Councillors approved a grant of 40,000 crowns for the Quay Street traders …"
    assert untitled.author == "Jonas Müller" and untitled.categories == ("LOCAL",)
    assert [(p.line, p.severity) for p in problems if "titled from" in p.message] == [(73, "notice")]


def test_a_broken_document_is_one_problem_and_the_others_load():
    clippings, problems = read("lexisnexis-en.txt")
    assert 3 not in by_position(clippings)
    broken = [p for p in problems if p.line == 150]
    assert [p.message for p in broken] == ["document 4 has no headline and no text: skipped"]
    assert str(broken[0]).startswith("lexisnexis-en.txt:150: warning:")


def test_a_magazine_dated_by_month_with_its_headline_above_the_date():
    quarterly = by_position(read("lexisnexis-en.txt")[0])[4]
    assert quarterly.title == "Tides, trade and the bridge that binds a city"
    assert (quarterly.published, quarterly.precision) == (dt.date(2024, 3, 1), "month")
    assert quarterly.categories == ("FEATURES",)  # `FEATURES; Pg. 22-25`: the page is no category


def _documents(text: str) -> tuple[str, list[str]]:
    marker = "                                {} of 7 DOCUMENTS"
    cover, *rest = text.split(marker.format(1))
    docs = [marker.format(1) + rest[0]]
    for n in range(2, 8):
        head, _, tail = docs[-1].partition(marker.format(n))
        docs[-1] = head
        docs.append(marker.format(n) + tail)
    return cover, docs


def test_ids_are_stable_when_the_export_is_downloaded_again_in_another_order_or_merged():
    text = (FIXTURES / "lexisnexis-en.txt").read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    ids = {c.title + c.source + str(c.published) + dict(c.extra).get("Edition", ""): c.id
           for c in read("a.txt", text.encode())[0]}
    cover, docs = _documents(text)
    reordered = cover + "".join(reversed(docs))
    merged = (FIXTURES / "lexisnexis-de.txt").read_text(encoding="cp1252") + "".join(docs[4:])
    for data in (reordered, merged):
        for clipping in read("b.txt", data.encode())[0]:
            key = clipping.title + clipping.source + str(clipping.published) + dict(clipping.extra).get("Edition", "")
            if key in ids:
                assert ids[key] == clipping.id
    editions = [c for c in read("a.txt", text.encode())[0] if c.source == "The Velmora Courier"]
    assert len({c.id for c in editions}) == 2  # one story in two editions: same source, date and headline


def test_german_and_french_labels_markers_and_dates_in_a_legacy_code_page():
    clippings, problems = read("lexisnexis-de.txt")
    assert [c.format for c in clippings] == ["LexisNexis TXT"] * 3
    german, french, third = clippings
    assert german.title == "Brücke über den Hafen wird gesperrt"
    assert (german.source, german.published) == ("Nordküsten-Zeitung", dt.date(2024, 1, 3))
    assert german.author == "Jürgen Weiß"
    assert german.captured == dt.datetime(2024, 1, 4)  # UPDATE: the load date of a German export
    assert german.language == "de"
    assert german.categories == ()  # RUBRIK `S. 7 Ausg. 12` is a page, not a section
    assert third.categories == ("Lokales",)
    assert (french.published, french.captured) == (dt.date(2024, 1, 5), dt.datetime(2024, 1, 6))
    assert (french.author, french.language, french.categories) == ("Hélène Lefèvre", "fr", ("Économie",))
    assert ("Longueur", "64 mots") in french.extra
    assert any("not UTF-8" in p.message for p in problems)


def test_the_same_export_as_rtf_or_as_a_doc_that_is_rtf_reads_alike():
    text, _ = read("lexisnexis-en.txt")
    rtf, problems = read("lexisnexis-en.rtf")
    assert [c.format for c in rtf] == ["LexisNexis RTF"] * 6
    for a, b in zip(text, rtf, strict=True):
        assert (a.id, a.title, a.source, a.published, a.author, a.categories, a.body, a.extra) == \
               (b.id, b.title, b.source, b.published, b.author, b.categories, b.body, b.extra)
    doc, _ = read("lexisnexis-de.doc")
    assert [c.title for c in doc] == [c.title for c in read("lexisnexis-de.txt")[0]]
    assert doc[0].author == "Jürgen Weiß"


def test_a_word_97_document_or_a_file_without_documents_is_one_clear_error():
    clippings, problems = read("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    assert clippings == [] and problems[0].severity == "error" and "Word 97-2003" in problems[0].message
    clippings, problems = read("notes.rtf", b"{\\rtf1\\ansi Just a letter.\\par}")
    assert clippings == [] and "N of M DOCUMENTS" in problems[0].message


def test_an_export_saved_as_utf_16_is_recognised_and_read():
    text = (FIXTURES / "lexisnexis-de.txt").read_text(encoding="cp1252")
    clippings, _ = read("unicode.txt", text.encode("utf-16"))
    assert [c.format for c in clippings] == ["LexisNexis TXT"] * 3
    assert clippings[0].author == "Jürgen Weiß"


def test_other_text_files_are_not_taken_for_lexisnexis():
    monitoring = b"Bridge closes\n\nPublished on 15 January 2024\n\nSources Velmora Courier\n\nThe text.\n"
    clippings, _ = read("clip.txt", monitoring)
    assert [c.format for c in clippings] == ["Monitoring text"]


def test_damaged_exports_never_stop_the_reader():
    data = (FIXTURES / "lexisnexis-en.txt").read_bytes()
    for cut in range(0, len(data), 61):
        read("cut.txt", data[:cut] + data[cut + 40:])  # raises nothing
    lines = data.split(b"\r\n")
    for start in range(0, len(lines), 7):
        clippings, problems = read("holes.txt", b"\n".join(lines[:start] + lines[start + 5:]))
        assert clippings or problems


@pytest.mark.parametrize("marker", ["FOCUS - 1 of 2 DOCUMENTS", "1 of 2 DOCUMENT", "Document 1 de 2",
                                    "Dokument 1 von 2", "1 OF 2 DOCUMENTS"])
def test_the_document_line_in_its_forms(marker):
    doc = ("\n\n          Velmora Courier\n\n          May 3, 2024 Friday\n\nHeadline\n\nLENGTH: 3 words\n\n"
           "Some text here.\n")
    clippings, _ = read("m.txt", f"cover\n\n     {marker}\n{doc}     2 of 2 DOCUMENTS\n{doc}".encode())
    assert [c.title for c in clippings] == ["Headline", "Headline"]
    assert clippings[0].published == dt.date(2024, 5, 3)


@pytest.mark.parametrize("line, day, precision", [
    ("January 11, 2010 Monday 9:20 AM Eastern Time", dt.date(2010, 1, 11), "day"),
    ("11. Januar 2010 Montag 5:31 PM GMT+1", dt.date(2010, 1, 11), "day"),
    ("Dienstag, 12. Januar 2010", dt.date(2010, 1, 12), "day"),
    ("12 janvier 2010 mardi", dt.date(2010, 1, 12), "day"),
    ("11 de enero de 2010 lunes", dt.date(2010, 1, 11), "day"),
    ("January 11, 2010 Monday 12:40 AM GMT+05:30", dt.date(2010, 1, 11), "day"),
    ("October 2009", dt.date(2009, 10, 1), "month"),
    ("Summer, 2008", dt.date(2008, 1, 1), "year"),
])
def test_date_lines_are_read_whole_in_the_exports_languages(line, day, precision):
    from sitegen.read.documents import read_date

    when = read_date(line)
    assert (when.day, when.precision) == (day, precision)


@pytest.mark.parametrize("line", ["Winter 2009/2010", "Final Edition", "Bahrain Telecommunications Report Q1 2009",
                                  "11/01/2010", "The Times (London)"])
def test_lines_that_are_no_date_line(line):
    from sitegen.read.documents import read_date

    assert read_date(line) is None


def test_hostile_exports_read_in_time_linear_in_their_size():
    """Loose bounds (linear code takes well under a second each here): a line of megabytes where a date line is
    looked for, a hundred thousand empty documents, a subject list of megabytes."""
    import time

    cases = {
        "long.txt": b"1 of 1 DOCUMENTS\n\n" + b"word " * 1_000_000,
        "many.txt": b"1 of 1 DOCUMENTS\n" * 100_000,
        "subjects.txt": b"1 of 1 DOCUMENTS\n\n   Pub\n\n   May 1, 2024\n\nT\n\nLENGTH: 1\n\nx\n\nSUBJECT: "
                        + b"HARBOURS (90%); " * 200_000 + b"\n",
    }
    for name, data in cases.items():
        started = time.perf_counter()
        clippings, problems = read(name, data)
        assert time.perf_counter() - started < 20, name
        assert clippings or problems
