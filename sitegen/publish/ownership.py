"""Which folder a build may replace: one sitegen made (it carries the mark), an empty one, or a new one.

A build replaces its output folder as a whole, so `--out ../docs` pointed at a folder of the user's own would
delete every file in it. Like Hugo, which never deletes unknown files unless asked, sitegen refuses a non-empty
folder it did not make, and says how to proceed; `--force` replaces it anyway. Every build writes the mark
(`MARKER`, a hidden file, which GitHub's Pages upload leaves out; see site/web.py) into the folder it makes.

Folders built before the mark existed: one is taken as sitegen's when the build cache in the site folder has a
manifest for it and it holds the files every build of sitegen writes (`index.html`, `404.html`, `.nojekyll`),
so that upgrading needs no `--force`. A manifest alone would not do: the site folder may come from someone else.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import BuildError
from ..site.web import MARKER
from .cache import FOLDER, slot_name

_EVERY_BUILD = ("index.html", "404.html", ".nojekyll")
"""Files every build of sitegen has written, before the mark too."""


def check_replaceable(out_dir: Path, site_dir: Path, force: bool) -> None:
    """Raise BuildError, saying how to proceed, unless a build may replace `out_dir` (as given, not resolved)."""
    if out_dir.is_symlink():
        target = out_dir.resolve()
        if not force:
            raise BuildError(f"the output folder {out_dir} is a symbolic link (to {target}); sitegen replaces the "
                             f"folder it builds into, so give that folder itself: --out {target}")
        return
    if force or not out_dir.is_dir() or _is_empty(out_dir) or (out_dir / MARKER).is_file():
        return
    if all((out_dir / name).is_file() for name in _EVERY_BUILD) and \
            (site_dir / FOLDER / slot_name(out_dir) / "manifest.pickle").is_file():
        return  # built by a sitegen from before the mark: the mark is written by this build
    example = _first_entry(out_dir)
    raise BuildError(f"refusing to replace {out_dir}: it is not empty (it holds {example!r}, among others) and "
                     f"sitegen did not make it (no {MARKER} file). A build replaces its output folder as a whole. "
                     f"Give an empty or new folder with --out, or run again with --force to replace this one and "
                     f"everything in it.")


def _is_empty(folder: Path) -> bool:
    with os.scandir(folder) as entries:
        return next(entries, None) is None


def _first_entry(folder: Path) -> str:
    with os.scandir(folder) as entries:
        return min(entry.name for entry in entries)
