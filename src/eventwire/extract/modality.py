"""Modality: is the clause an act that happened, or a denial, a threat, a wish, a condition?

Only asserted acts are emitted as such. A verb under "deny", "threaten to", "plan to", "accuse ...
of" is not an act (the governing verb may be an event of its own: a threat, an accusation). A modal
("may", "could") or a condition ("if") makes a clause irrealis; "should"/"must" in reported speech
is a demand made by the speaker.
"""

from __future__ import annotations

from typing import Any

from eventwire.extract.clauses import completing, no_one_does
from eventwire.extract.lexicon import Lexicon

ASSERTED, NEGATED, IRREALIS, OBLIGATION, FUTURE = (
    "asserted",
    "negated",
    "irrealis",
    "obligation",
    "future",
)
CONDITION = "condition"  # "if the border is crossed": a condition, never an act nor a promise
REFUSAL = "refusal"  # "will not / would not sign": a refusal, coded as a rejection
_CHAIN = {
    "acomp",
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


def _in_reported_speech(tok: Any, lex: Lexicon) -> bool:
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in lex.reporting


def _announced(tok: Any) -> bool:
    t = tok
    while t.dep_ == "conj" and t.head.i != t.i:
        t = t.head
    return t.dep_ == "ccomp" and t.head.lemma_.lower() in ("announce", "decide", "declare")


def _own(tok: Any, lex: Lexicon) -> str | None:
    negated = no_one_does(tok) or any(
        c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in _NEG_WORDS)
        for c in tok.children
    )
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether", "lest"):
            return CONDITION
    for c in tok.children:
        if c.dep_ != "aux":
            continue
        w = c.lower_
        if w == "would" and _announced(tok):
            continue  # "declared it would close the consulate": the declaration is the act
        future = w in ("will", "'ll", "shall") or (w == "would" and _in_reported_speech(tok, lex))
        if future:
            return REFUSAL if negated else FUTURE
        if w in lex.modal_obligation or c.lemma_.lower() in lex.modal_obligation:
            return NEGATED if negated else OBLIGATION
        if w in lex.modal_irrealis:
            return NEGATED if negated else IRREALIS
    return NEGATED if negated else None


def unrealised(noun: Any, lex: Lexicon) -> str | None:
    """An event noun whose act is not (yet) done: planned, scheduled or proposed ("the march
    planned for Friday", "talks due to begin"), called off or put off by its clause ("the sit-in
    has been pushed back"), called unlikely ("an attack is unlikely"), or the subject of a clause
    that is future or hypothetical ("a blockade would snarl traffic"). Words: ``unrealised``."""
    words = lex.unrealised
    modifiers = words.get("modifiers", frozenset())
    for c in noun.children if not _went_ahead(noun, lex) else ():
        named = c.lemma_.lower() in modifiers or c.lower_ in modifiers
        set_for = c.lower_ != "set" or any(x.lower_ in ("for", "to") for x in c.children)
        if c.dep_ in ("amod", "acl", "compound", "nmod") and named and set_for:
            return IRREALIS
    if noun.dep_ not in ("nsubj", "nsubjpass"):
        return None
    verb = noun.head
    lemma = verb.lemma_.lower()
    parts = {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "prep")}
    parts |= {
        f"{lemma} {c.lower_} {g.lower_}"
        for c in verb.children
        if c.dep_ == "prep"
        for g in c.children
        if g.dep_ == "pobj"
    }
    agent = lex.nouns.get(noun.lemma_.lower())
    if ({lemma} | parts) & words.get("verbs", frozenset()) and not (
        agent is not None and agent.agent_noun and lemma == "move"
    ):  # "the vote was moved to Friday" is put off; "troops were moved to the border" are sent
        return NEGATED
    if any(c.dep_ == "acomp" and c.lower_ in words.get("adjectives", ()) for c in verb.children):
        return IRREALIS
    if (
        noun.dep_ == "nsubj"  # "the killing would be avenged": done to the act, which happened
        and verb.pos_ in ("VERB", "AUX")
        and _own(verb, lex) in (IRREALIS, FUTURE, CONDITION, REFUSAL)
    ):
        return IRREALIS
    return None


def _went_ahead(noun: Any, lex: Lexicon) -> bool:
    """'The planned visit went ahead', 'the scheduled talks began': what was planned happened."""
    if noun.dep_ != "nsubj" or _own(noun.head, lex) is not None:
        return False
    lemma = noun.head.lemma_.lower()
    said = {lemma} | {
        f"{lemma} {c.lower_}" for c in noun.head.children if c.dep_ in ("prt", "advmod")
    }
    return bool(said & lex.occurrence_verbs.get("intransitive", frozenset()))


def modality(tok: Any, lex: Lexicon) -> str:
    """The modality of the clause headed by ``tok`` (a verb or an event noun)."""
    if tok.pos_ in ("NOUN", "PROPN"):
        un = unrealised(tok, lex)
        if un is not None:
            return un
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
            contrast = any(
                c.dep_ == "cc" and c.lower_ in ("but", "yet") and c.i < t.i for c in head.children
            )
            t = head
            own = _own(t, lex) if t.pos_ in ("VERB", "AUX") else None
            if own in (NEGATED,) and not contrast:
                return own  # "did not confirm the loss but accused X": the accusation is made
            continue
        if (
            dep == "pcomp"
            and lemma == "from"
            and head.head.pos_ in ("VERB", "AUX")
            and head.head.lemma_.lower() not in lex.casualty_verbs
            and t.pos_ == "VERB"
        ):
            # "barred the party from holding meetings", "refrained from striking back", "withdrew
            # from contesting the vote": kept from the act, or keeping from it; not done
            return IRREALIS
        if lemma == "responsibility":
            return ASSERTED  # "claimed responsibility for the bombing": the bombing happened
        if dep == "advcl" and _factual_clause(t, head):
            return ASSERTED  # "flights were cancelled as ground staff walked out"
        if lemma in lex.reporting and dep == "ccomp":
            return ASSERTED  # reported speech: asserted by its speaker (attribution kept)
        if dep == "xcomp" and any(c.lower_ == "yet" for c in head.children):
            return NEGATED  # "has yet to investigate", "is yet to sign": not done
        if lemma in lex.transparent:
            t = head
            continue
        if lemma in lex.irrealis or lemma in lex.governing or said_no(head, lex):
            return IRREALIS
        if head.pos_ in ("VERB", "AUX"):
            g = _own(head, lex)
            if g in (NEGATED, IRREALIS, REFUSAL, CONDITION) and dep in ("xcomp", "ccomp", "advcl"):
                return IRREALIS if g in (REFUSAL, CONDITION) else g
        t = head
    return ASSERTED


