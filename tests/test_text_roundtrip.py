"""Property: a clipping written in the plain-text export format and loaded again comes back equal.

Equality is on every field the format carries: title, published date with its precision (a day, a month or a
year), capture time (to the second), source, categories, language (one the export can name), link, paragraphs,
the excerpt flag and extra `Key: value` fields; the id and the file's path travel in the file name. What the
format cannot carry, `write_text` refuses with a ValueError; the strategies below stay inside the format, so a
refusal fails the test too. The same holds for the file written in each legacy code page of its language.
"""
from __future__ import annotations

import datetime as dt
import string
from pathlib import Path

import pytest
from helpers import load_file
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sitegen.model import Clipping
from sitegen.read.fields import collapse_spaces, ends_sentence, language_from_name, stops_mid_sentence
from sitegen.read.legacy import _alphabet
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
def published_dates(draw) -> tuple[dt.date | None, str]:
    """(published, precision): a day, or the first day of a month or a year."""
    day = draw(st.none() | st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    precision = draw(st.sampled_from(["day", "month", "year"]))
    if day is None or precision == "day":
        return day, "day"
    return (day.replace(day=1) if precision == "month" else day.replace(month=1, day=1)), precision


def with_excerpt_flag(clipping: Clipping) -> Clipping:
    """The flag the format gives: a `Snippets` category, or a text that stops mid-sentence."""
    flag = "snippets" in map(str.casefold, clipping.categories) or stops_mid_sentence(clipping.body)
    return Clipping(**{**{f: getattr(clipping, f) for f in clipping.__slots__}, "excerpt": flag})


@st.composite
def clippings(draw) -> Clipping:
    export_id = draw(st.text("0123456789abcdef", min_size=16, max_size=16))
    published, precision = draw(published_dates())
    return with_excerpt_flag(Clipping(
        id=export_id,
        format="Monitoring text",
        title=draw(titles),
        source_path=f"{draw(st.integers(0, 999)):03d}_{export_id}.txt",
        published=published, precision=precision,
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
    ))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(clipping=clippings())
def test_written_clipping_loads_back_equal(tmp_path: Path, clipping: Clipping) -> None:
    path = tmp_path / clipping.source_path
    path.write_text(write_text(clipping), encoding="utf-8")
    loaded, problems = load_file(path, tmp_path)
    assert loaded == clipping, problems
    assert not [p for p in problems if p.severity == "error"]


ENCODINGS = {  # language: the legacy code pages its exports come in (issue 17)
    "tr": ["cp1254", "iso8859_9"], "ru": ["cp1251", "koi8_r"], "el": ["cp1253"], "ar": ["cp1256"],
    "he": ["cp1255"], "pl": ["cp1250"], "cs": ["cp1250"], "ja": ["shift_jis", "iso2022_jp", "euc_jp"],
    "zh": ["gb18030", "big5"], "ko": ["euc_kr"],
}


def letters(language: str, encodings: list[str]) -> list[str]:
    """The lower-case letters (for Chinese, Japanese and Korean: the common characters) of the language that
    every one of its code pages can write."""
    fits = _alphabet(language)
    found = []
    for code in range(0xA0, 0xFFFF):
        ch = chr(code)
        if not fits(ch) or ch.lower() != ch or not ch.isalpha() or not ch.isprintable():
            continue
        try:
            for encoding in encodings:
                ch.encode(encoding)
        except UnicodeEncodeError:
            continue
        found.append(ch)
    return found


LETTERS = {language: letters(language, encodings) for language, encodings in ENCODINGS.items()}


@st.composite
def texts_in(draw, language: str, min_words: int, max_words: int, sentence: bool) -> str:
    """Words of the language's letters, the first capitalised: text that reads as the language. (Words of one
    letter, `А а`, are not: in KOI8-R and windows-1251 they read alike, but for their case.)"""
    cjk = language in ("ja", "zh", "ko")
    word = st.text(st.sampled_from(LETTERS[language]), min_size=1 if cjk else 3, max_size=4 if cjk else 9)
    found = draw(st.lists(word, min_size=min_words, max_size=max_words))
    if len(found[0][:1].upper()) == 1:  # (`ΐ` has no one-letter capital)
        found[0] = found[0][:1].upper() + found[0][1:]
    text = ("" if cjk and language != "ko" else " ").join(found)
    return text + ("." if sentence else "")


@st.composite
def clippings_in_a_language(draw) -> tuple[Clipping, str]:
    language = draw(st.sampled_from(sorted(ENCODINGS)))
    encoding = draw(st.sampled_from(ENCODINGS[language]))
    published, precision = draw(published_dates())
    title = draw(texts_in(language, 2, 8, sentence=False))
    paragraphs = draw(st.lists(texts_in(language, 3, 25, sentence=True), min_size=1, max_size=4))
    if draw(st.booleans()):  # a snippet's text stops mid-sentence
        paragraphs[-1] = paragraphs[-1].rstrip(".")
    export_id = draw(st.text("0123456789abcdef", min_size=16, max_size=16))
    clipping = with_excerpt_flag(Clipping(
        id=export_id, format="Monitoring text", title=title, source_path=f"001_{export_id}.txt",
        published=published, precision=precision, language=language,
        source=draw(texts_in(language, 1, 4, sentence=False)),
        categories=tuple(draw(st.lists(texts_in(language, 1, 3, sentence=False), max_size=3, unique_by=str.casefold)
                              .filter(lambda names: not any(language_from_name(n) for n in names)))),
        body="\n\n".join(paragraphs),
    ))
    return clipping, encoding


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(written=clippings_in_a_language())
def test_written_in_a_legacy_code_page_reads_back_equal(tmp_path: Path, written: tuple[Clipping, str]) -> None:
    clipping, encoding = written
    data = write_text(clipping).encode(encoding)
    if encoding != "iso2022_jp":  # (7-bit: told from UTF-8 by its escape sequences)
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:  # a few Big5 characters are UTF-8 byte pairs too: a file of only those is UTF-8, by design
            assume(data.isascii())
    path = tmp_path / clipping.source_path
    path.write_bytes(data)
    loaded, problems = load_file(path, tmp_path)
    assert loaded == clipping, (encoding, problems)


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
