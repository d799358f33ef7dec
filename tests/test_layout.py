"""The pipeline's shape, kept: a stage imports only the core modules and the stages before it (ARCHITECTURE.md),
and no module grows past 400 lines."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sitegen"
STAGES = ("read", "archive", "site", "render", "publish", "search")
CORE = {"model", "errors", "config", "urls", "parallel", "i18n"}
"""Modules every stage may use; they import no stage. (`i18n`, the interface language, is a package: planning
names months and renders them, and the settings check that a language tag is one Babel knows.)"""
DRIVERS = {"build", "cli", "serve", "clip", "__main__", "__init__", "annotations", "scaffold"}
"""Modules that run the stages (`clip`: fetch pages, read them as the read stage does, write content files), and the
command line's own helpers (`annotations`: problems for other programs; `scaffold`: `sitegen new`)."""
MAX_LINES = 400


def _sitegen_imports(path: Path) -> set[str]:
    """The top-level sitegen modules or packages a module imports (`read`, `model`...)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the module's package
                base = list(parts[:-1])[:len(parts) - node.level]
                target = base + (node.module.split(".") if node.module else [])
                names = [target] if target else [[alias.name] for alias in node.names]
            elif node.module and node.module.split(".")[0] == "sitegen":
                target = node.module.split(".")[1:]
                names = [target] if target else [[alias.name] for alias in node.names]
            else:
                continue
            found.update(name[0] for name in names if name)
        elif isinstance(node, ast.Import):
            found.update(alias.name.split(".")[1] for alias in node.names
                         if alias.name.startswith("sitegen.") and alias.name.count("."))
    return found


MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "_theme" not in p.parts)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_imports_only_earlier_stages(path: Path) -> None:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[0] in DRIVERS:
        return
    allowed = set(CORE) if parts[0] in CORE else CORE | set(STAGES[:STAGES.index(parts[0]) + 1])
    assert _sitegen_imports(path) - {parts[0]} <= allowed, f"{path.name} imports a later stage"


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_a_module_stays_short(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
