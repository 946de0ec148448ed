"""Stage 4, code refinement: a draft's CAMEO code made more specific by who did it and with what.

Each refinement is a registered function ``(kit, draft, code, rule) -> (code, rule)``, applied in
order, named in the rule string it extends, and switchable off alone like the derived rules.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from eventwire import ontology
from eventwire.extract.clauses import child, object_of
from eventwire.extract.lookups import Kit
from eventwire.extract.state import Draft

RefineFn = Callable[[Kit, Draft, str, str], tuple[str, str]]
REFINEMENTS: dict[str, RefineFn] = {}


def refinement(name: str) -> Callable[[RefineFn], RefineFn]:
    def register(fn: RefineFn) -> RefineFn:
        if name in REFINEMENTS:
            raise ValueError(f"refinement {name!r} registered twice")
        REFINEMENTS[name] = fn
        return fn

    return register


def refine(kit: Kit, d: Draft, off: frozenset[str] = frozenset()) -> tuple[str, str]:
    code, rule = d.code, d.rule
    for name, fn in REFINEMENTS.items():
        if name not in off:
            code, rule = fn(kit, d, code, rule)
    return code, rule


def _state_source(kit: Kit, d: Draft) -> bool:
    """An act of a state: a state body, or a country named with no narrower kind of actor."""
    src = d.source
    if src is None:
        return False
    return src.sector in kit.lex.sector_groups["state"] or (
        src.sector is None and bool(src.country)
    )


def _nonstate_source(kit: Kit, d: Draft, broad: bool) -> bool:
    src = d.source
    if src is None:
        return False
    groups = kit.lex.sector_groups
    if src.sector in groups["nonstate"]:
        return True
    if broad and src.sector in groups["civil"]:
        return True
    no_state = groups["state"] | ({"NGO"} if broad else set())
    return src.country is None and src.sector not in no_state


@refinement("entry-nonstate")
def entry_nonstate(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """An entry's own non-state code: "seized" by rebels is not a state's confiscation."""
    if d.pred.entry.nonstate and code == d.pred.entry.code and _nonstate_source(kit, d, True):
        return d.pred.entry.nonstate, f"{rule}+nonstate"
    return code, rule


@refinement("instrument")
def instrument(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """A generic attack or fight made specific by the weapon its clause names; any attack by a
    weapon of mass destruction (``instruments`` of root 20: "shells filled with mustard agent")."""
    generic = code[:2] in ("18", "19") and len(code) == 3 and code.endswith("0") or code == "190"
    if generic or code[:2] in ("18", "19"):
        words = clause_words(d)
        for inst_code, inst_words in kit.lex.instruments:
            if not generic and not inst_code.startswith("20"):
                continue
            hit = next((w for w in words if w in inst_words), None)
            if hit is not None:
                return inst_code, f"{rule}+instrument:{hit}"
    return code, rule


@refinement("by-phone")
def by_phone(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """A consultation held by telephone or video is a phone call (041)."""
    if code in ("040", "046"):
        hit = next((w for w in clause_words(d) if w in kit.lex.phone_words), None)
        if hit is not None:
            return "041", f"{rule}+phone:{hit}"
    return code, rule


@refinement("violent-protest")
def violent_protest(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """Protesters or a mob fighting, attacking, burning or looting is a riot (145), not armed
    violence or an act of state ("rioters set fire to police stations")."""
    tok = d.source_tok
    crowd = tok is not None and (
        tok.lower_ in kit.lex.protesters or tok.lemma_.lower() in kit.lex.protesters
    )
    if (code[:2] in ("18", "19") or code[:3] == "171") and crowd:
        return "145", f"{rule}+riot:{tok.lower_}"
    return code, rule


@refinement("protest-aim")
def protest_aim(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """A demonstration, hunger strike, strike, blockade or riot made specific by its aim (1411 ...
    1454): leadership, policy, rights, or institutions, from words of its own and purpose clauses."""
    if code not in ("141", "142", "143", "144", "145"):
        return code, rule
    words = set(clause_words(d))
    for digit, aims in kit.lex.protest_aims:
        hit = next((w for w in sorted(aims) if w in words), None)
        if hit is not None and code + digit in ontology.cameo_table():
            return code + digit, f"{rule}+aim:{hit}"
    return code, rule


@refinement("nonstate-assault")
def nonstate_assault(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """Military force used by a non-state actor is unconventional violence (19x → 180)."""
    if code in kit.lex.nonstate and _nonstate_source(kit, d, False):
        return kit.lex.nonstate[code], f"{rule}+nonstate"
    return code, rule


@refinement("order-to-stop")
def order_to_stop(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """The state ordering someone to stop or to leave coerces them: an administrative sanction
    (172), a restriction of freedoms (1721), an expulsion (166, 1663) or a deportation (174)."""
    words = kit.lex.ordering
    if code[:2] != "10" or d.pred.tok.lemma_.lower() not in words.get("order", frozenset()):
        return code, rule
    if not _state_source(kit, d):
        return code, rule
    act = next((c for c in d.pred.tok.children if c.dep_ == "xcomp"), None)
    lemma = act.lemma_.lower() if act is not None else ""
    if lemma in words.get("leave", frozenset()):
        # foreign troops, UN missions and aid agencies are expelled (166); people deported (174)
        sector = d.target.sector if d.target is not None else None
        out = {"MIL": "166", "IGO": "166", "NGO": "1663"}.get(sector or "", "174")
        return out, f"{rule}+ordered:{lemma}"
    if lemma in words.get("stop", frozenset()):
        # a UN office or an aid agency shut is sent away (166, 1663); the press and the
        # opposition silenced (1721); anyone else sanctioned (172)
        sector = d.target.sector if d.target is not None else None
        out = {"IGO": "166", "NGO": "1663", "MED": "1721", "OPP": "1721"}.get(sector or "", "172")
        return out, f"{rule}+ordered:{lemma}"
    return code, rule


@refinement("taking-ground")
def taking_ground(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """Seizing, capturing or overrunning a place occupies territory (192): a named town, "the
    town of X", "two districts", a base or an airport; people and goods stay 173 or 171."""
    from eventwire.extract.arguments import PLACE_NOUNS, object_place

    ground = kit.lex.taking_ground
    lemma = d.pred.entry.verb or d.pred.tok.lemma_.lower()  # "the capture of": capture
    if object_of(d.pred) is None or lemma not in ground.get("verbs", frozenset()):
        return code, rule
    if code[:2] not in ("17", "18", "19") or code == "192":
        return code, rule
    obj = object_of(d.pred)
    if obj is None:
        return code, rule
    lemma = obj.lemma_.lower()
    if lemma in ground.get("objects", frozenset()) or lemma in PLACE_NOUNS:
        return "192", f"{rule}+ground:{lemma}"
    if object_place(kit, d.pred) is not None:
        return "192", f"{rule}+ground:place"
    return code, rule


