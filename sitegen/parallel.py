"""Running one function over many items on every core, with forked worker processes.

Workers are forked after the parent has built everything they need (pages, archive, Jinja environment,
caches), so nothing but a chunk's position goes to a worker and only small results come back. Where fork
is not available (Windows, or one core), the same function runs in this process: output never depends on
how many workers there were.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_TASK: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None
"""What the forked workers run: set just before forking, inherited, never pickled."""


def default_jobs() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def chunked_map(work: Callable[[Sequence[T]], R], items: Sequence[T], jobs: int,
                chunk_size: int, min_items: int = 0) -> Iterator[R]:
    """`work(chunk)` for consecutive chunks of `items`, results in completion order.

    Runs in-process when `jobs` is 1, when there are fewer than `min_items` items (forking costs more than
    it saves), or when the platform cannot fork. An exception in a worker is raised here.
    """
    chunks = [(start, min(start + chunk_size, len(items))) for start in range(0, len(items), chunk_size)]
    if jobs <= 1 or len(items) < max(min_items, 2) or len(chunks) < 2 \
            or "fork" not in multiprocessing.get_all_start_methods():
        for start, stop in chunks:
            yield work(items[start:stop])
        return
    global _TASK
    _TASK = (work, items)
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(chunks))) as pool:
            yield from pool.imap_unordered(_run_chunk, chunks)
    finally:
        _TASK = None


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _TASK is not None, "worker started without a task"
    work, items = _TASK
    return work(items[bounds[0]:bounds[1]])
