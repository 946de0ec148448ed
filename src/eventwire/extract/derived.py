"""Stage 3, derived events: acts that the words of a sentence make out of other acts.

Each rule is one registered function, named in the rule string of what it codes, and can be
switched off alone (``Extractor(rules_off=...)``, or ``EVENTWIRE_RULES_OFF=mirror,victim-claim``).
A rule runs at one phase of the sentence:

- ``modal``: on candidates whose modality makes them another act (promise, threat, refusal,
  appeal, demand); adds drafts.
- ``sentence``: after overlapping drafts are pruned; adds drafts from the sentence as a whole.
- ``targets``: fills targets of drafts from their siblings.
- ``claims``: adds drafts that other drafts imply (a victim's report is an accusation).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from eventwire import ontology
from eventwire.extract import modality as mod
from eventwire.extract import outlook, responsibility, stance
from eventwire.extract.arguments import draft, fallback_target
from eventwire.extract.clauses import (
    Predicate,
    child,
    is_passive,
    is_reciprocal,
    noun_sources,
    prep_objects,
    subject_token,
)
from eventwire.extract.lexicon import Entry
from eventwire.extract.lookups import Kit
from eventwire.extract.predicates import DERIVED, route
from eventwire.extract.prune import targeted_enough
from eventwire.extract.state import ArticleState, Candidate, Draft, SentenceState
from eventwire.model import Actor

RuleFn = Callable[[Kit, ArticleState, SentenceState], None]
PHASES = ("modal", "sentence", "targets", "claims")


@dataclass(frozen=True)
class Rule:
    name: str
    phase: str
    fn: RuleFn
    doc: str


RULES: dict[str, Rule] = {}


def derived(name: str, phase: str) -> Callable[[RuleFn], RuleFn]:
    """Register a derived-event rule under ``name`` for ``phase``."""
    if phase not in PHASES:
        raise ValueError(f"unknown phase {phase!r}; one of {', '.join(PHASES)}")

    def register(fn: RuleFn) -> RuleFn:
        if name in RULES:
            raise ValueError(f"derived rule {name!r} registered twice")
        RULES[name] = Rule(name, phase, fn, (fn.__doc__ or "").strip().splitlines()[0])
        return fn

    return register


def run(phase: str, kit: Kit, ast: ArticleState, sst: SentenceState, off: frozenset[str]) -> None:
    for rule in RULES.values():
        if rule.phase == phase and rule.name not in off:
            rule.fn(kit, ast, sst)


DECLINE_COMMENT = "011"  # "declined to comment on ...": a statement, and only that

# -- modal: promises, threats, refusals, appeals and demands -----------------------------------------
@derived("mirror", "modal")
def mirror_rule(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """An act promised, threatened, refused or asked for is coded as that verbal act."""
    for c in sst.candidates:
        if route(c) != DERIVED:
            continue
        d = mirror(kit, c, ast, sst)
        if d is not None:
            sst.drafts.append(d)
            sst.governors.add(d.pred.tok.i)


def mirror(kit: Kit, c: Candidate, ast: ArticleState, sst: SentenceState) -> Draft | None:
    """'pledged to send aid' → 033 by the pledger; 'will attack' → 138; 'urged X to talk' → 026."""
    pred, status = c.pred, c.status
    ctx, line = ast.ctx, sst.line
    if any(
        d.code == DECLINE_COMMENT and d.pred.tok.i != pred.tok.i and pred.tok in d.pred.tok.subtree
        for d in sst.drafts
    ):
        return None  # "declined to comment on the talks": no talks, and none refused
    if status == mod.REFUSAL:
        gov_cls, gov = "reject", pred.tok
    elif status == mod.FUTURE:
        found = mod.governor(pred.tok, kit.lex)
        if found is not None and found[0] in ("intent", "threat"):
            gov_cls, gov = found  # "warned that intruders would be shot down": the warner's
        elif mod.forecast(pred.tok, kit.lex):
            return None
        else:
            gov_cls = "intent" if ontology.action(pred.code).quad_class <= 2 else "threat"
            gov = pred.tok
    else:
        found = mod.governor(pred.tok, kit.lex)
        if found is None:
            return None
        gov_cls, gov = found
        if _only_a_time(pred.tok, gov):
            return None
    if gov_cls == "intent" and any(
        c.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in c.children)
        for c in gov.children
    ):
        gov_cls = "threat"  # "will withdraw its troops unless ...": a conditional threat
    root = pred.code[:2]
    conflict = int(root) >= 14
    if conflict and gov_cls in ("intent", "threat"):
        gov_cls = "threat"
    elif conflict or int(root) < 4:
        return None  # demands to attack, refusals to protest: no CAMEO code of their own
    table = kit.lex.mirror.get(gov_cls, {})
    code = next((table[pred.code[:n]] for n in (4, 3, 2) if pred.code[:n] in table), None)
    if code is None:
        return None
    src_tok = subject_token(gov) or (subject_token(gov.head) if gov.pos_ == "ADJ" else None)
    nominal = gov.pos_ == "NOUN" and pred.tok.dep_ == "acl" and pred.tok.head.i == gov.i
    if nominal and _answered(kit, gov):
        return None  # "dismissed an appeal from X to disarm": the answer is the act told
    if nominal:  # "Tokyo's plan to", "Manila announced plans to": the noun's owner
        src_tok = child(gov, "poss") or (
            subject_token(gov.head) if gov.dep_ in ("dobj", "attr") else None
        )
    if src_tok is None and gov.i == pred.tok.i:
        src_tok = subject_token(pred.tok)
    sayer = False
    if src_tok is None and status == mod.FUTURE and gov.i == pred.tok.i:
        src_tok, sayer = _announcer(kit, pred.tok), True
    source = kit.resolve(src_tok, ctx, line) if src_tok is not None else None
    if source is None or (sayer and source.sector in _REPORTERS):
        return None
    cands = []
    if gov_cls in ("demand", "appeal"):
        cands += [c for c in gov.children if c.dep_ in ("dobj", "dative")]
        if is_passive(gov):  # "European governments were urged by Palestinian officials to ..."
            cands += [c for c in gov.children if c.dep_ == "nsubjpass"]
        cands += [
            g
            for c in gov.children
            if c.dep_ == "prep" and c.lower_ in ("on", "to")
            for g in c.children
            if g.dep_ == "pobj"
        ]
    inner = draft(kit, pred, ast, sst)
    target, target_tok = (inner.target, inner.target_tok) if inner is not None else (None, None)
    if pred.entry.needs_target and target is None and gov_cls == "intent":
        return None
    for cand in cands:
        a = kit.resolve(cand, ctx, line)
        if a is not None:
            target, target_tok = a, cand
            break
    entry = replace(kit.lex.verbs.get(gov.lemma_.lower(), pred.entry), needs_target=False)
    gpred = Predicate(
        gov, entry, code, "verb", rule=f"{gov_cls}:{gov.lemma_.lower()}+mirror+{pred.rule}"
    )
    if gov.i != pred.tok.i and gov_cls in ("intent", "threat", "reject"):
        gpred.noun = pred.tok  # the promised act: its place, date and instruments count
    if target is None and src_tok is not None and is_reciprocal(pred.code):
        # "Japan and the Philippines announced plans to hold joint patrols": the other side
        target, target_tok = next(
            ((a, c) for c in src_tok.conjuncts if (a := kit.resolve(c, ctx, line)) is not None),
            (None, None),
        )
    if target is None:
        fallback = fallback_target(kit, gpred, [], ast, sst)
        if fallback is not None:
            target, target_tok, how = fallback
            gpred.rule += f"+target:{how}"
    return Draft(
        gpred, source, src_tok, target, target_tok, code, gpred.rule, None, sst.sent, line,
        order=c.order,
    )  # fmt: skip


def _answered(kit: Kit, noun: Any) -> bool:
    """A plan, threat or appeal that is the object of an answer to it ("rejected", "welcomed",
    "condemned" or "accepted" it: support, yielding, disapproval or rejection)."""
    entry = kit.lex.verbs.get(noun.head.lemma_.lower()) if noun.dep_ == "dobj" else None
    return entry is not None and entry.code[:2] in ("05", "08", "11", "12")


_REPORTERS = ("NGO", "MED")  # bodies that report what others will do, not their own intent


def _announcer(kit: Kit, verb: Any) -> Any:
    """'The curfew in Imphal will be lifted on Friday, the interior ministry said': an act in the
    future told in the passive with no doer, in reported speech, is the speaker's to do."""
    if not is_passive(verb) or child(verb, "agent") is not None:
        return None
    rep = mod.reporting_head(verb, kit.lex)
    return subject_token(rep) if rep is not None else None


