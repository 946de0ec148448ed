"""Between derivation and assembly: drafts that report no act of their own are removed.

Reads and sets ``SentenceState.drafts``. Each step says which class of wording it covers.
"""

from __future__ import annotations

import re
from typing import Any

from eventwire import ontology
from eventwire.extract.arguments import LANDING_ROOTS
from eventwire.extract.lookups import Kit
from eventwire.extract.state import ArticleState, Draft, SentenceState
from eventwire.model import Actor


def overlapping(sst: SentenceState) -> None:
    """One act, one draft: the governing verb gives way to the act it derives; purpose and
    participle clauses belong to their act; the event a verbal act talks about is its topic;
    an act with no named doer is not coded beside a named one of the same kind."""
    drafts = sorted(sst.drafts, key=lambda d: d.order)
    # the governing verb's own generic code ("threatened" 130) gives way to the mirrored one
    drafts = [d for d in drafts if d.pred.tok.i not in sst.governors or "+mirror" in d.rule]
    heads = {d.pred.tok.i for d in drafts} | {
        d.pred.noun.i for d in drafts if d.pred.noun is not None
    }
    by_head = {d.pred.tok.i: d for d in drafts}
    drafts = [
        d for d in drafts if not subordinate(d.pred.tok, heads) or _said_beside(d, by_head)
    ]
    # "rejected an appeal from X", "condemned Y's strikes": the event talked about is the topic
    # of the verbal act, reported elsewhere if it is news; not a second event of the sentence
    # (not so under an inquiry when the act names its doer: "documented the disappearance of
    # activists by the police" reports the disappearance as much as the inquiry)
    verbal = {d.pred.tok.i: d.code for d in drafts if ontology.action(d.code).quad_class in (1, 3)}
    drafts = [
        d
        for d in drafts
        if not (
            d.pred.kind == "noun"
            and d.pred.tok.dep_ == "dobj"
            and d.pred.tok.head.i in verbal
            and (verbal[d.pred.tok.head.i][:2] != "09" or d.source is None)
        )
    ]
    sst.drafts = covered_unnamed(drafts)


def cumulative_toll(kit: Kit, sst: SentenceState) -> None:
    """'an insurgency that has killed more than 3,000 people since 2017': a toll summed up since a
    time, told to describe a conflict (a relative clause), is the conflict's history, not an
    attack of the day. Told as the news ("drone strikes have killed eight leaders since July"),
    it stays an event."""
    harm = kit.lex.harm_verbs
    sst.drafts = [
        d
        for d in sst.drafts
        if not (
            d.pred.tok.lemma_.lower() in harm
            and d.pred.tok.dep_ == "relcl"
            and any(c.dep_ == "prep" and c.lower_ == "since" for c in d.pred.tok.children)
        )
    ]


def conjoined_toll(kit: Kit, sst: SentenceState) -> None:
    """'Gunmen killed three miners and wounded two more': one attack told with its toll; the
    second casualty verb, conjoined to the first, is not a second attack."""
    harm = kit.lex.harm_verbs
    by_tok = {d.pred.tok.i: d for d in sst.drafts}
    sst.drafts = [
        d
        for d in sst.drafts
        if not (
            d.pred.tok.dep_ == "conj"
            and d.pred.tok.lemma_.lower() in harm
            and d.pred.tok.head.i in by_tok
            and by_tok[d.pred.tok.head.i].pred.tok.lemma_.lower() in harm
            and ontology.action(by_tok[d.pred.tok.head.i].code).plover_type
            == ontology.action(d.code).plover_type
        )
    ]


def untargeted(kit: Kit, sst: SentenceState) -> None:
    """An entry that needs a target ("accused", "praised") and found none codes nothing, except
    in its reading by the doer's sector ("detectives questioned a man"), aid given or cut at a
    named place abroad ("suspended food distributions in northern Ethiopia") and a physical act
    at a named place in another country than its doer's ("fired missiles at a car in Gaza
    City"): the place's country is its target (set at assembly)."""
    sst.drafts = [d for d in sst.drafts if targeted_enough(kit, d)]


