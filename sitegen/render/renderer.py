"""Rendering pages: each page's bytes from its template and context, and each page's key, a fingerprint of all
it is made from, so that a page whose key is the previous build's is not rendered again."""
from __future__ import annotations

from collections.abc import Iterable

from jinja2 import Environment

from ..site.compressed import gzipped
from ..site.records import Page
from .fingerprint import Fingerprinter, digest


class PageRenderer:
    """Renders pages to bytes and keys them; writes nothing, so it runs in worker processes too.

    A page's key is the digest of the build-wide key (code and settings), its template with everything that
    template extends or imports, its kind, address and leanness, and its context; any page type gets one without
    special code.
    """

    def __init__(self, env: Environment, build_key: bytes, template_keys: dict[str, bytes],
                 known: Iterable[tuple[object, bytes]] = ()) -> None:
        """`known`: objects whose digest is known already (a clipping's is the key of the file it came from)."""
        self.env = env
        self.build_key = build_key
        self.template_keys = template_keys
        self.fingerprint = Fingerprinter(known)

    def key(self, page: Page) -> bytes | None:
        context = self.fingerprint(page.context)
        template = self.template_keys.get(page.template)
        if context is None or template is None:
            return None
        return digest(self.build_key, template, page.kind.encode(), page.url.encode("utf-8"),
                      b"lean" if page.lean else b"", context)

    def key_of(self, value: object, purpose: str) -> bytes | None:
        """The key of something made from `value` by code (named by `purpose`) and the build's settings.

        `value`'s objects are remembered: pages showing them later pickle their digests only."""
        found = self.fingerprint.share(value)
        return None if found is None else digest(self.build_key, purpose.encode(), found)

    def render(self, page: Page) -> bytes:
        """The page's file: its text in UTF-8, gzip-compressed when its address ends in `.gz` (a sitemap part)."""
        text = self.env.get_template(page.template).render(page.context, page=page, page_url=page.url)
        data = text.encode("utf-8")
        return gzipped(data) if page.url.endswith(".gz") else data
