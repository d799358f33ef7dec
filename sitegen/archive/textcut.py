"""Cutting a text to a length that means the same in every script, never inside a character as a reader sees it.

"The first 60 words" counts spaces, and Chinese, Japanese, Thai, Lao, Khmer and Myanmar put none between words:
split on spaces, a whole article there is one word. So a character of a script written without spaces counts as
half a word (two characters make a word of Chinese or Japanese on average; Thai words are longer, so a Thai
excerpt is on the short side, which is the safe side for a licence); and no cut keeps more than `max_chars`
characters whatever the script, so a "word" of thousands of letters is cut too. Cuts fall between grapheme
clusters (a letter with its accents or tone marks, a virama's conjunct, an emoji sequence, a flag), by the rules
of Unicode's UAX #29 that matter for a cut; the standard library has no grapheme segmentation.
"""
from __future__ import annotations

import bisect
import unicodedata

# Scripts (and their punctuation) written without spaces between words, as sorted (first, last) code points.
_UNSPACED = (
    (0x0E00, 0x0EFF),    # Thai, Lao
    (0x0F00, 0x0FFF),    # Tibetan (words are marked by a tsheg, not a space)
    (0x1000, 0x109F),    # Myanmar
    (0x1780, 0x17FF),    # Khmer
    (0x19E0, 0x19FF),    # Khmer symbols
    (0x1A20, 0x1AAF),    # Tai Tham
    (0x2E80, 0x2FDF),    # CJK radicals
    (0x3000, 0x31FF),    # CJK punctuation, Hiragana, Katakana, Bopomofo, Katakana extensions
    (0x3400, 0x4DBF),    # CJK extension A
    (0x4E00, 0x9FFF),    # CJK unified ideographs
    (0xA9E0, 0xA9FF),    # Myanmar extended-B
    (0xAA60, 0xAA7F),    # Myanmar extended-A
    (0xF900, 0xFAFF),    # CJK compatibility ideographs
    (0xFF00, 0xFFEF),    # full-width and half-width forms (Japanese text's Latin letters and half-width kana)
    (0x1B000, 0x1B16F),  # Kana supplement and extensions
    (0x20000, 0x3FFFF),  # CJK extensions B and after
)
_STARTS = [first for first, _ in _UNSPACED]

_ZWJ = "\u200d"
_VIRAMA = 9
"""Canonical combining class of a virama (Devanagari ्, Myanmar ္, Khmer ្): the letter after it joins its cluster."""


def unspaced(char: str) -> bool:
    """Whether the character belongs to a script (or its punctuation) written without spaces between words."""
    code = ord(char)
    index = bisect.bisect_right(_STARTS, code) - 1
    return index >= 0 and code <= _UNSPACED[index][1]


def _extends(char: str) -> bool:
    """A character that belongs to the cluster before it: combining marks (Mn, Mc, Me: accents, Thai and Arabic
    vowel signs, tone marks), joiners, variation selectors, emoji skin tones and tags, Thai/Lao SARA AM."""
    code = ord(char)
    return (unicodedata.category(char) in ("Mn", "Mc", "Me") or code in (0x200C, 0x200D, 0x0E33, 0x0EB3)
            or 0xFE00 <= code <= 0xFE0F or 0x1F3FB <= code <= 0x1F3FF or 0xE0020 <= code <= 0xE007F
            or 0xE0100 <= code <= 0xE01EF)


def _is_regional(char: str) -> bool:
    return 0x1F1E6 <= ord(char) <= 0x1F1FF


def _hangul_joins(before: str, after: str) -> bool:
    """Conjoining jamo that make one syllable (L+L/V/LV/LVT, V/LV+V/T, T/LVT+T); precomposed syllables are one
    character and need nothing."""
    b, a = ord(before), ord(after)
    lead, vowel, trail = 0x1100 <= b <= 0x115F, 0x1160 <= b <= 0x11A7, 0x11A8 <= b <= 0x11FF
    syllable = 0xAC00 <= b <= 0xD7A3
    lv = syllable and (b - 0xAC00) % 28 == 0
    a_lead, a_vowel, a_trail = 0x1100 <= a <= 0x115F, 0x1160 <= a <= 0x11A7, 0x11A8 <= a <= 0x11FF
    a_syllable = 0xAC00 <= a <= 0xD7A3
    return ((lead and (a_lead or a_vowel or a_syllable)) or ((vowel or lv) and (a_vowel or a_trail))
            or ((trail or (syllable and not lv)) and a_trail))


def cluster_end(text: str, start: int) -> int:
    """The end of the grapheme cluster that starts at `start`."""
    end = start + 1
    if _is_regional(text[start]) and end < len(text) and _is_regional(text[end]):
        return end + 1  # a flag is a pair of regional indicators
    while end < len(text):
        before, after = text[end - 1], text[end]
        if not (_extends(after) or before == _ZWJ or _hangul_joins(before, after)
                or (unicodedata.combining(before) == _VIRAMA and unicodedata.category(after).startswith("L"))):
            break
        end += 1
    return end


def cut(text: str, words: int, max_chars: int) -> str | None:
    """The start of `text` (white space collapsed) that holds `words` words, counting each character of a script
    without spaces as half a word and keeping at most `max_chars` characters; None when the whole text fits.

    Reads only as far as the cut, so it costs the same for a 20 MB text as for a short one."""
    budget, used, in_word, index = 2 * words, 0, False, 0
    while index < len(text):
        char = text[index]
        if char.isspace():
            in_word = False
            index += 1
            continue
        if unspaced(char):
            cost, in_word = 1, False
        else:
            cost, in_word = (0 if in_word else 2), True
        end = cluster_end(text, index)
        if used + cost > budget or end > max_chars:
            return text[:index].rstrip() if index else text[:max_chars]
        used += cost
        index = end
    return None
