"""Every word a reader sees is a message of the catalogs: Babel extracts exactly what `locales/messages.pot` lists,
every catalog lists the same messages, no template holds an unmarked word, and a site built with a catalog that
marks every message shows no interface word outside the marks."""
from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from conftest import EXAMPLE, run_build
from jinja2 import Environment, nodes

from sitegen.build import check
from sitegen.config import load_config

ROOT = Path(__file__).parent.parent
LOCALES = ROOT / "locales"
KEYWORDS = {**DEFAULT_KEYWORDS, "plural_forms": (1, 2)}
"""Babel's keywords and `plural_forms`, the templates' call for a message a script counts with."""
UPDATE = ("pybabel extract -F babel.cfg -k plural_forms:1,2 --add-location=file --sort-output "
          "-o locales/messages.pot . && pybabel update -i locales/messages.pot -d locales (see docs/languages.md)")


def message_ids(catalog: Catalog) -> set[str | tuple[str, ...]]:
    return {message.id if isinstance(message.id, str) else tuple(message.id) for message in catalog if message.id}


def extracted() -> set[str | tuple[str, ...]]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file)
    found = set()
    for _, _, message, _, _ in extract_from_dir(str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def test_the_catalog_template_lists_every_marked_message_and_no_other() -> None:
    with (LOCALES / "messages.pot").open("rb") as file:
        listed = message_ids(read_po(file))
    found = extracted()
    assert found - listed == set(), f"marked but not in locales/messages.pot: run {UPDATE}"
    assert listed - found == set(), f"in locales/messages.pot but marked nowhere: run {UPDATE}"


@pytest.mark.parametrize("po_file", sorted(LOCALES.glob("*/LC_MESSAGES/messages.po")), ids=lambda p: p.parts[-3])
def test_every_catalog_lists_the_template_messages(po_file: Path) -> None:
    with (LOCALES / "messages.pot").open("rb") as file:
        listed = message_ids(read_po(file))
    with po_file.open("rb") as file:
        catalog = read_po(file)
    assert message_ids(catalog) == listed, f"run {UPDATE}"
    assert not [m.id for m in catalog if m.id and m.fuzzy], "fuzzy messages are not used: check and unmark them"


class _TemplateText(HTMLParser):
    """The words of a template's literal HTML a reader would see: text, and attributes read aloud or shown."""

    SHOWN = {"title", "alt", "aria-label", "placeholder", "label"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._hidden += 1
        self.words += [value for name, value in attrs if name in self.SHOWN and value]
        if tag == "meta" and ("name", "description") in attrs:
            self.words += [value for name, value in attrs if name == "content" and value]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.words.append(data)


def unmarked_words(source: str) -> list[str]:
    """Letters in a template's literal HTML (each expression and tag replaced by a space)."""
    env = Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse(source)
    parts = []
    for node in tree.find_all((nodes.Output,)):
        for child in node.nodes:
            parts.append(child.data if isinstance(child, nodes.TemplateData) else " ")
        parts.append(" ")
    parser = _TemplateText()
    parser.feed("".join(parts))
    parser.close()
    return [text.strip() for text in parser.words if re.search(r"[^\W\d_]", text)]


@pytest.mark.parametrize("template", sorted((ROOT / "templates").glob("*.html")), ids=lambda p: p.name)
def test_templates_hold_no_unmarked_words(template: Path) -> None:
    found = unmarked_words(template.read_text(encoding="utf-8"))
    assert found == [], "wrap these in {{ _(\"...\") }} (see docs/languages.md)"


def test_the_check_finds_an_unmarked_word() -> None:
    assert unmarked_words('<p>{{ _("Marked") }} · <span aria-label="Loose">{{ n }}</span> Loose too</p>') == \
        ["Loose", "Loose too"]


@pytest.mark.parametrize("script", ["static/search.js", "templates/cite.js"])
def test_scripts_take_their_words_from_the_page(script: Path) -> None:
    """A string literal of two words or more in a script would be a sentence a reader sees, in English (cite.js is
    a template: its words are the messages it puts in with `{{ ... }}`)."""
    text = re.sub(r"\{\{.*?\}\}", "", (ROOT / script).read_text(encoding="utf-8"), flags=re.S)
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(("//", "/*", "*", "{#")))
    sentences = [s for s in re.findall(r'"([^"\n]*)"|`([^`\n]*)`', code) for s in s if
                 re.search(r"[A-Za-z]{2,}\s+[A-Za-z]{2,}", s)]
    assert [s for s in sentences if s != "use strict"] == []


def _marked_catalog(language: str, folder: Path) -> None:
    """A site catalog for `language` that writes every message of the template between ⟦ and ⟧."""
    with (LOCALES / "messages.pot").open("rb") as file:
        template = read_po(file)
    catalog = Catalog(locale=language)
    for message in template:
        if message.id:
            ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
            texts = tuple(f"⟦{text}⟧" for text in ids)
            catalog.add(message.id, texts[0] if isinstance(message.id, str) else texts)
    path = folder / "locales" / language / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    with path.open("wb") as file:
        write_po(file, catalog)


class _PageText(_TemplateText):
    """A page's text as one flow (a message may hold links: its marks then enclose tags), attributes apart."""

    def __init__(self) -> None:
        super().__init__()
        self.flow: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        super().handle_starttag(tag, attrs)
        self._json = tag == "script" and ("type", "application/json") in attrs

    def handle_endtag(self, tag: str) -> None:
        super().handle_endtag(tag)
        self._json = False

    def handle_data(self, data: str) -> None:
        if getattr(self, "_json", False):  # the search page's words for its script
            self.words += list(_strings(json.loads(data)))
        elif not self._hidden:
            self.flow.append(data)


def _strings(value: object):
    if isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, str):
        yield value


