"""Predicates from the dependency parse: verbs, verb + particle, light verb + event noun, event nouns.

Each predicate knows the lexicon entry that fired (the record's ``rule``) and finds its source and
target slots: active and passive voice, shared subjects of conjoined and controlled verbs, the
possessor or "by" phrase of an event noun, and the entry's target prepositions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventwire.extract.dateline import body_start
from eventwire.extract.lexicon import Entry, Lexicon


@dataclass
class Predicate:
    tok: Any  # the verb, or the event noun for nominal predicates
    entry: Entry
    code: str
    kind: str  # verb | light | noun
    noun: Any = None  # the event noun of a light-verb predicate
    rule: str = ""
    victims: Any = None  # "two were killed when ...": the victims of this act
    toll_verb: Any = None  # the verb that reports its casualties

    @property
    def anchor(self) -> Any:
        """The token that carries the clause (the verb for light predicates)."""
        return self.tok

    def action_tokens(self) -> list[Any]:
        toks = [self.tok]
        if self.noun is not None:
            toks.append(self.noun)
        toks += [c for c in self.tok.children if c.dep_ == "prt"]
        return sorted(toks, key=lambda t: t.i)


def is_passive(verb: Any) -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
        return True
    if headline_participle(verb):
        return True
    # an "agent" on a past-tense verb is a misparse ("spoke by telephone with"): passives are VBN
    if verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children):
        return True
    # "were captured and detained": a participle conjoined to a passive verb
    return bool(
        verb.dep_ == "conj"
        and verb.tag_ == "VBN"
        and verb.head.i != verb.i
        and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)
    )


HEADLINE_WORDS = 24  # a sentence this short with no final stop may be a headline
_HEADLINE_ENDS = tuple('.!?:;"\'\u201d\u2019')


def headline_participle(verb: Any) -> bool:
    """'Journalists arrested in Istanbul', 'Soldiers killed in ambush near border', 'Opposition
    leader detained in Minsk': a headline's bare participle of a verb that needs an object
    (``headline_passives``) tells what was done to its subject, as "were arrested" would."""
    from eventwire.extract.lexicon import lexicon

    if verb.tag_ not in ("VBN", "VBD") or verb.lemma_.lower() not in lexicon().headline_passives:
        return False
    sent = verb.sent
    if len(sent) > HEADLINE_WORDS or sent.text.rstrip().endswith(_HEADLINE_ENDS):
        return False
    if any(c.dep_ in ("aux", "auxpass", "dobj", "dative", "ccomp", "xcomp") for c in verb.children):
        return False
    if verb.dep_ == "ROOT":
        return child(verb, "nsubj") is not None
    return verb.dep_ == "acl" and verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN")


def headline_patient(verb: Any) -> Any:
    """The one a headline participle was done to: its subject, or the noun it hangs on."""
    if not headline_participle(verb):
        return None
    return child(verb, "nsubj") if verb.dep_ == "ROOT" else verb.head


def child(tok: Any, *deps: str) -> Any:
    return next((c for c in tok.children if c.dep_ in deps), None)


def entity_at(tok: Any) -> Any:
    """The named entity a token is in (a labelled Span), or None. Read from the token's IOB tags:
    ``doc.ents`` builds every entity of the line on each call, which costs a long line dearly."""
    if not tok.ent_type:
        return None
    from spacy.tokens import Span

    doc, start, end = tok.doc, tok.i, tok.i + 1
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type)


def prep_objects(tok: Any, prep: str) -> list[Any]:
    """Objects of a preposition; 'against what it claimed were X' gives the free relative 'what'."""
    out = []
    for c in tok.children:
        if c.dep_ in ("prep", "dative", "agent") and c.lower_ == prep:
            out += [g for g in c.children if g.dep_ == "pobj"]
            for g in c.children:
                if g.dep_ == "pcomp":  # "at what they said were militant bases": deeper down
                    out += [w for w in g.subtree if w.tag_ == "WP" and w.lower_ == "what"][:1]
    return out


def participle_doer(noun: Any, lex: Lexicon | None) -> Any:
    """'Shells fired by the RSF', 'a bomb planted by militants', 'a strike called by student
    unions': the doer named in a participle of doing (``doer_participles``) on the noun, or None.
    Not one who only brokered, backed or judged the act ("a ceasefire brokered by Qatar")."""
    if lex is None:
        return None
    for a in noun.children:
        if a.dep_ == "acl" and a.tag_ == "VBN" and a.lemma_.lower() in lex.doer_participles:
            found = prep_objects(a, "by")
            if found:
                return found[0]
    head = noun.head
    if (
        noun.dep_ == "dobj"
        and head.pos_ == "VERB"
        and head.lemma_.lower() in lex.doer_participles
        and not is_passive(head)
        and any(c.dep_ == "relcl" for c in noun.children)
    ):
        return subject_token(head)  # "rebels planted a bomb that destroyed a truck": the rebels
    return None


def object_of(pred: Any) -> Any:
    """What the act is done to: a verb's object (or passive subject), or the "of" phrase of a
    noun made from a verb ("the suspension of aid": aid)."""
    if pred.entry.verb is not None and pred.kind in ("noun", "light"):
        noun = pred.tok if pred.kind == "noun" else pred.noun  # "announced the suspension of"
        return next(iter(prep_objects(noun, "of")), None) if noun is not None else None
    if pred.kind != "verb":
        return None
    obj = child(pred.tok, "dobj", "nsubjpass")
    if obj is None and " to " in pred.entry.key:  # "declined to give details": the details
        governed = child(pred.tok, "xcomp")
        obj = child(governed, "dobj") if governed is not None else None
    if obj is None and " " in pred.entry.key:
        # "hit back at the statement", "cracked down on the protests": a particle verb's object
        # is the noun of its preposition slot
        obj = next(
            (
                g
                for s in pred.entry.target
                if s not in _OBJECT_SLOTS
                for g in prep_objects(pred.tok, s)
            ),
            None,
        )
    if obj is not None and _an_amount(obj):
        # "cut 60 million dollars in aid", "pledged $2bn of funding": the amount is of what its
        # "in"/"of"/"worth" phrase names, hung on the amount or, by the parser, on the verb
        inner = [*prep_objects(obj, "of"), *prep_objects(obj, "worth"), *prep_objects(obj, "in")]
        inner = inner or prep_objects(pred.tok, "in")
        obj = inner[0] if inner else obj
    if obj is not None and obj.lemma_.lower() in PORTIONS:
        obj = next(iter(prep_objects(obj, "of")), obj)  # "called off a round of talks": talks
    return obj


def _an_amount(tok: Any) -> bool:
    return bool(tok.like_num or tok.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL"))


_OBJECT_SLOTS = frozenset({"dobj", "dative", "iobj", "between"})


def object_heads(obj: Any, collectives: frozenset[str]) -> list[Any]:
    """The words an object names, in order: the object itself, then the noun of a quantity or
    group ("thousands of reservists", "a contingent of marines", "300 of its soldiers"), for
    entries read by their object. (Words joined by "and" are not read: "sent tanks and troops"
    was tried, and a later conjunct coded acts the first object does not make.)"""
    heads = [obj]
    if obj.lower_ in collectives or obj.lemma_.lower() in collectives or obj.pos_ == "NUM":
        heads += [g for g in prep_objects(obj, "of") if g.pos_ in ("NOUN", "PROPN")]
    return heads


def noun_key(tok: Any, table: dict[str, Entry]) -> str | None:
    """The longest lexicon key a noun and its compound/amod modifiers form ("suicide bombing")."""
    lemma: str = tok.lemma_.lower()
    lower: str = tok.lower_
    mods = [c for c in tok.children if c.dep_ in ("compound", "amod") and c.i < tok.i]
    for m in mods:
        for k in (f"{m.lower_} {lemma}", f"{m.lemma_.lower()} {lemma}", f"{m.lower_} {tok.lower_}"):
            if k in table:
                return k
    # "state of emergency": a key whose head comes first, with its "of" phrase
    for g in prep_objects(tok, "of"):
        for k in (f"{lower} of {g.lower_}", f"{lemma} of {g.lemma_.lower()}"):
            if k in table:
                return k
    for k in (lemma, lower):
        if k in table:
            return k
    return None


# prepositions that set an act in time or circumstance: the event noun they carry is another act
# ("ordered his detention pending an investigation" orders no investigation)
CIRCUMSTANCE_PREPS = frozenset({
    "pending", "after", "before", "despite", "amid", "amidst", "following", "since", "until",
    "during", "ahead", "without", "besides", "unlike", "like",
})  # fmt: skip

# nouns that only measure out what their "of" phrase names
PORTIONS = frozenset({"package", "round", "raft", "set", "batch", "series", "slew", "tranche"})


def infinitive(tok: Any) -> bool:
    """'Defied a ban to march': a word the small model tags as a noun but that heads a
    to-infinitive ("to" as its auxiliary) is a verb."""
    return tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children
    )


def find_predicates(sent: Any, lex: Lexicon) -> list[Predicate]:
    preds: list[Predicate] = []
    used: set[int] = set()
    for t in sent:
        if t.pos_ not in ("VERB", "AUX") and not t.tag_.startswith("VB") and not infinitive(t):
            continue
        if gerund_noun(t) and t.lower_ in lex.nouns:
            continue  # "fighting between X and Y resumed": the noun stage below reads it
        lemma = t.lower_ if infinitive(t) else t.lemma_.lower()
        if t.i >= 2 and t.doc[t.i - 1].text == "-" and t.doc[t.i - 2].lower_ == "test":
            lemma = "test"  # "test-fired a cruise missile", "test-launched": a weapons test
        prt = child(t, "prt")
        if prt is None:  # "beat back an attack": a particle the parser calls an adverb
            prt = next(
                (
                    c
                    for c in t.children
                    if c.dep_ == "advmod"
                    and c.lower_ in lex.particles
                    and f"{lemma} {c.lower_}" in lex.verbs
                ),
                None,
            )
        if prt is None:  # "pushed the militias out of the town": the particle hung on the object
            prt = next(
                (
                    c
                    for o in t.children
                    if o.dep_ == "dobj"
                    for c in o.children
                    if c.dep_ in ("prep", "advmod", "prt")
                    and c.i > o.i
                    and not any(g.dep_ == "pobj" for g in c.children)  # "sorties over the sea"
                    and c.lower_ in lex.particles
                    and f"{lemma} {c.lower_}" in lex.verbs
                ),
                None,
            )
        phrasal = f"{lemma} {prt.lower_}" if prt is not None else None
        # "troops were put on alert": a passive with an object of its own reads that object
        obj = child(t, "dobj") if is_passive(t) and child(t, "dobj") is not None else None
        obj = obj if obj is not None else child(t, "dobj", "nsubjpass")
        if obj is not None and (obj.like_num or obj.ent_type_ in ("MONEY", "QUANTITY", "CARDINAL")):
            inner = [
                g
                for c in obj.children
                if c.dep_ == "prep" and c.lower_ in ("in", "of", "worth")
                for g in c.children
                if g.dep_ == "pobj"
            ]
            obj = inner[0] if inner else obj
        if obj is not None and obj.lemma_.lower() in PORTIONS:
            # "agreed a new package of sanctions", "a fresh round of talks": what it is made of
            inner = [g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                     for g in c.children if g.dep_ == "pobj"]  # fmt: skip
            obj = inner[0] if inner else obj
        light_key = phrasal if phrasal in lex.light_verbs else lemma
        if phrasal in lex.verbs and phrasal not in lex.light_verbs:
            light_key = phrasal  # "ordered out French troops" is an expulsion, not an order
        k = noun_key(obj, lex.nouns) if obj is not None else None
        if (
            phrasal in lex.verbs
            and obj is not None
            and obj.lemma_.lower() in lex.verbs[phrasal].objects
        ):
            k = None  # "called off the strike" is not "called a strike": the phrasal verb codes it
        if k is not None and lex.nouns[k].agent_noun and any(c.dep_ == "xcomp" for c in t.children):
            k = None  # "ordered police to disperse the crowd": the police are told, not sent
        # a noun's own light verb may be phrasal ("set up an inquiry"), read before its verb alone
        own = lex.nouns[k].light if k is not None else {}
        own_key = phrasal if phrasal in own else lemma
        if k is not None and (light_key in lex.light_verbs or own_key in own):
            entry = lex.nouns[k]
            code = entry.light.get(own_key, entry.code)
            preds.append(Predicate(t, entry, code, "light", obj, f"light:{light_key}+{k}"))
            used.add(obj.i)
            continue
        # "remained on alert", "put its forces on alert": an event noun the verb's map names
        pobjs = [
            g
            for c in t.children
            if c.dep_ == "prep" and c.lower_ not in CIRCUMSTANCE_PREPS
            for g in c.children
            if g.dep_ == "pobj"
        ]
        pobjs = [  # "agreed on a package of sanctions": the sanctions
            next(
                (i for c in g.children if c.dep_ == "prep" and c.lower_ == "of"
                 for i in c.children if i.dep_ == "pobj"),
                g,
            ) if g.lemma_.lower() in PORTIONS else g
            for g in pobjs
        ]  # fmt: skip
        if prt is not None:  # "were put on standby": the noun after the particle, as a modifier
            pobjs += [c for c in t.children if c.dep_ in ("advmod", "npadvmod") and c.i > prt.i]
        hit = next(
            (g for g in pobjs if (k2 := noun_key(g, lex.nouns)) and lemma in lex.nouns[k2].light),
            None,
        )
        if hit is not None:
            k2 = noun_key(hit, lex.nouns)
            assert k2 is not None
            entry = lex.nouns[k2]
            preds.append(
                Predicate(t, entry, entry.light[lemma], "light", hit, f"light:{lemma}+{k2}")
            )
            used.add(hit.i)
            continue
        key = None
        # "call on X", "arrive in": a verb with its preposition; but "gave a speech in parliament"
        # is not "give in": a particle verb's second word must be parsed as a particle
        preps = [
            f"{lemma} {c.lower_}"
            for c in t.children
            if c.dep_ == "prep"
            # "fired the governor on Friday" is no "fire on": a date is not what the verb takes
            and not any(g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") for g in c.children)
            and (
                c.lower_ not in lex.particles
                or not any(g.dep_ == "pobj" for g in c.children)  # "pulled out of": a particle
                or (
                    f"{lemma} {c.lower_}" in lex.verbs
                    and lex.verbs[f"{lemma} {c.lower_}"].preposition
                )
            )
        ]
        idiom = next((k for k in idioms(t, lemma) if k in lex.verbs), None)
        if idiom is not None:
            key = idiom
        elif phrasal and phrasal in lex.verbs:
            key = phrasal
        elif any(p in lex.verbs for p in preps):
            key = next(p for p in preps if p in lex.verbs)
        elif obj is not None and f"{lemma} {obj.lemma_.lower()}" in lex.verbs:
            key = f"{lemma} {obj.lemma_.lower()}"
        elif any(f"{lemma} {c.lower_}" in lex.verbs for c in completing(t)):
            # "said sorry", "says no to": the verb with a word that completes it
            key = next(
                f"{lemma} {c.lower_}" for c in completing(t) if f"{lemma} {c.lower_}" in lex.verbs
            )
        elif lemma in lex.verbs:
            key = lemma
        if key is not None:
            e = lex.verbs[key]
            preds.append(Predicate(t, e, e.code, "verb", rule=f"verbs.yaml:{key}"))
    for t in sent:
        if gerund_noun(t) and t.lower_ in lex.nouns:
            e = lex.nouns[t.lower_]
            if not e.light_only:
                preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{t.lower_}"))
            continue
        if t.i in used or t.pos_ not in ("NOUN", "PROPN") or infinitive(t):
            continue
        k = noun_key(t, lex.nouns)
        if k is None and under_attack(t) is not None and f"under {t.lemma_.lower()}" in lex.nouns:
            k = f"under {t.lemma_.lower()}"  # "came under fire": fire, which alone names no act
        if k is None:
            continue
        if t.dep_ == "compound" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in lex.sectors:
            continue  # "riot police", "protest leaders", "aid workers": a kind of actor, no event
        e = lex.nouns[k]
        if under_attack(t) is not None and e.code[:2] in UNDER_ROOTS:
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}+under"))
        elif not e.light_only:
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}"))
        elif owned_topic(t):
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}+owned"))
        elif reaction(t, e, lex) is not None:  # "drew condemnation from Seoul"
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}+reaction"))
        elif (
            not e.agent_noun
            and is_reciprocal(e.code)
            and e.code[:2] in ("04", "06")  # not ties (a state) nor a war "between" two sides
            and t.dep_ in ("nsubj", "nsubjpass", "ROOT")
            and t.head.lemma_.lower() not in ("be", "remain", "seem", "become")  # "is essential"
            and len(between(t)) >= 2
        ):  # "military cooperation between Mali and Russia has deepened": both sides named
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}+between"))
        elif (
            not e.agent_noun
            and e.code[:2] not in ("18", "19", "20")  # a bomb going off: the noun-event stage's
            and happening(t, lex, effects=False) is not None
        ):  # "the inquiry entered its third month", "close cooperation continued"
            preds.append(Predicate(t, e, e.code, "noun", rule=f"nouns:{k}+happening"))
    return sorted(preds, key=lambda p: p.tok.i)


TIME_ANCHORS = frozenset({"before", "after", "until", "till", "since", "once"})


def happening(noun: Any, lex: Lexicon, effects: bool = True) -> Any:
    """'Talks took place in secret', 'the inquiry entered its third month', 'the port was
    paralysed by a walkout': the verb that tells the act of an event noun (its subject, or the
    doer of a passive) happening, going on, ending or (``effects``) having effects
    (``occurrence_verbs``), or None. Not a verb that reports ("the inquiry concluded that ..."),
    nor one that only gives a time ("since the war began", "until fighting resumed")."""
    by = noun.dep_ == "pobj" and noun.head.dep_ == "agent"  # "was paralysed by a walkout"
    if by and noun.head.head.pos_ == "VERB":
        verb = noun.head.head
    elif noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        verb = noun.head
    else:
        return None
    lemma = verb.lemma_.lower()
    parts = [c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "dobj", "acomp")]
    phrases = {lemma, *(f"{lemma} {p}" for p in parts)}
    under = [g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    phrases |= {f"{lemma} {g.head.lower_} {g.lower_}" for g in under}
    phrases |= {f"{lemma} into {g.lemma_.lower()}" for g in under}
    verbs = lex.occurrence_verbs
    told = phrases & verbs.get("any", frozenset())
    told |= phrases & verbs.get("effects", frozenset()) if effects else set()
    obj = child(verb, "dobj")  # "took place" is intransitive; "ended the war" is not
    told |= {
        p
        for p in phrases & verbs.get("intransitive", frozenset())
        if (obj is None or p.endswith(f" {obj.lower_}")) and not by
    }
    if not told or any(c.dep_ == "ccomp" for c in verb.children):
        return None
    if verb.dep_ == "advcl" and any(c.lower_ in TIME_ANCHORS for c in verb.children):
        return None  # "before the ceasefire began": a time given by an event told elsewhere
    if verb.dep_ == "pcomp" and verb.head.lower_ in TIME_ANCHORS:
        return None  # the same, parsed as a preposition's clause ("held until fighting resumed")
    return verb


UNDER_VERBS = frozenset({"come", "be", "remain", "stay", "fall", "place", "put"})
# what can befall someone "under" it: investigation (09), arrest or siege (17), attack (18, 19)
UNDER_ROOTS = ("09", "17", "18", "19")


def under_attack(noun: Any) -> Any:
    """'The convoy came under fire from rebels', 'the town remained under heavy shelling', 'two
    officials were placed under investigation by prosecutors': an act told by whom it befell.
    Returns the verb (its subject is the one acted on, its "from" or "by" phrase the doer), or
    None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "under" or prep.dep_ != "prep":
        return None
    verb = prep.head
    return verb if verb.lemma_.lower() in UNDER_VERBS else None


