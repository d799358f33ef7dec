"""Files a build reads back from the site folder, sealed with a key that lives outside it.

The build cache is pickles and compiled templates: the forms Python reads fastest, and both run code when loaded
(a pickle calls what it names; a template is Python bytecode). A site folder comes from whoever made the archive:
a cache file committed into it (`git add -f .sitegen-cache`) would run on the next build. So each file carries a
tag, a keyed BLAKE2b digest of its bytes and of what it is, made with 32 random bytes kept in the user's own cache
folder (`$XDG_CACHE_HOME/sitegen/key`, else `~/.cache/sitegen/key`; made on first use, readable by the user
alone), never in a repository. A file whose tag does not verify is never loaded: to the build it is absent.
"""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import sys
import tempfile
from pathlib import Path
from typing import Any, BinaryIO

MAGIC = b"sitegen sealed 1\n"
KEY_BYTES = 32
_TAG_BYTES = 32


class KeyUnavailableError(Exception):
    """The key cannot be read or made; the message says where and why."""


def key_file(environ: dict[str, str] | os._Environ[str] | None = None) -> Path:
    """Where this user's key is kept: the platform's per-user cache folder, outside any site folder."""
    environ = os.environ if environ is None else environ
    if environ.get("XDG_CACHE_HOME"):
        base = Path(environ["XDG_CACHE_HOME"])
    elif sys.platform == "win32" and environ.get("LOCALAPPDATA"):
        base = Path(environ["LOCALAPPDATA"])
    else:
        base = Path.home() / ".cache"
    return base / "sitegen" / "key"


def user_key(path: Path) -> bytes:
    """The key in `path`, made (readable by its owner only) when there is none yet; KeyUnavailableError when impossible.

    Made in a temporary file and linked into place, so two builds starting at once agree on one key."""
    try:
        key = path.read_bytes()
        if len(key) == KEY_BYTES:
            return key
        if key:
            raise KeyUnavailableError(f"{path} is not a sitegen key ({len(key)} bytes); delete it to make a new one")
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise KeyUnavailableError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".key.", dir=path.parent)  # mode 0600
        try:
            with os.fdopen(fd, "wb") as file:
                file.write(secrets.token_bytes(KEY_BYTES))
            try:
                os.link(temp, path)
            except FileExistsError:
                pass  # another build made it first: use that one
            except OSError:  # a file system without hard links
                os.replace(temp, path)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        return path.read_bytes()
    except OSError as exc:
        raise KeyUnavailableError(f"cannot make {path}: {exc.strerror or exc}") from exc


def _digest(key: bytes, label: bytes) -> Any:
    digest = hashlib.blake2b(key=key, digest_size=_TAG_BYTES, person=b"sitegen-seal")
    digest.update(len(label).to_bytes(4, "big") + label)
    return digest


def _tag(key: bytes, label: bytes, payload: bytes | memoryview) -> bytes:
    digest = _digest(key, label)
    digest.update(payload)
    return digest.digest()


class SealingWriter:
    """A sealed file written as a stream: the payload goes through the tag's digest on its way to `file`, and the
    tag, known only at the end, is put in its place by `finish()`. pickle.dump writes into it frame by frame, so
    no cache file's payload is held whole in memory, or copied. The label says what the file is (which cache,
    which file), so a sealed file moved into the place of another does not verify there."""

    def __init__(self, file: BinaryIO, key: bytes, label: bytes) -> None:
        self._file = file
        self._digest = _digest(key, label)
        file.write(MAGIC + bytes(_TAG_BYTES))

    def write(self, data: bytes | memoryview) -> int:
        self._digest.update(data)
        return self._file.write(data)

    def finish(self) -> None:
        self._file.seek(len(MAGIC))
        self._file.write(self._digest.digest())


def unseal(key: bytes, label: bytes, data: bytes) -> memoryview | None:
    """The payload when `data` was sealed with this key and label; None for anything else."""
    start = len(MAGIC) + _TAG_BYTES
    if len(data) < start or not data.startswith(MAGIC):
        return None
    payload = memoryview(data)[start:]
    return payload if hmac.compare_digest(_tag(key, label, payload), data[len(MAGIC):start]) else None
