"""Stage 2, arguments: who did the act (source) and to whom (target), for one predicate.

Reads a candidate predicate and the article so far; returns a ``Draft`` (or None when the act has
no doer, no one done to and no place, or its entry's conditions are not met).
"""

from __future__ import annotations

from typing import Any

from eventwire import ontology
from eventwire.extract import modality as mod
from eventwire.extract.clauses import (
    Predicate,
    child,
    happening,
    is_passive,
    noun_key,
    noun_source,
    noun_sources,
    object_heads,
    object_of,
    participle_doer,
    passive_parties,
    prep_objects,
    reaction,
    subject_token,
    target_tokens,
    under_attack,
)
from eventwire.extract.lookups import Kit, clause_tokens
from eventwire.extract.state import ArticleState, Draft, SentenceState
from eventwire.model import Actor, Place


def draft(kit: Kit, pred: Predicate, ast: ArticleState, sst: SentenceState) -> Draft | None:
    ctx, line = ast.ctx, sst.line
    giver = None
    if pred.kind == "noun":
        found = reaction(pred.tok, pred.entry, kit.lex) if pred.rule.endswith("+reaction") else None
        froms = [found[1]] if found is not None else []  # "drew praise from the AU"
        src_tok = next(
            (
                c
                for c in [*froms, *noun_sources(pred.tok, kit.lex)]
                if (a := kit.resolve(c, ctx, line)) is not None
                and not _where_not_who(pred, c, a)
            ),
            None,
        )
        if src_tok is None:
            src_tok = participant(kit, pred.tok)
        if src_tok is None and pred.code[:2] == "15":
            src_tok = _forces_moved(kit, pred, ast, sst)
    else:
        giver = gift_giver(kit, pred)
        src_tok = giver if giver is not None else subject_token(pred.tok)
        if src_tok is None and pred.noun is not None and pred.kind == "verb":
            src_tok = noun_source(pred.noun, kit.lex)
        if src_tok is None:  # "ties between Qatar and Bahrain were restored": the first side
            src_tok = next(iter(passive_parties(pred.tok)), None)
        if src_tok is None and pred.code[:2] == "15":
            src_tok = _forces_posted(kit, pred, ast, sst)
        if (
            src_tok is not None
            and src_tok.lemma_.lower() in kit.lex.passive_means
            and is_passive(pred.tok)
        ):
            src_tok = None  # "lifted by presidential decree", "moved by rail": by what, not whom
    if (
        src_tok is not None
        and pred.code[:2] in ("18", "19", "20")
        and not pred.entry.subjects
        and kit.is_weapon(src_tok)
    ):
        user = participle_doer(src_tok, kit.lex)  # "shells fired by the RSF killed 14": the RSF
        if user is not None and kit.resolve(user, ctx, line) is not None:
            src_tok = user
    if src_tok is not None and kit.is_event_noun(src_tok):
        return None  # "the strikes killed ...": coded by the noun-event stage
    blast = src_tok if src_tok is not None else next(iter(prep_objects(pred.tok, "by")), None)
    if blast is not None and accidental(kit, blast, pred.tok):
        return None  # "an explosion at a coal mine killed 41 miners": an accident
    if (
        src_tok is not None
        and src_tok.lemma_.lower() in kit.lex.hazards
        and not kit.is_weapon(src_tok)  # "sniper fire killed two soldiers": shooting
    ):
        return None  # "the Myanmar earthquake killed 3,700 people": no doer, no political act
    source = kit.named(src_tok, ctx, line) if src_tok is not None else None
    code, rule = pred.code, pred.rule
    if (
        source is None
        and src_tok is not None
        and "14" in (code[:2], (pred.entry.nonstate or "")[:2])
    ):
        source = crowd(kit, src_tok)
    if source is None and src_tok is None:
        weigher = _deliberating_speaker(kit, pred, ctx, line)
        if weigher is not None:  # "options are being reviewed, the finance ministry said"
            source, src_tok = weigher
            rule += "+source:speaker"
    if source is None:
        unnamed = unnamed_source(kit, pred, src_tok)
        if unnamed is None:
            return None
        code, rule = unnamed
        src_tok = None
    doers = pred.entry.doer_sectors
    if source is not None and doers and source.sector not in doers:
        return None  # "the government documented the disappearances": a record, no inquiry
    sector = source.sector if source is not None and pred.kind == "verb" else None
    by_sector = sector is not None and sector in pred.entry.by_sectors
    if by_sector:  # "detectives questioned a former minister": an interrogation, target or not
        code, rule = pred.entry.by_sectors[str(sector)], f"{rule}+sector:{sector}"
    if pred.entry.subjects and src_tok is not None:  # "two battalions arrived in Bamako"
        doer = next(
            (
                h.lemma_.lower()
                for h in object_heads(src_tok, kit.lex.collectives)
                if h.lemma_.lower() in pred.entry.subjects
            ),
            None,
        )
        if doer is not None:
            code, rule = pred.entry.subjects[doer], f"{rule}+subject:{doer}"
        elif pred.entry.subjects_only:
            return None  # "crowds ringed the stadium": only forces show force
    elif pred.entry.subjects_only:
        return None
    target, target_tok = None, None
    cands = target_tokens(pred)
    if giver is not None:  # "Canadian police received data from the FBI": the receiver
        receiver = subject_token(pred.tok)
        cands = [receiver] if receiver is not None else []
        rule += "+from:giver"
    if pred.victims is not None:
        cands = [pred.victims, *cands]
        rule += "+victims:when"
    for cand in cands:
        if pred.entry.diplomat and cand.dep_ in ("dobj", "nsubjpass", "dative") and kit.is_diplomat(cand):
            code, rule = pred.entry.diplomat, f"{rule}+diplomat"
        if kit.is_event_noun(cand) and ontology.action(code).root in ("11", "12", "09", "05", "19", "14"):
            t = event_source(kit, cand, ast, sst)
        else:
            t = kit.resolve(cand, ctx, line)
            if kit.is_diplomat(cand):
                t = _posting(kit, cand, t, source, ast, sst)
        if t is not None and _own_side(source, src_tok, t, cand):
            continue  # "Afghan and Taliban officials met": no other country named
        if t is not None:
            target, target_tok = t, cand
            break
    if target is None:
        found = fallback_target(kit, pred, cands, ast, sst)
        # "shells landed, wounding five": the casualties of a weapon's clause
        armed = source is None and "+instrument:" in rule and pred.tok.dep_ == "advcl"
        if found is None and code[:2] in kit.lex.unnamed_target and (_named_doer(source) or armed):
            found = unnamed_patient(kit, pred, cands)
        if found is not None:
            target, target_tok, how = found
            rule += f"+target:{how}"
    if pred.entry.objects and (pred.kind == "verb" or pred.entry.verb is not None):
        obj = object_of(pred)
        if obj is not None:
            heads = object_heads(obj, kit.lex.collectives)
            obj = next((h for h in heads if object_lemma(h, pred.entry.objects)), obj)
        lemma = object_lemma(obj, pred.entry.objects) or obj.lemma_.lower() if obj is not None else None
        if lemma in pred.entry.objects:
            if pred.entry.objects[lemma] == "none":
                return None  # word sense: "eased monetary policy", "cut interest rates"
            if pred.entry.from_gives and giver is None:
                return None  # "Kyiv received more shells": given by whom, the text does not say
            code, rule = pred.entry.objects[lemma], f"{rule}+object:{lemma}"
            if code[:2] == "15" and "+target:owner" in rule and target_tok in heads:
                # "mobilised thousands of militiamen": the forces moved, not whom they face
                target, target_tok = None, None
                rule = rule.replace("+target:owner", "")
            if target is None:
                preps = [c for c in obj.children if c.dep_ == "prep"]
                if code[:2] == "15":
                    preps = [c for c in preps if c.lower_ != "of"]  # "a contingent of marines"
                for g in (x for c in preps for x in c.children):
                    t = kit.resolve(g, ctx, line) if g.dep_ == "pobj" else None
                    if t is not None:
                        target, target_tok = t, g
                        break
        elif pred.entry.clause and (_clause_reports_act(pred, sst) or _gerund_act(pred)):
            code, rule = pred.entry.clause, f"{rule}+clause"
            if target is None:  # "denied that its troops shelled X": X, the one said done to
                target, target_tok = _clause_target(kit, pred, ast, sst)
        elif _actor_object(kit, pred, source, target, target_tok):
            code, rule = str(pred.entry.actor_object), f"{rule}+actor-object"
        elif pred.entry.objects_only and not by_sector:
            return None  # an entry with no target is dropped at pruning (prune.untargeted)
    if pred.entry.diplomat and (pred.kind == "verb" or pred.entry.verb is not None):
        d = object_of(pred)
        if d is not None and kit.is_diplomat(d) and "+diplomat" not in rule:
            code, rule = pred.entry.diplomat, f"{rule}+diplomat"
        if d is not None and kit.is_diplomat(d) and (target is None or "+target:owner" in rule):
            host = _posting(kit, d, None, source, ast, sst)
            if host is not None:  # "recalled its ambassador to Iran": Iran
                target, target_tok = host, next(iter(prep_objects(d, "to")))
                rule = rule.replace("+target:owner", "") + "+target:posting"
    if pred.entry.from_objects:
        left = next(
            (
                g.lemma_.lower()
                for g in _left_objects(pred)
                if g.lemma_.lower() in pred.entry.from_objects
            ),
            None,
        )
        if left is not None:
            if pred.entry.from_objects[left] == "none":
                return None  # "released from hospital", "withdrew from the race": no such act
            code, rule = pred.entry.from_objects[left], f"{rule}+from:{left}"
    if under_attack(pred.tok) is not None and _figurative_attack(pred, source):
        code, rule = "111", f"{rule}+under:criticism"  # "came under fire from critics"
    if pred.entry.needs_negative and not kit.has_negative_word(pred.tok):
        return None
    if source is not None and source.rule.startswith("unresolved:") and target is None:
        return None  # an unknown name acting on no one known: too little to code
    occurring = "+source:occurring" in rule
    if source is None and target is None and not occurring:
        where = kit.places.find(place_heads(pred)) or object_place(kit, pred)
        if code[:2] in kit.lex.unnamed_source["passive_targeted"]:
            if where is None or where.precision in ("area", "country"):
                return None  # "a deal was signed": a verbal act with no doer, no one done to
            # "a peace accord was signed in Addis Ababa", "talks were held in Doha": the town
        elif (where is None or where.precision == "area") and not public_patient(kit, pred, rule):
            return None  # no doer, no one done to, no place (an ocean is not one): nothing
    if code[:2] == "13" and any(
        c.dep_ == "ccomp" and mod._own(c, kit.lex) == mod.OBLIGATION for c in pred.tok.children
    ):
        return None  # "warned that X must withdraw" is the demand of the obligation rule
    rep = mod.reporting_head(pred.tok, kit.lex)
    attribution, spk = None, None
    if rep is not None:
        spk = subject_token(rep)
        if spk is not None:  # the words as written ("Pakistan's foreign ministry")
            attribution = spk.doc[spk.left_edge.i : spk.right_edge.i + 1].text
    if source is None and spk is not None and "+source:unnamed" in rule:
        arrester = _arresting_speaker(kit, pred, spk, ctx, line)
        if arrester is not None:  # "94 people were arrested, Jakarta police said"
            source, src_tok = arrester, spk
            rule = rule.replace("+source:unnamed", "+source:speaker")
    return Draft(
        pred, source, src_tok, target, target_tok, code, rule, attribution, sst.sent, line, spk
    )


