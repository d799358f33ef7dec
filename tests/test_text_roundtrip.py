"""Property: a clipping written in the plain-text export format and loaded again comes back equal.

Equality is on every field the format carries: title, published date, capture time (to the second), source,
categories, language (one the export can name), link, paragraphs and extra `Key: value` fields; the id and the
file's path travel in the file name. What the format cannot carry, `write_text` refuses with a ValueError; the
strategies below stay inside the format, so a refusal fails the test too.
"""
from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from helpers import load_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitegen.model import Clipping
from sitegen.read.fields import collapse_spaces, ends_sentence, language_from_name
from sitegen.read.text import _reads_as_prose as reads_as_prose
from sitegen.read.text_writer import write_text

LANGUAGES = ["en", "tr", "de", "fr", "es", "ru", "el", "ar", "zh", "uk"]
# Letters of several scripts, digits, punctuation and odd spaces: the text a clipping may hold.
ALPHABET = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff,") | st.sampled_from(
    list(" \t.!?:;\"'’«»()-–—/*#<>&") + ["ı", "İ", "ş", "ğ", "ß", "é", "Ж", "中", "\u00a0"])


def words(min_size: int = 1, max_size: int = 60) -> st.SearchStrategy[str]:
    """One line of text, spacing collapsed as the loader collapses it."""
    return st.text(ALPHABET, min_size=min_size, max_size=max_size).map(collapse_spaces).filter(bool)


def looks_like_header(line: str) -> bool:
    """Lines the export reader would take for a header field (the writer refuses them; keep them out)."""
    from sitegen.read.text import _field, _other_field
    return _field(line) is not None or _other_field(line) is not None or line.startswith(("---", ","))


titles = words().filter(lambda t: not looks_like_header(t))
categories = st.lists(words(max_size=25).filter(lambda n: not n.endswith(" -") and n != "-"
                                                and language_from_name(n) is None),
                      max_size=6, unique_by=str.casefold)
paragraph = st.text(ALPHABET, min_size=1, max_size=120).map(str.strip).filter(bool)


@st.composite
def bodies(draw) -> str:
    paras: list[str] = []
    for p in draw(st.lists(paragraph, max_size=6)):
        if not paras or not p[0].islower() or ends_sentence(paras[-1]):
            paras.append(p)
    if paras and looks_like_header(paras[0]):
        paras[0] = "Then, " + paras[0]
    return "\n\n".join(paras)


@st.composite
def clippings(draw) -> Clipping:
    export_id = draw(st.text("0123456789abcdef", min_size=16, max_size=16))
    return Clipping(
        id=export_id,
        format="Monitoring text",
        title=draw(titles),
        source_path=f"{draw(st.integers(0, 999)):03d}_{export_id}.txt",
        published=draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31))),
        captured=draw(st.none() | st.datetimes(dt.datetime(1, 1, 1), dt.datetime(9999, 12, 31, 23, 59, 59))
                      .map(lambda t: t.replace(microsecond=0))),
        source=draw(st.just("") | words(max_size=40)),
        categories=tuple(draw(categories)),
        language=draw(st.none() | st.sampled_from(LANGUAGES)),
        url=draw(st.none() | st.builds("https://news.example.org/{}".format,
                                       st.text(string.ascii_letters + string.digits + "-_/.%?=&#", max_size=30))),
        body=draw(bodies()),
        extra=tuple(draw(st.lists(st.tuples(st.sampled_from(["Author", "Byline", "Page", "Section name"]),
                                            words(max_size=40).filter(lambda v: not v.startswith("//")
                                                                      and not reads_as_prose(v, 1))),
                                  max_size=2, unique_by=lambda kv: kv[0]))),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(clipping=clippings())
def test_written_clipping_loads_back_equal(tmp_path: Path, clipping: Clipping) -> None:
    path = tmp_path / clipping.source_path
    path.write_text(write_text(clipping), encoding="utf-8")
    loaded, problems = load_file(path, tmp_path)
    assert loaded == clipping, problems
    assert not [p for p in problems if p.severity == "error"]


@pytest.mark.parametrize(("change", "reason"), [
    pytest.param({"title": "Published on March 3, 2024"}, "title reads as a header field", id="title-is-a-field"),
    pytest.param({"categories": ("Ports, Harbours",)}, "category", id="comma-in-category"),
    pytest.param({"categories": ("Turkish",)}, "category", id="language-name-as-category"),
    pytest.param({"body": "First part of a sentence\n\ncontinued here."}, "end of the one before",
                 id="paragraph-rejoined"),
    pytest.param({"body": "Author: someone"}, "first paragraph", id="body-reads-as-a-field"),
    pytest.param({"body_format": "markdown"}, "Markdown", id="markdown"),
    pytest.param({"url": "javascript:alert(1)"}, "link", id="javascript-link"),
])
def test_what_the_format_cannot_carry_is_refused(change: dict, reason: str) -> None:
    base = Clipping(id="0123456789abcdef", title="Quay wall repaired", source_path="1_0123456789abcdef.txt",
                    published=dt.date(2025, 3, 11), source="Coastal Courier", body="The wall was repaired.")
    write_text(base)
    with pytest.raises(ValueError, match=reason):
        write_text(Clipping(**{**{f: getattr(base, f) for f in base.__slots__}, **change}))
