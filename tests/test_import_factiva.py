"""Factiva pages saved as HTML, read through the loader registry from our own fixtures."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from sitegen.archive.duplicates import syndicated_groups
from sitegen.read.formats import default_reader

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def read(name: str, data: bytes | None = None):
    if data is None:
        data = (FIXTURES / name).read_bytes()
    return default_reader().parse(data, name)


def test_each_article_with_indexing_is_a_clipping_with_its_accession_number_as_id():
    clippings, problems = read("factiva-fr.html")
    assert [c.format for c in clippings] == ["Factiva HTML"] * 3
    assert [(c.position, c.line) for c in clippings] == [(0, 11), (1, 16), (3, 22)]
    assert [c.id for c in clippings] == ["COBUWI0020240116ek1g0002t", "CRLITT0020240117ek1h0000a",
                                         "CRLITT0020240118ek1i0000c"]
    assert [(p.line, p.message) for p in problems if p.line == 21] == [
        (21, "document 3 has no headline and no text: skipped")]


def test_values_in_the_interface_language_are_read():
    wire, local, _ = read("factiva-fr.html")[0]
    assert (wire.title, wire.source) == ("Velmora bridge to close after corrosion found", "Coastal Business Wire")
    assert (wire.published, wire.precision) == (dt.date(2024, 1, 16), "day")  # `16 janvier 2024`
    assert wire.language == "en"  # `Anglais`
    assert wire.categories == ("Réglementation/Politique gouvernementale", "Actualités politiques et générales")
    extra = dict(wire.extra)
    assert extra["Word count"] == "128 mots" and extra["Time"] == "06:12" and extra["Source code"] == "COBUWI"
    assert extra["Regions"] == "Velmora; Europe"
    assert len(wire.body.split("\n\n")) == 3  # LP and TD paragraphs
    assert (local.author, local.language, local.published) == ("Par Hélène Lefèvre et Noël Ærø", "fr",
                                                               dt.date(2024, 1, 17))
    assert local.body.split("\n\n")[1] == "« Nous perdrons la moitié de notre clientèle », dit Émile Château, qui " \
                                          "tient une crêperie."
    extra = dict(local.extra)
    assert (extra["Section"], extra["Edition"], extra["Page"]) == ("Économie", "Édition du matin", "7")


def test_an_impossible_date_is_reported_and_the_article_kept_undated():
    clippings, problems = read("factiva-fr.html")
    undated = clippings[2]
    assert undated.published is None and undated.title == "Le pont fermera en avril"
    assert "factiva-fr.html:23: warning: cannot read the date '31 février 2024'" in map(str, problems)


def test_the_layout_without_indexing_codes():
    clippings, problems = read("factiva-plain.htm")
    assert problems == []
    (article,) = clippings
    assert (article.title, article.source, article.author) == ("Ferry operators add night crossings",
                                                              "Velmora Evening Post", "By Mira Kovačević")
    assert (article.published, article.language, article.categories) == (dt.date(2024, 1, 20), "en", ("Regional",))
    assert article.id == "VEVEPO0020240120ek1k0000d"
    assert article.body == "Ferries will cross the harbour every hour through the night while the bridge is closed, " \
                           "the operators said.\n\nThe first night crossing leaves Quay Street at 00:20."


def test_a_page_saved_as_utf_16_is_recognised():
    page = (FIXTURES / "factiva-plain.htm").read_text(encoding="utf-8")
    (article,) = read("unicode.htm", page.encode("utf-16"))[0]
    assert (article.format, article.author) == ("Factiva HTML", "By Mira Kovačević")


def test_other_html_is_not_taken_for_factiva():
    page = b"<html><head><title>Velmora Courier</title></head><body><div class='article'>x</div></body></html>"
    assert all(c.format != "Factiva HTML" for c in read("page.html", page)[0])


def test_one_story_from_three_vendors_on_different_days_is_found_as_syndicated_copies():
    clippings = []
    for name in ("lexisnexis-en.txt", "factiva-fr.html", "nexis-uni-en.docx"):
        clippings += read(name)[0]
    groups = syndicated_groups(clippings)
    story = [group for group in groups if "factiva-fr.html" in group]
    assert story == [["factiva-fr.html", "lexisnexis-en.txt#5", "nexis-uni-en.docx#3"]]
    days = {c.origin: c.published for c in clippings}
    assert len({days[origin] for origin in story[0]}) == 3
