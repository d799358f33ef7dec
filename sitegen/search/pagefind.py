"""Driving Pagefind: index one shard's clipping pages and hand back the files of its index, as bytes.

Pagefind's indexer holds a whole index in memory; one index over 100,000 clipping bodies peaked near 12 GB.
So the clippings are indexed in shards (see shards.py), each in a Pagefind service process of its own (whose
memory is returned when it exits).

Pagefind is asked for the files (its GetFiles request), never to write them: the build's one writer puts them
on disk. Pagefind's own writes are not waited for: its writer hands each file to a background thread and
answers "written" at once (tokio's `File::write_all` without a flush, pagefind/src/output/mod.rs), and the
service process ends with `std::process::exit` as soon as its input closes (pagefind/src/service/mod.rs),
killing the writes still in flight. On a busy disk that left shards with empty or cut files (issue 15).

The conversation is Pagefind's service protocol (`pagefind --service`: base64 JSON messages ended by commas,
the interface Pagefind's own Node and Python packages drive), spoken here because the Python package's client
cannot receive an answer over 2 MiB (its stream reader's limit is fixed: a shard's files are 10-30 MB), and
waits forever for a process that died. Reading the process's output directly, a dead Pagefind is an end of
file, so it fails the build at once instead of hanging it.
"""
from __future__ import annotations

import base64
import binascii
import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Any

from ..errors import BuildError

_READ = 1 << 20
"""Bytes read from Pagefind's output at a time."""
_ENDING = 10.0
"""Seconds a Pagefind that closed its output has to end before it is stopped."""


def index_files(site: Path, glob: str, language: str) -> tuple[int, dict[str, bytes]]:
    """Index the pages under `site` that `glob` matches, all as `language`; the number of pages Pagefind read and
    the files of the index by path within its folder (`pagefind-entry.json`, `fragment/<hash>.pf_fragment`, ...).

    Every page is indexed as `language` (Pagefind's `force_language`): Pagefind otherwise splits an index by
    each page's language and searches only the reader's, so clippings in other languages would never be found
    from the one search page. Raises BuildError when Pagefind cannot be started, fails, or ends early.
    """
    from pagefind.service import get_executable  # here: a build without search never needs it

    executable = get_executable()
    if executable is None:
        raise BuildError("search indexing failed: Pagefind's program was not found (pip install 'pagefind[bin]')")
    with _Service(executable, site) as service:
        index = service.ask("NewIndex", {"config": {"force_language": language}}, "NewIndex", "index_id")
        pages = service.ask("AddDir", {"index_id": index, "path": str(site), "glob": glob}, "IndexedDir", "page_count")
        listed = service.ask("GetFiles", {"index_id": index}, "GetFiles", "files")
    try:
        files = {entry["path"].replace(os.sep, "/"): binascii.a2b_base64(entry["content"], strict_mode=True)
                 for entry in listed}
    except (KeyError, TypeError, AttributeError, binascii.Error) as exc:
        raise BuildError(f"search indexing failed: Pagefind sent files sitegen cannot read ({exc})") from exc
    return pages, files


class _Service:
    """One Pagefind service process: requests in on its standard input, answers out on its standard output.

    It runs in `site` with no PAGEFIND_* settings from the environment: the program reads a pagefind.yml/.toml/
    .json found in its working folder and such variables even as a service, and fails on some of them."""

    def __init__(self, executable: Path, site: Path) -> None:
        env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        self._errors: IO[bytes] = tempfile.TemporaryFile()  # a file, not a pipe: a pipe nobody reads can fill up
        try:
            self._process = subprocess.Popen([str(executable), "--service"], cwd=site, env=env,
                                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors)
        except OSError as exc:
            self._errors.close()
            raise BuildError(f"search indexing failed: cannot start Pagefind ({executable}): {exc}") from exc
        self._received = bytearray()
        self._last = 0

    def __enter__(self) -> _Service:
        return self

    def __exit__(self, *failure: object) -> None:
        """Let Pagefind end (at the end of its input it exits by itself; it has written nothing), or stop it if
        the conversation failed."""
        try:
            if failure[0] is not None:
                self._process.kill()
            if self._process.stdin is not None:
                try:
                    self._process.stdin.close()
                except OSError:
                    pass
            self._process.wait()
            if self._process.stdout is not None:
                self._process.stdout.close()
        finally:
            self._errors.close()

    def ask(self, kind: str, fields: dict[str, Any], answer: str, field: str) -> Any:
        """Send one request; the named field of its answer, which must be of the `answer` type."""
        self._last += 1
        message = json.dumps({"message_id": self._last, "payload": {"type": kind, **fields}}).encode()
        try:
            assert self._process.stdin is not None
            self._process.stdin.write(base64.b64encode(message) + b",")
            self._process.stdin.flush()
        except OSError:  # it is gone; what it said on leaving comes from the read below
            pass
        while True:
            reply = self._answer()
            if reply.get("message_id") not in (self._last, None):
                continue
            payload = reply.get("payload") if isinstance(reply.get("payload"), dict) else {}
            if payload.get("type") == "Error":
                raise BuildError(f"search indexing failed: Pagefind: {payload.get('message', 'an error')}")
            if payload.get("type") != answer or field not in payload:
                raise BuildError(f"search indexing failed: Pagefind answered {kind} with {str(payload)[:200]}")
            return payload[field]

    def _answer(self) -> dict[str, Any]:
        """The next message on Pagefind's output; BuildError when the process ends first."""
        assert self._process.stdout is not None
        output = self._process.stdout.fileno()
        searched = 0
        while (end := self._received.find(b",", searched)) < 0:
            searched = len(self._received)
            chunk = os.read(output, _READ)
            if not chunk:
                raise BuildError(f"search indexing failed: Pagefind stopped unexpectedly ({self._ending()})")
            self._received += chunk
        with memoryview(self._received) as received:
            message = received[:end]
            try:
                reply = json.loads(binascii.a2b_base64(message, strict_mode=True))
            except (ValueError, binascii.Error) as exc:
                raise BuildError(f"search indexing failed: Pagefind wrote something that is not an answer "
                                 f"({bytes(message[:80])!r})") from exc
            finally:
                message.release()
        del self._received[:end + 1]
        if not isinstance(reply, dict):
            raise BuildError(f"search indexing failed: Pagefind wrote something that is not an answer ({reply!r:.80})")
        return reply

    def _ending(self) -> str:
        """How the process ended (it closed its output: it ends, or is ended), with what it said on leaving."""
        try:
            code = self._process.wait(timeout=_ENDING)
        except subprocess.TimeoutExpired:
            self._process.kill()
            code = self._process.wait()
        self._errors.seek(0)
        said = [line.strip() for line in self._errors.read()[-4096:].decode("utf-8", "replace").splitlines()
                if line.strip() and not line.startswith("note: run with")]  # Rust's advice on a panic
        return f"exit code {code}" + (f": {' '.join(said)[-300:]}" if said else "")


def indexer_version() -> str:
    """Pagefind's version (the Python API's and the binary's): another version may write another index."""
    import importlib.metadata  # here: a build without search never needs it

    found = []
    for name in ("pagefind", "pagefind_bin", "pagefind-bin"):
        try:
            found.append(f"{name}=={importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            continue
    return " ".join(found)
