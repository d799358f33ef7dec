"""Running one function over many items on every core, with forked worker processes.

Workers are forked after the parent has built everything they need (pages, archive, Jinja environment,
caches), so nothing but a chunk's position goes to a worker and only small results come back. Where fork
is not available (Windows, or one core), the same function runs in this process: output never depends on
how many workers there were.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import traceback
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


class Background:
    """One function run in a forked child while this process goes on; `result()` waits for it and returns it.

    For work that needs what this process has made (the archive) but nothing this process makes next, such as
    the data export: on two cores it costs no wall time. Without fork, or with one job, the function runs in
    this process when `result()` is first asked for, so the output never depends on it.
    """

    def __init__(self, work: Callable[[], R], jobs: int) -> None:
        self._work: Callable[[], Any] | None = work
        self._pid = 0
        self._done = False
        self._value: Any = None
        if jobs > 1 and "fork" in multiprocessing.get_all_start_methods():
            read, write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: run, send the outcome, leave without running the parent's exit handlers
                os.close(read)
                try:
                    try:
                        outcome = (True, work())
                    except BaseException as exc:
                        outcome = (False, _portable(exc))
                    with os.fdopen(write, "wb") as pipe:
                        pickle.dump(outcome, pipe, protocol=pickle.HIGHEST_PROTOCOL)
                finally:
                    os._exit(0)
            os.close(write)
            self._pid, self._pipe = pid, os.fdopen(read, "rb")
            self._work = None

    def result(self) -> Any:
        if not self._done:
            self._done = True
            if self._work is not None:
                work, self._work = self._work, None
                self._value = work()
            else:
                try:
                    with self._pipe:
                        data = self._pipe.read()
                finally:
                    _, status = os.waitpid(self._pid, 0)
                if not data:
                    raise RuntimeError(f"a background worker ended without a result (exit status {status})")
                ok, self._value = pickle.loads(data)
                if not ok:
                    raise self._value
        return self._value

    def cancel(self) -> None:
        """Stop a child still running (the build failed elsewhere) and reap it."""
        if self._pid and not self._done:
            self._done = True
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self._pipe.close()
            os.waitpid(self._pid, 0)


def _portable(exc: BaseException) -> BaseException:
    """The exception itself when it can cross the pipe, else a RuntimeError with its traceback."""
    try:
        pickle.loads(pickle.dumps(exc))
        return exc
    except Exception:
        return RuntimeError("".join(traceback.format_exception(exc)))


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