REACTION_ROOTS = ("01", "02", "03", "04", "05", "10", "11", "12", "13")


def reaction(noun: Any, entry: Entry, lex: Lexicon) -> tuple[Any, Any, Any] | None:
    """'The missile launch drew condemnation from Seoul', 'praise for the handling of the outbreak
    came from donors': a verbal act told by its noun, drawn by something or coming from someone
    (``reaction_verbs``). Returns (verb, reactor, what drew it) or None; the reactor is the
    "from" phrase of the noun or the verb, what drew it the drawing verb's subject."""
    if entry.code[:2] not in REACTION_ROOTS:
        return None
    verb, verbs = noun.head, lex.reaction_verbs
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    lemma = verb.lemma_.lower()
    drawn = noun.dep_ == "dobj" and lemma in verbs.get("drawing", frozenset())
    arrived = noun.dep_ == "nsubj" and lemma in verbs.get("arriving", frozenset())
    if not (drawn or arrived):
        return None
    froms = prep_objects(noun, "from") + prep_objects(verb, "from")
    if not froms:
        return None
    return verb, froms[0], (child(verb, "nsubj") if drawn else None)


def idioms(verb: Any, lemma: str) -> list[str]:
    """Keys for a verb with the words that make it an idiom, longest first: its preposition and
    that preposition's noun ("set on fire", "used as human shields", "added to the sanctions
    list", "put on trial"), a word the parser hangs on it as a modifier ("set ablaze"), an
    adjective that completes its object ("found the former minister guilty") and the verb it
    governs ("declined to comment")."""
    keys = []
    for c in verb.children:
        if c.dep_ == "prep":
            for g in (g for g in c.children if g.dep_ == "pobj"):
                mods = [m for m in g.children if m.dep_ in ("compound", "amod") and m.i == g.i - 1]
                noun = g.lemma_.lower()
                keys += [f"{lemma} {c.lower_} {m.lower_} {noun}" for m in mods]
                keys.append(f"{lemma} {c.lower_} {noun}")
    keys += [
        f"{lemma} {c.lower_}"
        for c in verb.children
        if (c.dep_ == "advmod" and c.pos_ == "ADV")
        or (c.dep_ == "ccomp" and c.pos_ == "ADJ")
    ]
    # "declined to comment", "refused to say how many": the verb with the one it governs
    keys += [f"{lemma} to {c.lemma_.lower()}" for c in verb.children if c.dep_ == "xcomp"]
    # "gave the government ten days to meet its demands": a span of time the verb grants
    keys += [
        f"{lemma} {c.lemma_.lower()}"
        for c in verb.children
        if c.dep_ == "npadvmod"
        and c.pos_ == "NOUN"
        and any(g.dep_ == "nummod" or g.lower_ in ("a", "an") for g in c.children)
    ]
    return keys


