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
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from ..config import Config

DIGEST_SIZE = 16

_PACKAGE = Path(__file__).resolve().parent.parent
_RENDERING_LIBRARIES = ("jinja2", "markupsafe", "markdown-it-py", "python-slugify", "text-unidecode",
                        "charset-normalizer", "pyyaml", "babel")
_NOT_OUTPUT_SETTINGS = frozenset({"content_dir", "output_dir", "site_dir", "strict", "jobs", "cache", "force",
                                  "config_file"})
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
        self._reducers = _Reducers(self, share=False)
        self._sharing = _Reducers(self, share=True)
        self._buffer = io.BytesIO()
        self._pickler = self._new_pickler(self._buffer, self._reducers)
        self._nested: list[tuple[io.BytesIO, pickle.Pickler]] = []
        self._depth = 0

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
        # One pickler per depth (a shared object's fields may hold another met for the first time), reused:
        # making one costs more than pickling a record.
        depth = self._depth
        if depth == len(self._nested):
            buffer = io.BytesIO()
            self._nested.append((buffer, self._new_pickler(buffer, self._sharing)))
        buffer, pickler = self._nested[depth]
        buffer.seek(0)
        buffer.truncate()
        pickler.clear_memo()
        self._depth = depth + 1
        try:
            pickler.dump(value)
        finally:
            self._depth = depth
        with buffer.getbuffer() as view:
            return hashlib.blake2b(view, digest_size=DIGEST_SIZE).digest()

    @staticmethod
    def _new_pickler(buffer: io.BytesIO, reducers: _Reducers) -> pickle.Pickler:
        pickler = pickle.Pickler(buffer, protocol=5)
        pickler.dispatch_table = reducers
        return pickler

    def reducer(self, kind: type, share: bool) -> Callable[[Any], tuple]:
        """How an instance of dataclass `kind` stands in a pickle: its digest when known, else its type and
        fields; with `share`, its digest, made and remembered."""
        names = [f.name for f in dataclasses.fields(kind)]
        fields = operator.attrgetter(*names, names[0])  # two names or more: always a tuple
        name = (kind.__module__, kind.__qualname__)
        memo = self._memo

        def inline(obj: Any) -> tuple:
            found = memo.get(id(obj))
            if found is not None and found[0] is obj:
                return found[1]
            return (_digested, (name, fields(obj)))

        def shared(obj: Any) -> tuple:
            found = memo.get(id(obj))
            if found is not None and found[0] is obj:
                return found[1]
            values = (name, fields(obj))
            if all(type(v) in _PLAIN or (type(v) is tuple and all(type(x) in _PLAIN for x in v)) for v in values[1]):
                text = repr(values).encode("utf-8", "surrogatepass")  # fast path: flat records (terms, crumbs)
                result = hashlib.blake2b(text, digest_size=DIGEST_SIZE).digest()
            else:
                result = self._digest(values)
            reduced = (_digested, (result,))
            memo[id(obj)] = (obj, reduced)  # holding obj keeps its id from being reused for another object
            return reduced

        return shared if share else inline


_REDUCE_EX = operator.methodcaller("__reduce_ex__", 5)
"""What the pickler does by itself with an object of a class (protocol 5)."""


class _Reducers(dict):
    """A pickler's dispatch table: type -> reduce function, filled on first sight of each type.

    Looked up by the pickler in C, so only dataclass instances cost a call into Python; other objects (dates,
    Markup) keep their own reduction."""

    def __init__(self, owner: Fingerprinter, share: bool) -> None:
        super().__init__()
        self._owner = owner
        self._share = share

    def __missing__(self, kind: type) -> Callable[[Any], Any]:
        if issubclass(kind, type):
            raise KeyError(kind)  # classes of a metaclass: pickled by name, as the pickler does without a table
        found = self[kind] = (self._owner.reducer(kind, self._share)
                              if dataclasses.is_dataclass(kind) and dataclasses.fields(kind) else _REDUCE_EX)
        return found


def _digested(*parts: object) -> None:
    """Marks a digest (or a dataclass's type and fields) standing in for a value in a fingerprint's pickle,
    which is never loaded."""
