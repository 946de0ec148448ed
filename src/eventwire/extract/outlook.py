"""A political speaker's outlook: a pessimistic (CAMEO 012) or optimistic (013) comment.

Three shapes, each with its words in the lexicon's ``outlook`` section:

- **held**: the speaker's own mood, an adjective of outlook said of them ("Irish officials were
  cautiously optimistic about the talks", "the envoy said he remained hopeful that ...", the
  headline "Philippine president upbeat on growth outlook");
- **judged**: a state of affairs judged bleak or bright in what a speaker said ("the outlook for
  the accord is grim, a senior official said"; "the situation is catastrophic, the minister told
  parliament");
- **accord**: the speaker's stated accord with another side ("he said he was in full agreement
  with Lisbon on the water dispute"; CAMEO 019, express accord);
- **warned**: a warning of what lies ahead, told to no one named, that is not the speaker's own
  threat ("the economy minister warned the country faces a second year of recession"; a warning
  to someone is CAMEO 130, "warned that it would retaliate" a threat, both coded elsewhere).

The speaker must be political (a ``speakers`` sector, or a country named as itself): a
company's or a forecaster's outlook is no event. The target is an actor of another country named
in what the outlook is about, else none. A judged or warned outlook is coded only in a sentence
that reports no act of its own (the act is the event); a held one beside any act.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract import modality as mod
from eventwire.extract.clauses import Predicate, child, prep_objects, subject_token
from eventwire.extract.lexicon import Entry
from eventwire.extract.lookups import Kit
from eventwire.extract.state import ArticleState, Draft, SentenceState
from eventwire.model import Actor

# verbs that say of their subject what the adjective says ("was", "remained", "sounded")
LINKING = frozenset(
    {"be", "remain", "seem", "appear", "sound", "feel", "look", "stay", "grow", "become"}
)
PESSIMISTIC, OPTIMISTIC, ACCORD = "012", "013", "019"


def find(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """Add the sentence's outlook drafts (see the module's docstring)."""
    held(kit, ast, sst)
    in_accord(kit, ast, sst)
    warned(kit, ast, sst) or judged(kit, ast, sst)


def in_accord(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """'He said he was in full agreement with Lisbon', 'Rome is in accord with Athens on
    migration': a political speaker's stated accord with another side (CAMEO 019)."""
    for tok in sst.sent:
        if tok.lemma_.lower() not in kit.lex.outlook.accord or tok.dep_ != "pobj":
            continue
        prep, verb = tok.head, tok.head.head
        if prep.lower_ != "in" or verb.lemma_.lower() not in LINKING:
            continue
        if mod.modality(verb, kit.lex) != mod.ASSERTED:
            continue
        holder = subject_token(verb)
        source = _speaker(kit, ast, sst, holder, verb) if holder is not None else None
        if source is None:
            continue
        partner = next(
            (
                (a, g)
                for g in [*prep_objects(tok, "with"), *prep_objects(verb, "with")]
                if (a := kit.resolve(g, ast.ctx, sst.line)) is not None and a != source
            ),
            None,
        )
        if partner is None:
            continue  # "in agreement" with no one named
        entry = Entry(key="outlook", code=ACCORD, target=())
        pred = Predicate(tok, entry, ACCORD, "verb", rule=f"outlook:accord:{tok.lemma_.lower()}")
        sst.drafts.append(
            Draft(pred, source, holder, partner[0], partner[1], ACCORD, pred.rule, None,
                  sst.sent, sst.line)
        )  # fmt: skip


def held(kit: Kit, ast: ArticleState, sst: SentenceState) -> bool:
    """'X was/remained optimistic (about Y)', 'he said he was confident that ...'."""
    words = kit.lex.outlook.held
    found = False
    for adj in sst.sent:
        code = words.get(adj.lemma_.lower()) or words.get(adj.lower_)
        if code is None or not (adj.pos_ == "ADJ" or adj.dep_ == "ROOT" and adj.pos_ == "VERB"):
            continue  # the small model tags a headline's "upbeat" or "worried about" as a verb
        verb, holder = _holder(adj)
        if holder is None:
            continue
        status = mod.modality(verb, kit.lex)
        if status == mod.NEGATED:
            if code != OPTIMISTIC:
                continue  # "not pessimistic" is no outlook we code
            code = PESSIMISTIC  # "was not optimistic", "is not confident that ..."
        elif status != mod.ASSERTED:
            continue  # "may be optimistic", "if they are confident"
        source = _speaker(kit, ast, sst, holder, verb)
        if source is None:
            continue
        _add(kit, ast, sst, "held", adj, code, source, holder, (verb,))
        found = True
    return found


def judged(kit: Kit, ast: ArticleState, sst: SentenceState) -> bool:
    """'The outlook is grim, an official said': a state of affairs judged in what was said."""
    words = kit.lex.outlook.judged
    if any(d.pred.entry.key != "outlook" for d in sst.drafts):
        return False  # the sentence reports an act: that is its event
    for verb, spk, source, clause in comment_clauses(kit, ast, sst):
        if clause.lemma_.lower() not in LINKING:
            continue
        adj = child(clause, "acomp")
        code = words.get(adj.lemma_.lower()) if adj is not None else None
        if code is None or any(c.dep_ in ("xcomp", "ccomp") for c in adj.children):
            continue  # "it is difficult to say", "it is worrying that ...": no state judged
        if mod.modality(clause, kit.lex) not in (mod.ASSERTED, mod.FUTURE):
            continue  # "the months ahead will be difficult" is a forecast, an outlook too
        subj = subject_token(clause)
        if subj is None or kit.resolve(subj, ast.ctx, sst.line) is not None:
            continue  # "Russia's conduct is alarming": an actor judged (criticism, praise)
        _add(kit, ast, sst, "judged", verb, code, source, spk, (clause,))
        return True
    return False


def warned(kit: Kit, ast: ArticleState, sst: SentenceState) -> bool:
    """'The minister warned the country faces recession': a warning of what lies ahead. The
    warning verb's own draft (CAMEO 130) gives way when it warns no one of another country: a
    country does not threaten itself."""
    verbs = kit.lex.outlook.warning
    for verb, spk, source, clause in comment_clauses(kit, ast, sst):
        if verb.lemma_.lower() not in verbs:
            continue
        told = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
        if any(kit.resolve(t, ast.ctx, sst.line) is not None for t in told):
            continue  # a warning to someone named: CAMEO 130, the entry's business
        if any(d.pred.tok.i == clause.i for d in sst.drafts):
            continue  # "warned that rebels had seized the town": the act is the event
        if any(_own_side_may_act(kit, ast, sst, source, c) for c in (clause, *clause.conjuncts)):
            continue  # "warned that Kyiv could halt the gas transit": a threat
        if _about(kit, ast, sst, source, spk, (clause,))[0] is not None:
            continue  # a warning about another country's doing is a threat or a comment
        own = [d for d in sst.drafts if d.pred.tok.i == verb.i]
        others = [d for d in sst.drafts if d not in own]
        if any(d.target is not None and d.target.country != source.country for d in own):
            continue  # "warned that Israel would pay a heavy price": a threat to Israel
        if any(d.code[:2] == "13" for d in others):
            continue
        sst.drafts = [d for d in sst.drafts if d not in own]
        _add(kit, ast, sst, "warned", verb, PESSIMISTIC, source, spk, (clause,))
        return True
    return False


MODALS = frozenset({"will", "would", "'ll", "shall", "could", "can", "may", "might"})


def _own_side_may_act(
    kit: Kit, ast: ArticleState, sst: SentenceState, source: Actor, clause: Any
) -> bool:
    """'Warned that Rwanda would fight back', 'that the navy could seal off the ports', 'that
    Russia was ready to use ...', 'the dispute could be taken to the WTO': what the speaker's own
    side (or no one named) may do is a threat, not an outlook. 'Warned that Lebanon faced total
    collapse' tells what the country undergoes."""
    modal = any(c.dep_ in ("aux", "auxpass") and c.lower_ in MODALS for c in clause.children)
    ready = any(c.dep_ == "xcomp" for a in clause.children if a.dep_ == "acomp" for c in a.children)
    if not (modal or ready):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.lower_ in mod.SELF:
        return True
    if subj.dep_ == "nsubjpass" and not any(c.dep_ == "agent" for c in clause.children):
        return True
    side = kit.resolve(subj, ast.ctx, sst.line)
    return side is not None and (side.country is None or side.country == source.country)


