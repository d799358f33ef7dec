"""Build hook: the wheel carries the message catalogs compiled (`.mo`), made here from the `.po` files.

Compiling at build time, rather than committing `.mo` files, means a wheel can never carry a catalog older
than its `.po` (nothing to forget, no binary files to merge). An editable install reads the `.po` files of
the checkout directly, so it compiles nothing.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogsHook(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        self._compiled = Path(tempfile.mkdtemp(prefix="sitegen-catalogs-"))
        locales = Path(self.root) / "locales"
        for po_file in sorted(locales.glob("*/LC_MESSAGES/*.po")):
            relative = po_file.relative_to(locales).with_suffix(".mo")
            mo_file = self._compiled / relative
            mo_file.parent.mkdir(parents=True, exist_ok=True)
            with po_file.open("rb") as source, mo_file.open("wb") as target:
                write_mo(target, read_po(source))  # fuzzy messages left out, as msgfmt does
            build_data["force_include"][str(mo_file)] = f"sitegen/_theme/locales/{relative.as_posix()}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        compiled = getattr(self, "_compiled", None)
        if compiled is not None:
            shutil.rmtree(compiled, ignore_errors=True)