def test_a_site_with_every_message_marked_shows_no_unmarked_interface_word(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    settings = (EXAMPLE / "sitegen.toml").read_text(encoding="utf-8").replace('language = "en"', 'language = "tr"')
    (site / "sitegen.toml").write_text(settings, encoding="utf-8")
    _marked_catalog("tr", site)
    out = tmp_path / "public"
    assert run_build(EXAMPLE / "content", out, "--config", str(site / "sitegen.toml")) == 0

    # What the pages may show besides the interface: the clippings' own words, the site's title and description,
    # addresses, and dates and month names as Babel writes them in Turkish.
    config = load_config(site / "sitegen.toml", {"content_dir": EXAMPLE / "content"})
    archive = check(config).archive
    content = [config.title, config.description]
    for entry in (*archive.entries, *archive.undated):
        clipping = entry.clipping
        content += [clipping.title, clipping.body, clipping.url or "", *(t.name for t in entry.categories)]
        content += [entry.source.name] if entry.source else []
    allowed = {word.casefold() for text in content for word in re.findall(r"\w+", text)}
    for width in ("wide", "abbreviated", "narrow"):
        for context in ("format", "stand-alone"):
            allowed |= {name.casefold() for name in get_month_names(width, context, "tr").values()}

    unmarked = {}
    for path in sorted(out.rglob("*")):
        if path.suffix not in (".html", ".xml") and path.name != "cite.js" or path.name == "sitemap.xml":
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".html":
            parser = _PageText()
            parser.feed(text)
            words = parser.words + [" ".join(parser.flow)]
        elif path.suffix == ".js":  # cite.js: its words, as the template put them in
            words = list(_strings(json.loads(re.search(r"var WORDS = (\{.*?\});", text, re.S).group(1))))
        else:  # feeds: their titles and subtitles
            words = [html.unescape(t) for t in re.findall(r"<(?:title|subtitle)[^>]*>([^<]*)<", text)]
        for chunk in words:
            while re.search(r"⟦[^⟦⟧]*⟧", chunk):
                chunk = re.sub(r"⟦[^⟦⟧]*⟧", " ", chunk)
            loose = [w for w in re.findall(r"\w+", chunk) if not w.isdigit() and w.casefold() not in allowed]
            if loose:
                unmarked.setdefault(path.relative_to(out).as_posix(), set()).update(loose)
    assert unmarked == {}