def _holder(adj: Any) -> tuple[Any, Any]:
    """The verb that carries an adjective of outlook, and whom it is said of."""
    if adj.dep_ == "acomp" and adj.head.lemma_.lower() in LINKING:
        return adj.head, subject_token(adj.head)
    if adj.dep_ == "ROOT" and child(adj, "dobj") is None:
        return adj, child(adj, "nsubj")  # the headline "Philippine president upbeat on growth"
    if (
        adj.dep_ == "amod"
        and adj.head.dep_ == "ROOT"
        and adj.i > adj.head.i
        and any(c.dep_ in ("prep", "ccomp") for c in adj.children)
    ):  # the headline "Colombian negotiator gloomy about prospects of deal"
        return adj.head, adj.head
    return adj, None


def _speaker(kit: Kit, ast: ArticleState, sst: SentenceState, holder: Any, verb: Any) -> Any:
    """The political actor whose outlook it is: the holder, or, for "he said he was hopeful",
    the speaker of the verb of saying the clause hangs on."""
    source = kit.resolve(holder, ast.ctx, sst.line)
    if source is None and holder.pos_ == "PRON":
        head = mod.reporting_head(verb, kit.lex)
        spk = subject_token(head) if head is not None else None
        source = kit.resolve(spk, ast.ctx, sst.line) if spk is not None else None
    return source if source is not None and political(kit, source) else None