ARRESTING = ("COP", "GOV", "MIL", "JUD", "SPY")


DELIBERATING = ("GOV", "MIL", "JUD", "IGO")


def _deliberating_speaker(kit: Kit, pred: Predicate, ctx: Any, line: Any) -> tuple[Actor, Any] | None:
    """'Options to stabilise the currency are being reviewed, the finance ministry said', 'a ban
    is being considered, the minister said': a measure weighed in the passive (CAMEO 014), with no
    one named to weigh it, is weighed by the state body or official that reports it."""
    if pred.kind != "verb" or not is_passive(pred.tok):
        return None
    code = pred.code
    if pred.entry.objects:
        obj = object_of(pred)
        lemma = object_lemma(obj, pred.entry.objects) if obj is not None else None
        code = pred.entry.objects.get(lemma or "", code)
    if code != "014":
        return None
    rep = mod.reporting_head(pred.tok, kit.lex)
    spk = subject_token(rep) if rep is not None else None
    who = kit.resolve(spk, ctx, line) if spk is not None else None
    if who is None or who.sector not in DELIBERATING:
        return None
    return who, spk


def _arresting_speaker(kit: Kit, pred: Predicate, spk: Any, ctx: Any, line: Any) -> Actor | None:
    """'Fourteen people were detained, police said', 'the Interior Ministry said 13 people were
    detained': an arrest told in the passive by the state body that reports it was that body's
    (or its police's) doing. Only for arrest and detention (CAMEO 173 and its kind), and only a
    speaker of the state's security, government or courts."""
    if not pred.code.startswith("17") or not is_passive(pred.tok):
        return None
    who = kit.resolve(spk, ctx, line)
    if who is None or who.sector not in ARRESTING:
        return None
    return who


