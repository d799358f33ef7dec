"""Reading a whole content folder in one call: find the files, key them, load them (`sitegen check`, tests)."""
from __future__ import annotations

from pathlib import Path

from ..model import Clipping, Problem
from .keys import content_keys
from .registry import Reader, load_files
from .walk import find_files


def read_folder(root: Path, reader: Reader) -> tuple[list[Clipping], list[Problem]]:
    """Load every clipping under root, in a deterministic order; problems are returned, never raised."""
    files, problems = find_files(root)
    keys, _ = content_keys(files, reader)
    clippings, found, _ = load_files(files, {rel: key for rel, (_, key) in keys.items()}, reader)
    return clippings, sorted(problems + found, key=lambda p: (p.file, p.line or 0))