def gerund_noun(t: Any) -> bool:
    """'Fighting between the two militias resumed', 'Shelling of the port continued': an -ing
    form the parser tags as a verb, standing as a subject with no subject or object of its own,
    is the event noun of the same spelling."""
    return (
        t.tag_ == "VBG"
        and t.dep_ in ("nsubj", "nsubjpass", "csubj")
        and not any(c.dep_ in ("nsubj", "dobj", "aux", "auxpass", "dative") for c in t.children)
    )


def completing(verb: Any) -> list[Any]:
    """Words that finish a verb: "said sorry", "says no to" (the parser may hang "no" on "to")."""
    out = [c for c in verb.children if c.dep_ in ("oprd", "acomp", "intj")]
    return out + [
        g for c in verb.children if c.dep_ == "prep" for g in c.children if g.dep_ == "intj"
    ]


def owned_topic(noun: Any) -> bool:
    """'Beijing's demand that ... was relayed', 'A warning from Seoul came late on Sunday', 'Manila's
    rejection of the offer': a verbal-act noun that needs a light verb elsewhere ("issued a
    warning") is itself the report when it names its maker and is what its clause is about."""
    if noun.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
        return False
    owner = child(noun, "poss")
    if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
        return True
    if any(
        g.pos_ == "PROPN" or g.ent_type_ in ("GPE", "NORP", "ORG")
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ in ("by", "from")
        for g in c.children
        if g.dep_ == "pobj"
    ):
        return True
    # "the seizure of two boats by the navy", "a threat by the ruling party to ...": a "by" phrase
    # names the maker whatever its word (a name or not: the argument stage still has to resolve
    # it), on the noun or, as the small model often hangs it, on the noun's "of" phrase
    return any(
        g.pos_ in ("PROPN", "NOUN") and g.ent_type_ not in ("DATE", "TIME")
        for h in (noun, *prep_objects(noun, "of"))
        for g in prep_objects(h, "by")
    )


