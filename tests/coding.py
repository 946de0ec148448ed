"""Shared by the tests of wording classes: what a sentence codes, in a short form."""

from __future__ import annotations

import eventwire


def codes_and_countries(
    text: str, day: str = "2025-03-10"
) -> list[tuple[str, str | None, str | None]]:
    """Each event's CAMEO code with its source's and target's country."""
    return [
        (
            e.action.cameo,
            e.source.country if e.source else None,
            e.target.country if e.target else None,
        )
        for e in eventwire.code_text(text, day)
    ]
