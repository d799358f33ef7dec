"""Google Alerts saved as an Atom feed (`https://www.google.com/alerts/feeds/...`): one clipping per entry.

Each entry is a snippet: its title and text come with the matched words in `<b>` and end with `&nbsp;...`; its
link goes through a `google.com/url?...&url=` redirect. The real address is taken out of the redirect, the
markup and the cut mark removed, the outlet named by the address's host, and the clipping marked as an excerpt.
The feed gives only the time of the alert: it is the capture time, not a publication date. The alert's query
(`Google Alert - Gdańsk ferries`) becomes the category. Other Atom feeds of alerts are read the same way.

The feed is parsed with lxml without entities, DTDs or network access: a saved file can run no code and fetch
nothing. A damaged feed loads its entries up to the damage, with a warning naming the line.
"""
from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

from ..model import Clipping, Problem
from .dates import parse_when
from .fields import collapse_spaces, web_url
from .registry import InputFile, LoadResult, ReadOptions, digest_id

if TYPE_CHECKING:
    from lxml import etree

NAME = "Google Alerts"
SUFFIXES = (".xml", ".atom")
ATOM = "{http://www.w3.org/2005/Atom}"
TITLE_WORDS = 12
_TAG = re.compile(r"<[^>]*>")
_CUT = re.compile(r"(?:\s|&nbsp;|\xa0)*(?:\.\.\.|…)\s*$")
_GOOGLE_ID = re.compile(r"tag:google\.com,\d+:googlealerts/feed:(\d+)")
_ALERT_TITLE = re.compile(r"(?:Google[ -]Alerts?|Alerte Google|Alerta de Google|Avviso Google|Google-Alert|"
                          r"Google Uyarısı|Google-varsel|Google-melding)\s*[-–—:]\s*(.+)", re.IGNORECASE)
_REDIRECT_HOSTS = frozenset({"www.google.com", "google.com"})


def recognise(head: bytes) -> bool:
    """An Atom feed: its root element in the Atom namespace (an RSS file or a sitemap is not one)."""
    return b"<feed" in head and b"http://www.w3.org/2005/Atom" in head


def load(file: InputFile, options: ReadOptions) -> LoadResult:
    """The entries of one saved feed, and the problems found; never raises for bad content."""
    from lxml import etree  # imported here: a build that reads no feed never loads it

    problems: list[Problem] = []
    strict = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
                             remove_pis=True)
    try:
        root = etree.fromstring(file.data, strict)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno
        recovering = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
        try:
            root = etree.fromstring(file.data, recovering)
        except etree.XMLSyntaxError:
            root = None
        if root is None:
            return [], [Problem(file.path, f"not a readable feed: {exc.msg}", "error", line)]
        problems.append(Problem(file.path, f"the feed is damaged here ({exc.msg}); the entries before it are read",
                                "warning", line))
    if root.tag != f"{ATOM}feed":
        return [], problems + [Problem(file.path, "not an Atom feed (no <feed> element in the Atom namespace)",
                                       "error", root.sourceline)]
    query = _query(_text(root.find(f"{ATOM}title")))
    clippings = []
    for position, entry in enumerate(root.iter(f"{ATOM}entry")):
        clipping = _entry(file.path, entry, position, query, problems)
        if clipping is not None:
            clippings.append(clipping)
    if not clippings and not any(p.severity == "error" for p in problems):
        problems.append(Problem(file.path, "the feed has no entries", "notice", root.sourceline))
    return clippings, problems


def _entry(path: str, entry: etree._Element, position: int, query: str, problems: list[Problem]) -> Clipping | None:
    line = entry.sourceline or 1
    title = _plain(_text(entry.find(f"{ATOM}title")), cut=False)  # a title's `...` is the source's own
    body = _plain(_text(entry.find(f"{ATOM}content")) or _text(entry.find(f"{ATOM}summary")))
    if not title and not body:
        problems.append(Problem(path, "entry has no title and no text: skipped", "error", line))
        return None
    if not title:
        words = body.split()
        title = " ".join(words[:TITLE_WORDS]) + (" …" if len(words) > TITLE_WORDS else "")
        problems.append(Problem(path, "entry has no title; titled with the first words of its text", "notice", line))
    url = _url(entry, path, line, problems)
    stamp = _text(entry.find(f"{ATOM}published")) or _text(entry.find(f"{ATOM}updated"))
    when = parse_when(stamp) if stamp else None
    if when is None:
        problems.append(Problem(path, f"entry has no readable time ('{stamp[:40]}'): the clipping is undated"
                                if stamp else "entry has no time: the clipping is undated", "warning", line))
    source = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    author = collapse_spaces(_text(entry.find(f"{ATOM}author/{ATOM}name")))
    return Clipping(
        id=_id(_text(entry.find(f"{ATOM}id")), source, title, when.day.isoformat() if when else ""),
        title=title, source_path=path, captured=when.moment() if when else None, source=source,
        categories=(query,) if query else (), url=url, body=body, body_format="text", excerpt=True,
        author=author, line=line, position=position)


def _text(element: etree._Element | None) -> str:
    """An element's text; XHTML content (`type="xhtml"`) as the text of its markup."""
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        return " ".join(element.itertext())
    return element.text or ""


def _plain(value: str, cut: bool = True) -> str:
    """The alert's HTML snippet as text: highlights and tags removed, entities decoded; with `cut`, the cut
    mark `&nbsp;...` dropped (the clipping is marked as an excerpt instead)."""
    text = collapse_spaces(html.unescape(_TAG.sub("", value)))
    return _CUT.sub("", text) if cut else text


def _url(entry: etree._Element, path: str, line: int, problems: list[Problem]) -> str | None:
    links = entry.findall(f"{ATOM}link")
    href = next((link.get("href", "") for link in links if link.get("rel", "alternate") == "alternate"), "")
    parts = urlsplit(href.strip()) if href else None
    if parts is not None and parts.hostname in _REDIRECT_HOSTS and parts.path == "/url":
        href = next(iter(parse_qs(parts.query).get("url") or parse_qs(parts.query).get("q") or []), "")
    url = web_url(href) if href else None
    if href and url is None:
        problems.append(Problem(path, f"link '{href[:80]}' dropped: only http and https addresses are shown",
                                "warning", line))
    elif not href:
        problems.append(Problem(path, "entry has no link to the article", "warning", line))
    return url


def _query(feed_title: str) -> str:
    """The alert's search terms from the feed's title (`Google Alert - Gdańsk ferries`)."""
    match = _ALERT_TITLE.fullmatch(collapse_spaces(feed_title))
    return collapse_spaces(match[1]) if match else ""


def _id(entry_id: str, source: str, title: str, day: str) -> str:
    """Google's number for the alert entry; for another feed a digest of its entry id, or of source, date and
    title when the entry has none."""
    match = _GOOGLE_ID.fullmatch(entry_id.strip())
    if match:
        return match[1]
    return digest_id(entry_id.strip()) if entry_id.strip() else digest_id(source, day, title)
