"""Pages to HTML: one Jinja environment per build, autoescape on, clipping text never trusted as markup."""
from __future__ import annotations

import datetime as dt
import functools
import html
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from jinja2 import (Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, pass_context,
                    select_autoescape)
from markupsafe import Markup

from .archive import Entry
from .config import Config
from .fingerprint import Fingerprinter, digest
from .links import Links
from .meta import description, json_ld, news_article
from .model import Clipping
from .output import Output, SiteWriter, gzipped
from .pages import MONTHS, Page
from .urls import feed_url, output_path, period_url, relative_href

WORDS_PER_MINUTE = 230
"""A common adult reading speed for news prose; the reading time shown is words divided by this."""

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@functools.cache
def _markdown() -> MarkdownIt:
    """CommonMark with raw HTML off: `<script>` in a Markdown clipping is shown as text, and markdown-it's link
    validation drops javascript:, vbscript: and file: links. Made on first use: importing it costs more than
    a rebuild that renders no Markdown clipping."""
    from markdown_it import MarkdownIt

    markdown = MarkdownIt("commonmark", {"html": False})
    markdown.core.ruler.push("demote_headings", _demote_headings)
    return markdown


def _demote_headings(state) -> None:
    """A heading in a clipping's text sits under the page's own <h1>, so `#` becomes <h2>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"


@dataclass(frozen=True, slots=True)
class SiteInfo:
    """`site` in templates. Attributes, not a dict: Jinja tries `site.title` as an attribute first, and a dict
    answers with an exception (caught, then looked up as a key) on every use, a dozen times a page."""

    title: str
    description: str
    language: str
    search: bool


def make_environment(config: Config, template_dirs: list[Path], compiled_dir: Path | None = None) -> Environment:
    """The environment every page is rendered with; `url()` is the only way templates make an address.

    `compiled_dir`: where compiled templates are kept between builds (Jinja checks each against its source)."""
    bytecode_cache = None
    if compiled_dir is not None:
        compiled_dir.mkdir(parents=True, exist_ok=True)
        bytecode_cache = FileSystemBytecodeCache(str(compiled_dir))
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
    links = Links.from_config(config)

    def lang_attr(code: str | None) -> Markup | str:
        """` lang="de"` for text in another language than the site's, else nothing."""
        return Markup(' lang="%s"') % code if code and code != config.language else ""

    made: dict[int, tuple[Entry, Markup]] = {}

    def title_link(entry: Entry, near: str | None = None) -> Markup:
        """`<a href="...">Title</a>` to a clipping's page; `near`: the page's address, to link relative to it.
        Made once per build (and worker) without `near`, for the lists and related links of many pages show
        the same clipping."""
        if near:
            return _title_link(relative_href(entry.url, near), entry, lang_attr)
        found = made.get(id(entry))
        if found is None or found[0] is not entry:
            found = made[id(entry)] = (entry, _title_link(links.href(entry.url), entry, lang_attr))
            # (holding the entry keeps its id from being reused)
        return found[1]

    env.globals.update(
        site=SiteInfo(config.title, config.description, config.language, config.search),
        url=links.href,
        absolute_url=links.absolute,
        absolute_urls=links.is_absolute,
        feed_url=feed_url,
        period_url=period_url,
        news_article=lambda entry: json_ld(news_article(entry, links, config.language)),
        citation=lambda entry: plain_citation(entry, links.absolute(entry.url)),
        lang_attr=lang_attr,
    )
    # `url`, `absolute_url` and `lang_attr` are filters too (`entry.url|url`), as the default theme uses them: a
    # filter is bound once per template, while every call of a global goes through Jinja's per-call dispatch
    # (with a macro call per list line, ~13 % of a clean build's CPU). The globals stay for site templates.
    # They depend on the settings, so they take the context: that keeps Jinja from folding `'/'|url` into a
    # constant when it compiles a template, which the build cache would then serve to a build with another base.
    env.filters.update(url=_settings_filter(links.href), absolute_url=_settings_filter(links.absolute),
                       lang_attr=_settings_filter(lang_attr), long_date=long_date,
                       body=body_html, external=external_url, description=description,
                       host=lambda address: urlsplit(address).hostname or address, reading_minutes=reading_minutes,
                       near=relative_href, title_link=title_link)
    return env


def _title_link(href: str, entry: Entry, lang_attr: Callable[[str | None], Markup | str]) -> Markup:
    return Markup('<a href="%s"%s>%s</a>') % (href, lang_attr(entry.clipping.language), entry.clipping.title)


