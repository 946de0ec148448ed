"""Reading the YAML data files: libyaml's C parser when PyYAML has it (ten times faster on the
lexicon, which every process loads at start), the pure-Python safe loader otherwise."""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """Parse YAML text with the safe loader (no arbitrary objects)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python


def line_of(text: str, *path: str | int) -> int | None:
    """The 1-based line where the key at ``path`` ("verbs", "attack") is written in YAML text, or
    None. Used to name the line in an error, so it parses again only when something is wrong."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    line = None
    for key in path:
        if isinstance(key, int):  # the key-th item of a list
            if not isinstance(node, yaml.SequenceNode) or key >= len(node.value):
                return line
            node = node.value[key]
            line = node.start_mark.line + 1
            continue
        if not isinstance(node, yaml.MappingNode):
            return line
        for k, v in node.value:
            if str(k.value) == key:
                line, node = k.start_mark.line + 1, v
                break
        else:
            return line
    return line
