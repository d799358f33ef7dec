"""`sitegen new DIR`: a ready archive repository, apart from sitegen's own source tree.

It holds example clippings (one per format), a `sitegen.toml` listing every setting with its default, a
`requirements.txt` pinning the sitegen to install, the GitHub Pages workflow (checks on pull requests, build and
deploy with the previous build restored), a `.gitignore` and a README with the three things to do. `sitegen build`
works in it at once. The files are package data in `files/`, stored without leading dots (`gitignore`) so that
no packaging tool takes them for its own or leaves them out.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import SitegenError
from .settings import settings_file
from .source import Source, installed_source, requirements_text

FILES = Path(__file__).parent / "files"
COPIED = {"README.md": "README.md", ".gitignore": "gitignore", ".github/workflows/pages.yml": "pages.yml"}
"""Files copied as they are: path in the new archive → file in `files/`."""
ALLOWED = {".git"}
"""What a folder may already hold: an empty clone of a new GitHub repository is a fine place to start."""


@dataclass(frozen=True)
class NewArchive:
    """What `new_archive` wrote."""

    folder: Path
    files: tuple[str, ...]
    """Paths written, relative to the folder, sorted."""
    source: Source
    """Where the workflow installs sitegen from (see `requirements.txt`)."""


def new_archive(folder: Path, source: Source | None = None) -> NewArchive:
    """Write a new archive repository into `folder`, which must not exist or be empty (a `.git` aside)."""
    if folder.exists():
        if not folder.is_dir():
            raise SitegenError(f"{folder} is a file; sitegen new makes a new folder, or fills an empty one")
        present = sorted(p.name for p in folder.iterdir() if p.name not in ALLOWED)
        if present:
            shown = ", ".join(present[:3]) + (", ..." if len(present) > 3 else "")
            raise SitegenError(f"{folder} is not empty ({shown}); sitegen new writes only into a new or empty folder")
    source = source or installed_source()
    files: dict[str, str] = {name: (FILES / stored).read_text(encoding="utf-8") for name, stored in COPIED.items()}
    for path in sorted((FILES / "content").rglob("*")):
        if path.is_file():
            files[path.relative_to(FILES).as_posix()] = path.read_text(encoding="utf-8")
    files["sitegen.toml"] = settings_file()
    files["requirements.txt"] = requirements_text(source)
    try:
        for name, text in sorted(files.items()):
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "x", encoding="utf-8", newline="\n") as file:
                file.write(text)
    except OSError as exc:
        raise SitegenError(f"cannot write the new archive in {folder}: {exc.strerror or exc}") from exc
    return NewArchive(folder, tuple(sorted(files)), source)
