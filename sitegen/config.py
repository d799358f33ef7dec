"""Site settings: `sitegen.toml` values, then command-line values on top, validated once.

A declared schema (the dataclass fields) means an unknown key or a value of the wrong type is reported with its
name instead of surfacing later as a confusing failure deep in the build.
"""
from __future__ import annotations

import dataclasses
import re
import tomllib
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .i18n.locales import interface_locale


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know besides the content itself."""

    title: str = "Clippings Archive"
    """Site name, shown in the header and in page titles."""
    description: str = "An archive of news clippings."
    """One sentence about the archive, used on the home page and in metadata."""
    language: str = "en"
    """Language of the site's own words (BCP 47: `en`, `tr`, `de-AT`, `ar`): the interface's messages, dates and
    numbers, and its direction; clippings carry their own (see docs/languages.md)."""
    base_url: str = "/"
    """Where the site is served: an absolute URL (`https://name.github.io/archive/`) or a path (`/archive/`)."""
    items_per_page: int = 100
    """Clippings per list page (sources, categories, timeline)."""
    timezone: str = "UTC"
    """IANA zone for times that need one (feeds); never used to move a clipping to another day."""
    feed_entries: int = 20
    """Newest clippings in each Atom feed (the whole archive's, and each source's and category's)."""
    export_text: bool = False
    """Put every clipping's full text into `clippings.json` and `clippings.csv` (fields and summary otherwise)."""
    cname: str = ""
    """Custom domain written to `CNAME` (for publishing from a branch); empty: no CNAME file."""
    related_links: int = 3
    """Links under "more from this source" and "more in this category" on a clipping page; 0 leaves them out."""
    page_style: str = "auto"
    """Clipping pages `full` (link previews, citation tools, related links, neighbours' titles) or `compact`
    (the text, its facts and plain links: ~3 KB less a page); `auto` is compact on an archive large enough for
    full pages to outgrow GitHub Pages' 1 GB (the build says so)."""
    excerpt_only: tuple[str, ...] = ()
    """Sources whose clippings are published as an excerpt (the first words and a link to the original), for
    sources whose terms allow no more, or to make a large archive fit GitHub Pages' 1 GB."""
    excerpt_formats: tuple[str, ...] = ()
    """Formats whose clippings are all published as excerpts (`["Spreadsheet", "Factiva HTML"]`; `["*"]`: every
    clipping), for exports whose licence forbids republishing the full text."""
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """`[columns]`: more header names for the fields of spreadsheet exports (`title = ["Artikelüberschrift"]`)."""
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """Source names: the name to show → other spellings of the same source (`"Anadolu Ajansı" = ["AA"]`)."""
    search: bool = True
    """Index the clippings with Pagefind and write the `/search/` page (off: no index, no search box)."""
    search_shard_size: int = 2_500
    """Most clippings one search-index shard holds; bounds the indexer's peak memory and the time a browser takes
    to search one shard for a word in every clipping (Pagefind's time grows faster than the matches in a shard)."""
    content_dir: Path = Path("content")
    """Folder read for clippings."""
    output_dir: Path = Path("public")
    """Folder the site is written to (replaced as a whole on success)."""
    site_dir: Path = Path(".")
    """Folder whose own `templates/` and `static/` override the default theme."""
    strict: bool = False
    """Treat warnings as a failure (exit code 1)."""
    jobs: int = 0
    """Worker processes for loading and rendering; 0 means one per core."""
    config_file: Path | None = None
    """The sitegen.toml read, if any: problems with a setting name it."""
    cache: bool = True
    """Use and update the build cache (`.sitegen-cache/` in the site folder) to redo only what changed."""
    force: bool = False
    """Replace the output folder even when sitegen did not make it (see publish/ownership.py)."""

    @property
    def base_path(self) -> str:
        """The path part of `base_url`, always starting and ending with `/`."""
        path = urlsplit(self.base_url).path or "/"
        return path if path.endswith("/") else path + "/"

    @property
    def site_url(self) -> str | None:
        """The absolute base URL ending in `/`, or None when only a path was given."""
        parts = urlsplit(self.base_url)
        if not parts.scheme:
            return None
        return f"{parts.scheme}://{parts.netloc}{self.base_path}"


PAGE_STYLES = ("auto", "full", "compact")

FILE_KEYS = ("title", "description", "language", "base_url", "items_per_page", "timezone",
             "feed_entries", "export_text", "cname", "related_links", "page_style", "excerpt_only",
             "excerpt_formats", "columns", "aliases", "search", "search_shard_size")
"""Keys `sitegen.toml` may hold; paths, `strict`, `jobs`, `cache` and `force` come from the command line only."""


def load_config(config_file: Path | None, overrides: dict[str, Any]) -> Config:
    """Read `config_file` (if any), apply `overrides` that are not None, and validate every key."""
    values: dict[str, Any] = {}
    if config_file is not None:
        values.update(_read_toml(config_file))
    values.update({k: v for k, v in overrides.items() if v is not None})
    errors = [msg for key, value in values.items() if (msg := _check(key, value))]
    for key in ("excerpt_only", "excerpt_formats"):
        if key in values and not errors:
            values[key] = tuple(values[key])
    if "columns" in values and not errors:
        values["columns"] = {name: tuple([headers] if isinstance(headers, str) else headers)
                             for name, headers in values["columns"].items()}
    if "aliases" in values and not errors:
        values["aliases"] = {name: tuple([variants] if isinstance(variants, str) else variants)
                             for name, variants in values["aliases"].items()}
    if errors:
        where = f"{config_file}: " if config_file is not None else ""
        raise ConfigError(where + "; ".join(errors))
    return Config(**values, config_file=config_file)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from exc
    unknown = sorted(set(data) - set(FILE_KEYS))
    if unknown:
        known = ", ".join(FILE_KEYS)
        raise ConfigError(f"{path}: unknown key {', '.join(repr(k) for k in unknown)} (known keys: {known})")
    return data


_HOST = re.compile(r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]", re.I)
"""A DNS name with at least two labels, as GitHub Pages accepts in a CNAME file."""

_TYPES = {f.name: f.type for f in dataclasses.fields(Config)}


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 cannot hold (and DEL): a title or name with one made feeds that are not XML."""


def _control_character(value: Any) -> str | None:
    """The first character of `value` (a string, or the strings of a list or table) no page or feed can hold,
    as `U+0001`; None when there is none."""
    if isinstance(value, str):
        found = _NOT_TEXT.search(value)
        return f"U+{ord(found[0]):04X}" if found else None
    if isinstance(value, dict):
        return next((c for item in value.items() for part in item if (c := _control_character(part))), None)
    if isinstance(value, list):
        return next((c for item in value if (c := _control_character(item))), None)
    return None


def _check(key: str, value: Any) -> str | None:
    """Return an error message naming `key` when `value` does not fit, else None."""
    if (control := _control_character(value)) is not None:
        return f"{key!r} contains the control character {control}, which no page or feed can hold; remove it"
    if key == "aliases":
        return _check_aliases(value)
    if key == "columns":
        return _check_columns(value)
    if key == "excerpt_formats":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "'excerpt_formats' must be a list of format names, like excerpt_formats = [\"Spreadsheet\"]"
        return None  # the names are checked against the formats sitegen reads when reading starts
    if key == "excerpt_only":
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            return "'excerpt_only' must be a list of source names, like excerpt_only = [\"Daily Wire\"]"
        return None
    expected = {"str": str, "int": int, "bool": bool, "Path": Path}.get(str(_TYPES.get(key)))
    if expected is None:
        return f"unknown key {key!r}"
    if expected is int and (isinstance(value, bool) or not isinstance(value, int)):
        return f"{key!r} must be an integer, not {type(value).__name__}"
    if not isinstance(value, expected):
        return f"{key!r} must be a {'string' if expected is str else expected.__name__}, not {type(value).__name__}"
    if key == "jobs" and value < 0:
        return "'jobs' must be 0 (one per core) or more"
    if key == "items_per_page" and not 1 <= value <= 10_000:
        return "'items_per_page' must be between 1 and 10000"
    if key == "related_links" and not 0 <= value <= 10:
        return "'related_links' must be between 0 and 10"
    if key == "page_style" and value not in PAGE_STYLES:
        return f"'page_style' must be one of {', '.join(map(repr, PAGE_STYLES))}, not {value!r}"
    if key == "search_shard_size" and not 1 <= value <= 1_000_000:
        return "'search_shard_size' must be between 1 and 1000000"
    if key == "timezone":
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return f"'timezone' {value!r} is not a known IANA time zone (e.g. 'Europe/Istanbul')"
    if key == "base_url":
        if any(c.isspace() for c in value):
            return f"'base_url' {value!r} must not contain spaces (write a space in a path as %20)"
        try:
            parts = urlsplit(value)
            parts.port  # noqa: B018 (raises ValueError for a port that is not a number from 0 to 65535)
        except ValueError as exc:
            return f"'base_url' {value!r} is not a valid URL ({exc}); e.g. https://name.github.io/archive/"
        if parts.scheme not in ("", "http", "https") or (parts.scheme and not parts.netloc):
            return f"'base_url' {value!r} must be an http(s) URL or a path starting with '/'"
        if not parts.scheme and not value.startswith("/"):
            return f"'base_url' {value!r} must be an http(s) URL or a path starting with '/'"
        if parts.query or parts.fragment or value.startswith("//"):
            return f"'base_url' {value!r} must have no query or fragment, and a host needs a scheme (https://)"
    if key == "feed_entries" and not 1 <= value <= 10_000:
        return "'feed_entries' must be between 1 and 10000"
    if key == "cname" and value and not _HOST.fullmatch(value):
        return f"'cname' {value!r} must be a bare host name like 'archive.example.org' (no scheme, no path)"
    if key in ("title", "language") and not value.strip():
        return f"{key!r} must not be empty"
    if key == "language":
        try:
            interface_locale(value)
        except ValueError as exc:
            return f"'language' {exc}"
    return None


def _check_aliases(table: Any) -> str | None:
    """`[aliases]`: each key a source name to show, each value a variant or a list of variants; a variant may
    stand for one name only, and a name shown may not itself be a variant of another."""
    usage = "'aliases' must be a table like [aliases] \"Anadolu Ajansı\" = [\"AA\", \"Anadolu Agency\"]"
    if not isinstance(table, dict):
        return f"{usage}, not {type(table).__name__}"
    owner: dict[str, str] = {}
    for name, variants in table.items():
        where = f"'aliases.\"{name}\"'"
        if not name.strip():
            return f"'aliases' has an empty source name; {usage}"
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            return f"{where} must be a list of names in quotes, like [\"AA\"]"
        for variant in variants:
            if not variant.strip():
                return f"{where} lists an empty name"
            if variant in owner and owner[variant] != name:
                return f"{where} lists '{variant}', which is already an alias of '{owner[variant]}'"
            owner[variant] = name
    for name in table:
        if name in owner and owner[name] != name:
            return f"'aliases.\"{name}\"' is itself listed as an alias of '{owner[name]}'; list all its names there"
    return None


COLUMN_FIELDS = ("id", "title", "published", "captured", "source", "author", "url", "text", "language",
                 "categories", "sentiment", "country")
"""The fields `[columns]` can name header names for (what a spreadsheet row becomes; see sitegen/read/columns.py)."""


def _check_columns(table: Any) -> str | None:
    """`[columns]`: each key a field, each value a header name or a list of them; a name means one field only."""
    usage = "'columns' must be a table like [columns] title = [\"Artikelüberschrift\"]"
    if not isinstance(table, dict):
        return f"{usage}, not {type(table).__name__}"
    owner: dict[str, str] = {}
    for name, headers in table.items():
        if name not in COLUMN_FIELDS:
            return f"'columns.{name}' is not a field; the fields are {', '.join(COLUMN_FIELDS)}"
        if isinstance(headers, str):
            headers = [headers]
        if not isinstance(headers, list) or not all(isinstance(h, str) and h.strip() for h in headers):
            return f"'columns.{name}' must be a header name or a list of them, like [\"Titel\", \"Überschrift\"]"
        for header in headers:
            folded = " ".join(header.split()).casefold()
            if owner.setdefault(folded, name) != name:
                return f"'columns.{name}' lists '{header}', which 'columns.{owner[folded]}' lists too"
    return None


