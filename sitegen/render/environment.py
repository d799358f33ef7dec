"""The Jinja environment of a build: autoescape on, every address made by `url()`, the interface's words and
dates, and the filters templates use.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jinja2 import (
    BytecodeCache,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    pass_context,
    select_autoescape,
)
from markupsafe import Markup

from ..archive.records import Entry
from ..config import Config
from ..i18n.interface import Interface
from ..site.links import Links, external
from ..site.summary import description
from ..urls import feed_url, period_url, relative_href
from .direction import TextAttributes
from .filters import body_html, plain_citation, reading_minutes, title_link_html
from .meta import json_ld, news_article
from .translation import install_translations


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """`site` in templates. Attributes, not a dict: Jinja tries `site.title` as an attribute first, and a dict
    answers with an exception (caught, then looked up as a key) on every use, a dozen times a page."""

    title: str
    description: str
    language: str
    """The interface language (BCP 47), for `<html lang>`."""
    direction: str
    """`ltr` or `rtl`: the interface language's direction, for `<html dir>`."""
    search: bool
    generator: str = ""
    """`sitegen X.Y.Z`, recorded on the home page only (`<meta name="generator">`): which version built the site,
    said once rather than in 100,000 pages (~46 bytes each, 4.6 MB of a large site's 1 GB)."""


def make_environment(config: Config, template_dirs: list[Path], words: Interface,
                     bytecode_cache: BytecodeCache | None = None, generator: str = "") -> Environment:
    """The environment every page is rendered with; `url()` is the only way templates make an address.

    `bytecode_cache`: where compiled templates are kept between builds (Jinja checks each against its source;
    the build cache seals each file, see publish/cache.py).
    `generator`: the name and version of the program building the site (`site.generator`)."""
    env = Environment(
        loader=FileSystemLoader([str(d) for d in template_dirs]),
        autoescape=select_autoescape(("html", "xml"), default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a build: no stat() per page to check them
        bytecode_cache=bytecode_cache,
    )
    install_translations(env, words)
    links = Links.from_config(config)
    text = TextAttributes(config.language, words.direction)

    made: dict[int, tuple[Entry, Markup]] = {}

    def title_link(entry: Entry, near: str | None = None) -> Markup:
        """`<a href="...">Title</a>` to a clipping's page; `near`: the page's address, to link relative to it.
        Made once per build (and worker) without `near`, for the lists and related links of many pages show
        the same clipping."""
        if near:
            return title_link_html(relative_href(entry.url, near), entry, text.of)
        found = made.get(id(entry))
        if found is None or found[0] is not entry:
            found = made[id(entry)] = (entry, title_link_html(links.href(entry.url), entry, text.of))
            # (holding the entry keeps its id from being reused)
        return found[1]

    env.globals.update(
        site=SiteInfo(config.title, config.description, config.language, words.direction, config.search,
                      generator),
        url=links.href,
        absolute_url=links.absolute,
        absolute_urls=links.is_absolute,
        feed_url=feed_url,
        period_url=period_url,
        news_article=lambda entry: json_ld(news_article(entry, links, config.language)),
        citation=lambda entry: plain_citation(entry, links.absolute(entry.url), words, text.isolate),
        lang_attr=text.lang_attr,
        plural_forms=words.plural_forms,  # a message's forms for a script, by CLDR plural category
    )
    # `url`, `absolute_url` and `lang_attr` are filters too (`entry.url|url`), as the default theme uses them: a
    # filter is bound once per template, while every call of a global goes through Jinja's per-call dispatch
    # (with a macro call per list line, ~13 % of a clean build's CPU). The globals stay for site templates.
    # They depend on the settings, so they take the context: that keeps Jinja from folding `'/'|url` into a
    # constant when it compiles a template, which the build cache would then serve to a build with another base.
    env.filters.update(url=_settings_filter(links.href), absolute_url=_settings_filter(links.absolute),
                       lang_attr=_settings_filter(text.lang_attr), text_attrs=text.of, dir_attr=text.dir_attr,
                       direction=text.direction_of, isolate=text.isolate, long_date=words.long_date,
                       number=words.number, body=body_html,
                       external=external, description=description,
                       host=lambda address: urlsplit(address).hostname or address, reading_minutes=reading_minutes,
                       near=relative_href, title_link=title_link)
    return env


def _settings_filter(function: Callable[[Any], Any]) -> Callable[..., Any]:
    """A filter whose result depends on the settings: never evaluated at compile time (see make_environment)."""
    @pass_context
    def settings_filter(context: Any, value: Any) -> Any:
        return function(value)
    return settings_filter


