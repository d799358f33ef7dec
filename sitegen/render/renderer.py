"""Rendering pages: each page's bytes from its template and context, and its key, so that a page whose key is
the previous build's is not rendered again."""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from jinja2 import Environment

from ..publish.writer import Output, SiteWriter
from ..site.compressed import gzipped
from ..site.pages import Page
from ..urls import output_path
from .fingerprint import Fingerprinter, digest


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