# Subordinators of a clause that tells its own act as fact: "as", "because", "after" ...
_FACTUAL_MARKS = frozenset(
    {"as", "because", "after", "when", "while", "since", "although", "though", "whereas"}
)
_MODAL_AUX = frozenset(
    {"will", "would", "could", "might", "may", "should", "must", "shall", "can", "'ll"}
)


def _factual_clause(clause: Any, head: Any) -> bool:
    """'Flights were cancelled as ground staff walked out', 'the talks were postponed after
    rebels shelled the town': a clause of time or cause under a verb of not doing (cancel,
    postpone, deny) tells its own act as a fact, unless the verb it hangs on is itself modal
    ("anyone who moves when the curfew begins will be shot")."""
    if not any(c.dep_ == "mark" and c.lower_ in _FACTUAL_MARKS for c in clause.children):
        return False
    return not any(
        c.dep_ == "aux" and c.lower_ in _MODAL_AUX for c in (*clause.children, *head.children)
    )


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


_GOV_CHAIN = {"xcomp", "pcomp", "pobj", "prep", "dobj", "acomp", "ccomp", "advcl"}


_SELF = frozenset({"it", "we", "they", "he", "she", "i", "its", "our", "their", "his", "her", "my"})
SELF = _SELF  # the speaker's own words for itself


def _own_future(clause: Any, cls: str) -> bool:
    """'warned that any aircraft entering its airspace would be shot down', 'vowed that its
    troops will withdraw': a that-clause of a threat or promise in the future, whose doer is the
    speaker (a pronoun, a pronoun's forces) or left unnamed (a passive), is the threat or promise
    itself; 'warned that the rebels would attack' is a forecast about others."""
    if cls not in ("threat", "intent"):
        return False
    if not any(
        c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "shall") for c in clause.children
    ):
        return False
    subj = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if (
        subj is None
        or subj.dep_ == "nsubjpass"
        and not any(c.dep_ == "agent" for c in clause.children)
    ):
        return True
    if subj.lower_ in _SELF:
        return True
    return any(c.dep_ == "poss" and c.lower_ in _SELF for c in subj.children)


def forecast(tok: Any, lex: Lexicon) -> bool:
    """'warned that rival militias would attack the capital': a future act of others under a
    verb of warning is the speaker's forecast, no threat by them."""
    return (
        tok.dep_ == "ccomp"
        and lex.governing.get(tok.head.lemma_.lower()) == "threat"
        and not _own_future(tok, "threat")
    )


def said_no(head: Any, lex: Lexicon) -> bool:
    """'said no to sending troops': a verb and the word that finishes it govern as a refusal."""
    return any(
        lex.governing.get(f"{head.lemma_.lower()} {c.lower_}") == "reject" for c in completing(head)
    )


def _to_infinitive(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def governor(tok: Any, lex: Lexicon) -> tuple[str, Any] | None:
    """The verb (or adjective) that makes ``tok`` a promise, threat, refusal, demand or appeal:
    ("intent", pledged) for "pledged to provide aid". Clausal complements ("demanded that X
    withdraw") count for demands and appeals only; reported speech stops the search."""
    t = tok
    for _ in range(6):
        dep, head = t.dep_, t.head
        if dep == "acl" and head.pos_ == "NOUN" and _to_infinitive(t):
            # "announced plans to hold joint patrols", "Moscow's threat to cut supplies"
            cls = lex.governing_nouns.get(head.lemma_.lower())
            if cls is None or any(c.dep_ == "det" and c.lower_ == "no" for c in head.children):
                return None  # "has no plans to withdraw": no intent
            return cls, head
        if head.i == t.i or dep not in _GOV_CHAIN:
            return None
        lemma = head.lemma_.lower()
        cls = lex.governing.get(lemma) or ("reject" if said_no(head, lex) else None)
        if (
            cls is None
            and head.pos_ in ("VERB", "AUX")
            and dep in ("dobj", "xcomp", "advcl")
            and not (lemma in lex.transparent or lemma in lex.light_verbs)
            and not any(f"{lemma} {c.lower_}" in lex.governing for c in head.children)
        ):
            return None  # "agreed to delay the vote": the verb between changes the act
        for c in head.children:  # "called for", "called on X to"
            key = f"{lemma} {c.lower_}"
            if (
                c.dep_ in ("prep", "prt")
                and key in lex.governing
                and (dep == "xcomp" or c.i == t.i)
            ):
                cls = lex.governing[key]
        if cls is not None and (
            dep != "ccomp" or cls in ("demand", "appeal") or _own_future(t, cls)
        ):
            to_infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children)
            if dep == "advcl" and cls != "threat" and not to_infinitive:
                return None
            return cls, head
        if lemma in lex.reporting and dep == "ccomp":
            return None
        t = head
    return None