def crowd(kit: Kit, tok: Any) -> Actor | None:
    """'Thousands rallied in Belgrade', 'tens of thousands marched on parliament', 'crowds took to
    the streets', '2,000 people protested': a crowd counted or named by its size (``crowds`` and
    ``counted_crowds`` in agents.yaml) that protests is civilians; their country is the place's,
    given at assembly."""
    counted = tok.lemma_.lower() in kit.lex.counted_crowds and any(
        c.dep_ == "nummod" and c.like_num for c in tok.children
    )  # "about 2,000 people protested outside the embassy"
    if not counted and (tok.lower_ not in kit.lex.crowds or tok.pos_ not in ("NOUN", "PRON", "NUM")):
        return None
    if any(g.lower_ not in kit.lex.crowds for g in prep_objects(tok, "of")):
        return None  # "thousands of runners": people the dictionaries do not know as actors
    text = kit.actors.span_text(kit.actors.phrase(tok))
    return Actor(text, text, None, "CVL", rule="agents.yaml:crowds")


def accidental(kit: Kit, noun: Any, verb: Any) -> bool:
    """'A gas explosion destroyed part of the block', 'an explosion at a coal mine killed 41
    miners', 'a blast at a fireworks factory': an accident, not an attack, when the sentence
    names no weapon or attack besides (``accidental_blasts`` in agents.yaml)."""
    words = kit.lex.accidental_blasts
    if noun.lemma_.lower() not in words.get("blasts", frozenset()):
        return False
    causes, sites = words.get("causes", frozenset()), words.get("sites", frozenset())
    mods = {c.lemma_.lower() for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    at = [
        g
        for h in (noun, verb)
        for c in h.children
        if c.dep_ == "prep" and c.lower_ in ("at", "in", "inside", "near")
        for g in c.children
        if g.dep_ == "pobj"
    ]
    site = any(
        g.lemma_.lower() in sites
        or any(m.lemma_.lower() in causes for m in g.children if m.dep_ in ("compound", "amod"))
        for g in at
    )
    if not (mods & causes or site):
        return False
    return not any(
        t.i != noun.i
        and (
            kit.is_weapon(t)
            or (kit.is_event_noun(t) and t.lemma_.lower() not in words.get("blasts", frozenset()))
        )
        for t in verb.sent
        if t.pos_ in ("NOUN", "PROPN")
    )


def _left_objects(pred: Predicate) -> list[Any]:
    """What an act leaves or is out of: "withdrew from the treaty", "its withdrawal from the
    bloc", "pulled out of the accord"."""
    heads = [pred.tok, *([pred.noun] if pred.noun is not None else [])]
    outs = [c for c in pred.tok.children if c.lower_ == "out" and c.dep_ in ("prt", "prep")]
    heads += outs
    found = [g for h in heads for g in prep_objects(h, "from")]
    if outs:
        found += [g for h in heads for g in prep_objects(h, "of")]
    return found


def _forces_moved(kit: Kit, pred: Predicate, ast: ArticleState, sst: SentenceState) -> Any:
    """'the massing of Azerbaijani troops', 'a build-up of Russian forces': in a show of force the
    forces of the "of" phrase are the doer, not the target."""
    for g in prep_objects(pred.tok, "of"):
        a = kit.resolve(g, ast.ctx, sst.line)
        if a is not None and a.sector in ("MIL", "COP") and a.country:
            return g
    return None


def _forces_posted(kit: Kit, pred: Predicate, ast: ArticleState, sst: SentenceState) -> Any:
    """'US troops were put on alert', 'Russian reservists were mobilised', 'the National Guard was
    activated': a show of force told in the passive with no doer names the forces, and their
    country is the one showing force."""
    if not is_passive(pred.tok):
        return None
    subj = child(pred.tok, "nsubjpass")
    a = kit.resolve(subj, ast.ctx, sst.line) if subj is not None else None
    return subj if a is not None and a.sector in ("MIL", "COP") and a.country else None


def _clause_reports_act(pred: Predicate, sst: SentenceState) -> bool:
    """'denied that its soldiers had fired on protesters': the verb's that-clause holds an act
    the lexicon knows (any predicate found in it), or says what the doer itself did ("denied that
    its troops had crossed the border")."""
    comps = [c for c in pred.tok.children if c.dep_ == "ccomp"]
    inside = {t.i for c in comps for t in c.subtree}
    if any(p.tok.i in inside for p in sst.preds if p.tok.i != pred.tok.i):
        return True
    # "denied that its troops had crossed into Congo", "denied that it was involved": what the
    # clause says the denier itself (a pronoun, or what a pronoun owns) did or was
    for c in comps:
        subj = child(c, "nsubj", "nsubjpass")
        if subj is not None and (
            subj.pos_ == "PRON" and subj.lower_ in SELF_PRONOUNS
            or any(g.dep_ == "poss" and g.lower_ in SELF_POSSESSIVES for g in subj.children)
        ):
            return True
    return False


SELF_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
SELF_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my"})


def _actor_object(
    kit: Kit, pred: Predicate, source: Actor | None, target: Actor | None, tok: Any
) -> bool:
    """'Beijing defended Pyongyang', 'Ankara defends Azerbaijan', 'defended the Syrian government':
    the object is itself an actor of another country (a name, or a noun for a kind of actor; not
    "its territory"), and the doer no armed or police force."""
    return (
        pred.entry.actor_object is not None
        and target is not None
        and tok is not None
        and tok.dep_ in ("dobj", "nsubjpass")
        and (tok.pos_ == "PROPN" or tok.lemma_.lower() in kit.lex.sectors)
        and source is not None
        and source.sector not in ("MIL", "COP")
        and target.country is not None
        and target.country != source.country
    )


def _gerund_act(pred: Predicate) -> bool:
    """'denied supplying drones to Russia', 'both armies denied firing first', 'is weighing whether
    to send minesweepers', 'easing the rules is being considered': the verb's complement (or
    passive subject) is an act told by a gerund or a whether-infinitive."""
    return pred.kind == "verb" and any(
        (c.dep_ in ("xcomp", "ccomp", "csubjpass") and c.tag_ == "VBG")
        or (c.dep_ in ("xcomp", "ccomp") and any(m.lower_ == "whether" for m in c.children))
        for c in pred.tok.children
    )


def _clause_target(
    kit: Kit, pred: Predicate, ast: ArticleState, sst: SentenceState
) -> tuple[Actor | None, Any]:
    comps = {t.i for c in pred.tok.children if c.dep_ == "ccomp" for t in c.subtree}
    gerunds = [c for c in pred.tok.children if c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG"]
    for g in gerunds:  # "denied supplying drones to Russia": Russia
        for c in (
            c
            for c in g.children
            if c.dep_ in ("dative", "prep") and c.lower_ in ("to", "on", "at", "against")
        ):
            for x in (x for x in c.children if x.dep_ == "pobj"):
                a = kit.resolve(x, ast.ctx, sst.line) if x.pos_ == "PROPN" else None
                if a is not None and a.country:
                    return a, x
        obj = child(g, "dobj")
        a = kit.resolve(obj, ast.ctx, sst.line) if obj is not None and obj.pos_ == "PROPN" else None
        if a is not None and a.country:
            return a, obj
    for p in sst.preds:
        if p.tok.i in comps:
            for cand in target_tokens(p):
                a = kit.resolve(cand, ast.ctx, sst.line)
                if a is not None and a.country:  # a named side, not "a hospital" placed later
                    return a, cand
    return None, None


def _posting(
    kit: Kit,
    diplomat: Any,
    own: Actor | None,
    source: Actor | None,
    ast: ArticleState,
    sst: SentenceState,
) -> Actor | None:
    """'recalled the country's ambassador to Iran': a diplomat posted to another country stands
    for that country when the doer is the diplomat's own ("its ambassador to Iran" → Iran);
    "expelled Iran's ambassador to Pakistan", done by Pakistan, stays Iran's."""
    for host_tok in prep_objects(diplomat, "to"):
        host = kit.resolve(host_tok, ast.ctx, sst.line)
        if (
            host is not None
            and host.country
            and source is not None
            and host.country != source.country
            and (own is None or own.country in (None, source.country))
        ):
            return host
    return own


def place_heads(pred: Predicate) -> list[Any]:
    """Where to look for the place of an act: its word, and for an event noun that is the
    subject of its clause ("protests broke out in Tbilisi") the clause's verb."""
    heads = [pred.tok]
    if pred.kind == "noun" and pred.tok.dep_ in ("nsubj", "nsubjpass"):
        heads.append(pred.tok.head)
    if pred.tok.dep_ == "advcl" and pred.tok.tag_ == "VBG":
        heads.append(pred.tok.head)  # "shells landed in Donetsk, wounding five": its clause's
    if pred.tok.dep_ in ("dobj", "xcomp") and pred.tok.head.lemma_.lower() in _perception():
        heads.append(pred.tok.head)  # "witnesses reported shelling in Goma": what they saw
    prep = pred.tok.head  # "windows were smashed in Athens during a protest": the clause's
    if pred.kind == "noun" and pred.tok.dep_ == "pobj" and prep.lower_ in ("in", "during"):
        heads += [prep.head] if prep.head.pos_ == "VERB" else []
    verb = under_attack(pred.tok) if pred.kind == "noun" else None
    subj = child(verb, "nsubj") if verb is not None else None
    if verb is not None:  # "a base in Lebanon came under fire near the border"
        heads += [verb, *([subj] if subj is not None else [])]
    return heads


def _perception() -> frozenset[str]:
    from eventwire.extract.lexicon import lexicon

    return lexicon().perception_verbs


LANDING_ROOTS = ("14", "17", "18", "19", "20")  # physical acts that land on the place they name
# nouns whose "of" phrase names the place itself ("the port city of Odesa", "the town of Bakhmut")
PLACE_NOUNS = frozenset({
    "city", "town", "village", "port", "capital", "region", "province", "district", "state",
    "county", "neighbourhood", "neighborhood", "suburb", "suburbs", "outskirts", "settlement",
    "island", "coast", "valley", "area", "border", "frontier", "enclave", "hamlet", "township",
})  # fmt: skip


def object_place(kit: Kit, pred: Predicate) -> Place | None:
    """The place an act lands on when the place is its object: "shelled Kharkiv", "missiles
    struck the port city of Odesa", "the town of Bakhmut was hit". Only for physical acts
    (protest, coercion, assault, fighting, mass violence), and only a named place (not "the
    area"); where the object names an actor ("praised Canberra") it is no place."""
    if pred.code[:2] not in LANDING_ROOTS:
        return None
    obj = object_of(pred)
    verb = under_attack(pred.tok) if pred.kind == "noun" else None
    if obj is None and verb is not None:
        obj = child(verb, "nsubj")  # "Kharkiv was under heavy shelling"
    if obj is None or kit.actors.sector_of(kit.actors.phrase(obj), obj) is not None:
        return None
    if obj.pos_ != "PROPN" and obj.lemma_.lower() not in PLACE_NOUNS:
        return None  # "hung a portrait of Bismarck": a thing, not a place
    place = kit.places.resolve_phrase(obj)
    return place if place is not None and place.precision != "area" else None


def object_lemma(tok: Any, objects: dict[str, str]) -> str | None:
    """The word of ``objects`` a noun is, if any: its lemma, or for a plural written with a
    capital ("700 Marines", "the Rangers"), which the small model leaves unlemmatised, its
    singular."""
    lemma = tok.lemma_.lower()
    if lemma in objects:
        return str(lemma)
    if tok.pos_ == "PROPN" and lemma.endswith("s") and lemma[:-1] in objects:
        return str(lemma[:-1])
    return None


def unnamed_source(kit: Kit, pred: Predicate, src_tok: Any) -> tuple[str, str] | None:
    """A material act whose doer the text does not name is still an event, with no source: a
    passive without an agent ("dozens of activists were detained", "the crossing was reopened"),
    a weapon as the subject ("a roadside bomb hit their convoy"), or an event noun with no owner
    that heads its clause ("protests broke out in the capital"). Which CAMEO roots each shape
    may code is data (``unnamed_source`` in verbs.yaml). Returns the code and rule, or None when
    the act needs a named doer."""
    code, rule = pred.code, pred.rule
    unnamed = kit.lex.unnamed_source
    root = code[:2]
    if pred.tok.dep_ == "relcl":
        return None  # "the town where 28 were killed in riots": a description, not a report
    if pred.kind in ("verb", "light") and src_tok is None and is_passive(pred.tok):
        if root not in unnamed["passive"] | unnamed["passive_targeted"]:
            return None
        patient = child(pred.tok, "nsubjpass") if pred.kind == "verb" else None
        if patient is not None and kit.is_event_noun(patient) and _carries(kit, pred, patient):
            return None  # "the demand was delivered": the noun is the event, not the delivery
        if pred.tok.lemma_.lower() in kit.lex.effect_verbs and not any(
            kit.is_weapon(t) or kit.is_event_noun(t) for t in pred.tok.subtree
        ):
            return None  # "were killed in the storm": a toll, not yet an attack
        if any(
            t.pos_ == "NOUN"
            and t.lemma_.lower() in kit.lex.hazards
            and (t.dep_ == "nsubj" or (t.dep_ == "pobj" and t.head.lower_ in ("with", "as")))
            for t in pred.tok.sent
        ) and not any(kit.is_weapon(t) for t in pred.tok.sent):
            return None  # "were pelted with hail as a storm swept through": the weather's doing
        return code, f"{rule}+source:unnamed"
    # "bombs dropped from a helicopter destroyed a clinic": property a weapon destroys was attacked
    razed = code == "1712" and kit.weapon_code(src_tok) is not None if src_tok is not None else False
    if src_tok is not None and (root in unnamed["weapon"] or razed) and kit.is_weapon(src_tok):
        inst = kit.weapon_code(src_tok)
        if inst is not None and (code[:2] in ("18", "19") or razed):
            code, rule = inst, f"{rule}+instrument:{src_tok.lemma_.lower()}"
        return code, f"{rule}+source:unnamed"
    if pred.kind == "noun" and any(
        c.dep_ in ("compound", "amod") and c.lemma_.lower() in kit.lex.hazards
        for c in pred.tok.children
    ):
        return None  # "a lightning strike grounded flights": a hazard, no political act
    if src_tok is None and root in unnamed["noun"] and witnessed(kit, pred):
        return code, f"{rule}+source:witnessed"  # "residents heard shooting near the base"
    if (
        pred.kind == "noun"
        and "+owned" in rule
        and any(prep_objects(h, "by") for h in (pred.tok, *prep_objects(pred.tok, "of")))
    ):
        return None  # "the expulsion of the players by the referee": its maker is no actor
    if pred.kind == "noun" and src_tok is None and occurs(kit, pred.tok):
        return code, f"{rule}+source:occurring"
    if (
        pred.kind == "noun"
        and src_tok is None
        and root in unnamed["noun"]
        and in_protest(kit, pred.tok)
    ):
        return code, f"{rule}+source:setting"  # "soup was thrown at a painting in a protest"
    if pred.kind == "noun" and src_tok is None and under_attack(pred.tok) is not None:
        return code, f"{rule}+source:unnamed"  # "a patrol came under fire near the border"
    if (
        pred.kind == "noun"
        and src_tok is None
        and root in unnamed["noun"]
        and pred.tok.dep_ in ("nsubj", "nsubjpass", "ROOT")
        # a name in the noun's own modifiers is a doer the parse failed to attach ("The RSF
        # laid siege" parsed as a siege modified by "laid"): not an event without a doer
        and not any(
            t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "PERSON")
            for c in pred.tok.lefts
            for t in c.subtree
        )
    ):
        return code, f"{rule}+source:unnamed"
    return None


def _carries(kit: Kit, pred: Predicate, noun: Any) -> bool:
    """'The demand was delivered', 'the accord was signed', 'talks were held': the verb only
    carries the act its subject noun names (a light verb, one of the noun's own light verbs, or a
    verb of carrying, ``carrier_verbs``). 'The curfew was relaxed', 'the offer was rebuffed' act
    on it."""
    if " " in pred.entry.key:
        return False  # "was called off", "was blown up": a phrasal verb is its own act
    lemma = pred.tok.lemma_.lower()
    k = noun_key(noun, kit.lex.nouns)
    own = kit.lex.nouns[k].light if k is not None else {}
    return lemma in kit.lex.light_verbs or lemma in own or lemma in kit.lex.carrier_verbs


def public_patient(kit: Kit, pred: Predicate, rule: str) -> bool:
    """An agentless passive act done to something of public life, though no doer, target or place
    is named: people or property ("dozens of homes were torn down"), a group with a sector
    ("additional troops were rushed to the frontier") or a public measure, tie, service or body
    ("a curfew was imposed", "diplomatic ties were severed"), by the patient's head word
    (``passive_patients`` and ``patients`` in verbs.yaml). Not in a sentence naming a natural
    hazard ("firefighters were deployed to tackle the blaze")."""
    if "+source:unnamed" not in rule or pred.kind == "noun" or not is_passive(pred.tok):
        return False
    patient = child(pred.tok, "nsubjpass")
    if patient is None or any(t.lemma_.lower() in kit.lex.hazards for t in pred.tok.sent):
        return False
    lemma = patient.lemma_.lower()
    compound = " ".join(
        [*(c.lemma_.lower() for c in patient.children if c.dep_ == "compound"), lemma]
    )
    if {lemma, compound} & (kit.lex.passive_patients | kit.lex.patients):
        return True
    return kit.actors.sector_of(kit.actors.phrase(patient), patient) is not None


_NOT_PATIENTS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"})
PATIENT_PREPS = ("at", "into", "toward", "towards", "against")


ARMED_SECTORS = frozenset({"MIL", "REB", "COP", "SPY", "CRM"})


def _figurative_attack(pred: Predicate, source: Actor | None) -> bool:
    """'The minister came under fire from critics over the budget': an attack in words, told by
    a reason ("over", "for") or by attackers who bear no arms (a known unarmed sector, or people
    no dictionary knows, such as critics)."""
    verb = under_attack(pred.tok)
    if verb is None or pred.code[:2] not in ("18", "19"):
        return False
    reasons = [
        g
        for c in (*verb.children, *pred.tok.children)
        if c.dep_ == "prep" and c.lower_ in ("over", "for")
        for g in c.children
        if g.dep_ == "pobj" and g.ent_type_ not in ("DATE", "TIME")
    ]
    if reasons:  # "over the budget", not "for months"
        return True
    if source is not None:
        return source.sector is not None and source.sector not in ARMED_SECTORS
    return bool(prep_objects(verb, "from") or prep_objects(pred.tok, "from"))


def _named_doer(source: Actor | None) -> bool:
    """A doer the dictionaries know: not an unknown name ("Cyclone Freddy"), a weapon or an
    agentless passive, whose acts on things no one names are too little to code."""
    return source is not None and not source.rule.startswith("unresolved:")


def unnamed_patient(kit: Kit, pred: Predicate, cands: list[Any]) -> tuple[Actor, Any, str] | None:
    """Coercion, assault, fighting and mass violence done to people or things no dictionary
    names ("seized a warehouse", "beat a bus driver", "executed 28 of them", "fired rockets
    towards the airport"): the one done to is the target, kept by its words. Its country is the
    place its own phrase names ("militant bases in Balochistan"), else the act's place at
    assembly; none is invented. Which CAMEO roots this covers is data (``unnamed_target``)."""
    extra: list[Any] = []
    if pred.kind in ("verb", "light"):
        extra = [c for p in PATIENT_PREPS for c in prep_objects(pred.tok, p)]
        if pred.kind == "verb" and not is_passive(pred.tok):
            obj = child(pred.tok, "dobj")
            extra += [obj] if obj is not None else []
    for cand in [*cands, *extra]:
        if cand.ent_type_ in _NOT_PATIENTS or cand.dep_ == "npadvmod":
            continue
        lemma = cand.lemma_.lower()
        place = None
        if cand.pos_ == "PROPN" or lemma in PLACE_NOUNS:
            place = kit.places.resolve_phrase(cand)
            if place is not None and place.precision == "area":
                place = None
            if place is None and lemma not in kit.lex.patients:
                continue  # "the sea", "the area": no one done to
        elif not (cand.pos_ == "NUM" or (cand.pos_ == "NOUN" and lemma in kit.lex.patients)):
            continue  # "locked up profits", "hung a portrait": not people or property
        text = kit.actors.span_text(kit.actors.phrase(cand))
        if place is None:
            place = kit.places.find([cand])
        country = place.country if place is not None and place.precision != "area" else None
        if country is None:
            country = next(
                (
                    hit[0]
                    for c in cand.children
                    if c.dep_ in ("amod", "compound", "poss")
                    for hit in [kit.actors.gaz.country_of(c.text)]
                    if hit
                ),
                None,
            )
        return Actor(text, text, country, None, rule="patient"), cand, "patient"
    return None


def occurs(kit: Kit, noun: Any) -> bool:
    """'Talks took place in secret', 'demonstrations spread to six cities', 'a ceasefire came into
    force': an event noun with no owner, subject of a verb telling its act happening, going on or
    ending (``occurrence_verbs`` in verbs.yaml), with no proper name among its modifiers (a doer
    the parse failed to attach)."""
    verb = happening(noun, kit.lex)
    if verb is None or mod.modality(verb, kit.lex) != mod.ASSERTED:
        return False  # "negotiations will begin in June", "the march did not go ahead"
    return not any(
        t.pos_ == "PROPN" and t.ent_type_ in ("ORG", "PERSON", "NORP", "GPE")
        for c in noun.lefts
        for t in c.subtree
    )


def _where_not_who(pred: Predicate, tok: Any, actor: Actor) -> bool:
    """'A Kabul suicide bombing', 'the Mogadishu hotel siege': a capital named before an attack's
    noun says where it was, not that the government did it ("Tehran's missile attack", with the
    possessive, is still Tehran's)."""
    return (
        pred.code[:2] in ("18", "19", "20")
        and tok.dep_ in ("compound", "nmod")
        and tok.i < pred.tok.i
        and actor.rule.startswith("country:capital")
    )


def participant(kit: Kit, noun: Any) -> Any:
    """'Thousands joined a march', 'students took part in the protest': the subject of a
    verb of taking part is the source of the event noun it governs."""
    verb = noun.head
    if noun.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head  # "participated in", "took part in"
    if noun.dep_ not in ("dobj", "pobj") or verb.pos_ not in ("VERB", "AUX"):
        return None
    if in_protest(kit, noun) and not is_passive(verb):
        return subject_token(verb)
    lemma = verb.lemma_.lower()
    obj = child(verb, "dobj")
    phrase = f"{lemma} {obj.lemma_.lower()}" if obj is not None else lemma
    if lemma not in kit.lex.participation and phrase not in kit.lex.participation:
        return None
    return subject_token(verb)


def witnessed(kit: Kit, pred: Predicate) -> bool:
    """'Residents heard shooting near the base', 'monitors reported heavy shelling': an act
    someone saw, heard or reported, told by an -ing form or a noun as the object of a verb of
    witnessing (``perception_verbs``), that says it happened."""
    tok, head = pred.tok, pred.tok.head
    if head.lemma_.lower() not in kit.lex.perception_verbs or head.pos_ != "VERB":
        return False
    if mod.modality(head, kit.lex) != mod.ASSERTED:
        return False  # "no one reported shooting"
    if pred.kind == "verb":
        return bool(tok.dep_ == "xcomp" and tok.tag_ == "VBG")
    return bool(pred.kind == "noun" and tok.dep_ == "dobj")


def in_protest(kit: Kit, noun: Any) -> bool:
    """'Drivers logged off their apps in a coordinated strike', 'six detainees sewed their lips
    together in protest', 'jets flew over the town in a show of force': a protest or show of force
    named as the manner or setting of a clause ("in", "as part of") is that clause's act, done by
    its doer (or, told in the passive, by no one named)."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.dep_ != "prep" or prep.lower_ not in ("in", "during"):
        return False
    verb = prep.head
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in kit.lex.harm_verbs:
        return False  # "two were wounded in the protest": victims, not protesters
    if verb.lemma_.lower() in kit.lex.verbs:
        return False  # "resigned in protest", "blocked the road in protest": the verb's own act
    k = noun_key(noun, kit.lex.nouns)
    return k is not None and kit.lex.nouns[k].code[:2] in ("14", "15")


def _own_side(source: Actor | None, src_tok: Any, t: Actor, cand: Any) -> bool:
    """A partner named inside the source's own phrase ("Thai and Cambodian troops") that is the
    source's own country again is no second side."""
    if source is None or src_tok is None or cand.i >= src_tok.i or cand not in src_tok.subtree:
        return False
    return t.country == source.country and t.sector in (None, source.sector)


def fallback_target(
    kit: Kit, pred: Predicate, cands: list[Any], ast: ArticleState, sst: SentenceState
) -> tuple[Actor, Any, str] | None:
    """When no slot names an actor: the party a threat is conditioned on ("... unless Baghdad
    accepted"), whoever an act is "against", or the owner of the thing acted on ("rejected
    Israeli changes", "protested Sweden's decision")."""
    ctx, line = ast.ctx, sst.line
    verb = pred.tok
    if pred.code[:2] == "13":
        clauses = [verb, *([pred.noun] if pred.noun is not None else [])]
        for c in (c for v in clauses for c in v.children):
            if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") for m in c.children):
                subj = child(c, "nsubj", "nsubjpass")
                a = kit.resolve(subj, ctx, line) if subj is not None else None
                if a is not None:
                    return a, subj, "condition"
    for t in clause_tokens(verb):
        if t.dep_ == "pobj" and t.head.lower_ == "against":
            a = kit.resolve(t, ctx, line) or owner_of(kit, t, ast, sst)
            if a is not None:
                return a, t, "against"
    # "used batons to break up the sit-in": the object of the purpose clause
    for c in verb.children:
        if c.dep_ in ("advcl", "xcomp") and any(
            x.dep_ == "aux" and x.lower_ == "to" for x in c.children
        ):
            obj = child(c, "dobj")
            a = kit.resolve(obj, ctx, line) if obj is not None else None
            if a is not None:
                return a, obj, "purpose"
    dobj = child(verb, "dobj") if pred.kind == "verb" else None
    for cand in [*cands, *([dobj] if dobj is not None and dobj not in cands else [])]:
        for c in cand.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod"):
                a = kit.resolve(c, ctx, line)
                if a is not None and (a.country or a.sector in ("IGO", "NGO")):
                    return a, c, "owner"
        for c in cand.children:
            if c.dep_ == "prep" and c.lower_ in ("to", "against", "on", "for", "of", "from"):
                for g in c.children:
                    a = kit.resolve(g, ctx, line) if g.dep_ == "pobj" else None
                    if a is not None:
                        return a, g, "owner"
    return None


def owner_of(kit: Kit, tok: Any, ast: ArticleState, sst: SentenceState) -> Actor | None:
    """Who a non-actor noun belongs to or is done by: "abuses by the border guards"."""
    for c in tok.children:
        if c.dep_ in ("poss", "amod", "compound"):
            a = kit.resolve(c, ast.ctx, sst.line)
            if a is not None and a.country:
                return a
        if c.dep_ in ("prep", "agent") and c.lower_ in ("by", "of"):
            for g in c.children:
                a = kit.resolve(g, ast.ctx, sst.line) if g.dep_ == "pobj" else None
                if a is not None:
                    return a
    return None


def event_source(kit: Kit, noun: Any, ast: ArticleState, sst: SentenceState) -> Actor | None:
    """Who did the event a noun names: its own source, or the earlier event it points back to."""
    s = noun_source(noun, kit.lex)
    if s is not None:
        return kit.resolve(s, ast.ctx, sst.line)
    i = kit.antecedent_index(ast.mentions, noun, noun.sent)
    return ast.mentions[i].source if i is not None else None


def gift_giver(kit: Kit, pred: Predicate) -> Any:
    """'Ukraine received F-16s from Denmark', 'police obtained data from the FBI': for an entry
    that reads its "from" phrase as the giver (``from_gives``), the giver of a thing the entry
    lists in its objects; the "from" phrase may hang on the verb or on the thing. None when
    nothing listed was received or no giver is named."""
    if not pred.entry.from_gives or pred.kind != "verb":
        return None
    obj = object_of(pred)
    if obj is None:
        return None
    heads = object_heads(obj, kit.lex.collectives)
    thing = next((h for h in heads if h.lemma_.lower() in pred.entry.objects), None)
    if thing is None or pred.entry.objects[thing.lemma_.lower()] == "none":
        return None
    return next(iter(prep_objects(pred.tok, "from") + prep_objects(thing, "from")), None)

