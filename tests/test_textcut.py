"""Cutting text to an excerpt: the same measure in every script, never inside a grapheme cluster."""
from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitegen.archive.excerpts import excerpt
from sitegen.archive.textcut import cluster_end, cut
from sitegen.model import Clipping


@pytest.mark.parametrize(("text", "kept"), [
    (" ".join(f"w{n}" for n in range(100)), " ".join(f"w{n}" for n in range(60))),
    ("東" * 300, "東" * 120),  # two characters of Chinese or Japanese count as a word
    ("ก" * 300, "ก" * 120),
    ("x" * 5000, "x" * 600),  # and no cut keeps more than the character cap, whatever the script
    ("東京 Tokyo " * 50, None),  # mixed: 50 x (2 half-words + 1 word) = 100 words
])
def test_cut_counts_words_or_characters(text: str, kept: str | None) -> None:
    if kept is None:
        result = cut(text, 60, 600)
        assert result is not None and result.count("Tokyo") == 30
    else:
        assert cut(text, 60, 600) == kept


def test_a_text_that_fits_is_not_cut() -> None:
    assert cut("A short text.", 60, 600) is None
    assert cut("短い記事。", 60, 600) is None


@pytest.mark.parametrize(("text", "clusters"), [
    ("น้ำ", ["น้ำ"]),  # Thai: consonant, tone mark, SARA AM
    ("e\u0301a", ["e\u0301", "a"]),  # a combining accent stays with its letter
    ("👩\u200d👩\u200d👧x", ["👩\u200d👩\u200d👧", "x"]),  # a ZWJ emoji sequence
    ("🇯🇵🇫🇷", ["🇯🇵", "🇫🇷"]),  # flags are pairs
    ("👍🏽!", ["👍🏽", "!"]),  # skin tone
    ("\u1100\u1161\u11a8가", ["\u1100\u1161\u11a8", "가"]),  # conjoining jamo
    ("ក្ក", ["ក្ក"]),  # Khmer coeng: the subscript consonant belongs to the cluster
    ("か\u3099", ["か\u3099"]),  # combining dakuten
])
def test_clusters(text: str, clusters: list[str]) -> None:
    found, start = [], 0
    while start < len(text):
        end = cluster_end(text, start)
        found.append(text[start:end])
        start = end
    assert found == clusters


def test_a_thai_cut_keeps_each_letter_with_its_marks() -> None:
    text = "น้ำ" * 200  # 600 code points, 200 clusters
    kept = cut(text, 60, 600)
    assert kept == "น้ำ" * 120


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=400),
       st.integers(min_value=1, max_value=80), st.integers(min_value=1, max_value=300))
def test_a_cut_is_a_prefix_that_ends_between_clusters(text: str, words: int, chars: int) -> None:
    kept = cut(text, words, chars)
    if kept is None:
        return
    assert text.startswith(kept)
    assert len(kept) <= chars
    first = len(text) - len(text.lstrip())
    if cluster_end(text, first) > chars:
        return  # one cluster longer than the cap (a letter with hundreds of marks): cut at the cap
    rest = text[len(kept):].lstrip()
    if kept and rest and not text[len(kept)].isspace():
        assert unicodedata.category(rest[0]) not in ("Mn", "Mc", "Me")


def test_an_excerpt_ends_with_an_ellipsis_in_the_script_of_its_text() -> None:
    def clipped(body: str) -> str:
        return excerpt(Clipping(id="a", title="T", source_path="a.txt", body=body)).body
    assert clipped("東" * 300) == "東" * 120 + "…"
    assert clipped(" ".join(["word"] * 100)) == " ".join(["word"] * 60) + " …"
    assert clipped("Short.") == "Short."
