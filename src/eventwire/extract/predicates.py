"""Stage 1, candidate predicates: the verbs, light verbs and event nouns the lexicon knows, merged
where two words report one act, each with its modality.

Reads ``SentenceState.sent``; sets ``preds`` and ``candidates``.
"""

from __future__ import annotations

from eventwire import ontology
from eventwire.extract import modality as mod
from eventwire.extract.clauses import Predicate, child, find_predicates, happening, noun_source
from eventwire.extract.lookups import Kit
from eventwire.extract.state import Candidate, SentenceState

ASSERTED = "asserted"  # coded as it stands
DERIVED = "derived"  # coded by a derived-event rule (promise, threat, refusal, appeal)
DROPPED = "dropped"  # negated, conditional or hypothetical: no event


def find(kit: Kit, sst: SentenceState) -> None:
    sst.preds = find_predicates(sst.sent, kit.lex)
    consumed = merge_kill_in_event(kit, sst.preds)
    for i, pred in enumerate(sst.preds):
        if id(pred) not in consumed:
            status = mod.modality(pred.tok, kit.lex)
            verb = happening(pred.tok, kit.lex) if pred.rule.endswith("+happening") else None
            if verb is not None:  # "allowed rallies to resume": as its verb of happening is
                status = mod.modality(verb, kit.lex)
            if status == mod.ASSERTED and none_done(pred):
                status = mod.NEGATED
            elif status == mod.ASSERTED and pred.noun is not None and pred.kind == "light":
                status = mod.unrealised(pred.noun, kit.lex) or status
            sst.candidates.append(Candidate(i, pred, status))


def none_done(pred: Predicate) -> bool:
    """'held no talks', 'lodged no protest', 'has expelled no reporters': the act's noun or
    object is quantified by "no", so none was done."""
    nouns = [pred.noun] if pred.noun is not None else []
    if pred.kind == "verb":
        nouns += [c for c in pred.tok.children if c.dep_ == "dobj"]
    return any(c.dep_ == "det" and c.lower_ == "no" for n in nouns for c in n.children)


def route(c: Candidate) -> str:
    """What becomes of a candidate: asserted, derived (its modality makes it another act) or
    dropped. Material acts in the future are intents or threats; verbal ones are said now."""
    status = c.status
    if status == mod.CONDITION:
        return DROPPED
    material = ontology.action(c.pred.code).quad_class in (2, 4) or c.pred.code[:2] == "04"
    if status == mod.REFUSAL or status == mod.IRREALIS or (status == mod.FUTURE and material):
        return DERIVED
    if status in (mod.NEGATED, mod.OBLIGATION):
        return DROPPED
    return ASSERTED


def merge_kill_in_event(kit: Kit, preds: list[Predicate]) -> set[int]:
    """'X was killed in a drone strike by Y': one event, the noun's code, Y → X.
    'Two were killed when officers opened fire': the shooting's victims are the two.
    Returns the ids of the predicates merged into another."""
    kill = kit.lex.harm_verbs
    consumed: set[int] = set()
    nouns = {p.tok.i: p for p in preds if p.kind == "noun"}
    by_tok = {p.tok.i: p for p in preds}
    for p in preds:
        if (
            p.tok.dep_ == "advcl"
            and p.tok.head.lemma_.lower() in kill
            and (ontology.action(p.code).plover_type == "ASSAULT")
        ):
            top = p.tok.head
            while top.dep_ == "conj" and top.head.lemma_.lower() in kill:
                top = top.head
            victim = child(top, "nsubjpass")
            if victim is not None:
                p.victims = victim
                p.toll_verb = top
                k = by_tok.get(p.tok.head.i)
                if k is not None:
                    consumed.add(id(k))
    for p in preds:
        if p.kind != "verb" or p.tok.lemma_.lower() not in kill:
            continue
        for c in p.tok.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "during", "by"):
                for g in c.children:
                    if g.i in nouns:
                        n = nouns[g.i]
                        p.code, p.rule = n.code, f"{p.rule}+{n.rule}"
                        p.noun = n.tok
                        consumed.add(id(n))
    # "An Israeli airstrike killed two people": the strike's victims and toll are the verb's
    for p in preds:
        if p.kind != "verb" or ontology.action(p.code).plover_type != "ASSAULT":
            continue
        subj = child(p.tok, "nsubj")
        ev = nouns.get(subj.i) if subj is not None else None
        if ev is None or noun_source(ev.tok, kit.lex) is None:
            continue
        ev.victims = child(p.tok, "dobj")
        ev.toll_verb = p.tok
        ev.rule = f"{ev.rule}+{p.rule}"
        consumed.add(id(p))
    return consumed
