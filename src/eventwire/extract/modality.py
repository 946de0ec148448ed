"""Modality: is the clause an act that happened, or a denial, a threat, a wish, a condition?

Only asserted acts are emitted as such. A verb under "deny", "threaten to", "plan to", "accuse ...
of" is not an act (the governing verb may be an event of its own: a threat, an accusation). A modal
("may", "could") or a condition ("if") makes a clause irrealis; "should"/"must" in reported speech
is a demand made by the speaker.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract.lexicon import Lexicon

ASSERTED, NEGATED, IRREALIS, OBLIGATION, FUTURE = (
    "asserted",
    "negated",
    "irrealis",
    "obligation",
    "future",
)
_CHAIN = {
    "xcomp",
    "ccomp",
    "pcomp",
    "advcl",
    "pobj",
    "prep",
    "acl",
    "dobj",
    "conj",
    "nsubj",
    "attr",
}
_NEG_WORDS = {"not", "n't", "never", "no"}


def _own(tok: Any, lex: Lexicon) -> str | None:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in _NEG_WORDS):
            return NEGATED
    for c in tok.children:
        if c.dep_ == "aux":
            w = c.lower_
            if w in lex.modal_obligation or c.lemma_.lower() in lex.modal_obligation:
                return OBLIGATION
            if w in lex.modal_irrealis:
                return IRREALIS
            if w in ("will", "'ll", "shall"):
                return FUTURE
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "lest"):
            return IRREALIS
    return None


def modality(tok: Any, lex: Lexicon) -> str:
    """The modality of the clause headed by ``tok`` (a verb or an event noun)."""
    own = _own(tok, lex)
    if own is not None:
        return own
    t = tok
    for _ in range(8):
        dep, head = t.dep_, t.head
        if head.i == t.i or dep not in _CHAIN:
            break
        lemma = head.lemma_.lower()
        if dep == "conj":
            t = head
            own = _own(t, lex) if t.pos_ in ("VERB", "AUX") else None
            if own in (NEGATED,):
                return own
            continue
        if lemma == "responsibility":
            return ASSERTED  # "claimed responsibility for the bombing": the bombing happened
        if lemma in lex.reporting and dep == "ccomp":
            return ASSERTED  # reported speech: asserted by its speaker (attribution kept)
        if lemma in lex.transparent:
            t = head
            continue
        if lemma in lex.irrealis:
            return IRREALIS
        if head.pos_ in ("VERB", "AUX"):
            g = _own(head, lex)
            if g in (NEGATED, IRREALIS) and dep in ("xcomp", "ccomp", "advcl"):
                return g
        t = head
    return ASSERTED


def reporting_head(tok: Any, lex: Lexicon) -> Any:
    """The reporting verb ("said", "reported") whose complement contains ``tok``, if any."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return None
        if t.dep_ in ("ccomp", "parataxis") and t.head.lemma_.lower() in lex.reporting:
            return t.head
        if t.dep_ not in _CHAIN and t.dep_ not in ("parataxis",):
            return None
        t = t.head
    return None
