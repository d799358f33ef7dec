"""Fingerprints: short digests of everything a page is made from, so an unchanged page is not rendered again.

A page's key covers its address, its context (walked value by value, whatever page type made it), the
templates its template can reach, the settings the templates see and sitegen's own code. A context value
that cannot be serialised makes the page uncacheable (rendered every time) rather than risk a stale page:
correct first, fast second.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib.metadata
import io
import operator
import pickle
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from .config import Config

DIGEST_SIZE = 16

_PACKAGE = Path(__file__).resolve().parent
_RENDERING_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "python-slugify", "text-unidecode",
                        "charset-normalizer", "pyyaml")
_NOT_OUTPUT_SETTINGS = frozenset({"content_dir", "output_dir", "site_dir", "strict", "jobs", "cache"})
"""Config fields that cannot change a byte of output (the others, present and future, are all keyed)."""


def digest(*parts: bytes) -> bytes:
    h = hashlib.blake2b(digest_size=DIGEST_SIZE)
    for part in parts:
        h.update(len(part).to_bytes(8, "little"))
        h.update(part)
    return h.digest()


def code_key() -> bytes:
    """sitegen's own source and the versions of the libraries that shape its output."""
    parts = [sys.version.encode()]
    for path in sorted(_PACKAGE.rglob("*.py")):
        parts += [path.relative_to(_PACKAGE).as_posix().encode(), path.read_bytes()]
    for name in _RENDERING_LIBRARIES:
        try:
            parts.append(f"{name}=={importlib.metadata.version(name)}".encode())
        except importlib.metadata.PackageNotFoundError:
            parts.append(name.encode())
    return digest(*parts)


def settings_key(config: Config) -> bytes:
    """The settings that reach the output: every Config field except paths and flags."""
    values = {f.name: getattr(config, f.name) for f in dataclasses.fields(config)
              if f.name not in _NOT_OUTPUT_SETTINGS}
    key = Fingerprinter()(sorted(values.items()))
    assert key is not None, "settings must be plain values"
    return key


def template_keys(env: Environment) -> dict[str, bytes]:
    """For every template: a digest of its source and of every template it extends, includes or imports.

    Editing `article.html` re-renders article pages only; a name computed at run time (which cannot be
    followed) makes the template depend on all of them.
    """
    names = sorted(env.list_templates())
    sources = {name: env.loader.get_source(env, name)[0] for name in names}
    direct: dict[str, set[str] | None] = {}
    for name, source in sources.items():
        try:
            found = list(meta.find_referenced_templates(env.parse(source)))
        except Exception:  # a template that does not parse fails the build when used; key it on everything
            found = [None]
        direct[name] = None if None in found else {n for n in found if n in sources}
    everything = digest(*(part for name in names for part in (name.encode(), sources[name].encode())))
    keys = {}
    for name in names:
        reach, todo, dynamic = set(), [name], False
        while todo:
            current = todo.pop()
            if current in reach:
                continue
            reach.add(current)
            if direct[current] is None:
                dynamic = True
                break
            todo.extend(direct[current])
        keys[name] = everything if dynamic else digest(
            *(part for n in sorted(reach) for part in (n.encode(), sources[n].encode())))
    return keys


def tree_key(folders: Iterable[Path]) -> bytes:
    """Names and bytes of every file under the folders (the static files)."""
    parts = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                parts += [path.relative_to(folder).as_posix().encode(), path.read_bytes()]
    return digest(*parts)


_PLAIN = frozenset({str, int, float, bool, type(None), bytes, dt.date, dt.datetime, dt.time})
"""Types whose repr() is faithful: equal reprs mean equal values."""


class Fingerprinter:
    """Digests of context values, made from their pickle (C speed, faithful to every field of every type).

    Dataclass instances are pickled as their type's name and their field values. Objects many pages show (the
    archive's entries and terms, the clippings) are digested once, by `share`, and then stand in every later
    pickle as their digest: a clipping listed on twenty pages is serialised once, not twenty times. Equal
    digests mean equal values; a value that cannot be pickled gives None (the page is always made).
    """

    def __init__(self, known: Iterable[tuple[object, bytes]] = ()) -> None:
        """`known`: objects whose digest is known already (a clipping's is the key of the file it came from)."""
        self._memo: dict[int, tuple[object, tuple]] = {id(obj): (obj, (_digested, (key,))) for obj, key in known}
        self._fields: dict[type, Any] = {}
        self._buffer = io.BytesIO()
        self._pickler = _Pickler(self._buffer, self, share=False)

    def __call__(self, value: Any) -> bytes | None:
        """The digest of a value; objects met for the first time are pickled in full and not remembered."""
        buffer = self._buffer
        buffer.seek(0)
        buffer.truncate()
        self._pickler.clear_memo()
        try:
            self._pickler.dump(value)
        except Exception:  # unpicklable (a generator, a lock, ...): not cacheable
            return None
        with buffer.getbuffer() as view:
            return hashlib.blake2b(view, digest_size=DIGEST_SIZE).digest()

    def share(self, value: Any) -> bytes | None:
        """The digest of a value whose dataclass instances are shown by many pages: each is digested and
        remembered, so that every later digest holding it pickles 16 bytes instead of the object."""
        try:
            return self._digest(value)
        except Exception:
            return None

    def _digest(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        _Pickler(buffer, self, share=True).dump(value)
        return hashlib.blake2b(buffer.getbuffer(), digest_size=DIGEST_SIZE).digest()

    def reduce(self, obj: Any, share: bool) -> Any:
        """How `obj` stands in a fingerprint's pickle: its digest when known, else its type and fields (a
        dataclass), else NotImplemented (pickled as usual)."""
        found = self._memo.get(id(obj))
        if found is not None and found[0] is obj:
            return found[1]
        kind = type(obj)
        fields = self._fields.get(kind, False)
        if fields is False:
            names = [f.name for f in dataclasses.fields(kind)] if dataclasses.is_dataclass(kind) else []
            fields = self._fields[kind] = (operator.attrgetter(*names, names[0]) if names else None)
        if fields is None:
            return NotImplemented
        values = (kind.__module__, kind.__qualname__, fields(obj))
        if not share:
            return (_digested, values)
        if all(type(v) in _PLAIN or (type(v) is tuple and all(type(x) in _PLAIN for x in v)) for v in values[2]):
            text = repr(values).encode("utf-8", "surrogatepass")  # fast path: flat records (terms, crumbs)
            result = hashlib.blake2b(text, digest_size=DIGEST_SIZE).digest()
        else:
            result = self._digest(values)
        reduced = (_digested, (result,))
        self._memo[id(obj)] = (obj, reduced)  # holding obj keeps its id from being reused for another object
        return reduced


def _digested(*parts: object) -> None:
    """Marks a digest (or a dataclass's type and fields) standing in for a value in a fingerprint's pickle,
    which is never loaded."""


class _Pickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, owner: Fingerprinter, share: bool) -> None:
        super().__init__(file, protocol=5)
        self._owner = owner
        self._share = share

    def reducer_override(self, obj: Any) -> Any:
        # Not called for plain str, int, list, dict, ...: only for objects of other types.
        return self._owner.reduce(obj, self._share)
