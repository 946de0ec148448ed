"""Stage 6, events named by a noun that is the subject of what befell people: "The strikes killed
two children" (an earlier event, now with its toll) and "A roadside bombing killed one soldier"
(an attack whose doer the text does not name).

Reads the sentence and the mentions so far; adds to ``SentenceState.mentions``.
"""

from __future__ import annotations

from typing import Any

from eventwire import ontology
from eventwire.extract.actors import ArticleContext
from eventwire.extract.arguments import accidental
from eventwire.extract.assemble import with_place_country
from eventwire.extract.clauses import child, noun_key, noun_source
from eventwire.extract.lookups import Kit, span_tokens
from eventwire.extract.state import ArticleState, SentenceState
from eventwire.extract.toll import sentence_toll
from eventwire.extract.when import find_when, is_historical
from eventwire.model import Mention, Place, When

_DEFINITE = {"the", "these", "those", "this", "that", "such", "both"}
_DIE = {"die"}  # people who died in an attack are its victims, as those it killed


def _within(kit: Kit, verb: Any) -> Any:
    """The event noun of "... in the shelling" or "... during the raid" on ``verb``, or None."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "during"):
            for g in c.children:
                if g.dep_ == "pobj" and kit.is_event_noun(g):
                    return g
    return None


def noun_events(kit: Kit, ast: ArticleState, sst: SentenceState) -> None:
    prior = ast.mentions + sst.mentions
    article, line, sent = ast.article, sst.line, sst.sent
    explode = _one_word(kit)
    verbs = kit.lex.event_subject_verbs | kit.lex.casualty_verbs | _DIE | explode
    out = []
    for t in sent:
        if t.pos_ != "VERB" or t.lemma_.lower() not in verbs:
            continue
        if t.dep_ == "relcl" and any(c.dep_ == "prep" and c.lower_ == "since" for c in t.children):
            continue  # "an insurgency that has killed 3,000 since 2017": its history (prune.py)
        subj, victims = child(t, "nsubj"), child(t, "dobj")
        if (
            subj is None
            and t.dep_ == "advcl"
            and t.tag_ == "VBG"
            and t.lemma_.lower() in kit.lex.casualty_verbs
            and t.head.lemma_.lower() in explode
        ):
            subj = child(t.head, "nsubj")  # "a car bomb exploded in the market, killing 19"
        agent = [g for c in t.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj is None and agent:  # "three soldiers were killed by a roadside bomb"
            subj, victims = agent[0], child(t, "nsubjpass")
        if subj is None and t.lemma_.lower() in explode:
            if t.dep_ == "acl" and t.head.dep_ == "ROOT" and t.tag_ == "VBN":
                subj = t.head  # "Two explosive devices detonated at bus stops": a headline's shape
            elif child(t, "nsubjpass") is not None:
                subj = child(t, "nsubjpass")  # "a booby-trapped car was detonated": it went off
        within = None
        casualty = t.lemma_.lower() in kit.lex.casualty_verbs | _DIE
        if casualty and not agent and (subj is None or t.lemma_.lower() in _DIE):
            # "two villagers were wounded in the shelling", "three soldiers died in the attack"
            within = _within(kit, t)
            if within is not None:
                subj, victims = within, child(t, "nsubjpass") or child(t, "nsubj")
        if t.lemma_.lower() in _DIE and (subj is None or victims is None):
            continue
        if subj is None or not (kit.is_event_noun(subj) or kit.is_weapon(subj)):
            continue
        if noun_source(subj, kit.lex) is not None or accidental(kit, subj, t):
            continue
        if kit.is_weapon(subj) and not kit.is_event_noun(subj) and _coded(sst, line, t):
            continue  # "Gunmen killed four villagers": the verb's act, its doer already named
        definite = any(c.lower_ in _DEFINITE for c in subj.children)
        ref = kit.antecedent_index(prior, subj, sent) if definite else None
        if ref is None:
            m = unattributed(kit, ast, sst, t, subj, victims, attack_only=within is not None)
            # the new ways in ("in the shelling", "the strike hit") never tell an act again
            # that this sentence already has
            fresh = within is None and t.lemma_.lower() in kit.lex.casualty_verbs
            told = set() if fresh else {x.action.plover_type for x in sst.mentions}
            if m is not None and m.action.plover_type not in told:
                out.append(m)
            continue
        m = prior[ref]
        found = find_when(t, article.published, ast.last_date) or find_when(
            subj, article.published, ast.last_date
        )
        when = m.when
        if found is not None:
            _, date, precision = found
            historical = is_historical(date, precision, article.published)
            when = When(date, precision, historical, found[0].text)
        killed, injured = sentence_toll(t.subtree, kit.lex.toll)
        out.append(
            Mention(
                article_id=article.id,
                sentence=sent.text,
                sentence_start=line.start + sent.start_char,
                line=line.number,
                source=m.source,
                target=m.target,
                action=m.action,
                when=when,
                place=kit.places.find([t]) or m.place,
                killed=killed,
                injured=injured,
                spans={"source": None, "action": span_tokens(line, [subj, t]), "target": None},
                rule=f"anaphor:{subj.lower_}→line {m.line}",
                refers_to=ref,
            )
        )
    # an unnamed doer's act gives way to the same act told through its noun in this sentence
    kinds = {m.action.plover_type for m in out}
    sst.mentions = [
        m
        for m in sst.mentions
        if "+source:unnamed" not in m.rule or m.action.plover_type not in kinds
    ]
    sst.mentions += out


def _one_word(kit: Kit) -> frozenset[str]:
    return frozenset(v.split()[0] for v in kit.lex.explosion_verbs | kit.lex.impact_verbs)


def _went_off(kit: Kit, verb: Any, noun: Any) -> bool:
    """'A car bomb exploded outside the ministry in Mogadishu', 'an explosive device went off near
    a checkpoint in Hasakah': an explosive going off at a named place (not "the area") is an
    attack, though no one is hurt; so is fire or a blast that reaches a named place ("shells
    landed near the hospital in Kherson", "a blast tore through a market in Baghdad"); one that hurt people is told by its casualty verb
    ("exploded in the market, killing 19"), so not here."""
    lemma = verb.lemma_.lower()
    parts = {f"{lemma} {c.lower_}" for c in verb.children if c.dep_ in ("prt", "advmod", "prep")}
    said = {lemma} | parts
    if said & kit.lex.explosion_verbs:
        roots: tuple[str, ...] = ("18",)
    elif said & kit.lex.impact_verbs:  # "shells landed near the hospital in Kherson"
        roots = ("18", "19")
    else:
        return False
    weapon = kit.weapon_code(noun)
    if weapon is None or weapon[:2] not in roots:
        return False
    if any(c.dep_ == "advcl" and c.lemma_.lower() in kit.lex.casualty_verbs for c in verb.children):
        return False
    place = _place_reached(kit, verb)
    return place is not None and place.precision != "area"


def _place_reached(kit: Kit, verb: Any) -> Place | None:
    """Where the act happened: a place under the verb, or the place it struck ("pounded the town
    of Bakhmut")."""
    place = kit.places.find([verb])
    obj = child(verb, "dobj")
    if place is None and obj is not None:
        place = kit.places.resolve_phrase(obj) or kit.places.find([obj])
    return place


def _weapon_codes(kit: Kit, noun: Any) -> list[str]:
    phrase = " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i)
    words = {noun.lower_, noun.lemma_.lower()}
    return [
        c for c, w in kit.lex.instruments if words & w or any(" " in x and x in phrase for x in w)
    ]


def _coded(sst: SentenceState, line: Any, verb: Any) -> bool:
    """Whether an act of this sentence was already coded from ``verb`` itself."""
    at = line.start + verb.idx
    return any(
        (span := m.spans.get("action")) is not None and span[0] <= at < span[1]
        for m in sst.mentions
    )


def unattributed(
    kit: Kit,
    ast: ArticleState,
    sst: SentenceState,
    verb: Any,
    noun: Any,
    victims: Any,
    attack_only: bool = False,
) -> Mention | None:
    """'A roadside bombing killed one soldier', 'Tuesday's strike hit a village', 'two
    villagers were wounded in the shelling': an attack whose perpetrator the text does not name
    is still an event, with no source, when it has victims or a target."""
    article, line = ast.article, sst.line
    lemma = verb.lemma_.lower()
    went_off = _went_off(kit, verb, noun)
    if (
        lemma not in kit.lex.casualty_verbs | _DIE
        and (victims is None or lemma not in kit.lex.event_subject_verbs)
        and not went_off
    ):
        return None  # "the strike hit a village" has its target; "the bomb exploded", none
    if (
        victims is None
        and sentence_toll(verb.subtree, kit.lex.toll) == (None, None)
        and not went_off
    ):
        return None  # no victims and no toll: "the bombing claimed ..." what?
    k = noun_key(noun, kit.lex.nouns)
    phrase = " ".join(t.lower_ for t in noun.subtree if t.i <= noun.i)
    code = (
        kit.lex.nouns[k].code
        if k
        else next(
            (
                c
                for c, w in kit.lex.instruments
                if {noun.lower_, noun.lemma_.lower()} & w
                or any(" " in x and x in phrase for x in w)
            ),
            None,
        )
    )
    if code is None:  # "mortar rounds", "machine-gun fire": fire named by its weapon
        code = kit.weapon_code(noun)
    if code is None:
        return None
    if (attack_only or lemma not in kit.lex.casualty_verbs) and code[:2] not in ("18", "19", "20"):
        # "hit" and "targeted" make an event of an attack's noun, not of "cooperation"; those
        # killed "in the protests" were not killed by the protest
        return None
    if code[:2] not in ("14", "17", "18", "19", "20") and sentence_toll(
        verb.subtree, kit.lex.toll
    ) == (None, None):
        return None  # "the recall of infant formula left shelves empty": no one befallen
    for inst_code, words in kit.lex.instruments:  # "roadside bombing", "improvised explosive"
        text = " ".join(x.lower_ for x in noun.subtree)
        if any(w in text.split() or (" " in w and w in text) for w in words):
            code = inst_code if len(inst_code) >= len(code) else code
            break
    # the victims are named on their own: pronouns here do not reach back into the article
    target = kit.resolve(victims, ArticleContext(), line) if victims is not None else None
    # "exploded in the market, killing 19": the participle's act is placed by its head verb
    place = kit.places.find([verb, noun, *([verb.head] if verb.dep_ == "advcl" else [])])
    if place is None and went_off:
        place = _place_reached(kit, verb)
    if target is not None and target.country is None and place is not None:
        target = with_place_country(kit, target, place)
    found = find_when(verb, article.published, ast.last_date)
    if found is None:
        found = find_when(noun, article.published, ast.last_date)
    if found is not None:
        _, date, precision = found
        when = When(date, precision, is_historical(date, precision, article.published))
    elif article.published is not None:
        when = When(article.published.isoformat(), "article")
    else:
        when = When(None, "none")
    killed, injured = sentence_toll(verb.subtree, kit.lex.toll)
    return Mention(
        article_id=article.id,
        sentence=sst.sent.text,
        sentence_start=line.start + sst.sent.start_char,
        line=line.number,
        source=None,
        target=target,
        action=ontology.action(code),
        when=when,
        place=place,
        killed=killed,
        injured=injured,
        spans={
            "source": None,
            "action": span_tokens(line, [noun, verb]),
            "target": kit.span(line, victims) if target is not None else None,
        },
        rule=f"unattributed:{noun.lemma_.lower()}+{verb.lemma_.lower()}",
    )