def political(kit: Kit, source: Actor) -> bool:
    if source.sector is None:  # "Russia said ...": a country as itself, not its people
        return bool(source.country) and not source.rule.startswith("country:demonym")
    if source.sector not in kit.lex.sector_groups["speakers"]:
        return False
    return bool(source.country) or source.sector in kit.lex.sector_groups["international"]


def comment_clauses(kit: Kit, ast: ArticleState, sst: SentenceState) -> Any:
    """Each verb of comment at the top of the sentence with a political speaker, and the clause
    it says: "the minister said the outlook was grim", "the outlook is grim, the minister said"."""
    for t in sst.sent:
        if t.lemma_.lower() not in kit.lex.comment_verbs or t.pos_ != "VERB":
            continue
        if not (t.dep_ == "ROOT" or (t.dep_ in ("parataxis", "ccomp") and t.head.dep_ == "ROOT")):
            continue
        spk = subject_token(t)
        source = kit.resolve(spk, ast.ctx, sst.line) if spk is not None else None
        if source is None or not political(kit, source):
            continue
        clause = child(t, "ccomp")
        if clause is None and t.dep_ in ("parataxis", "ccomp"):
            clause = t.head
        if clause is not None:
            yield t, spk, source, clause


def _add(
    kit: Kit,
    ast: ArticleState,
    sst: SentenceState,
    shape: str,
    tok: Any,
    code: str,
    source: Actor,
    src_tok: Any,
    about: tuple[Any, ...],
) -> None:
    if any(d.pred.tok.i == tok.i and d.code == code for d in sst.drafts):
        return
    target, target_tok = _about(kit, ast, sst, source, src_tok, about)
    entry = Entry(key="outlook", code=code, target=())
    pred = Predicate(tok, entry, code, "verb", rule=f"outlook:{shape}:{tok.lemma_.lower()}")
    sst.drafts.append(
        Draft(pred, source, src_tok, target, target_tok, code, pred.rule, None, sst.sent, sst.line)
    )


def _about(
    kit: Kit,
    ast: ArticleState,
    sst: SentenceState,
    source: Actor,
    src_tok: Any,
    about: tuple[Any, ...],
) -> tuple[Actor | None, Any]:
    """The first actor of another country named in what the outlook is about."""
    own = {x.i for x in src_tok.subtree} if src_tok is not None else set()
    for x in (x for a in about for x in a.subtree):
        if x.i in own or x.pos_ not in ("PROPN", "NOUN"):
            continue
        a = kit.resolve(x, ast.ctx, sst.line)
        if a is not None and a.country and a.country != source.country:
            return a, x
    return None, None