def targeted_enough(kit: Kit, d: Draft) -> bool:
    """Whether ``untargeted`` keeps the draft. A concession read from a listed object ("ended the
    curfew", "ended their sit-in") is one whoever it is made to: no target needed."""
    return (
        d.target is not None
        or not d.pred.entry.needs_target
        or (d.code[:2] == "08" and "+object:" in d.rule)
        # a listed object's reading in another family than the entry's own ("examining a
        # proposal", 014, of "examine", 090) does not need the target the entry's own reading does
        or ("+object:" in d.rule and d.code[:2] != d.pred.entry.code[:2])
        or (d.source is not None and d.source.sector in d.pred.entry.by_sectors)
        or _lands_abroad(kit, d)
    )


# aid given, and aid or ties cut, at a named place abroad go to that country ("sent tents to the
# quake zone in Morocco", "suspended food distributions in northern Ethiopia"); an agency or
# charity has no country of its own, so any place it names is abroad (so too where it investigates)
AID_ROOTS = ("07", "16")


def _lands_abroad(kit: Kit, d: Draft) -> bool:
    from eventwire.extract.assemble import find_place  # assembly reads the same place

    if d.source is None:
        return False
    aid = d.code[:2] in AID_ROOTS and (d.source.country or d.source.sector in ("IGO", "NGO"))
    # "UN investigators are examining reports of detentions in Tigray": a body of no country
    # investigating at a named place looks into that country
    aid = aid or (d.code[:2] == "09" and not d.source.country and d.source.sector in ("IGO", "NGO"))
    if not aid and (d.code[:2] not in LANDING_ROOTS or not d.source.country):
        return False
    place = find_place(kit, d)
    return (
        place is not None
        and place.precision != "area"
        and place.country
        not in (
            None,
            d.source.country,
        )
    )


FORCE_ROOTS = ("15", "19", "20")  # shows of force, fighting, mass violence


def commercial_force(kit: Kit, sst: SentenceState) -> None:
    """Word sense: a company that "took control of" a rival or "attacked" a market is doing
    business; shows of force and fighting need a doer that can use force."""
    commercial = kit.lex.sector_groups["commercial"]
    sst.drafts = [
        d
        for d in sst.drafts
        if not (
            d.code[:2] in FORCE_ROOTS and d.source is not None and d.source.sector in commercial
        )
    ]


def business_among_themselves(kit: Kit, sst: SentenceState) -> None:
    """Word sense: a company's or bank's dealings with no one political ("the club signed a
    striker", "the bank pledged to cut fees", "the company cut ties with the influencer", "two
    banks agreed on a merger") are business, not political events. A company acting on a state,
    party or armed group ("Shell agreed to pay Nigeria") stays coded."""
    commercial = kit.lex.sector_groups["commercial"]

    def political(a: Actor | None) -> bool:
        if a is None:
            return False
        if a.sector is None:
            return a.country is not None
        return a.sector not in commercial and a.sector != "CVL"

    sst.drafts = [
        d
        for d in sst.drafts
        if not (d.source is not None and d.source.sector in commercial and not political(d.target))
    ]


def covered_unnamed(drafts: list[Draft]) -> list[Draft]:
    """An act with no named doer is reported once per sentence: not beside another event of the
    same PLOVER type ("two protesters were killed when officers opened fire": the shooting is
    the event, the killing its toll), and not twice."""
    out: list[Draft] = []
    for d in drafts:
        kind = ontology.action(d.code).plover_type
        if d.source is None and any(
            ontology.action(x.code).plover_type == kind
            for x in drafts
            if x is not d and (x.source is not None or x in out)
        ):
            continue
        out.append(d)
    return out


def _said_beside(d: Draft, by_head: dict[int, Draft]) -> bool:
    """'Kinshasa gave the ambassador 48 hours to leave, accusing Kigali of arming the rebels',
    'summoned Turkey's envoy, condemning the strikes': a participle that says something (an
    accusation, a demand, a rejection) beside an act of another kind is a second act, not part
    of the first."""
    tok = d.pred.tok
    head = by_head.get(tok.head.i)
    if head is None or tok.tag_ != "VBG" or any(c.dep_ == "aux" for c in tok.children):
        return False
    if tok.i < head.pred.tok.i:
        return False  # "Speaking at a memorial, the prime minister apologised": its setting
    said, done = ontology.action(d.code), ontology.action(head.code)
    if done.root == "14" and said.root in ("02", "03", "10"):
        return False  # "walked off the job, demanding ...": what a protest is for is the protest
    return said.quad_class in (1, 3) and said.root != done.root


