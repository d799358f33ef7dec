"""Choosing the legacy code page of a file that is not UTF-8, from what the file itself says.

Bytes alone cannot tell Turkish Windows-1254 from Western Windows-1252 (they differ in six letters), nor KOI8-R
from Windows-1251, nor Big5 from GB18030 (each decodes the other without an error). But an export usually names
its language (`Category: ,Turkish`, `LANGUAGE: TURKISH;`, `lang: tr`, `<html lang="tr">`) or its charset
(`charset=windows-1254`, `encoding="ISO-8859-9"`), in ASCII, in its header. So the candidates are the charset it
declares and the code pages of the language it declares; each is decoded, and the one whose text reads as that
language (its letters in the language's alphabet, its words cased like words) wins. A candidate that does not
read as the language is not taken on trust: the caller falls back to guessing, and says so.

Only files that are not UTF-8 come here, so nothing of this costs anything on the common path.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache

from .fields import language_from_name, language_tag

HEAD_BYTES = 16384
"""Declarations are looked for in the file's start: an export's header block, an HTML head."""
SAMPLE_CHARS = 65536
"""Text scored per candidate: enough to tell code pages apart, bounded for a 20 MB file."""
READS_AS = 0.8
"""Lowest score at which a decoding reads as its language (1.0: every non-ASCII character and word fits)."""

_WESTERN = ("cp1252", "iso8859_15", "latin_1")
_CENTRAL = ("cp1250", "iso8859_2")
_CYRILLIC = ("cp1251", "koi8_r", "iso8859_5")
_CODE_PAGES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys("en fr de es it pt nl da sv no fi id ms".split(), _WESTERN),
    **dict.fromkeys("pl cs sk hu sl hr ro bs sq".split(), _CENTRAL),
    **dict.fromkeys("ru bg sr mk".split(), _CYRILLIC),
    "uk": ("cp1251", "koi8_u", "iso8859_5"),
    "tr": ("cp1254", "iso8859_9"),
    "az": ("cp1254", "iso8859_9"),
    "el": ("cp1253", "iso8859_7"),
    "ar": ("cp1256", "iso8859_6"), "fa": ("cp1256",), "ur": ("cp1256",),
    "he": ("cp1255", "iso8859_8"),
    "lt": ("cp1257", "iso8859_13"), "lv": ("cp1257", "iso8859_13"), "et": ("cp1257", "iso8859_15"),
    "vi": ("cp1258",), "th": ("cp874", "tis_620"),
    "ja": ("cp932", "euc_jp", "iso2022_jp"),
    "zh": ("gb18030", "big5", "cp950", "big5hkscs"),
    "ko": ("cp949", "iso2022_kr"),
}
"""The code pages a language's exports come in, the most common first (a tie in score goes to the first)."""
_ALL_PAGES = tuple(dict.fromkeys(page for pages in _CODE_PAGES.values() for page in pages))

# Letters beyond ASCII that each Latin-script language writes; other scripts are told by their Unicode blocks.
_LATIN_LETTERS = {
    "tr": "çğıöşüâîûÇĞİÖŞÜÂÎÛ", "az": "çğıöşüəÇĞİÖŞÜƏ", "pl": "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
    "cs": "áčďéěíňóřšťúůýžÁČĎÉĚÍŇÓŘŠŤÚŮÝŽ", "sk": "áäčďéíĺľňóôŕšťúýžÁÄČĎÉÍĹĽŇÓÔŔŠŤÚÝŽ",
    "hu": "áéíóöőúüűÁÉÍÓÖŐÚÜŰ", "sl": "čšžČŠŽ", "hr": "čćđšžČĆĐŠŽ", "bs": "čćđšžČĆĐŠŽ",
    "ro": "ăâîșțşţĂÂÎȘȚŞŢ", "sq": "çëÇË", "lt": "ąčęėįšųūžĄČĘĖĮŠŲŪŽ", "lv": "āčēģīķļņšūžĀČĒĢĪĶĻŅŠŪŽ",
    "et": "äöõüšžÄÖÕÜŠŽ",
}
_WESTERN_LETTERS = "".join(chr(c) for c in range(0xC0, 0x100) if chr(c) not in "×÷") + "œŒšŠžŽŸ"
_PUNCTUATION = frozenset("\u00a0\u00ad“”‘’„‚–—…«»‹›•·°€£¥¢§¶©®™±№¿¡′″")
_SCRIPT_BLOCKS: dict[str, tuple[tuple[int, int], ...]] = {
    "cyrillic": ((0x0400, 0x04FF),),
    "el": ((0x0370, 0x03FF), (0x1F00, 0x1FFF)),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF), (0x200C, 0x200F)),
    "he": ((0x0590, 0x05FF), (0xFB1D, 0xFB4F), (0x200E, 0x200F)),
    "th": ((0x0E00, 0x0E7F),),
    "vi": ((0x00C0, 0x01B0), (0x0300, 0x0323), (0x1EA0, 0x1EF9)),
}
_SCRIPT_OF = {**dict.fromkeys(("ru", "uk", "bg", "sr", "mk"), "cyrillic"),
              **dict.fromkeys(("ar", "fa", "ur"), "arabic")}
