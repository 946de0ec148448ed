"""Claims and denials of responsibility told without the lexicon's nouns and verbs of claiming.

- **owning**: a speaker says that it (or its own side) was responsible for, or behind, an act:
  a claim of responsibility (CAMEO 015): "the group said it was behind the bombing", "the
  ministry admitted that it was responsible for the delay"; said as not responsible, a denial
  (016): "the government said it was not responsible for the blackout";
- **disowning**: "had nothing to do with": "Beijing said it had nothing to do with the hack",
  "our forces had nothing to do with the explosion, the minister said" (016); so is bearing
  none of it: "the government bears no responsibility for the blackout, the minister said";
- **own denial**: a speaker's denial of its own past act, the act negated in what it said: "the
  army said it had not carried out any strike in the area", "Kigali said its troops did not
  cross the border" (016; the act's target is the denial's).

Only the speaker's own side counts: "police said the rebels were behind the attack" blames
another (an accusation, coded elsewhere), and "X was behind the attack" with no one saying so is
the reporter's account, no statement. The words are the lexicon's ``responsibility`` section.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract import modality as mod
from eventwire.extract.arguments import draft
from eventwire.extract.clauses import Predicate, subject_token
from eventwire.extract.lexicon import Entry
from eventwire.extract.lookups import Kit
from eventwire.extract.state import ArticleState, Draft, SentenceState
from eventwire.model import Actor

CLAIM, DENY, ACCUSE = "015", "016", "112"
# roots of acts whose doer may be blamed, and so may deny it: coercion and violence
BLAMED_ROOTS = ("17", "18", "19", "20")
FUTURE_AUX = frozenset({"will", "would", "'ll", "shall", "wo"})


def owned(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """'Said it was responsible for', 'said it was behind', 'had nothing to do with'; said of
    another side, an accusation (CAMEO 112): 'the minister said the regime was responsible for
    the gas attack'."""
    words = kit.lex.responsibility
    for tok in sst.sent:
        lower = tok.lemma_.lower()
        if lower in words.owning and tok.dep_ in ("acomp", "prep") and _copula(tok.head):
            verb = tok.head
            act = _act_answered(kit, tok)
            if act is None:
                continue  # "responsible" with no act it answers for; "behind Ukraine": support
            code = DENY if _negated(verb) else CLAIM
        elif lower in words.disowning and tok.dep_ == "dobj" and tok.head.lemma_ == "have":
            verb = tok.head  # "had nothing to do with the explosion"
            if not any(c.dep_ in ("relcl", "acl") and c.lemma_ == "do" for c in tok.children):
                continue
            code = DENY
        elif (
            lower in words.borne
            and tok.dep_ == "dobj"
            and tok.head.lemma_.lower() in words.bearing
            and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
        ):
            verb = tok.head  # "the government bears no responsibility for the blackout"
            code = DENY
        else:
            continue
        if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in verb.children):
            continue  # "will be responsible for security": a duty, no claim
        found = _own_speaker(kit, ast, sst, verb)
        if found is not None:
            source, spk = found
            _add(kit, sst, tok, code, source, spk, None, None, f"responsibility:{lower}")
        elif code == CLAIM:
            _blame(kit, ast, sst, tok, verb, lower)


def _act_answered(kit: Kit, tok: Any) -> Any:
    """The act one is responsible for ("responsible for the delay") or behind ("behind the
    bombing": an act of the lexicon only, for "behind Ukraine" is support)."""
    if tok.dep_ == "prep":
        obj = next((g for g in tok.children if g.dep_ == "pobj"), None)
        return obj if obj is not None and kit.is_event_noun(obj) else None
    return next(
        (
            g
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")
        ),
        None,
    )