def subordinate(tok: Any, heads: set[int]) -> bool:
    """A purpose or participle clause of another coded act ("fired tear gas to disperse them",
    "attacked the base, killing 12", "telephoned X to discuss Y") is part of that act; a reduced
    relative without an agent ("gunmen dressed in uniforms", "the treaty signed in 1994") is
    a description, not a report."""
    if tok.dep_ == "acl" and tok.tag_ == "VBN":
        if tok.head.dep_ == "ROOT" and tok.head.pos_ in ("NOUN", "PROPN", "NUM", "PRON"):
            return False  # "Thousands protested in Dhaka.": a sentence's only verb is its verb
        if tok.head.dep_ == "nsubj" and any(
            c.dep_ == "nsubj" and c.i > tok.i for c in tok.head.head.children
        ):
            # "About 2,000 people protested outside the embassy, police said": the reporting verb
            # given two subjects, the first with the report's verb hung on it; its verb
            return False
        return not any(c.dep_ == "agent" for c in tok.children)
    if tok.dep_ not in ("advcl", "xcomp", "acl") or tok.head.i not in heads:
        return False
    purpose = any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
    participle = tok.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "mark") for c in tok.children)
    return purpose or participle


SPORT_SENTENCE, SPORT_ARTICLE = 2, 4  # distinct sport words that make a sentence, an article sport


def sport(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    """Word sense, sport: "Pirates laid siege to the Chiefs goal", "the derby clash", "fans stormed
    the pitch" are figures of speech. In a sentence with two sport words, or an article with four,
    only acts with a state actor on either side are kept ("police fired tear gas at fans")."""
    if not sst.drafts:
        return
    if ast.sport_words is None:
        ast.sport_words = _sport_count(kit, ast.article.text)
    if ast.sport_words < SPORT_ARTICLE and _sport_count(kit, sst.sent.text) < SPORT_SENTENCE:
        return
    state = kit.lex.sector_groups["state"]
    sst.drafts = [
        d
        for d in sst.drafts
        if (d.source is not None and d.source.sector in state)
        or (d.target is not None and d.target.sector in state)
    ]


def fiction(kit: Kit, sst: SentenceState) -> None:
    """Word sense, fiction: in a sentence about a film, series, novel, game or re-enactment, an act
    with neither a named doer nor a named target ("the stabbing of a character in the final
    episode drew record ratings", "the battle was re-enacted near the town") happens in the
    story, not in the news (``fiction_words``)."""
    if not any(_unowned(d) for d in sst.drafts):
        return
    words = set(re.findall(r"[a-z][a-z'-]*", sst.sent.text.lower()))
    low = sst.sent.text.lower()
    if not any((w in low if " " in w else w in words) for w in kit.lex.fiction_words):
        return
    sst.drafts = [d for d in sst.drafts if not _unowned(d)]


def _unowned(d: Draft) -> bool:
    """No doer, and no one done to but the place it is set in."""
    return d.source is None and (d.target is None or "+target:location" in d.rule)


def _sport_count(kit: Kit, text: str) -> int:
    low = text.lower()
    words = set(re.findall(r"[a-z][a-z'-]*", low))
    return sum(1 for w in kit.lex.sport_words if (w in low if " " in w or "-" in w else w in words))


PRIVATE_ACTS = ("017", "018")  # symbolic acts and sympathy


def private_symbolic(sst: SentenceState) -> None:
    """A crowd mourning or commemorating ("a large crowd had gathered to commemorate him") or a
    family's sympathy is no political act: symbolic acts and condolences (017, 018) need a doer
    that is not the public at large."""
    sst.drafts = [
        d
        for d in sst.drafts
        if not (d.code[:3] in PRIVATE_ACTS and (d.source is None or d.source.sector == "CVL"))
    ]
