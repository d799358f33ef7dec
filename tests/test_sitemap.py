"""sitemap.xml checked against the sitemaps.org 0.9 schema with a real validator, and robots.txt."""
from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import xmlschema
from conftest import EXAMPLE, PUBLISHED_AT, run_build

import sitegen.site.sitemap

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"

# The rules of the sitemap protocol 0.9 (sitemaps.org) written as an XML schema: a urlset of 1 to 50,000 url
# elements, each a loc (an absolute URI of 12 to 2,048 characters) and optional lastmod (a W3C date or date-time),
# changefreq and priority; a sitemapindex of sitemap elements with a loc and an optional lastmod.
SCHEMA = """<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
           targetNamespace="http://www.sitemaps.org/schemas/sitemap/0.9" elementFormDefault="qualified">
  <xs:simpleType name="loc">
    <xs:restriction base="xs:anyURI"><xs:minLength value="12"/><xs:maxLength value="2048"/>
      <xs:pattern value="https?://.+"/></xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="lastmod"><xs:union memberTypes="xs:date xs:dateTime"/></xs:simpleType>
  <xs:simpleType name="changefreq">
    <xs:restriction base="xs:string">
      <xs:enumeration value="always"/><xs:enumeration value="hourly"/><xs:enumeration value="daily"/>
      <xs:enumeration value="weekly"/><xs:enumeration value="monthly"/><xs:enumeration value="yearly"/>
      <xs:enumeration value="never"/>
    </xs:restriction>
  </xs:simpleType>
  <xs:simpleType name="priority">
    <xs:restriction base="xs:decimal"><xs:minInclusive value="0.0"/><xs:maxInclusive value="1.0"/></xs:restriction>
  </xs:simpleType>
  <xs:element name="urlset">
    <xs:complexType><xs:sequence>
      <xs:element name="url" maxOccurs="50000">
        <xs:complexType><xs:sequence>
          <xs:element name="loc" type="loc"/>
          <xs:element name="lastmod" type="lastmod" minOccurs="0"/>
          <xs:element name="changefreq" type="changefreq" minOccurs="0"/>
          <xs:element name="priority" type="priority" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
  <xs:element name="sitemapindex">
    <xs:complexType><xs:sequence>
      <xs:element name="sitemap" maxOccurs="50000">
        <xs:complexType><xs:sequence>
          <xs:element name="loc" type="loc"/>
          <xs:element name="lastmod" type="lastmod" minOccurs="0"/>
        </xs:sequence></xs:complexType>
      </xs:element>
    </xs:sequence></xs:complexType>
  </xs:element>
</xs:schema>
"""


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(SCHEMA)


def entries(path: Path) -> dict[str, str | None]:
    """A sitemap's URLs and dates (gzip-compressed parts are read as a crawler reads them)."""
    data = path.read_bytes()
    root = ET.fromstring(gzip.decompress(data) if path.suffix == ".gz" else data)
    return {u.findtext(NS + "loc"): u.findtext(NS + "lastmod") for u in root}


def html_pages(public: Path) -> set[str]:
    """Every page's address: a folder's index.html is served at the folder, a clipping's page is a `.html` file
    of its own; the 404 page is no page to index."""
    relatives = (p.relative_to(public).as_posix() for p in public.rglob("*.html"))
    return {PUBLISHED_AT + relative.removesuffix("index.html") for relative in relatives if relative != "404.html"}


def test_sitemap_is_valid_and_lists_every_page_once(published_site: Path, schema: xmlschema.XMLSchema) -> None:
    sitemap = published_site / "sitemap.xml"
    schema.validate(str(sitemap))
    locs = [u.findtext(NS + "loc") for u in ET.parse(sitemap).getroot()]
    assert len(locs) == len(set(locs))
    assert set(locs) == html_pages(published_site)
    assert not any(loc.endswith((".xml", "404.html")) for loc in locs)
    assert sum(loc.endswith(".html") for loc in locs) == 17  # every clipping's page (16 dated, 1 undated)


def test_lastmod_comes_from_the_clippings(published_site: Path) -> None:
    lastmod = entries(published_site / "sitemap.xml")
    by_path = {loc.removeprefix(PUBLISHED_AT[:-1]): date for loc, date in lastmod.items()}
    review = next(p for p in by_path if "eastquay-freight-review-of-the-year" in p)
    assert by_path[review] == "2023-12-19"  # published 18 December, captured the next day
    berth = next(p for p in by_path if "deep-water-berth" in p)
    assert by_path[berth] == "2024-03-11"
    assert by_path["/"] == "2024-10-01"  # the newest clipping
    assert by_path["/sources/harbour-gazette/page/1/"] == "2024-03-20"  # its newest: 003, captured 20 March
    assert by_path["/2023/"] == "2023-12-19"
    undated = next(p for p in by_path if p.startswith("/undated/") and p != "/undated/")
    assert by_path[undated] is None


def test_a_large_site_gets_a_sitemap_index(tmp_path: Path, schema: xmlschema.XMLSchema,
                                           monkeypatch: pytest.MonkeyPatch, published_site: Path) -> None:
    monkeypatch.setattr(sitegen.site.sitemap, "MAX_URLS", 10)
    out = tmp_path / "out"
    assert run_build(EXAMPLE / "content", out, "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", PUBLISHED_AT) == 0
    schema.validate(str(out / "sitemap.xml"))
    index = entries(out / "sitemap.xml")
    parts = sorted(out.glob("sitemaps/*.xml.gz"))
    assert parts and not list(out.glob("sitemaps/*.xml"))  # parts are compressed, as the protocol allows
    assert sorted(index) == sorted(PUBLISHED_AT + p.relative_to(out).as_posix() for p in parts)
    assert len(parts) == -(-len(html_pages(out)) // 10)
    locs = {}
    for part in parts:
        schema.validate(gzip.decompress(part.read_bytes()).decode("utf-8"))
        part_entries = entries(part)
        assert len(part_entries) <= 10
        newest = max((d for d in part_entries.values() if d), default=None)
        assert index[PUBLISHED_AT + part.relative_to(out).as_posix()] == newest
        locs |= part_entries
    assert locs == entries(published_site / "sitemap.xml")


def test_robots_txt_names_the_sitemap(published_site: Path) -> None:
    robots = (published_site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots
    assert f"Sitemap: {PUBLISHED_AT}sitemap.xml" in robots.splitlines()


def test_path_only_base_url_writes_no_sitemap_and_says_why(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert run_build(EXAMPLE / "content", tmp_path / "out", "--config", str(EXAMPLE / "sitegen.toml"),
                     "--base-url", "/archive/") == 0
    assert not (tmp_path / "out/sitemap.xml").exists()
    assert "Sitemap" not in (tmp_path / "out/robots.txt").read_text(encoding="utf-8")
    err = capsys.readouterr().err
    assert "sitegen: warning: base_url '/archive/' is only a path, so no sitemap.xml is written" in err