# -- argument slots -------------------------------------------------------------------------------


def _modifier_subject(verb: Any) -> Any:
    """'EU slams Hungary over law', 'Kyiv demands withdrawal', 'Turkey and Armenia restore ties':
    in a headline the small model often hangs the subject of a present-tense main verb on the verb
    as a modifier, as if the verb were a noun. The first such name or noun before the verb is the
    subject."""
    if verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBP", "VBD"):
        return None
    for c in verb.lefts:
        if c.dep_ in ("amod", "compound", "nmod") and (
            c.pos_ in ("PROPN", "NOUN") or (c.pos_ == "ADJ" and c.text[:1].isupper())
        ):
            return c
    return None


def _speech_act(verb: Any) -> bool:
    """A verb that codes a verbal act (appeal, demand, accusation, threat, rejection, praise)."""
    from eventwire.extract.lexicon import lexicon

    lex = lexicon()
    lemma = verb.lemma_.lower()
    entry = lex.verbs.get(lemma)
    return lemma in lex.governing or (entry is not None and entry.code[:2] in _SPEECH_ROOTS)


_SPEECH_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})


def subject_token(verb: Any, depth: int = 0) -> Any:
    """The subject of a verb, inherited through conjunction and control where it has none."""
    if depth > 6:
        return None
    if is_passive(verb):
        agent = [
            g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"
        ]
        # "were captured and detained by X": the agent of the last conjunct serves all
        agent += [
            g
            for cj in verb.children
            if cj.dep_ == "conj"
            for c in cj.children
            if c.dep_ == "agent"
            for g in c.children
            if g.dep_ == "pobj"
        ]
        if agent:
            return agent[0]
        stray = _stray_agent(verb)
        if stray is not None:
            return stray
        if verb.dep_ in ("conj",):
            return subject_token(verb.head, depth + 1)
        return None
    subj = child(verb, "nsubj", "csubj")
    if subj is not None and subj.idx < body_start(verb.doc.text) <= verb.idx:
        # "TBILISI, Georgia (AP) — Riot police used ...": the dateline parsed as a subject
        subj = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("nsubj", "csubj") and c.idx >= body_start(verb.doc.text)
            ),
            None,
        )
    if subj is not None and subj.pos_ == "VERB":
        # "The agency working in the camps said": a participle parsed as the subject
        subj = child(subj, "nsubj") or subj
    if subj is not None:
        if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
            return verb.head
        return subj
    dep, head = verb.dep_, verb.head
    if head.i == verb.i:
        return _modifier_subject(verb)
    if dep == "conj" and head.lemma_ == "be" and head.dep_ == "ccomp" and _speech_act(verb):
        # "said the law was 'incompatible' and urged Tbilisi to repeal it": the parser hung the
        # appeal on the quoted judgement; the one who judged is the one who urged
        return subject_token(head.head, depth + 1)
    if dep in ("conj", "advcl") and verb.i > 0:
        # "... on Sunday and Israel freed ...": the parser made Israel a conjunct of Sunday
        prev = verb.doc[verb.i - 1]
        if prev.dep_ == "conj" and prev.pos_ == "PROPN" and prev.head.pos_ not in ("VERB", "AUX"):
            return prev
    if dep == "acomp" or (dep == "xcomp" and head.pos_ == "ADJ"):
        return subject_token(head, depth + 1)  # "Chile is ready to mediate"
    if dep == "xcomp" and verb.tag_ == "VBG":
        from eventwire.extract.lexicon import lexicon

        if head.lemma_.lower() in lexicon().perception_verbs:
            return None  # "monitors reported shelling near the town": not the monitors' act
    if dep == "conj" or dep in ("xcomp", "advcl", "ccomp"):
        # a subjectless ccomp is, in practice, a conjunct the parser attached as a complement
        return subject_token(head, depth + 1)
    if dep == "relcl":
        return head
    if dep == "acl":
        # "issued a statement calling ...": the statement's issuer; "demonstrators protesting ..."
        # and "troops using ...": the noun itself
        from eventwire.extract.lexicon import lexicon

        if (
            head.lemma_.lower() not in lexicon().documents
            and head.lower_ not in lexicon().documents
        ):
            return head
        if head.dep_ in ("dobj", "pobj", "attr") and head.head.pos_ in ("VERB", "AUX", "ADP"):
            gov = head.head if head.head.pos_ != "ADP" else head.head.head
            return subject_token(gov, depth + 1)
        return head
    if dep == "pcomp" or (dep == "pobj" and verb.pos_ == "VERB" and verb.tag_ == "VBG"):
        # "went from house to house shooting men": an -ing verb the parser made a preposition's
        # object is done by the subject of the verb the preposition hangs on
        return subject_token(head.head, depth + 1)
    return None