@refinement("labour-strike")
def labour_strike(kit: Kit, d: Draft, code: str, rule: str) -> tuple[str, str]:
    """Workers, teachers, doctors, journalists or traders who "strike" with nothing struck, or "a
    strike by" them, stop work (143): no armed strike (the workforce sector group)."""
    tok = d.pred.tok
    if tok.lemma_.lower() != "strike" or code[:2] not in ("18", "19"):
        return code, rule
    workforce = kit.lex.sector_groups["workforce"]
    if d.source is None and d.pred.kind == "noun" and _strikers(kit, tok) & workforce:
        return "143", f"{rule}+labour"  # "halted by a strike called by the drivers' union"
    if d.source is None or d.source.sector not in workforce:
        return code, rule
    obj = child(tok, "dobj")
    if d.target_tok is not None or (obj is not None and obj.lemma_.lower() in kit.lex.patients):
        return code, rule  # "workers struck a guard": an assault, whoever does it
    return "143", f"{rule}+labour"


def _strikers(kit: Kit, noun: Any) -> set[str]:
    """The sectors of the words that say who holds a strike the text names no doer for: its
    owner or modifier ("the teachers' strike", "a union strike"), its "of" or "by" phrase, or the
    "by" phrase of the clause that calls it ("a strike called by the rail union")."""
    words = [c for c in noun.children if c.dep_ in ("poss", "compound")]
    words += [
        g
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in ("of", "by")
        for g in c.children
    ]
    for acl in (c for c in noun.children if c.dep_ == "acl"):
        words += [g for c in acl.children if c.dep_ == "agent" for g in c.children]
    found = {
        t for w in words for t in (w, *(c for c in w.children if c.dep_ in ("poss", "compound")))
    }
    return {
        str(kit.lex.sectors[t.lemma_.lower()]) for t in found if t.lemma_.lower() in kit.lex.sectors
    }


def clause_words(d: Draft) -> list[str]:
    toks = list(d.pred.tok.subtree)
    if d.pred.noun is not None:
        toks += list(d.pred.noun.subtree)
    toks = [t for t in toks if t.dep_ not in ("ccomp",)]
    words = [t.lower_ for t in toks] + [t.lemma_.lower() for t in toks]
    words += [f"{a.lower_} {b.lower_}" for a, b in zip(toks, toks[1:], strict=False)]
    return words