_CASED = frozenset(_CODE_PAGES) - {"ar", "fa", "ur", "he", "th", "ja", "zh", "ko"}
_WORD = re.compile(r"[^\W\d_]*[^\x00-\x7f][^\W\d_]*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@dataclass(frozen=True, slots=True)
class Hints:
    """What a file says about its own encoding."""

    charset: str | None = None
    """A declared charset, as a Python codec name (`cp1254`)."""
    languages: tuple[str, ...] = ()
    """Declared languages, as BCP 47 primary tags (`tr`), in the order found."""


_FIELD = re.compile(rb"^[ \t]*[\"']?(categor(?:y|ies)|languages?|lang|charset|encoding)[\"']?[ \t]*[:=][ \t]*"
                    rb"([^\r\n]{0,300})", re.IGNORECASE | re.MULTILINE)
_CHARSET_ATTR = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z][A-Za-z0-9_.:-]{1,39})""", re.IGNORECASE)
_LANG_ATTR = re.compile(rb"""(?:\bxml:lang|\blang|content-language"\s+content)\s*=\s*["']?([A-Za-z]{2,3})\b""",
                        re.IGNORECASE)
_ITEM_SEPARATORS = re.compile(rb"[,;|/\[\]\"']+")


def declared(data: bytes) -> Hints:
    """The charset and languages the file's start declares, read from its bytes (field names and tags are ASCII
    in every code page this module chooses among; ISO-2022 escapes aside, which need no hint)."""
    head = data[:HEAD_BYTES]
    charset = None
    languages: list[str] = []
    for match in _FIELD.finditer(head):
        field, value = match[1].lower(), match[2]
        if field in (b"charset", b"encoding"):
            charset = charset or _codec(value.strip().strip(b"\"';").decode("ascii", "replace"))
        else:
            languages += _languages_in(value, tags=not field.startswith(b"categor"))
    for match in _CHARSET_ATTR.finditer(head):
        charset = charset or _codec(match[1].decode("ascii"))
    for match in _LANG_ATTR.finditer(head):
        languages += _languages_in(match[1], tags=True)
    return Hints(charset, tuple(dict.fromkeys(languages)))


def _codec(name: str) -> str | None:
    """Python's name for a declared charset; None for an unknown one, and for ASCII (a file that declares ASCII
    yet holds other bytes has said nothing useful)."""
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec == "ascii" else codec


def _languages_in(value: bytes, tags: bool) -> list[str]:
    """Languages named in a field's value: English names (`Turkish`), native names in any code page of their
    language (`Türkçe` in cp1254), and with `tags` language tags (`tr`, `pt_BR`)."""
    found = []
    for item in _ITEM_SEPARATORS.split(value):
        item = item.strip(b" \t-")
        if not item:
            continue
        if item.isascii():
            text = item.decode("ascii")
            code = language_from_name(text) or (language_tag(text) if tags else None)
            if code is not None:
                found.append(code.split("-")[0])
            continue
        for page in _ALL_PAGES:  # a native name (`Türkçe`, `Русский`) in one of its language's code pages
            try:
                code = language_from_name(item.decode(page))
            except UnicodeDecodeError:
                continue
            if code is not None and page in _CODE_PAGES.get(code, ()):
                found.append(code)
                break
    return found


def candidates(hints: Hints) -> list[str]:
    """The code pages to try, the declared charset first, then those of each declared language."""
    pages = [hints.charset] if hints.charset else []
    for language in hints.languages:
        pages += _CODE_PAGES.get(language, ())
    return list(dict.fromkeys(codecs.lookup(page).name for page in pages))


@dataclass(frozen=True, slots=True)
class Choice:
    text: str
    encoding: str
    language: str | None
    """The declared language the text reads as; None when it was decoded as the declared charset only."""


def choose(data: bytes, hints: Hints) -> Choice | None:
    """The candidate decoding that reads best as a declared language (at least `READS_AS`); None when none does.

    A declared charset with no declared language is taken when it decodes the file without an error."""
    decoded = []
    for encoding in candidates(hints):
        try:
            decoded.append((encoding, data.decode(encoding)))
        except (UnicodeDecodeError, LookupError):
            continue
    if not hints.languages:
        return Choice(decoded[0][1], decoded[0][0], None) if decoded else None
    best: tuple[float, float, int, Choice] | None = None
    for rank, (encoding, text) in enumerate(decoded):
        sample = text[:SAMPLE_CHARS]
        for language in hints.languages:
            score = reads_as(sample, language)
            # Between decodings that read equally well, the one in lower case: text is mostly lower case, and
            # KOI8-R read as windows-1251 (or the reverse) swaps the case of every letter.
            ranking = (score, language in _CASED and _lower_share(sample) > 0.5, -rank)
            if score >= READS_AS and (best is None or ranking > best[:3]):
                best = (*ranking, Choice(text, encoding, language))
    return best[3] if best else None


