"""The example archive built with a Turkish, a German and an Arabic interface: every page type speaks the
language, dates, months and counts are written as it writes them, machine dates stay ISO, and the same content
gives the same bytes."""
from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import page_for, snapshot

CLIPPING = "/2024/03/11/harbour-board-approves-deep-water-berth-at-eastquay-653c24d7.html"
TITLE = "Harbour board approves deep-water berth at Eastquay"
ADDRESS = PUBLISHED_AT.rstrip("/") + CLIPPING

EXPECTED: dict[str, dict[str, list[str]]] = {
    "tr": {
        "/": ['<html lang="tr">', '<a href="/archive/timeline/">Zaman çizelgesi</a>',
              '<p class="totals">5 kaynaktan 9 kategoride 17 haber, 2023–2024.</p>', "<h2>En son haberler</h2>",
              '</a><br>1 Ekim 2024 · ', "Tüm kaynaklar (5)", ">İçeriğe geç</a>"],
        CLIPPING: ["<dt>Yayın tarihi</dt>", '<time datetime="2024-03-11">11 Mart 2024</time>',
                   "<dt>Okuma süresi</dt><dd>1 dk</dd>", "<h2>Bu habere atıf yapın</h2>",
                   f"Harbour Gazette, &#34;{TITLE}&#34;, 11 Mart 2024, {ADDRESS}", "<span>Önceki</span>",
                   '<nav class="crumbs" aria-label="Sayfa yolu">', '>Mart</a>', "</a> kaynağından diğer haberler</h2>"],
        "/timeline/": ["<h1>Zaman çizelgesi</h1>", "Yıllara ve aylara göre haberler.", ">Mart</a>",
                       "<caption>Yıllara göre haberler</caption>", ">Tarihsiz haberler</a>"],
        "/2024/": ["<title>Mart 2024: 3 haber</title>", "<p class=\"lede\">14 haber</p>", "<h2>Aylar</h2>",
                   "<figcaption>2024 yılında aylara göre haberler · toplam 14</figcaption>", ">Mar</text>"],
        "/2024/03/": ["<h1>Mart 2024</h1>", "<h2>Günler</h2>", ">11 Mart</a>", '<p class="lede">3 haber</p>'],
        "/2024/03/11/": ["<h1>11 Mart 2024</h1>", '<p class="lede">2 haber</p>'],
        "/undated/": ["<h1>Tarihsiz haberler</h1>", '<p class="lede">1 haber</p>'],
        "/sources/": ["<h1>Kaynaklar</h1>", "5 kaynak, ada göre sıralı."],
        "/sources/harbour-gazette/": ['<span class="kind">Kaynak:</span>', ">Daha eski</a>",
                                      "Harbour Gazette: Example Clippings Archive arşivinde 7 haber."],
        "/categories/": ["<h1>Kategoriler</h1>", "9 kategori, ada göre sıralı."],
        "/categories/international/page/2/": ["<title>International (sayfa 2) · ",
                                              "Sayfa 2: 2 Nisan 2024 – 6 Mayıs 2024"],
        "/404.html": ["<h1>Sayfa bulunamadı</h1>", "Kaynaklar</a> ve <a"],
        "/search/": ["<h1>Ara</h1>", '<label for="search-q">Aranacak sözcükler</label>',
                     '<option value="Undated">Tarihsiz</option>'],
    },
    "de": {
        "/": ['<html lang="de">', "Zeitleiste</a>", '<p class="totals">17 Artikel aus 5 Quellen in 9 Kategorien, '
              "2023–2024.</p>", '</a><br>1. Oktober 2024 · ', "Alle Quellen (5)"],
        CLIPPING: ["<dt>Veröffentlicht</dt>", '<time datetime="2024-03-11">11. März 2024</time>',
                   "<dt>Lesezeit</dt><dd>1 Min.</dd>", "<h2>Diesen Artikel zitieren</h2>",
                   f"Harbour Gazette, „{TITLE}“, 11. März 2024, {ADDRESS}", "<span>Später</span>"],
        "/timeline/": ["<h1>Zeitleiste</h1>", "Artikel nach Jahren und Monaten.", ">März</a>"],
        "/2024/": ["<title>März 2024: 3 Artikel</title>", '<p class="lede">14 Artikel</p>', "<h2>Monate</h2>",
                   "<figcaption>Artikel pro Monat im Jahr 2024 · 14 insgesamt</figcaption>", ">Mär</text>"],
        "/2024/03/": ["<h1>März 2024</h1>", "<h2>Tage</h2>", ">11. März</a>"],
        "/2024/03/11/": ["<h1>11. März 2024</h1>", '<p class="lede">2 Artikel</p>'],
        "/undated/": ["<h1>Undatierte Artikel</h1>"],
        "/sources/": ["<h1>Quellen</h1>", "5 Quellen, alphabetisch."],
        "/sources/harbour-gazette/": ['<span class="kind">Quelle:</span>',
                                      "Harbour Gazette: 7 Artikel in Example Clippings Archive."],
        "/categories/": ["9 Kategorien, alphabetisch."],
        "/categories/international/page/2/": ["<title>International (Seite 2) · ",
                                              "Seite 2: 2. April 2024 bis 6. Mai 2024"],
        "/404.html": ["<h1>Seite nicht gefunden</h1>"],
        "/search/": ['<label for="search-q">Suchbegriffe</label>', "<legend>Eingrenzen</legend>"],
    },
    "ar": {
        "/": ['<html lang="ar" dir="rtl">', "الخط الزمني</a>",
              '<p class="totals">17 مقالًا من 5 مصادر في 9 تصنيفات، 2023–2024.</p>',
              '</a><br>1 أكتوبر 2024 · ', "كل المصادر (5)"],
        CLIPPING: ["<dt>تاريخ النشر</dt>", '<time datetime="2024-03-11">11 مارس 2024</time>',
                   "<dt>مدة القراءة</dt><dd>دقيقة واحدة</dd>", f'<h1 lang="en" dir="ltr">{TITLE}</h1>',
                   f"<bdi>Harbour Gazette</bdi>، «<bdi>{TITLE}</bdi>»، 11 مارس 2024، <bdi>{ADDRESS}</bdi>",
                   "<h2>الاستشهاد بهذا المقال</h2>"],
        "/timeline/": ["<h1>الخط الزمني</h1>", ">مارس</a>"],
        "/2024/": ["<title>مارس 2024: 3 مقالات</title>", "<title>يناير 2024: مقال واحد</title>",
                   '<p class="lede">14 مقالًا</p>', "<figcaption>المقالات في كل شهر من 2024 · المجموع 14</figcaption>"],
        "/2024/03/": ["<h1>مارس 2024</h1>", "<h2>الأيام</h2>", '<p class="lede">3 مقالات</p>'],
        "/2024/03/11/": ["<h1>11 مارس 2024</h1>", '<p class="lede">مقالان</p>'],
        "/undated/": ["<h1>مقالات بلا تاريخ</h1>", '<p class="lede">مقال واحد</p>'],
        "/sources/": ["<h1>المصادر</h1>", "5 مصادر، مرتّبة أبجديًا."],
        "/sources/harbour-gazette/": ['<span class="kind">المصدر:</span> <bdi>Harbour Gazette</bdi>'],
        "/categories/": ["9 تصنيفات، مرتّبة أبجديًا."],
        "/categories/international/page/2/": ["<title>International (الصفحة 2) · ",
                                              "الصفحة 2: من 2 أبريل 2024 إلى 6 مايو 2024"],
        "/404.html": ['<html lang="ar" dir="rtl">', "<h1>الصفحة غير موجودة</h1>"],
        "/search/": ['<label for="search-q">كلمات البحث</label>'],
    },
}
SEARCH_WORDS = {"tr": ("Aranıyor…", "“%(query)s” için %(num)s haber bulundu."),
                "de": ("Suche läuft…", "%(num)s Artikel zu „%(query)s“ gefunden."),
                "ar": ("جارٍ البحث…", "عُثر على %(num)s مقالات عن «%(query)s».")}
