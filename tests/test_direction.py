"""Right-to-left text: a clipping in Arabic, Hebrew or Persian runs right to left wherever it appears, in an
English interface and in an Arabic one; names of the other direction are isolated; the theme uses logical sides
only, so it mirrors."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel import Locale
from conftest import run_build
from helpers import searched

from sitegen.i18n.locales import language_direction, text_direction

RTL_ARCHIVE = Path(__file__).parent / "rtl-archive"
ROOT = Path(__file__).parent.parent
ARABIC = "/2024/03/11/myn-lzhr-yftth-rsyfan-jdydan-lsfn-lhwyt-cde9aec6.html"
ARABIC_TITLE = "ميناء الزهراء يفتتح رصيفًا جديدًا لسفن الحاويات"
FARES = "/2024/03/11/ferry-fares-frozen-for-the-summer-season-6d8f433d.html"
HEBREW_TITLE = "מעבורת חשמלית חדשה תחבר את הנמל לאי"
PERSIAN = "/2024/04/02/bndr-shmly-s-t-khr-gmrkh-r-fzysh-dd-46f82dbb.html"
PERSIAN_TITLE = "بندر شمالی ساعات کار گمرک را افزایش داد"
ENGLISH_TITLE = "New cranes arrive at Eastquay"


@pytest.fixture(scope="session")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The right-to-left fixture archive built with an interface language, once per language."""
    built: dict[str, Path] = {}

    def site(language: str) -> Path:
        if language not in built:
            folder = tmp_path_factory.mktemp(f"rtl-{language}")
            settings = (RTL_ARCHIVE / "sitegen.toml").read_text(encoding="utf-8")
            (folder / "sitegen.toml").write_text(settings.replace('language = "en"', f'language = "{language}"'),
                                                 encoding="utf-8")
            assert run_build(RTL_ARCHIVE / "content", folder / "public", "--config", str(folder / "sitegen.toml")) == 0
            built[language] = folder / "public"
        return built[language]
    return site


def read(public: Path, url: str) -> str:
    return (public / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))).read_text(encoding="utf-8")


def test_directions_of_languages_and_text() -> None:
    rtl, ltr = ("ar", "he", "fa", "ur", "ps", "yi", "dv", "sd", "ug", "ckb"), ("en", "tr", "ru", "zh", "ja", "hi", "pa")
    assert {tag: language_direction(tag) for tag in rtl + ltr} == {tag: Locale.parse(tag).text_direction
                                                                  for tag in rtl + ltr}  # as Babel has them
    assert {language_direction(tag) for tag in rtl} == {"rtl"}
    assert language_direction("az-Arab") == "rtl" and language_direction("ar-Latn") == "ltr"  # the script decides
    assert language_direction("qq") == "ltr"  # unknown: as most text runs
    assert text_direction("2024: بندر") == "rtl" and text_direction("«Eastquay»") == "ltr"
    assert text_direction("2024 – 11") is None


def test_an_arabic_clipping_runs_right_to_left_in_an_english_interface(rtl_site) -> None:
    public = rtl_site("en")
    page = read(public, ARABIC)
    assert '<html lang="en">' in page
    assert f'<h1 lang="ar" dir="rtl" data-pagefind-meta="dir:rtl">{ARABIC_TITLE}</h1>' in page
    assert '<div class="body" lang="ar" dir="rtl">' in page
    assert '<p class="kicker"><a href="/sources/shyf-lzhr/"><bdi>صحيفة الزهراء</bdi></a></p>' in page
    assert '<li><a href="/categories/mwny/"><bdi>موانئ</bdi></a></li>' in page
    # What Pagefind reads: the language of the result, its source and category (see sitegen/search/marks.py).
    page = searched(page)
    assert '<div class="body" lang="ar" data-pagefind-meta="lang:ar" dir="rtl">' in page
    assert '<p class="kicker" data-pagefind-ignore><a href="/sources/shyf-lzhr/" data-pagefind-filter="source" ' \
           'data-pagefind-meta="source"><bdi>صحيفة الزهراء</bdi></a></p>' in page
    assert '<li><a href="/categories/mwny/" data-pagefind-filter="category"><bdi>موانئ</bdi></a></li>' in page
    # Its neighbour on the page of the English clipping of the same day.
    assert f'<span lang="ar" dir="rtl">{ARABIC_TITLE}</span>' in read(public, FARES)
    for url in ("/", "/2024/03/", "/2024/03/11/", "/sources/shyf-lzhr/", "/categories/ports/"):
        lines = read(public, url)
        assert f'lang="ar" dir="rtl">{ARABIC_TITLE}</a>' in lines, url