def _lower_share(text: str) -> float:
    """The share of lower-case letters among the cased non-ASCII letters (above a half in running text, below
    in text whose case a wrong code page swapped)."""
    letters = [ch for ch in _NON_ASCII.findall(text) if ch.islower() or ch.isupper()]
    return sum(map(str.islower, letters)) / len(letters) if letters else 0.0


def reads_as(text: str, language: str) -> float:
    """How well `text` reads as `language`, from 0 to 1: the share of its non-ASCII characters that belong to the
    language's alphabet (or are common punctuation), times, for scripts with case, the share of its non-ASCII
    words cased as words are (`köprü`, `Köprü`, `KÖPRÜ`, not `kÖPRÜ`: what KOI8-R read as Windows-1251 looks
    like). ASCII counts for nothing: every candidate decodes it alike."""
    counts = Counter(_NON_ASCII.findall(text))
    total = sum(counts.values())
    if not total:
        return 1.0
    fits = _alphabet(language)
    score = sum(n for ch, n in counts.items() if ch in _PUNCTUATION or fits(ch)) / total
    if language in _CASED:
        words = _WORD.findall(text)
        if words:
            score *= sum(map(_cased_like_a_word, words)) / len(words)
    return score


def _cased_like_a_word(word: str) -> bool:
    return len(word) == 1 or word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower())


@cache
def _alphabet(language: str) -> Callable[[str], bool]:
    """A test for the characters beyond ASCII that text in `language` is written with."""
    if language in _LATIN_LETTERS:
        return frozenset(_LATIN_LETTERS[language]).__contains__
    if language in ("ja", "zh", "ko"):
        return _common_cjk(language).__contains__
    blocks = _SCRIPT_BLOCKS.get(_SCRIPT_OF.get(language, language))
    if blocks is None:  # western European languages
        return frozenset(_WESTERN_LETTERS).__contains__
    return lambda ch: any(lo <= ord(ch) <= hi for lo, hi in blocks)


@cache
def _common_cjk(language: str) -> frozenset[str]:
    """The characters of everyday text in Chinese, Japanese or Korean, taken from the national standards' own
    tables of common characters (through Python's codecs, so no data file): GB 2312 level 1 and Big5's frequent
    block for Chinese, JIS X 0208 kana and kanji for Japanese, KS X 1001 Hangul for Korean; with the CJK
    and full-width punctuation. A wrong code page turns text into rare characters, kana, box drawing or
    half-width katakana, which are not here."""
    def rows(encoding: str, leads: Iterable[int], trails: Iterable[int]) -> set[str]:
        found = set()
        trail_list = list(trails)
        for lead in leads:
            for trail in trail_list:
                try:
                    found.add(bytes((lead, trail)).decode(encoding))
                except UnicodeDecodeError:
                    pass
        return found
    common = {chr(c) for c in range(0x3000, 0x3040)} | {chr(c) for c in range(0xFF01, 0xFF61)}
    if language == "zh":
        common |= rows("gb2312", range(0xB0, 0xD8), range(0xA1, 0xFF))
        common |= rows("big5", range(0xA4, 0xC6), [*range(0x40, 0x7F), *range(0xA1, 0xFF)])
        common |= rows("big5", [0xC6], range(0x40, 0x7F))  # the frequent block ends at C67E
    elif language == "ja":
        common |= rows("euc_jp", range(0xA4, 0xA6), range(0xA1, 0xFF))  # hiragana, katakana
        common |= rows("euc_jp", range(0xB0, 0xF5), range(0xA1, 0xFF))  # kanji, levels 1 and 2
        common.add("ー")
    else:
        common |= rows("euc_kr", range(0xB0, 0xC9), range(0xA1, 0xFF))  # the 2,350 Hangul syllables
        common |= {unicodedata.normalize("NFC", ch) for ch in common}
    return frozenset(common)


def describe(encoding: str) -> str:
    """A code page's name as people know it (`windows-1254`, `Shift_JIS`)."""
    encoding = encoding.replace("_", "-")
    names = {"cp932": "Shift_JIS", "shift-jis": "Shift_JIS", "cp949": "EUC-KR", "big5hkscs": "Big5",
             "mac-cyrillic": "Mac Cyrillic", "iso2022-jp": "ISO-2022-JP", "iso2022-jp-2": "ISO-2022-JP-2",
             "iso2022-kr": "ISO-2022-KR"}
    if encoding in names:
        return names[encoding]
    if encoding.startswith("cp12"):
        return "windows-" + encoding[2:]
    if encoding.startswith("iso8859-"):
        return "ISO-8859-" + encoding[8:]
    return encoding.upper()
