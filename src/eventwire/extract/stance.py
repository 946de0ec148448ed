"""What a political speaker's words about another country do when they report no act we code.

"The unrest in Kazakhstan is an internal affair, the Kremlin said" comments on Kazakhstan (CAMEO
010; derived rule "comment"); "Ankara's operation is a gross violation of international law, the
Syrian foreign ministry said" judges it in words of negative evaluation: a criticism (111). A
clause that promises or threatens ("will", "would"), demands ("must"), is ready or determined to
act ("is ready to help") or holds a condition ("if") is an intent, threat, demand or conditional,
for the modal rules or for nothing: no comment.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract.clauses import is_passive
from eventwire.extract.lookups import Kit

COMMENT = "comment"
CRITICISM = "criticism"

STRONG_MODALS = frozenset({"will", "'ll", "wo", "shall", "would", "must", "ought", "can", "ca"})
COPULAS = frozenset({"be", "remain", "seem", "appear", "look", "stay", "sound"})


def reading(kit: Kit, said: Any) -> str | None:
    """How the clause ``said`` (its head) reads: a comment, a criticism, or neither."""
    if any(c.dep_ in ("aux", "auxpass") and c.lower_ in STRONG_MODALS for c in said.children):
        return None  # promises, threats, demands, abilities: the modal rules' business
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in said.children):
        return None
    if any(
        c.dep_ == "xcomp" for c in said.subtree if c.head.i == said.i or c.head.dep_ in ("acomp", "attr")
    ):
        return None  # "is ready to help", "are determined to find": intent
    if (
        said.lemma_.lower() in COPULAS
        and not is_passive(said)
        and any(c.dep_ in ("attr", "acomp") for c in said.children)
        and kit.has_negative_word(said)
    ):
        return CRITICISM  # "is a gross violation of international law", "was cowardly"
    return COMMENT