"""The search page's script words: 'searching', and the found-message for a few (`few` in Arabic, `other` else)."""
FEED = {"tr": "<subtitle type=\"text\">Harbour Gazette kaynağından haberler.</subtitle>",
        "de": "<subtitle type=\"text\">Artikel aus Harbour Gazette.</subtitle>",
        "ar": "<subtitle type=\"text\">مقالات من Harbour Gazette.</subtitle>"}
CITE = {"tr": '"copy": "Kopyala"', "de": '"copy": "Kopieren"', "ar": '"copy": "\\u0646\\u0633\\u062e"'}


def build_in(language: str, out: Path) -> Path:
    settings = (EXAMPLE / "sitegen.toml").read_text(encoding="utf-8").replace('language = "en"',
                                                                             f'language = "{language}"')
    config = out.parent / "sitegen.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(settings, encoding="utf-8")
    assert run_build(EXAMPLE / "content", out, "--config", str(config), "--base-url", PUBLISHED_AT) == 0
    return out


@pytest.fixture(scope="session")
def site_in(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The example archive built for a project site with an interface language, once per language."""
    built: dict[str, Path] = {}

    def site(language: str) -> Path:
        if language not in built:
            built[language] = build_in(language, tmp_path_factory.mktemp(f"site-{language}") / "public")
        return built[language]
    return site


@pytest.mark.parametrize("language", list(EXPECTED))
def test_every_page_type_speaks_the_interface_language(language: str, site_in) -> None:
    public = site_in(language)
    for url, wanted in EXPECTED[language].items():
        text = page_for(public, url).read_text(encoding="utf-8")
        missing = [snippet for snippet in wanted if snippet not in text]
        assert missing == [], f"{url} in {language}"
    words = json.loads(re.search(r'id="search-words">(.*?)</script>',
                                 page_for(public, "/search/").read_text(encoding="utf-8")).group(1))
    searching, found = SEARCH_WORDS[language]
    assert words["searching"] == searching and found in words["found"].values()
    assert FEED[language] in (public / "sources" / "harbour-gazette" / "feed.xml").read_text(encoding="utf-8")
    assert CITE[language] in (public / "cite.js").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", list(EXPECTED))
def test_machine_dates_stay_iso(language: str, site_in) -> None:
    public = site_in(language)
    page = page_for(public, CLIPPING).read_text(encoding="utf-8")
    assert '"datePublished":"2024-03-11"' in page and 'content="2024/03/11"' in page  # JSON-LD, citation tags
    feed = (public / "feed.xml").read_text(encoding="utf-8")
    assert "<updated>2024-10-01T00:00:00+00:00</updated>" in feed
    assert "<lastmod>2024-10-01</lastmod>" in (public / "sitemap.xml").read_text(encoding="utf-8")
    export = json.loads((public / "clippings.json").read_text(encoding="utf-8"))
    assert {"2024-03-11"} <= {record["date"] for record in export["clippings"]}


def test_an_arabic_interface_mirrors_its_charts(site_in) -> None:
    year = page_for(site_in("ar"), "/2024/").read_text(encoding="utf-8")
    january = re.search(r'<title>يناير 2024: مقال واحد</title><rect class="hit" x="([\d.]+)%"', year)
    assert january is not None and float(january.group(1)) > 90  # the first month on the right


def test_the_same_content_gives_the_same_bytes_in_every_language(site_in, tmp_path: Path) -> None:
    for language in ("ar", "tr"):
        again = build_in(language, tmp_path / language / "public")
        first, second = snapshot(site_in(language)), snapshot(again)
        differing = sorted(name for name in first.keys() | second.keys()
                           if first.get(name) != second.get(name) and not name.startswith("pagefind/"))
        assert differing == [], language
