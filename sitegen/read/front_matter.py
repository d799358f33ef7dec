"""YAML front matter read within bounds: no field may expand beyond what a clipping can hold.

PyYAML's safe loader runs no code, yet it still builds whatever the text describes. Aliases share one node: a
392-byte file of nested `&a [*a, *a, ...]` is a few objects to load and billions of values to turn into text
(the extra data of the export), which ran a build out of memory; 990 nested lists overflowed the stack of
what walks them. So the file is composed into YAML's node graph first (linear: an alias is one more edge),
each top-level field's expanded size and depth are counted on that graph, and a field over the bounds (or one
that contains itself) is left out with a warning naming it, before anything is built. Front matter without an
alias (`*`), nearly all of it, is a tree no larger than its text: it is loaded at once and its fields measured
on the data, which costs a tenth of composing first.
"""
from __future__ import annotations

from typing import Any

MAX_VALUES = 10_000
"""Values (scalars, lists, mappings) one field may expand to, aliases followed: far above any real clipping."""
MAX_DEPTH = 20
"""Lists and mappings one field may nest."""


def read_front_matter(text: str, loader: type) -> tuple[Any, list[tuple[str, str]]]:
    """The front matter's data and (message, key) for each field left out.

    Raises yaml.YAMLError for text that is not YAML (as yaml.load would), RecursionError never."""
    import yaml

    try:
        if "*" not in text:  # no alias: nothing is shared, the data is no larger than the text
            return _bounded(yaml.load(text, Loader=loader))
        node = yaml.compose(text, Loader=loader)
    except RecursionError as exc:
        raise yaml.YAMLError("nested too deeply") from exc
    if node is None:
        return None, []
    left_out = []
    if isinstance(node, yaml.MappingNode):
        kept = []
        for key, value in node.value:
            values, depth = _measure(key)
            more, deeper = _measure(value)
            if values + more > MAX_VALUES or max(depth, deeper) > MAX_DEPTH:
                left_out.append(_left_out(key.value if isinstance(key, yaml.ScalarNode) else "?"))
            else:
                kept.append((key, value))
        node.value = kept
    elif _measure(node)[0] > MAX_VALUES or _measure(node)[1] > MAX_DEPTH:
        raise yaml.YAMLError(f"expands to more than {MAX_VALUES:,} values or {MAX_DEPTH} levels")
    constructor = loader("")
    try:
        return constructor.construct_document(node), left_out
    finally:
        constructor.dispose()


def _left_out(key: Any) -> tuple[str, str]:
    return (f"field '{str(key)[:80]}' expands to more than {MAX_VALUES:,} values or {MAX_DEPTH} levels "
            "(YAML aliases or nesting); ignored", str(key))


def _bounded(data: Any) -> tuple[Any, list[tuple[str, str]]]:
    """Loaded data (a tree: no aliases) with each top-level field over the bounds left out."""
    import yaml

    if not isinstance(data, dict):
        if _over(data):
            raise yaml.YAMLError(f"expands to more than {MAX_VALUES:,} values or {MAX_DEPTH} levels")
        return data, []
    over = [key for key, value in data.items() if isinstance(value, (list, dict)) and _over(value)]
    return {k: v for k, v in data.items() if k not in over} if over else data, [_left_out(key) for key in over]


def _over(root: Any) -> bool:
    """Whether a tree of lists and mappings holds more than MAX_VALUES values or nests deeper than MAX_DEPTH."""
    values = 0
    stack = [(root, 0)]
    while stack:
        value, depth = stack.pop()
        values += 1
        if values > MAX_VALUES or depth > MAX_DEPTH:
            return True
        if isinstance(value, dict):
            stack.extend((part, depth + 1) for item in value.items() for part in item)
        elif isinstance(value, list):
            stack.extend((item, depth + 1) for item in value)
    return False


def _measure(root: Any) -> tuple[int, int]:
    """(values, depth) of a node with every alias followed, each capped just over its bound; a node that contains
    itself counts as over both. Iterative and memoised per node: linear in the graph, whatever it expands to."""
    over = (MAX_VALUES + 1, MAX_DEPTH + 1)
    done: dict[int, tuple[int, int]] = {}
    open_nodes: set[int] = set()
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in done:
            continue
        children = _children(node)
        if not children_done:
            if id(node) in open_nodes:  # reached again below itself: a recursive alias
                return over
            open_nodes.add(id(node))
            stack.append((node, True))
            stack.extend((child, False) for child in children if id(child) not in done)
            continue
        open_nodes.discard(id(node))
        values, depth = 1, 0
        for child in children:
            if id(child) not in done:  # a child still open: the node contains itself
                return over
            child_values, child_depth = done[id(child)]
            values, depth = min(values + child_values, over[0]), max(depth, min(child_depth + 1, over[1]))
        done[id(node)] = (values, depth)
    return done[id(root)]


def _children(node: Any) -> list[Any]:
    value = node.value
    if isinstance(value, list):
        return [part for item in value for part in (item if isinstance(item, tuple) else (item,))]
    return []