def test_other_right_to_left_text_and_names_are_isolated_in_english_lines(rtl_site) -> None:
    month = read(rtl_site("en"), "/2024/03/")
    assert f'lang="he" dir="rtl">{HEBREW_TITLE}</a><br>19 March 2024 · <bdi>עיתון החוף</bdi>\n' in month
    # An English clipping from a source with an Arabic name: the title needs nothing, the name is isolated.
    assert "Ferry fares frozen for the summer season</a><br>11 March 2024 · <bdi>صحيفة الزهراء</bdi>\n" \
        in month
    assert f">{ENGLISH_TITLE}</a><br>" in month and "· Harbour Gazette\n" in month
    # Persian without a language tag: the direction its title's first letter gives, and no lang.
    april = read(rtl_site("en"), "/2024/04/")
    assert f'<a href="/2024/04/02/bndr-shmly-s-t-khr-gmrkh-r-fzysh-dd-46f82dbb.html" dir="rtl">{PERSIAN_TITLE}</a>' \
        in april
    assert f'<h1 dir="rtl" data-pagefind-meta="dir:rtl">{PERSIAN_TITLE}</h1>' in read(rtl_site("en"), PERSIAN)


def test_an_arabic_interface_runs_right_to_left_and_marks_what_does_not(rtl_site) -> None:
    public = rtl_site("ar")
    page = read(public, ARABIC)
    assert '<html lang="ar" dir="rtl">' in page
    assert f'<h1 data-pagefind-meta="dir:rtl">{ARABIC_TITLE}</h1>' in page  # the page's own language and direction
    assert "<bdi>صحيفة الزهراء</bdi>" not in page and "<bdi>موانئ</bdi>" not in page  # Arabic names: as the page
    assert '<bdi>Ports</bdi>' in page  # an English category name is isolated
    month = read(public, "/2024/03/")
    assert f'lang="he">{HEBREW_TITLE}</a>' in month  # another language, the same direction
    assert f'lang="en" dir="ltr">{ENGLISH_TITLE}</a>' in month
    assert "<bdi>Harbour Gazette</bdi>\n" in month
    assert f'dir="rtl">{PERSIAN_TITLE}' not in read(public, "/2024/04/")
    for url in ("/", "/timeline/", "/2024/", "/sources/", "/search/", "/404.html"):
        assert '<html lang="ar" dir="rtl">' in read(public, url) if not url.endswith(".html") else \
            '<html lang="ar" dir="rtl">' in (public / url.lstrip("/")).read_text(encoding="utf-8")


PHYSICAL = re.compile(r"(?<![\w-])(?:margin|padding|border)-(?:left|right)\b|(?<![\w-])(?:left|right)\s*:"
                      r"|text-align:\s*(?:left|right)|float:\s*(?:left|right)")


@pytest.mark.parametrize("sheet", ["static/style.css", "static/search.css"])
def test_the_theme_uses_logical_sides_only(sheet: str) -> None:
    css = re.sub(r"/\*.*?\*/", "", (ROOT / sheet).read_text(encoding="utf-8"), flags=re.S)
    assert PHYSICAL.findall(css) == [], "use inline-start/inline-end, so that right-to-left pages mirror"
