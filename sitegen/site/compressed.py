"""Gzip files that are the same bytes for the same input, for what readers do not open in a browser."""
from __future__ import annotations

import zlib


def gzipped(data: bytes) -> bytes:
    """`data` as a gzip file with no name or time in its header, so the same bytes always give the same file.
    At the smallest size (level 9): every byte counts against GitHub Pages' 1 GB, and the big files (a 50 MB
    export: 2.4 s, against 1.3 s at the default level) are compressed in a background process."""
    return zlib.compress(data, 9, wbits=31)
