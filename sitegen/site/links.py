"""From a site-relative address to what a reader or a crawler follows: the only place the base URL is applied.

`href` gives what pages link with (the base path plus the address: it works at any depth and on any host that
serves the site, so it is right for every href and src). `absolute` gives the full URL that canonical links,
Open Graph, feeds, the sitemap and JSON-LD want; it needs `base_url` with a scheme and host. When `base_url` is
only a path, `absolute` falls back to the href and `is_absolute` is False, so callers that cannot do with a path
(the sitemap, `og:url`) leave their output out rather than publish a wrong address.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from ..config import Config

# Characters left as they are when a URL is made absolute: the reserved and unreserved ones of RFC 3986, and `%`
# so that an address already percent-encoded is not encoded twice. Everything else (spaces, non-ASCII) is encoded.
_SAFE = "/:@!$&'()*+,;=-._~%"
_UNSAFE = re.compile(r"[^A-Za-z0-9/:@!$&'()*+,;=\-._~%]")
"""A character `quote(..., safe=_SAFE)` would encode."""


@dataclass(frozen=True, slots=True)
class Links:
    """The base URL of one build, split into the parts addresses are made from."""

    base_path: str
    """Path the site is served under, starting and ending with `/`."""
    origin: str | None
    """`scheme://host[:port]` when the base URL is absolute, else None."""

    @classmethod
    def from_config(cls, config: Config) -> Links:
        parts = urlsplit(config.base_url)
        return cls(config.base_path, f"{parts.scheme}://{parts.netloc}" if parts.scheme else None)

    @property
    def is_absolute(self) -> bool:
        """True when absolute URLs can be made (the base URL names a host)."""
        return self.origin is not None

    def href(self, address: str) -> str:
        """What a page links with: `/archive/2024/03/11/slug/` for `/2024/03/11/slug/`."""
        return self.base_path + address.lstrip("/")

    def absolute(self, address: str) -> str:
        """`https://name.github.io/archive/2024/...` for an address; the href when no host is known."""
        href = self.href(address)
        if _UNSAFE.search(href):  # rare (slugs are ASCII): `quote` costs ten times the search, on every page
            href = quote(href, safe=_SAFE)
        return self.origin + href if self.origin else href


def external(address: str | None) -> str | None:
    """The address when it is a plain http(s) URL with a host, else None: nothing else is ever linked."""
    if not address:
        return None
    address = address.strip()
    parts = urlsplit(address)
    return address if parts.scheme in ("http", "https") and parts.netloc else None
