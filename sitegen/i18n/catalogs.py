"""Message catalogs: the interface's words in a language, read from gettext `.po` or `.mo` files.

Catalogs live in `locales/<language>/LC_MESSAGES/messages.po` (or `.mo`), in the site's own folder first and
then in the default theme, as templates do; `locales/messages.pot` lists every message there is. A `.po` is
read as it is (what a person edits needs no compiling); a `.mo` only where there is no `.po` (the installed
package carries compiled ones). For `de-AT` the catalogs for `de_AT`, then `de`, then English are merged:
each message comes from the most specific catalog that translates it, so a site's catalog may hold only the
messages it changes.

Messages are text, not markup: templates escape them like any other value, so a `<` in a translation is a
`<` on the page and no catalog can add HTML. Links and emphasis around a message's words are variables.
"""
from __future__ import annotations

import gettext
import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from ..errors import ConfigError
from ..model import Problem
from .locales import interface_locale

DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
"""The language of the message ids: a language without a catalog reads the interface in it."""

PluralRule = Callable[[int], int]
"""From a count to the index of the plural form a catalog uses for it."""

PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
"""A named placeholder of a message: `%(num)s`."""


class CatalogError(ConfigError):
    """A catalog file that cannot be read: the site's own setting, so the build stops and names the file."""


@dataclass(frozen=True, slots=True)
class Catalog:
    """The messages of one interface language, merged from its catalog files and English."""

    language: str
    messages: dict[str, str]
    """Message id -> text, for every message without a plural."""
    plurals: dict[str, tuple[tuple[str, ...], PluralRule]]
    """Singular message id -> (its forms, the rule choosing one for a count) from the catalog that has it."""
    translated: frozenset[str]
    """Message ids a catalog of the language itself translates (not English)."""
    english: frozenset[str]
    """Every message id of the templates (`messages.pot`) and English catalogs: what a complete translation
    translates."""
    rejected: tuple[tuple[str, str], ...]
    """(file, message id) of translations left out: placeholders unlike the English, or a stray `%`."""
    files: tuple[str, ...]
    """The catalog files read, most specific first."""
    key: bytes
    """A digest of everything above that reaches a page: part of every page's fingerprint."""

    @property
    def untranslated(self) -> list[str]:
        """Message ids the language's catalogs lack: the interface shows them in English."""
        if self.language.split("-")[0].lower() == SOURCE_LANGUAGE:
            return []
        return sorted(self.english - self.translated)


def load_catalog(language: str, folders: Sequence[Path]) -> Catalog:
    """The catalog for a BCP 47 `language` from `locales` folders (the site's first), falling back to English."""
    names = candidates(language)
    own = [path for name in names for folder in folders if (path := catalog_file(folder / name))]
    english = [] if names[-1] == SOURCE_LANGUAGE else \
        [path for folder in folders if (path := catalog_file(folder / SOURCE_LANGUAGE))]
    messages: dict[str, str] = {}
    plurals: dict[str, tuple[tuple[str, ...], PluralRule]] = {}
    translated: set[str] = set()
    english_ids = {message_id for folder in folders if (path := folder / f"{DOMAIN}.pot").is_file()
                   for message_id in _ids(_read(path))}
    rejected: list[tuple[str, str]] = []
    digest = hashlib.blake2b(language.encode(), digest_size=16)
    # Least specific first: each later file overrides the messages it translates.
    for path in [*reversed(english), *reversed(own)]:
        catalog = _read(path)
        rule = _plural_rule(catalog, path)
        digest.update(f"\0{catalog.num_plurals};{catalog.plural_expr}".encode())
        is_english = path in english or names[-1] == SOURCE_LANGUAGE
        if is_english:
            english_ids.update(_ids(catalog))
        for message in catalog:
            if not message.id or message.fuzzy:
                continue
            singular = message.id if isinstance(message.id, str) else message.id[0]
            texts = (message.string,) if isinstance(message.string, str) else tuple(message.string)
            if not all(texts):
                continue
            if not _fits(message.id, texts):
                rejected.append((str(path), singular))
                continue
            if isinstance(message.id, str):
                messages[singular] = texts[0]
            else:
                plurals[singular] = (texts, rule)
            if not is_english:
                translated.add(singular)
            digest.update(repr((message.id, texts, catalog.plural_expr)).encode())
    return Catalog(language, messages, plurals, frozenset(translated), frozenset(english_ids), tuple(rejected),
                   tuple(str(p) for p in own), digest.digest())


def candidates(language: str) -> list[str]:
    """Catalog folder names for a tag, most specific first: `zh-Hant-TW` -> zh_Hant_TW, zh_Hant, zh."""
    parts = str(interface_locale(language)).split("_")
    return ["_".join(parts[:n]) for n in range(len(parts), 0, -1)]


def catalog_file(folder: Path) -> Path | None:
    """`messages.po` in a language's folder, else `messages.mo`; None when it has neither."""
    for suffix in (".po", ".mo"):
        path = folder / "LC_MESSAGES" / f"{DOMAIN}{suffix}"
        if path.is_file():
            return path
    return None


def _ids(catalog: BabelCatalog) -> set[str]:
    """The (singular) message ids a catalog or template lists."""
    return {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}


def _read(path: Path) -> BabelCatalog:
    try:
        with path.open("rb") as file:
            return read_mo(file) if path.suffix == ".mo" else read_po(file)
    except Exception as exc:  # Babel raises many kinds for a damaged file; all mean the same to a site owner
        raise CatalogError(f"{path}: not a readable message catalog: {exc}") from exc


def _plural_rule(catalog: BabelCatalog, path: Path) -> PluralRule:
    """The catalog's own Plural-Forms rule (gettext's parser allows only arithmetic on `n`)."""
    try:
        return gettext.c2py(catalog.plural_expr)
    except (ValueError, RecursionError) as exc:
        raise CatalogError(f"{path}: its Plural-Forms header is not a plural rule: {exc}") from exc


def _fits(message_id: str | tuple[str, ...], texts: tuple[str, ...]) -> bool:
    """Whether a translation formats with the English's placeholders: it names no other, and has no stray `%`."""
    ids = (message_id,) if isinstance(message_id, str) else message_id
    names = {name for text in ids for name in PLACEHOLDER.findall(text)}
    values = dict.fromkeys(names, 0)
    for text in texts:
        if not set(PLACEHOLDER.findall(text)) <= names:
            return False
        try:
            text % values
        except (ValueError, TypeError, KeyError):
            return False
    return True


def catalog_problems(catalog: Catalog, site_dir: Path, where: str) -> list[Problem]:
    """What `sitegen check` says about the interface language: each message shown in English for want of a
    translation, and each translation left out. `where`: the settings file, as problems name it."""
    missing = catalog.untranslated
    target = site_dir / "locales" / candidates(catalog.language)[0] / "LC_MESSAGES" / f"{DOMAIN}.po"
    problems = [Problem(path, f"translation of {message!r} left out: its placeholders differ from the English "
                              "(or a '%' is not written '%%'); the English is shown", "warning")
                for path, message in catalog.rejected]
    if missing and not catalog.files:
        return [*problems, Problem(where, f"no message catalog for language {catalog.language!r}: the interface "
                                          f"is in English; translate it in {target} (see docs/languages.md)",
                                   "warning")]
    problems += [Problem(where, f"no {catalog.language!r} translation of {message!r}: shown in English "
                                f"(add it to {target})", "warning") for message in missing]
    return problems