def gerund_subject(verb: Any) -> Any:
    """'the backdrop of X claiming ...': a subjectless gerund right after a noun phrase has it as
    subject (the parser often attaches such gerunds to a verb further up)."""
    if verb.tag_ != "VBG" or verb.i == 0:
        return None
    prev = verb.doc[verb.i - 1]
    if prev.pos_ in ("PROPN", "NOUN") and prev.dep_ == "pobj" and prev.head.lower_ == "of":
        return prev
    return None


_NOBODY = {"nobody", "none", "noone", "neither"}


def no_one_does(verb: Any) -> bool:
    """The clause's subject is nobody: "no group has claimed ...", "none of them was charged"."""
    subj = child(verb, "nsubj", "nsubjpass")
    if subj is None:
        return False
    return subj.lower_ in _NOBODY or any(
        (c.dep_ == "det" and c.lower_ == "no")
        or (c.dep_ in ("det", "preconj") and c.lower_ == "neither")  # "neither X nor Y has ..."
        for c in subj.children
    )


def claimer(noun: Any) -> Any:
    """'X claiming responsibility for the bombings' → X, the source of the bombings."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for":
        return None
    resp = prep.head
    if resp.lemma_.lower() != "responsibility":
        return None
    verb = resp.head
    if verb.lemma_.lower() not in ("claim", "take", "accept", "bear", "assume"):
        return None
    if no_one_does(verb) or any(c.dep_ == "neg" for c in verb.children):
        return None  # "no group has claimed responsibility": the doer is unknown
    if verb.dep_ == "acl":
        return verb.head
    return gerund_subject(verb) or subject_token(verb)


def _stray_agent(verb: Any) -> Any:
    """'was accused of fraud by prosecutors', 'was threatened with sanctions by Washington': the
    parser often hangs the passive's "by" phrase on the noun before it; it is still the agent."""
    for c in verb.children:
        if c.dep_ != "prep" or c.lower_ == "by":
            continue
        for obj in (g for g in c.children if g.dep_ in ("pobj", "pcomp")):
            for by in obj.children:
                if by.dep_ in ("prep", "agent") and by.lower_ == "by":
                    who = child(by, "pobj")
                    if who is not None and who.pos_ in ("PROPN", "NOUN"):
                        return who
    return None


