"""What a page's head tells search engines and link previews: canonical URL, description, Open Graph, Twitter
card, and schema.org NewsArticle JSON-LD on clipping pages (parsed as JSON)."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import EXAMPLE, PUBLISHED_AT, run_build
from helpers import page_for
from test_build_site import find_article

from sitegen.model import Clipping
from sitegen.site.summary import SUMMARY_MAX, description, summary


@dataclass
class Head:
    meta: dict[str, list[str]] = field(default_factory=dict)
    """`name` or `property` -> every `content` given for it."""
    canonical: list[str] = field(default_factory=list)
    feeds: list[str] = field(default_factory=list)
    json_ld: list[str] = field(default_factory=list)


class _HeadParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.head = Head()
        self._in_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "meta" and ("name" in a or "property" in a):
            self.head.meta.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
        elif tag == "link" and a.get("rel") == "canonical":
            self.head.canonical.append(a["href"])
        elif tag == "link" and a.get("rel") == "alternate":
            self.head.feeds.append(a["href"])
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_ld = True
            self.head.json_ld.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_ld:
            self.head.json_ld[-1] += data


def head_of(path: Path) -> Head:
    parser = _HeadParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.head


def one(head: Head, key: str) -> str:
    values = head.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def article(public: Path, title_part: str) -> tuple[str, Head]:
    url, path = find_article(public, title_part)
    return url, head_of(path)


def test_clipping_page_head(published_site: Path) -> None:
    url, head = article(published_site, "deep-water berth")
    absolute = PUBLISHED_AT + url.lstrip("/")
    text = "The Eastquay harbour board voted on Monday to build a deep-water berth at the end of the south mole."
    assert head.canonical == [absolute]
    assert one(head, "description") == text
    assert one(head, "og:url") == absolute
    assert one(head, "og:type") == "article"
    assert one(head, "og:title") == "Harbour board approves deep-water berth at Eastquay"
    assert one(head, "og:site_name") == "Example Clippings Archive"
    assert one(head, "twitter:card") == "summary"
    # Said once: previews fall back to og:title and the description; dates and tags are in the JSON-LD.
    for repeated in ("og:description", "twitter:title", "twitter:description", "article:published_time",
                     "article:tag"):
        assert repeated not in head.meta
    assert head.feeds == []  # feed discovery is on the list pages


def test_news_article_json_ld(published_site: Path) -> None:
    url, head = article(published_site, "deep-water berth")
    assert len(head.json_ld) == 1
    data = json.loads(head.json_ld[0])
    assert data["@context"] == "https://schema.org" and data["@type"] == "NewsArticle"
    assert data["headline"] == "Harbour board approves deep-water berth at Eastquay"
    assert data["datePublished"] == "2024-03-11"
    assert data["publisher"] == {"@type": "Organization", "name": "Harbour Gazette"}
    assert data["inLanguage"] == "en"
    assert data["url"] == PUBLISHED_AT + url.lstrip("/")
    assert data["isBasedOn"] == "https://harbour-gazette.example.com/2024/03/deep-water-berth-approved"
    assert set(data) == {"@context", "@type", "headline", "datePublished", "publisher", "inLanguage", "url",
                         "isBasedOn"}


@pytest.mark.parametrize("title_part, language, based_on", [
    ("Yalıköy", "tr", None),
    ("Fähre", "de", "https://rundschau.example.de/region/2024/09/ostmarren-faehre"),
    ("spring sailings", "en", None),              # `Show on website: Click Here`
    ("cargo volumes up ten percent", "en", None),  # `javascript:` address dropped
])
def test_json_ld_language_and_original(published_site: Path, title_part: str, language: str,
                                       based_on: str | None) -> None:
    data = json.loads(article(published_site, title_part)[1].json_ld[0])
    assert data["inLanguage"] == language
    assert data.get("isBasedOn") == based_on


def test_json_ld_cannot_be_broken_out_of(published_site: Path) -> None:
    url, path = find_article(published_site, "Port fees rise")
    html = path.read_text(encoding="utf-8")
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    data = json.loads(block)
    assert data["headline"] == '<script>alert("x")</script> Port fees rise'
    assert "<" not in block and ">" not in block


def test_every_page_has_one_canonical_and_list_pages_describe_themselves(published_site: Path) -> None:
    for path in published_site.rglob("*.html"):
        head = head_of(path)
        if path.name == "404.html":
            assert head.canonical == [] and one(head, "robots") == "noindex"
            continue
        address = "/" + path.relative_to(published_site).as_posix().removesuffix("index.html")
        assert head.canonical == [PUBLISHED_AT + address.lstrip("/")], path
        assert one(head, "og:url") == head.canonical[0]
        assert one(head, "og:type") == ("article" if head.json_ld else "website")
    source = head_of(page_for(published_site, "/sources/harbour-gazette/"))
    assert one(source, "description") == "Harbour Gazette: 7 clippings in Example Clippings Archive."
    assert source.feeds == ["/archive/feed.xml", "/archive/sources/harbour-gazette/feed.xml"]  # the site's, its own
    assert one(head_of(page_for(published_site, "/")), "og:title") == "Example Clippings Archive"


def test_path_only_base_url_keeps_canonical_on_the_path(tmp_path: Path) -> None:
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", "/archive/") == 0
    url, head = article(tmp_path / "out", "deep-water berth")
    assert head.canonical == ["/archive/" + url.lstrip("/")]
    assert "og:url" not in head.meta
    assert json.loads(head.json_ld[0])["url"] == "/archive/" + url.lstrip("/")


def clipping(body: str, body_format: str = "text", title: str = "A title") -> Clipping:
    return Clipping(id="x", title=title, source_path="x.txt", body=body, body_format=body_format)


@pytest.mark.parametrize("body, body_format, expected", [
    ("First sentence is long enough to stand on its own as a summary. Second one.\n\nMore.", "text",
     "First sentence is long enough to stand on its own as a summary."),
    ("Too short. So the second sentence joins it to say a little more. Third.", "text",
     "Too short. So the second sentence joins it to say a little more."),
    ("Eastquay handled **2.1 million tonnes** of cargo, a [record](https://x.example) for the port.\n\n1. more",
     "markdown", "Eastquay handled 2.1 million tonnes of cargo, a record for the port."),
    ("# Heading\n\nBody `code` here that is long enough to be a whole summary on its own, surely?", "markdown",
     "Heading Body code here that is long enough to be a whole summary on its own, surely?"),
    ('He said "we are done." Then the harbour board left the room without another word.', "text",
     'He said "we are done." Then the harbour board left the room without another word.'),
], ids=["first-sentence", "short-first", "markdown", "markdown-heading", "quote"])
def test_summary(body: str, body_format: str, expected: str) -> None:
    assert summary(clipping(body, body_format)) == expected


def test_summary_of_long_text_is_cut_at_a_word() -> None:
    text = summary(clipping("word " * 100))
    assert len(text) <= SUMMARY_MAX and text.endswith("word…")


def test_description_falls_back_to_the_title() -> None:
    assert description(clipping("", title="Only a headline")) == "Only a headline"
