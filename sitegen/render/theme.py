"""Where templates and static files come from: the site's own folders first, then the default theme.

The default theme is the repository's top-level `templates/` and `static/`; a wheel carries them inside the
package as `sitegen/_theme/` so that `pip install sitegen` works in any archive folder.
"""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def default_theme() -> Path:
    """The folder holding the default `templates/` and `static/` (installed wheel, or the source checkout)."""
    bundled = _PACKAGE / "_theme"
    return bundled if (bundled / "templates").is_dir() else _PACKAGE.parent


def theme_dirs(site_dir: Path, kind: str) -> list[Path]:
    """Folders to look in for `kind` (`templates` or `static`), the site's own first; duplicates removed."""
    dirs = []
    for base in (site_dir, default_theme()):
        folder = (base / kind).resolve()
        if folder.is_dir() and folder not in dirs:
            dirs.append(folder)
    return dirs