def between(noun: Any) -> list[Any]:
    """'talks between Kabul and Islamabad': the parties of a reciprocal event noun, in order."""
    out: list[Any] = []
    for first in prep_objects(noun, "between"):
        out.append(first)
        out += [c for c in first.children if c.dep_ == "conj"]
        if len(out) == 1:  # "between Indian and Pakistani troops": the second side's adjective
            out += [
                c
                for m in first.children
                if m.dep_ in ("amod", "compound") and m.i < first.i
                for c in m.children
                if c.dep_ == "conj"
            ]
    return out


def parties(noun: Any, of_sides: bool = False) -> list[Any]:
    """The sides of an event noun, in order: its own "between" phrase, or that of the verb it is
    the subject of ("clashes broke out between the army and the RSF", "talks resumed between
    Kabul and Islamabad"); with ``of_sides`` (a reciprocal act), an "of" phrase of people whose
    modifiers name two sides ("the meeting of Ethiopian and Eritrean officials")."""
    out = between(noun)
    if not out and noun.dep_ in ("nsubj", "nsubjpass") and noun.head.pos_ in ("VERB", "AUX"):
        out = between(noun.head)
    if not out and of_sides:
        for g in prep_objects(noun, "of"):
            others = [
                c
                for m in g.children
                if m.dep_ in ("amod", "compound") and m.i < g.i
                for c in m.children
                if c.dep_ == "conj"
            ]
            if others and g.tag_ in ("NNS", "NNPS"):
                return [g, *others]
    return out