def _settings_filter(function: Callable[[Any], Any]) -> Callable[..., Any]:
    """A filter whose result depends on the settings: never evaluated at compile time (see make_environment)."""
    @pass_context
    def settings_filter(context: Any, value: Any) -> Any:
        return function(value)
    return settings_filter


def render_page(env: Environment, page: Page) -> str:
    """The page's HTML (or XML) text."""
    return env.get_template(page.template).render(page.context, page_url=page.url)


def page_bytes(env: Environment, page: Page) -> bytes:
    """The page's file: its text in UTF-8, gzip-compressed when its address ends in `.gz` (a sitemap part)."""
    data = render_page(env, page).encode("utf-8")
    return gzipped(data) if page.url.endswith(".gz") else data


class PageRenderer:
    """Renders and stages chunks of pages, skipping those the previous build made from the same inputs.

    A page's key is the digest of the build-wide key (code and settings), its template with everything that
    template extends or imports, its address and its context; any page type gets one without special code.
    Runs in worker processes too: it only stages files and returns their records.
    """

    def __init__(self, env: Environment, build_key: bytes, template_keys: dict[str, bytes],
                 writer: SiteWriter, known: Iterable[tuple[object, bytes]] = ()) -> None:
        self.env = env
        self.build_key = build_key
        self.template_keys = template_keys
        self.writer = writer
        self.fingerprint = Fingerprinter(known)

    def key(self, page: Page) -> bytes | None:
        context = self.fingerprint(page.context)
        template = self.template_keys.get(page.template)
        if context is None or template is None:
            return None
        return digest(self.build_key, template, page.url.encode("utf-8"), context)

    def key_of(self, value: object, purpose: str) -> bytes | None:
        """The key of something made from `value` by code (named by `purpose`) and the build's settings.

        `value`'s objects are remembered: pages showing them later pickle their digests only."""
        found = self.fingerprint.share(value)
        return None if found is None else digest(self.build_key, purpose.encode(), found)

    def changed(self, pages: Iterable[tuple[int, Page]]) -> tuple[list[tuple[str, Output]], list[tuple[int, bytes | None]]]:
        """For (position, page) pairs: the records of the pages whose previous file can be kept, and the
        positions and keys of the others."""
        kept, todo = [], []
        reusable = self.writer.reusable
        for position, page in pages:
            key = self.key(page)
            relative = output_path(page.url)
            output = reusable(relative, key)
            if output is None:
                todo.append((position, key))
            else:
                kept.append((relative, output))
        return kept, todo

    def make(self, pages: Sequence[tuple[Page, bytes | None]]) -> list[tuple[str, Output]]:
        """Stage each page (keyed here when its key is None) unless its previous file can be kept."""
        done = []
        for page, key in pages:
            relative = output_path(page.url)
            if key is None:
                key = self.key(page)
            output = self.writer.reusable(relative, key)
            if output is None:
                output = self.writer.put(relative, page_bytes(self.env, page), key)
            done.append((relative, output))
        return done


def long_date(value: dt.date | dt.datetime | None) -> str:
    """`11 March 2025`: unambiguous in every locale, unlike 03/11/2025."""
    if value is None:
        return "undated"
    return f"{value.day} {MONTHS[value.month]} {value.year}"


def plain_citation(entry: Entry, address: str) -> str:
    """`Source, "Title", 11 March 2025, https://...`: what a reader pastes into a footnote.

    The RIS and BibTeX records are made in the browser by static/cite.js from the page's citation_* tags:
    written into each page as data: links they would add ~1.2 KB a clipping page, as files two files and
    ~2 KB a clipping in the tar GitHub Pages counts (120 MB, or 200 MB and 200,000 files, at 100,000).
    """
    parts = [entry.source.name] if entry.source else []
    parts += [f'"{entry.clipping.title}"', long_date(entry.date), address]
    return ", ".join(parts)


def reading_minutes(clipping: Clipping) -> int:
    """Minutes an average reader needs for the clipping's text; at least 1."""
    return max(1, round(len(clipping.body.split()) / WORDS_PER_MINUTE))


def external_url(address: str | None) -> str | None:
    """The address when it is a plain http(s) link; anything else (javascript:, data:, ...) is never linked."""
    if not address:
        return None
    parts = urlsplit(address.strip())
    return address.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def body_html(clipping: Clipping) -> Markup:
    """The clipping's text as HTML: plain text escaped paragraph by paragraph, Markdown with raw HTML off."""
    if clipping.body_format == "markdown":
        return Markup(_markdown().render(clipping.body))
    # Text needs only &, < and > escaped; quotes stay as typed (`&#34;` is five bytes for one, on 100,000 pages).
    paragraphs = (p.strip() for p in clipping.body.split("\n\n"))
    return Markup("\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs if p))
