"""Reading the YAML data files: libyaml's C parser when PyYAML has it (ten times faster on the
lexicon, which every process loads at start), the pure-Python safe loader otherwise."""

from __future__ import annotations

from typing import Any

import yaml

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(text: str) -> Any:
    """Parse YAML text with the safe loader (no arbitrary objects)."""
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader, C or Python
