"""Google Alerts Atom feeds: tests/fixtures/importers/alerts/gdansk-ferries.xml and damaged or hostile feeds."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from helpers import messages

from sitegen.model import Clipping, Problem
from sitegen.read.alerts import load, recognise
from sitegen.read.registry import InputFile, ReadOptions

FEED = Path(__file__).parent / "fixtures" / "importers" / "alerts" / "gdansk-ferries.xml"


def read(data: bytes, name: str = "alerts/gdansk.xml") -> tuple[list[Clipping], list[Problem]]:
    return load(InputFile(name, data), ReadOptions({}))


def test_google_alerts_feed() -> None:
    clippings, problems = read(FEED.read_bytes())
    first, turkish, direct, bad_link, untitled = clippings
    assert first.id == "4242424242424242421"
    assert first.title == "Harbour board backs night ferries from Gdańsk"  # the <b> highlights removed
    assert first.url == "https://news.example.org/2024/03/05/gdansk-ferries?ref=rss"  # out of the redirect
    assert first.source == "news.example.org"
    assert first.body == "The harbour board in Gdańsk voted to run night ferries to Karlskrona; the chair said " \
                         "it's \"overdue\""  # entities decoded, the `&nbsp;...` cut mark dropped
    assert first.excerpt and first.body_format == "text"
    assert first.published is None  # the feed gives when the alert was sent, not when the article was
    assert first.captured == dt.datetime(2024, 3, 5, 9, 41, 7)
    assert first.categories == ("Gdańsk ferries",)  # the alert's query
    assert (first.line, first.position) == (7, 0)

    assert turkish.title == "Gdańsk'tan İsveç'e gece feribotu ..."  # a title's own `...` is kept
    assert turkish.source == "haber.example.com.tr"  # without `www.`
    assert turkish.author == "Zeynep Koç"
    assert direct.url == "https://radio.example.se/nyheter/farja-revision"
    assert bad_link.url is None and bad_link.source == ""
    assert untitled.title == "Notes from the quay: the Gdańsk night ferry trial run, with photos …"
    assert untitled.captured is None
    assert messages(problems) == [
        ("warning", "link 'javascript:alert(1)' dropped: only http and https addresses are shown", 37),
        ("notice", "entry has no title; titled with the first words of its text", 44),
        ("warning", "entry has no readable time ('yesterday'): the clipping is undated", 44),
    ]


def test_a_feed_saved_on_one_line_as_google_writes_it() -> None:
    data = b" ".join(line.strip() for line in FEED.read_bytes().splitlines())
    clippings, _ = read(data)
    assert len(clippings) == 5 and {c.line for c in clippings} == {1}
    assert [c.position for c in clippings] == [0, 1, 2, 3, 4]


def test_a_damaged_feed_keeps_the_entries_before_the_damage() -> None:
    data = FEED.read_bytes()
    cut = data.index(b"<entry>", data.index(b"farja-revision"))
    clippings, problems = read(data[:cut + 40])
    assert [c.id[-1] for c in clippings] == ["1", "2", "3"]
    assert [(p.severity, p.line) for p in problems][:1] == [("warning", 38)]  # where the file ends
    assert "damaged" in problems[0].message


def test_entities_and_dtds_are_never_expanded_or_fetched(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET", encoding="utf-8")
    data = f"""<?xml version="1.0"?>
<!DOCTYPE feed [<!ENTITY x SYSTEM "file://{secret}"><!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - x</title>
<entry><id>tag:google.com,2013:googlealerts/feed:1</id><title>T &x; &b;</title>
<link href="https://example.org/a"/><published>2024-03-05T10:00:00Z</published><content>c</content></entry>
</feed>""".encode()
    clippings, _ = read(data)
    assert all("SECRET" not in c.title and "aaaa" not in c.title for c in clippings)


def test_not_a_feed() -> None:
    assert recognise(FEED.read_bytes()[:4096])
    assert not recognise(b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>')
    clippings, problems = read(b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'/>")
    assert clippings == [] and [p.severity for p in problems] == ["error"]
    clippings, problems = read(b"\xff\xfe\x00garbage")
    assert clippings == [] and [p.severity for p in problems] == ["error"]
    clippings, problems = read(b'<feed xmlns="http://www.w3.org/2005/Atom"><title>Google Alert - x</title></feed>')
    assert clippings == [] and messages(problems) == [("notice", "the feed has no entries", 1)]