def passive_parties(verb: Any) -> list[Any]:
    """'Diplomatic ties between Qatar and Bahrain were restored', 'the accord between Manila and
    the Bangsamoro authorities was signed': a reciprocal act told in the passive with no agent,
    whose subject names both sides; the first is the source, the others the targets."""
    if not is_passive(verb) or child(verb, "agent") is not None:
        return []
    subj = child(verb, "nsubjpass")
    pair = between(subj) if subj is not None else []
    return pair if len(pair) >= 2 else []


def patient_possessor(noun: Any, code: str) -> Any:
    """'his detention', 'Navalny's arrest', 'their release': a person's possessive on an act of
    custody (arrest, detention, deportation, release) names who is held, not who holds them;
    with an "of" phrase the possessor is the doer again ("Russia's detention of two Estonians")."""
    poss = child(noun, "poss")
    if poss is None or prep_objects(noun, "of"):
        return None
    if poss.pos_ != "PRON" and (poss.pos_ != "PROPN" or poss.ent_type_ in ("GPE", "NORP", "LOC")):
        return None  # "Iran's detention" is Iran's doing; a person's name is often tagged ORG
    return poss if code[:2] == "17" or code[:3] == "084" else None


def _noun_code(noun: Any, lex: Lexicon | None) -> str:
    k = noun_key(noun, lex.nouns) if lex is not None else None
    return lex.nouns[k].code if lex is not None and k is not None else ""


def noun_sources(noun: Any, lex: Lexicon | None = None) -> list[Any]:
    """Candidate sources of an event noun, best first: its possessor ("Tehran's strikes"), its
    "by" or "from" phrase, the claimer of responsibility, then its name-like modifiers ("US
    Predator attacks")."""
    out: list[Any] = []
    poss = child(noun, "poss")
    if (
        poss is not None
        and poss.ent_type_ not in ("DATE", "TIME")  # not "Tuesday's strikes"
        and patient_possessor(noun, _noun_code(noun, lex)) is None  # not "his detention"
    ):
        out.append(poss)
    out += prep_objects(noun, "by") + prep_objects(noun, "from")
    doer = participle_doer(noun, lex)
    if doer is not None:  # "shells fired by the RSF", "a strike called by the unions"
        out.append(doer)
    verb = under_attack(noun)
    if verb is not None:  # "came under fire from rebels"
        out += prep_objects(verb, "from") + prep_objects(verb, "by")
    for g in prep_objects(noun, "of"):  # "the shelling of the city by Russian forces"
        out += prep_objects(g, "by")
        out += between(g)[:1]  # "the restoration of relations between Israel and Turkey"
    if noun.dep_ in ("nsubj", "nsubjpass", "ROOT"):  # "talks between X and Y resumed"
        out += parties(noun, of_sides=is_reciprocal(_noun_code(noun, lex)))[:1]
    c = claimer(noun)
    if c is not None:
        out.append(c)
    out += [
        m
        for m in noun.children
        if m.dep_ in ("amod", "compound", "nmod")
        and (
            m.ent_type_ in ("NORP", "GPE", "ORG")
            or m.pos_ == "PROPN"
        )
        and not _capitalised_word(m, lex)
    ]
    return out


def _capitalised_word(tok: Any, lex: Lexicon | None) -> bool:
    """'Mortar rounds landed ...': a weapon or event word the tagger took for a name because it
    opens the sentence."""
    if lex is None or tok.ent_type_ or tok.i != tok.sent.start:
        return False
    word = tok.lower_
    return word in lex.nouns or any(word in words for _, words in lex.instruments)


def noun_source(noun: Any, lex: Lexicon) -> Any:
    cands = noun_sources(noun, lex)
    return cands[0] if cands else None


