"""Stage 7, the learned layer: a sentence classifier trained on the project's own labelled corpus
(``make classifier``) that can veto what the rules coded or speak where they are silent.

- veto: a rule's event is dropped when the classifier gives its CAMEO root a score below
  ``veto_below``;
- fill: a sentence the rules left silent is coded at the root level ("190") when the classifier
  is at least ``fill_above`` sure of one root; who did it to whom comes from the same argument
  stage as the rules' events, and the rule string names the model and its score; only a main
  verb told as done now (``told_as_done``: no promise, threat, condition, denial or background
  in the past perfect) is filled.

Both are off unless switched on (``EVENTWIRE_CLASSIFIER=veto|fill|on``); the ablation in the README
says why.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from eventwire import ontology
from eventwire.extract import modality as mod
from eventwire.extract.arguments import draft
from eventwire.extract.assemble import mention
from eventwire.extract.clauses import Predicate, child
from eventwire.extract.lexicon import Entry
from eventwire.extract.lookups import Kit
from eventwire.extract.state import ArticleState, SentenceState

_FILL_SLOTS = ("dobj", "against", "on", "with", "to", "at")


@dataclass(frozen=True)
class ModelUse:
    veto_below: float | None = None
    fill_above: float | None = None

    @property
    def active(self) -> bool:
        return self.veto_below is not None or self.fill_above is not None

    @classmethod
    def from_env(cls) -> ModelUse:
        """EVENTWIRE_CLASSIFIER: off (default), veto, fill or on (both); thresholds from
        EVENTWIRE_CLASSIFIER_VETO (default 0.05) and EVENTWIRE_CLASSIFIER_FILL (default 0.8)."""
        mode = (os.environ.get("EVENTWIRE_CLASSIFIER") or "off").lower()
        if mode not in ("off", "veto", "fill", "on"):
            raise ValueError(f"EVENTWIRE_CLASSIFIER={mode!r}: use off, veto, fill or on")
        veto = float(os.environ.get("EVENTWIRE_CLASSIFIER_VETO") or 0.05)
        fill = float(os.environ.get("EVENTWIRE_CLASSIFIER_FILL") or 0.8)
        return cls(
            veto_below=veto if mode in ("veto", "on") else None,
            fill_above=fill if mode in ("fill", "on") else None,
        )


def veto(use: ModelUse, sst: SentenceState) -> None:
    if use.veto_below is None or not sst.scores:
        return
    sst.mentions = [
        m
        for m in sst.mentions
        if m.refers_to is not None
        or sst.scores.get(f"R{m.action.root}", 1.0) >= use.veto_below
    ]


def fill(kit: Kit, use: ModelUse, ast: ArticleState, sst: SentenceState, name: str) -> None:
    if use.fill_above is None or sst.mentions or not sst.scores:
        return
    roots = [(k[1:], v) for k, v in sst.scores.items() if k.startswith("R")]
    if not roots or sst.scores.get("EVENT", 0.0) < 0.5:
        return
    root, p = max(roots, key=lambda x: x[1])
    code = f"{root}0"
    if p < use.fill_above or code not in ontology.cameo_table():
        return
    tok = main_verb(kit, sst.sent)
    if tok is None or not told_as_done(kit, tok):
        return
    entry = Entry(key=f"model:R{root}", code=code, target=_FILL_SLOTS)
    pred = Predicate(tok, entry, code, "verb", rule=f"model:{name} R{root}={p:.2f}")
    d = draft(kit, pred, ast, sst)
    if d is None:
        return
    m = mention(kit, d, ast, frozenset())
    if m is not None:
        sst.mentions.append(m)


def told_as_done(kit: Kit, verb: Any) -> bool:
    """Whether the main verb tells an act as done now: not a promise, threat, wish, condition or
    denial (the rules' own modality), nor background in the past perfect ("the men had been held
    for two years"), which the rules leave to the sentences that report the news."""
    if mod.modality(verb, kit.lex) != mod.ASSERTED:
        return False
    return not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


def main_verb(kit: Kit, sent: Any) -> Any:
    """The verb that carries the sentence's news: the root, or what a reporting root reports."""
    tok = sent.root
    if tok.lemma_.lower() in kit.lex.reporting:
        tok = child(tok, "ccomp") or tok
    return tok if tok.pos_ in ("VERB", "AUX") else None