# -- sentence: "X said Y must ..." ------------------------------------------------------------------
_TIME_WORDS = frozenset({"before", "after", "until", "till", "since", "during", "ahead", "pending"})


def _only_a_time(tok: Any, gov: Any) -> bool:
    """'demanded a withdrawal before any talks', 'called for calm ahead of the vote': an act
    named in a phrase of time under the governing verb only dates what is asked; it is not
    asked for itself."""
    t = tok
    for _ in range(8):
        if t.i == gov.i or t.head.i == t.i:
            return False
        if t.dep_ == "prep" and t.lower_ in _TIME_WORDS:
            return True
        if t.lower_ in _TIME_WORDS and t.dep_ in ("advmod", "prep"):
            return True
        t = t.head
    return False


@derived("obligation", "sentence")
def obligations(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """'X said Y should/must do Z' is a demand by X of Y (CAMEO 100)."""
    ctx, line = ast.ctx, sst.line
    entry = kit.lex.verbs.get("demand")
    if entry is None:
        return
    for t in sst.sent:
        if t.pos_ not in ("VERB", "AUX") or mod._own(t, kit.lex) != mod.OBLIGATION:
            continue
        rep = mod.reporting_head(t, kit.lex)
        if rep is None:
            continue
        spk, subj = subject_token(rep), child(t, "nsubj")
        if subj is None:  # "the sanctions must be lifted by Washington": of the passive's doer
            subj = next(iter(prep_objects(t, "by")), None)
        if spk is None or subj is None:
            continue
        source = kit.resolve(spk, ctx, line)
        target = kit.resolve(subj, ctx, line)
        if source is None or target is None:
            continue
        pred = Predicate(t, entry, "100", "verb", rule=f"obligation:{rep.lemma_}+{child(t, 'aux')}")
        said = " ".join(x.text for x in spk.subtree)
        sst.drafts.append(
            Draft(pred, source, spk, target, subj, "100", pred.rule, said, sst.sent, line)
        )


@derived("responsibility", "sentence")
def responsibility_told(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A speaker's claim (CAMEO 015) or denial (016) of its own side's part in an act.

    'The group said it was behind the bombing', 'Beijing said it had nothing to do with the
    hack', 'the army said it had not carried out any strike in the area'
    (``responsibility.owned``, ``responsibility.own_denials``)."""
    responsibility.owned(kit, ast, sst)
    responsibility.own_denials(kit, ast, sst)


@derived("outlook", "sentence")
def outlooks(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A political speaker's outlook is a pessimistic (CAMEO 012) or optimistic (013) comment.

    'Officials were cautiously optimistic about the talks', 'the envoy said he remained hopeful
    that ...', 'the outlook is grim, the minister said', 'the minister warned the country faces
    recession' (``outlook.find``; words in the lexicon's ``outlook`` section)."""
    outlook.find(kit, ast, sst)


COMMENT = Entry(key="comment", code="010", target=("ccomp",))
CRITICISM = Entry(key="comment", code="111", target=("ccomp",))


@derived("comment", "sentence")
def comments(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A political speaker's comment on another country is a statement (CAMEO 010) about it.

    'The Kremlin said the unrest in Kazakhstan was an internal affair', 'Iran's foreign minister
    told the French ambassador ...': the sentence's main verb of comment (``comment_verbs``) with
    what was said, a speaker of a ``speakers`` sector with a country (or an international body),
    and another country named in what was said or told to. Judged in words of negative evaluation
    it is a criticism (111); a promise, threat, demand or condition is none (``stance.reading``).
    Only in a sentence that holds no predicate of its own: a comment that reports an act is that
    act only, and one about the speaker's own country is none."""
    if sst.drafts:
        return
    found = stance.noun_comment(kit, ast, sst)
    if found is not None:  # "a statement by Canada's foreign minister on the Hong Kong verdict"
        noun, source, maker, about, about_tok = found
        pred = Predicate(noun, COMMENT, "010", "verb", rule=f"comment:noun:{noun.lemma_.lower()}")
        sst.drafts.append(
            Draft(pred, source, maker, about, about_tok, "010", pred.rule, None, sst.sent, sst.line)
        )
        return
    if sst.preds:
        return
    ctx, line = ast.ctx, sst.line
    for t, spk, source, clause in outlook.comment_clauses(kit, ast, sst):
        how = stance.reading(kit, clause)
        if how is None:
            continue  # a promise, threat, demand or condition
        code = "111" if how == stance.CRITICISM else "010"
        said = [clause] + [c for c in t.children if c.dep_ in ("dobj", "dative")]  # "told X"
        own = {x.i for x in spk.subtree} | {t.i}
        for x in (x for c in said for x in c.subtree):
            if x.i in own or x.pos_ not in ("PROPN", "NOUN"):
                continue
            a = kit.resolve(x, ctx, line)
            if a is not None and a.country and a.country != source.country:
                entry = CRITICISM if code == "111" else COMMENT
                pred = Predicate(t, entry, code, "verb", rule=f"comment:{t.lemma_.lower()}:{how}")
                sst.drafts.append(
                    Draft(pred, source, spk, a, x, code, pred.rule, None, sst.sent, line)
                )
                return
        judged = child(clause, "nsubj")
        if code == "111" and judged is not None and judged.pos_ == "NOUN":
            # "the EU said the new law was incompatible with its values": a law, verdict or
            # policy judged without its maker named is that of the country the story is filed
            # from, when the speaker is foreign to it
            home = ctx.home
            if home is not None and home != source.country and kit.resolve(judged, ctx, line) is None:
                name = kit.actors.gaz.countries[home].name if home in kit.actors.gaz.countries else home
                a = Actor(judged.text, name, home, None, rule="comment:judged+country:context")
                rule = f"comment:{t.lemma_.lower()}:{how}+target:context"
                pred = Predicate(t, CRITICISM, code, "verb", rule=rule)
                sst.drafts.append(
                    Draft(pred, source, spk, a, judged, code, pred.rule, None, sst.sent, line)
                )


JOINT = Entry(key="joint", code="060", target=())


@derived("joint", "sentence")
def joint_acts(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """Two countries' sides doing a thing together is material cooperation (CAMEO 060).

    'Kazakhstan and Uzbekistan opened a joint trade zone on their border', 'Ukrainian and British
    engineers are jointly building drones', 'the Philippine and Japanese coast guards sailed
    together': a verb marked as shared ("jointly", "together", or an object that is "joint"),
    whose subject names sides of two countries; the first is the source, the next the target.
    Words done together (a joint statement, press conference or letter: ``joint_words``) are not
    this, and a sentence that reports an act of its own keeps that act (one whose act is not yet
    known to be kept, as an untargeted patrol, too: tried, it cost the frozen corpus root F1)."""
    if sst.drafts:
        return
    ctx, line = ast.ctx, sst.line
    for t in sst.sent:
        if t.pos_ != "VERB" or mod.modality(t, kit.lex) != mod.ASSERTED:
            continue
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        if any(o.lemma_.lower() in kit.lex.joint_words for o in objs):
            continue
        shared = any(c.dep_ == "advmod" and c.lower_ in ("jointly", "together") for c in t.children)
        shared = shared or any(
            a.dep_ == "amod" and a.lower_ == "joint" for o in objs for a in o.children
        )
        subj = subject_token(t)
        if not shared or subj is None:
            continue
        sides = [subj, *subj.conjuncts]
        sides += [  # "Ukrainian and British engineers"
            c for m in subj.children if m.dep_ in ("amod", "compound") for c in m.conjuncts
        ]
        found = [(a, x) for x in sides if (a := kit.resolve(x, ctx, line)) is not None]
        if len(found) < 2 or not found[0][0].country:
            continue
        (src, src_tok), (tgt, tgt_tok) = (
            found[0],
            next(
                ((a, x) for a, x in found[1:] if a.country and a.country != found[0][0].country),
                (None, None),
            ),
        )
        if tgt is None:
            continue
        pred = Predicate(t, JOINT, "060", "verb", rule=f"joint:{t.lemma_.lower()}")
        sst.drafts.append(
            Draft(pred, src, src_tok, tgt, tgt_tok, "060", pred.rule, None, sst.sent, line)
        )
        return


@derived("statement", "sentence")
def statements(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A political speaker who speaks on a topic with no partner makes a statement (CAMEO 010).

    'The Bolivian president spoke about the fuel shortage in a televised address', 'the minister
    talked on the budget at length': the speaking verb (``topic_verbs``) at the top of the
    sentence, a speaker of a ``speakers`` sector, a topic after "about" or "on", and no one to speak
    with or to (those are consultations, 040). A partnerless "talked about" is no consultation,
    so the statement replaces it. Only in a sentence that reports no act of its own."""
    alone = [d for d in sst.drafts if d.target is None and _speaks_on(kit, d.pred.tok)]
    if any(targeted_enough(kit, d) and d not in alone for d in sst.drafts):
        return  # an act of its own ("spoke about" with a partner needed is dropped later)
    ctx, line = ast.ctx, sst.line
    speakers = kit.lex.sector_groups["speakers"]
    for t in sst.sent:
        if t.pos_ != "VERB" or not _speaks_on(kit, t):
            continue
        if not (t.dep_ == "ROOT" or (t.dep_ in ("advcl", "conj") and t.head.dep_ == "ROOT")):
            continue
        spk = subject_token(t)
        source = kit.resolve(spk, ctx, line) if spk is not None else None
        if source is None or source.sector not in speakers:
            continue
        if not source.country and source.sector not in kit.lex.sector_groups["international"]:
            continue
        pred = Predicate(t, COMMENT, "010", "verb", rule=f"statement:{t.lemma_.lower()}")
        sst.drafts = [d for d in sst.drafts if d not in alone]
        sst.drafts.append(
            Draft(pred, source, spk, None, None, "010", pred.rule, None, sst.sent, line)
        )
        return


def _speaks_on(kit: Kit, verb: Any) -> bool:
    """'spoke about the drought', 'talked on the economy': speaking on a topic with no partner
    ("spoke with", "talked to" are consultations, coded by their entries)."""
    if verb.lemma_.lower() not in kit.lex.topic_verbs:
        return False
    if prep_objects(verb, "with") or prep_objects(verb, "to"):
        return False
    return bool(prep_objects(verb, "about") or prep_objects(verb, "on"))


@derived("stopped-protest", "sentence")
def stopped_protest(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """The state preventing, banning or blocking a protest restricts political freedoms (1721)."""
    ctx, line = ast.ctx, sst.line
    state = kit.lex.sector_groups["state"]
    entry = kit.lex.verbs.get("ban") or kit.lex.verbs.get("prevent")
    done: set[int] = set()
    for c in sst.candidates:
        p = c.pred
        if p.code[:2] != "14" or p.tok.i in done:
            continue
        verb, patient = _stopping_verb(kit, p.tok)
        if verb is None or entry is None:
            continue
        own = next((d for d in sst.drafts if d.pred.tok.i == verb.i), None)
        if own is not None and own.code[:2] not in ("14", "17"):
            continue  # the verb is coded as another act already
        subj = subject_token(verb)
        source = kit.resolve(subj, ctx, line) if subj is not None else None
        if source is None or source.sector not in state:
            continue
        whose = [*noun_sources(p.tok, kit.lex), *prep_objects(verb, "by")] if p.kind == "noun" else []
        who = patient or next(iter(whose), None)  # "a march by X", parsed on the verb or not
        target = kit.resolve(who, ctx, line) if who is not None else None
        pred = Predicate(
            verb, entry, "1721", "verb", rule=f"stopped-protest:{verb.lemma_}+{p.rule}"
        )
        if own is not None:  # "police blocked the march" is no roadblock of their own
            sst.drafts.remove(own)
        sst.drafts.append(
            Draft(pred, source, subj, target, who, "1721", pred.rule, None, sst.sent, line,
                  order=c.order)
        )  # fmt: skip
        done.add(verb.i)


def _stopping_verb(kit: Kit, tok: Any) -> tuple[Any, Any]:
    """The stopping verb over a protest word, and whoever it stops: "blocked the march" (object),
    "prevented students from marching" (the verb's object is the protesters)."""
    stops = kit.lex.stopping_protest
    head = tok.head
    if tok.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in stops:
        return head, None
    if tok.dep_ == "pcomp" and head.lower_ == "from" and head.head.lemma_.lower() in stops:
        verb = head.head
        return verb, child(verb, "dobj")
    return None, None


# -- targets: "condemned X and warned of consequences" ------------------------------------------------
@derived("sibling-target", "targets")
def sibling_targets(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A verbal act with no target of its own is addressed to its sibling's target."""
    for d in sst.drafts:
        if d.target is not None or not d.pred.entry.needs_target:
            continue
        if ontology.action(d.code).quad_class not in (1, 3):
            continue
        for o in sst.drafts:
            if o is not d and o.target is not None and o.source == d.source:
                d.target, d.rule = o.target, f"{d.rule}+target:sibling"
                break


# -- claims: "Rwanda said Congolese forces shelled its territory" -------------------------------------
@derived("victim-claim", "claims")
def victim_claims(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """A victim's report of an attack is also an accusation (CAMEO 112) against the attacker."""
    entry = kit.lex.verbs.get("accuse")
    if entry is None:
        return
    out = []
    for d in sst.drafts:
        if d.speaker_tok is None or d.source is None or d.target is None:
            continue
        if ontology.action(d.code).plover_type != "ASSAULT":
            continue
        spk = kit.resolve(d.speaker_tok, ast.ctx, d.line)
        if spk is None or spk.country is None or spk.country != d.target.country:
            continue
        if d.source.country == spk.country:
            continue
        pred = Predicate(d.speaker_tok.head, entry, "112", "verb", rule=f"victim-claim:{d.rule}")
        out.append(
            Draft(pred, spk, d.speaker_tok, d.source, d.source_tok, "112", pred.rule,
                  d.attribution, d.sent, d.line)
        )  # fmt: skip
    sst.drafts += out
