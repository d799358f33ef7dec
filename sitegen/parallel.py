"""Running one function over many items on every core, with forked worker processes.

Workers are forked after the parent has built everything they need (pages, archive, Jinja environment,
caches): the function and the items reach them through the fork itself, never pickled, so only a chunk's
bounds go to a worker and only its result comes back. Where fork is not available (Windows), with one job or
with few items, the same function runs in this process: output never depends on how many workers there were.
A worker that dies (killed, out of memory) fails the build with a message; it never leaves it waiting.
"""
from __future__ import annotations

import multiprocessing
import os
import pickle
import signal
import traceback
from collections.abc import Callable, Iterator, Sequence
from multiprocessing.connection import Connection, wait
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")


def default_jobs() -> int:
    """Worker processes to use: the cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


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
        if jobs > 1 and can_fork():
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
    if jobs <= 1 or len(items) < max(min_items, 2) or len(chunks) < 2 or not can_fork():
        for start, stop in chunks:
            yield work(items[start:stop])
        return
    yield from _fork_map(lambda bounds: work(items[bounds[0]:bounds[1]]), chunks, min(jobs, len(chunks)))


def _fork_map(function: Callable[[Any], R], tasks: Sequence[Any], workers: int) -> Iterator[R]:
    """`function(task)` for every task in `workers` forked processes, results as they come.

    Each worker has a pipe of its own, on which it gets its next task as soon as it answers one (two are kept
    in hand so that it never waits for this process): a slow chunk does not hold up the others, no lock is
    shared, and a worker's death shows as its pipe closing."""
    context = multiprocessing.get_context("fork")
    todo = iter(enumerate(tasks))
    pipes: dict[Connection, Any] = {}
    owed: dict[Connection, int] = {}
    """Tasks a worker holds and has not answered: when its pipe closes with some owed, it died."""
    told_to_end: set[Connection] = set()

    def hand_out(pipe: Connection) -> None:
        """The next task, or the end marker once there is none (sent once: the worker then leaves)."""
        if pipe not in told_to_end:
            task = next(todo, None)
            pipe.send(task)
            if task is None:
                told_to_end.add(pipe)
            else:
                owed[pipe] += 1

    try:
        for _ in range(workers):
            ours, theirs = context.Pipe()
            # The worker closes the ends this process keeps (its own, and earlier workers' it inherits), so that
            # its pipe reads as closed the moment this process dies: a killed build leaves no worker behind.
            process = context.Process(target=_serve, args=(function, theirs, [*pipes, ours]), daemon=True)
            process.start()  # forked: `function` and the tasks are inherited, not pickled
            theirs.close()
            pipes[ours], owed[ours] = process, 0
            for _ in range(2):
                hand_out(ours)
        pending = len(tasks)
        while pending:
            for ready in wait([pipe for pipe in pipes if owed[pipe]]):
                try:
                    ok, value = ready.recv()
                except EOFError:
                    process = pipes[ready]
                    process.join()
                    raise RuntimeError(f"a worker process ended before its work was done (exit code "
                                       f"{process.exitcode})") from None
                if not ok:
                    raise value
                owed[ready] -= 1
                hand_out(ready)
                pending -= 1
                yield value
    finally:
        for pipe, process in pipes.items():
            if process.is_alive():
                process.kill()
            process.join()
            pipe.close()


def _serve(function: Callable[[Any], Any], pipe: Connection, not_ours: list[Connection]) -> None:
    """A worker: run the tasks that come on `pipe` until `None` (or until the pipe closes: the build is gone),
    answering each on it."""
    for other in not_ours:
        other.close()
    while (task := pipe.recv()) is not None:
        _, item = task
        try:
            outcome = (True, function(item))
        except BaseException as exc:
            outcome = (False, _portable(exc))
        pipe.send(outcome)