def target_tokens(pred: Predicate) -> list[Any]:
    """Candidate target heads, best first, from the entry's slots."""
    out: list[Any] = []
    slots = pred.entry.target
    if pred.kind == "noun":
        verb = under_attack(pred.tok)
        subj = child(verb, "nsubj", "nsubjpass") if verb is not None else None
        if subj is not None:  # "the convoy came under fire": the convoy
            out.append(subj)
        held = patient_possessor(pred.tok, pred.code)
        if held is not None:  # "his detention": him
            out.append(held)
        if "between" in slots:  # "clashes between X and Y": the parties after the first
            out += parties(pred.tok)[1:]
        for s in slots:
            out += prep_objects(pred.tok, s) if s != "between" else []
        if pred.entry.verb is not None:  # a noun made from a verb: slots may hang on its object
            for g in prep_objects(pred.tok, "of"):
                out += between(g)[1:]
                for s in slots:
                    out += [x for x in prep_objects(g, s) if s != "between"]
        if is_reciprocal(pred.code):
            out += parties(pred.tok, of_sides=pred.kind == "noun")[1:]
        if pred.rule.endswith("+reaction") and pred.tok.dep_ == "dobj":
            # what drew it: its doer ("the launch by Pyongyang", "Kenya's decision"), or itself
            for c in (c for c in pred.tok.head.children if c.dep_ == "nsubj"):
                out += [*noun_sources(c), c]
        return out
    verb = pred.tok
    if pred.kind == "light":
        out += passive_parties(pred.tok)[1:]  # "ties between Qatar and Bahrain were restored"
        # "gave Serbia data on the missing", "handed Kyiv intelligence": the receiver before the noun
        out += [c for c in verb.children if c.dep_ in ("dative", "iobj") and c.pos_ != "ADP"]
        for s in slots:
            out += prep_objects(pred.noun, s)
        for s in slots:
            out += prep_objects(verb, s)
        if is_reciprocal(pred.code, verb):
            out += reciprocal_partners(verb)
        return out
    if is_passive(verb):
        subj = child(verb, "nsubjpass") or headline_patient(verb)
        if subj is None and verb.dep_ == "conj":  # "were captured and detained by ..."
            subj = child(verb.head, "nsubjpass")
        if subj is not None and passive_parties(verb):
            out += passive_parties(verb)[1:]  # "ties between Qatar and Bahrain were restored"
        elif subj is not None and not _goods(pred, subj):
            out.append(subj)
    out += _slot_targets(verb, slots)
    # "pledged to provide X", "threatened to retaliate against X": the controlled verb's object
    for x in (c for c in verb.children if c.dep_ == "xcomp"):
        out += _slot_targets(x, ("dative", "dobj", "against", "on", "to", "with", "at"))
    # "warned that X would face ...": the party the clause is about
    if pred.code[:2] in ("13", "10", "02"):
        for x in (c for c in verb.children if c.dep_ == "ccomp"):
            subj = child(x, "nsubj", "nsubjpass")
            if subj is not None:
                out.append(subj)
    # "Japan and the Philippines signed ...": the other party of a reciprocal act
    if is_reciprocal(pred.code, verb):
        out += reciprocal_partners(verb)
    return out


GIVING_ROOTS = ("06", "07")  # what is shared, sent or given


def _goods(pred: Predicate, subj: Any) -> bool:
    """'Tanks were shipped to Kyiv', 'a consignment of rifles was sent to Taipei': the passive
    subject is what was given (an object the entry reads), not the one it was given to."""
    words = {subj.lemma_.lower()} | {
        g.lemma_.lower()
        for c in subj.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
        if g.dep_ == "pobj"
    }
    return any(pred.entry.objects.get(w, "")[:2] in GIVING_ROOTS for w in words)


# verbs whose act is done both ways at once ("exchanged fire", "traded accusations", "swapped
# prisoners"): whatever their code, the subject's other conjunct is the other side
RECIPROCAL_VERBS = frozenset({"exchange", "trade", "swap"})


def is_reciprocal(code: str, verb: Any = None) -> bool:
    """Acts done with someone (agree, meet, negotiate, sign, cooperate, clash, exchange, establish
    or restore ties)."""
    if verb is not None and verb.lemma_.lower() in RECIPROCAL_VERBS:
        return True
    if code in ("045", "039", "038", "028"):
        return False  # mediation is done between others, not with one's partner
    return code[:2] in ("03", "04", "06") or code in ("054", "057", "0871", "190")


def reciprocal_partners(verb: Any) -> list[Any]:
    subj = subject_token(verb)
    if subj is None:
        return []
    out = [c for c in subj.children if c.dep_ == "conj"]
    for c in subj.children:  # "the foreign ministers of Armenia and Azerbaijan"
        if c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                out += [x for x in g.children if x.dep_ == "conj"]
    if not out:  # "Thai and Cambodian troops clashed": the second side's adjective
        out += [
            c
            for m in subj.children
            if m.dep_ in ("amod", "compound", "nmod") and m.i < subj.i
            for c in m.children
            if c.dep_ == "conj" and c.i < subj.i
        ]
    return out


def _slot_targets(verb: Any, slots: tuple[str, ...] | list[str]) -> list[Any]:
    out: list[Any] = []
    for s in slots:
        if s == "dobj" and not is_passive(verb):
            d = child(verb, "dobj")
            if d is not None:
                out.append(d)
        elif s == "dative":
            d = child(verb, "dative")
            if d is not None and d.pos_ != "ADP":
                out.append(d)
        elif s == "iobj":
            d = child(verb, "dative", "iobj")
            if d is not None and d.pos_ != "ADP":
                out.append(d)
            out += prep_objects(verb, "to") if d is not None and d.pos_ == "ADP" else []
        else:
            out += prep_objects(verb, s)
            d = child(verb, "dobj")
            if d is not None:
                out += prep_objects(d, s)
                for g in prep_objects(d, "of"):  # "fired a barrage of rockets toward X"
                    out += prep_objects(g, s)
            # "spoke by telephone with X", "met via video link with X": the slot hangs on the means
            for means in (g for p in ("by", "via", "over") for g in prep_objects(verb, p)):
                out += prep_objects(means, s)
    return out
