"""Which pages a build renders, and their files: a page keeps the previous build's file when that was made from
the same key, or when the page renders to the very same bytes.

The rendering and keying come in as functions, so that this runs in worker processes as well; it writes nothing
(the build's one writer stores what it returns).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from ..site.records import Page
from ..urls import output_path
from .writer import Made, Output, PreviousOutput, file_digest

Key = Callable[[Page], bytes | None]
"""A page's fingerprint (None: it cannot be keyed, so it is always rendered)."""
Render = Callable[[Page], bytes]

UNWRITTEN = (0, 0, 0)
"""The stat of a file not written yet: the writer puts the real one in its record."""


def sort_out(pages: Iterable[tuple[int, Page]], key: Key,
             previous: PreviousOutput) -> tuple[list[tuple[str, Output]], list[tuple[int, bytes | None]]]:
    """For (position, page) pairs: the files of the pages whose previous file can be kept, and the positions and
    keys of the others."""
    kept, todo = [], []
    reusable = previous.reusable
    for position, page in pages:
        page_key = key(page)
        relative = output_path(page.url)
        output = reusable(relative, page_key)
        if output is None:
            todo.append((position, page_key))
        else:
            kept.append((relative, output))
    return kept, todo


def make(pages: Sequence[tuple[Page, bytes | None]], key: Key, render: Render,
         previous: PreviousOutput) -> list[Made]:
    """Each page's file (keyed here when its key is None): kept when the previous one can be, else rendered."""
    made: list[Made] = []
    for page, page_key in pages:
        relative = output_path(page.url)
        if page_key is None:
            page_key = key(page)
        output = previous.reusable(relative, page_key)
        if output is not None:
            made.append((relative, output, None))
            continue
        data = render(page)
        data_digest = file_digest(data)
        output = previous.same_bytes(relative, data_digest, page_key)
        made.append((relative, output, None) if output is not None
                    else (relative, Output(page_key, data_digest, UNWRITTEN), data))
    return made
