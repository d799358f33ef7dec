"""A `sitegen.toml` listing every setting with its default and what it does, made from the `Config` dataclass
itself (its fields, defaults and the docstring under each field), so that it can never fall behind the code."""
from __future__ import annotations

import ast
import dataclasses
import inspect
import json
import textwrap
from typing import Any

from ..config import FILE_KEYS, Config

WIDTH = 100

HEADER = """\
# Settings of this archive, read by `sitegen build`, `sitegen check` and `sitegen serve`.
# Every setting is listed with its default, commented out: remove the `#` in front of a line to change it.
# The workflow passes the site's address from GitHub Pages (--base-url), which overrides base_url.
"""


def settings_file() -> str:
    """The text of a `sitegen.toml` in which every setting a file may hold is a commented-out line with its
    default, under its description. Tables (such as `[aliases]`) come last, as TOML wants them."""
    docs = field_docs()
    defaults = Config()
    values, tables = [], []
    for field in dataclasses.fields(Config):
        if field.name not in FILE_KEYS:
            continue
        value = getattr(defaults, field.name)
        about = _comment(docs.get(field.name, ""))
        if isinstance(value, dict):
            lines = [f"#[{field.name}]", *(f"#{_key(k)} = {toml_value(v)}" for k, v in sorted(value.items()))]
            tables.append(about + "\n".join(lines))
        else:
            values.append(f"{about}#{field.name} = {toml_value(value)}")
    return HEADER + "\n" + "\n\n".join(values + tables) + "\n"


def field_docs() -> dict[str, str]:
    """Each `Config` field's docstring (the string right under it), read from the class's source."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(Config)))
    body = tree.body[0].body
    docs = {}
    for statement, following in zip(body, body[1:], strict=False):
        if (isinstance(statement, ast.AnnAssign) and isinstance(statement.target, ast.Name)
                and isinstance(following, ast.Expr) and isinstance(following.value, ast.Constant)
                and isinstance(following.value.value, str)):
            docs[statement.target.id] = inspect.cleandoc(following.value.value)
    return docs


def toml_value(value: Any) -> str:
    """A default as TOML writes it: strings quoted (JSON's escapes are TOML's), lists in brackets."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, tuple | list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    raise TypeError(f"no TOML form for a setting of type {type(value).__name__}")


def _key(name: str) -> str:
    return name if name.replace("_", "").replace("-", "").isalnum() and name.isascii() else json.dumps(name)


def _comment(text: str) -> str:
    """A docstring as comment lines (`# ...`), one paragraph wrapped to the file's width."""
    if not text:
        return ""
    wrapped = textwrap.wrap(" ".join(text.split()), WIDTH - 2)
    return "".join(f"# {line}\n" for line in wrapped)
