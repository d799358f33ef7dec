"""Where a new archive's workflow installs sitegen from: the very sitegen that made it, pinned, when GitHub's
runners can reach where it came from.

pip records where it installed a package from (PEP 610 `direct_url.json`): a git repository at a commit, an
archive at a URL, a folder on this computer, or (no record) a package index. The first two are written as they
are, pinned to the commit or file; from an index, as `sitegen==VERSION`. A folder on this computer cannot be
reached from a runner: the line then names a placeholder to replace, and says so.

The name `sitegen` on PyPI belongs to another project, so the line never names sitegen without a version, a
commit or a URL.
"""
from __future__ import annotations

import importlib.metadata
import json
from dataclasses import dataclass

from .. import __version__

PLACEHOLDER = f"sitegen @ git+https://github.com/OWNER/sitegen@v{__version__}"


@dataclass(frozen=True)
class Source:
    """A requirement line for pip, and whether a GitHub runner can install from it."""

    requirement: str
    reachable: bool
    origin: str = ""
    """Where this sitegen was installed from, when that is not reachable (to say so)."""


def installed_source() -> Source:
    """The requirement that installs this very sitegen again, pinned."""
    try:
        record = importlib.metadata.distribution("sitegen").read_text("direct_url.json")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree that was never installed
        return Source(PLACEHOLDER, False, "a source folder that was not installed")
    if record is None:
        return Source(f"sitegen=={__version__}", True)
    try:
        info = json.loads(record)
        url = info["url"]
    except (ValueError, KeyError, TypeError):
        return Source(PLACEHOLDER, False, "an unknown place")
    vcs = info.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id") and not url.startswith("file:"):
        return Source(f"sitegen @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}", True)
    archive = info.get("archive_info")
    if isinstance(archive, dict) and url.startswith(("https://", "http://")):
        digest = archive.get("hash")
        return Source(f"sitegen @ {url}" + (f"#{digest}" if digest and "#" not in url else ""), True)
    return Source(PLACEHOLDER, False, url)


def requirements_text(source: Source) -> str:
    """The archive's `requirements.txt`."""
    lines = ["# The sitegen the workflow (and you, with `pip install -r requirements.txt`) installs, pinned to one",
             "# version so that the site does not change because sitegen did. To upgrade, change the line below:",
             "# a tag or commit after the @ of a git URL, or sitegen==X.Y.Z from a package index."]
    if not source.reachable:
        lines += ["#", f"# CHANGE THIS: sitegen was installed from {source.origin}, which GitHub's runners cannot",
                  "# reach. Name a source they can: the git repository you got sitegen from, at a tag or commit."]
    return "\n".join([*lines, source.requirement]) + "\n"