def _blame(
    kit: Kit, ast: ArticleState, sst: SentenceState, tok: Any, verb: Any, lower: str
) -> None:
    """A political speaker saying another side was responsible for, or behind, an act accuses
    it (CAMEO 112)."""
    said = _speaker(kit, ast, sst, verb)
    subj = subject_token(verb)
    if said is None or subj is None or subj.pos_ == "PRON":
        return
    speaker, spk = said
    if speaker.sector not in (None, *kit.lex.sector_groups["speakers"]):
        return
    blamed = kit.resolve(subj, ast.ctx, sst.line)
    if blamed is None or blamed == speaker:
        return
    _add(kit, sst, tok, ACCUSE, speaker, spk, blamed, subj, f"responsibility:{lower}+blame")


def own_denials(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """'The army said it had not carried out any strike': its own past act, said not done."""
    for c in sst.candidates:
        pred = c.pred
        if c.status != mod.NEGATED or pred.code[:2] not in BLAMED_ROOTS:
            continue
        if pred.tok.pos_ not in ("VERB", "AUX"):
            continue  # "no attack took place": no one's act denied
        verb = pred.tok
        if any(x.dep_ == "aux" and x.lower_ in FUTURE_AUX for x in verb.children):
            continue  # "would not attack": a refusal or reassurance, for the modal rules
        found = _own_speaker(kit, ast, sst, verb)
        if found is None:
            continue
        source, spk = found
        inner = draft(kit, pred, ast, sst)
        target, target_tok = (inner.target, inner.target_tok) if inner is not None else (None, None)
        if target is not None and target.country and target.country == source.country:
            target, target_tok = None, None
        _add(kit, sst, verb, DENY, source, spk, target, target_tok, f"denial:{pred.rule}")


def _speaker(
    kit: Kit, ast: ArticleState, sst: SentenceState, verb: Any
) -> tuple[Actor, Any] | None:
    """The speaker of the reported clause ``verb`` heads, and the speaker's token."""
    rep = mod.reporting_head(verb, kit.lex)
    if rep is None and verb.dep_ == "ROOT":  # "X had nothing to do with it, the minister said"
        rep = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("parataxis", "ccomp")
                and c.i > verb.i
                and c.lemma_.lower() in kit.lex.reporting
            ),
            None,
        )
    spk = subject_token(rep) if rep is not None else None
    speaker = kit.resolve(spk, ast.ctx, sst.line) if spk is not None else None
    return (speaker, spk) if speaker is not None else None


def _own_speaker(
    kit: Kit, ast: ArticleState, sst: SentenceState, verb: Any
) -> tuple[Actor, Any] | None:
    """The speaker of the reported clause ``verb`` heads, when what the clause tells of is the
    speaker itself ("it", "we", "its forces") or its own country's side."""
    said = _speaker(kit, ast, sst, verb)
    subj = subject_token(verb)
    if said is None or subj is None:
        return None
    speaker, spk = said
    if subj.lower_ in mod.SELF or any(
        c.dep_ == "poss" and c.lower_ in mod.SELF for c in subj.children
    ):
        return speaker, spk
    side = kit.resolve(subj, ast.ctx, sst.line)
    state = kit.lex.sector_groups["state"]
    # "the country's security forces had nothing to do with it, the minister said"
    if (
        side is not None
        and speaker.country
        and side.country in (None, speaker.country)
        and side.sector in state
        and speaker.sector in (None, *state)
    ):
        return speaker, spk
    return None


def _copula(verb: Any) -> bool:
    return verb.lemma_.lower() in ("be", "remain")


def _negated(verb: Any) -> bool:
    return any(c.dep_ == "neg" for c in verb.children)


def _add(
    kit: Kit,
    sst: SentenceState,
    tok: Any,
    code: str,
    source: Actor,
    src_tok: Any,
    target: Actor | None,
    target_tok: Any,
    rule: str,
) -> None:
    if any(d.code == code and d.source == source for d in sst.drafts):
        return
    entry = Entry(key="responsibility", code=code, target=())
    pred = Predicate(tok, entry, code, "verb", rule=rule)
    sst.drafts.append(
        Draft(pred, source, src_tok, target, target_tok, code, rule, None, sst.sent, sst.line)
    )
