"""Work run in a forked child while the build goes on: its result, or its failure, comes back whole."""
from __future__ import annotations

import os

import pytest

from sitegen.parallel import Background, chunked_map


def test_a_background_result_comes_from_another_process_and_equals_the_in_process_one() -> None:
    forked = Background(lambda: (os.getpid(), [n * n for n in range(1000)]), jobs=2)
    inline = Background(lambda: (os.getpid(), [n * n for n in range(1000)]), jobs=1)
    pid, values = forked.result()
    assert pid != os.getpid()
    assert inline.result() == (os.getpid(), values)
    assert forked.result() == (pid, values), "asked twice, the same result"


def test_a_background_failure_is_raised_where_the_result_is_asked_for() -> None:
    def fail() -> None:
        raise ValueError("no such clipping")

    child = Background(fail, jobs=2)
    with pytest.raises(ValueError, match="no such clipping"):
        child.result()


def test_a_cancelled_background_child_is_stopped_and_reaped() -> None:
    import time

    child = Background(lambda: time.sleep(30), jobs=2)
    started = time.monotonic()
    child.cancel()
    assert time.monotonic() - started < 10
    with pytest.raises(ChildProcessError):
        os.waitpid(child._pid, os.WNOHANG)  # already reaped: no zombie left


def test_chunked_map_gives_every_chunk_once_whatever_the_jobs() -> None:
    items = list(range(1000))
    for jobs in (1, 2):
        chunks = list(chunked_map(sum, items, jobs, chunk_size=64, min_items=10))
        assert sorted(chunks) == sorted(sum(items[i:i + 64]) for i in range(0, 1000, 64))
