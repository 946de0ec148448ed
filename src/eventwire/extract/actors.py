"""Actors: from a noun phrase in the parse to country + sector, with the rule that decided.

Sources of knowledge, in order: the named-actor dictionary (``dictionaries/actors.yaml``), country
names, demonyms and capitals (the gazetteer), agent nouns (``dictionaries/agents.yaml``), and the
article's earlier actors for pronouns and "the country".
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from typing import Any

from eventwire.extract.actor_dictionary import ActorDictionary
from eventwire.extract.clauses import entity_at
from eventwire.extract.dateline import body_start
from eventwire.extract.lexicon import Lexicon
from eventwire.gazetteer import Gazetteer
from eventwire.model import Actor

_PHRASE_DEPS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "appos",
    "det",
    "nummod",
    "case",
    "quantmod",
    "punct",
    "advmod",
    "npadvmod",
}
_OWNER_PREPS = {"of"}
# Sectors whose definite or titled members ("the government", "President X") belong to the
# country the article is about at that point.
# words that make a demonym a region's ("Central American", "Latin American", "West African")
_REGION_QUALIFIERS = {
    "central", "latin", "north", "south", "east", "west", "southeast", "south-east", "northeast",
    "southern", "northern", "eastern", "western", "sub", "sub-saharan", "pan",
}  # fmt: skip
DOMESTIC_BY_DEFINITE = {"GOV", "MIL", "COP", "JUD", "OPP", "SPY"}
_LINK_VERBS = {"link", "belong", "tie", "affiliate", "connect", "associate", "loyal", "allied"}


@dataclass
class ArticleContext:
    """What earlier sentences of the article said, for pronouns and 'the country'."""

    countries: list[tuple[int, str]] = field(default_factory=list)  # (char offset, iso3), sorted
    subjects: list[tuple[int, Actor]] = field(default_factory=list)  # predicate subjects, in order
    speakers: dict[int, Actor] = field(default_factory=dict)  # line number → who speaks in it
    day: dt.date | None = None  # the article's date: it picks a person's role
    people: dict[str, Actor] = field(default_factory=dict)  # surname (lower) → who they are

    home: str | None = None  # the dateline's country: where the story is filed from

    def last_country(self, before: int) -> str | None:
        i = bisect_left(self.countries, (before, ""))
        return self.countries[i - 1][1] if i else None

    def body_country(self, before: int, sentence_start: int) -> str | None:
        """The country of a body the text does not place ("the Interior Ministry", "police"): one
        its own sentence named before it; else the country the story is filed from (a passing
        "mirrors a Russian law" in an earlier sentence is no home); else the last one named."""
        i = bisect_left(self.countries, (before, ""))
        if i and self.countries[i - 1][0] >= sentence_start:
            return self.countries[i - 1][1]
        return self.home or self.last_country(before)

    def last_subject(self, before: int) -> Actor | None:
        for pos, actor in reversed(self.subjects):
            if pos < before and (actor.country or actor.sector):
                return actor
        return None


class ActorResolver:
    def __init__(self, lex: Lexicon, gaz: Gazetteer, dictionary: ActorDictionary) -> None:
        self.lex, self.gaz, self.dict = lex, gaz, dictionary

    # -- phrase assembly ------------------------------------------------------------------------
    def phrase(self, head: Any) -> list[Any]:
        """The head and the modifiers that say who it is (not its clauses or other preps); not
        the words of a dateline the parse hung on it ("KYIV, Ukraine (AP) — Riot police ...")."""
        out = self._phrase(head)
        start = body_start(head.doc.text)
        if start and head.idx >= start:
            out = [t for t in out if t.idx >= start]
        return out

    def _phrase(self, head: Any) -> list[Any]:
        out = [head]
        for child in head.children:
            if child.dep_ == "punct" and child.i == child.sent.end - 1:
                continue  # a sentence's full stop, where the parse made the phrase its root
            if child.dep_ in _PHRASE_DEPS:
                out.extend(self._phrase(child))
            elif child.dep_ == "prep" and child.lower_ in _OWNER_PREPS:
                out.append(child)
                for g in child.children:
                    if g.dep_ == "pobj":
                        out.extend(self._phrase(g))
        return sorted(set(out), key=lambda t: t.i)

    def span_text(self, toks: list[Any]) -> str:
        doc = toks[0].doc
        return str(doc[toks[0].i : toks[-1].i + 1].text)

    def countries_in(self, toks: list[Any]) -> list[tuple[Any, str, str]]:
        """(token, iso3, kind) for country words in the phrase, multiword names included. The
        possessor of an ally or proxy is not its country ("Israel's militia ally")."""
        found = []
        toks = [
            t for t in toks if not (t.dep_ == "poss" and t.head.lemma_.lower() in self.lex.allies)
        ]
        seen: set[int] = set()
        for t in toks:
            if t.i in seen or not (t.pos_ in ("PROPN", "ADJ", "NOUN") or t.ent_type_):
                continue
            ent = entity_at(t)
            cands = []
            if ent is not None and ent.label_ in ("GPE", "NORP", "LOC", "ORG", "PERSON"):
                cands.append((ent.text, range(ent.start, ent.end)))
            if t.pos_ == "PROPN":  # "Sri Lanka" even when the tagger calls it a person
                lo = hi = t.i
                while lo - 1 >= 0 and t.doc[lo - 1].pos_ == "PROPN":
                    lo -= 1
                while hi + 1 < len(t.doc) and t.doc[hi + 1].pos_ == "PROPN":
                    hi += 1
                if hi > lo:
                    cands.append((str(t.doc[lo : hi + 1].text), range(lo, hi + 1)))
            before = t.doc[t.i - 1] if t.i > 0 else None
            regional = (
                ent is not None and len(ent) > 1 and t.i > ent.start
                and ent[0].lower_ in _REGION_QUALIFIERS
            ) or (
                before is not None and before.is_title and before.lower_ in _REGION_QUALIFIERS
                and not self.gaz.country_of(f"{before.text} {t.text}")
            )  # fmt: skip
            if not regional:  # "Central American migrants" are not American
                cands.append((t.text, range(t.i, t.i + 1)))
            for text, rng in cands:
                hit = self.gaz.country_of(text)
                if hit:
                    found.append((t, hit[0], hit[1]))
                    seen.update(rng)
                    break
        return found

    def sector_of(self, toks: list[Any], head: Any) -> str | None:
        if head.lower_ in self.lex.collectives:  # "a group of Chechen refugees", "a team from"
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for g in c.children:
                        if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                            inner = self.sector_of(self.phrase(g), g)
                            if inner is not None:
                                return inner
        if head.pos_ == "PROPN":
            # "President Nicolas Maduro", "Opposition leader Maria Corina Machado": the title says
            mods = [
                t
                for t in toks
                if t.i < head.i
                and t.dep_ in ("compound", "amod")
                and t.pos_ != "PROPN"
                or t.i < head.i
                and t.dep_ == "compound"
                and t.lower_ in self.lex.sectors
            ]
            for n in (2, 1):
                for k in range(len(mods) - n + 1):
                    key = " ".join(t.lower_ for t in mods[k : k + n])
                    if key in self.lex.sectors:
                        return self.lex.sectors[key]
        words = [
            t for t in toks if t.i <= head.i and t.dep_ in ("compound", "amod") or t.i == head.i
        ]
        words = [t for t in words if t.i >= head.i - 3]
        # a person's name is not an agent noun: "Mumtaz Zahra Baloch" is no Baloch community
        words = [t for t in words if t.ent_type_ != "PERSON" or t.pos_ != "PROPN"]
        if head.lemma_.lower() in self.lex.roles:
            # "business leaders", "union officials", "rebel commanders": the modifier names the
            # kind of actor, the role word only the position in it
            for t in words:
                if t.i < head.i and t.dep_ == "compound" and t.lower_ in self.lex.sectors:
                    return self.lex.sectors[t.lower_]
        for k in range(len(words)):
            key = " ".join(t.lower_ for t in words[k:]).replace(" - ", "-")
            if key in self.lex.sectors:
                return self.lex.sectors[key]
        if words and words[-1].i == head.i and head.tag_ in ("NNS", "NNPS"):
            # a plural the dictionary has only in the singular ("opposition parties",
            # "assailants"): the same kind of actor
            for k in range(len(words)):
                key = " ".join([*(t.lower_ for t in words[k:-1]), head.lemma_.lower()])
                if key.replace(" - ", "-") in self.lex.sectors:
                    return self.lex.sectors[key.replace(" - ", "-")]
        if head.lemma_.lower() in self.lex.allies:  # "militia ally": the kind of ally
            for t in words:
                if t.dep_ == "compound" and t.lower_ in self.lex.sectors:
                    return self.lex.sectors[t.lower_]
        of_sector = None
        # "thousands of displaced families", "head of the Iranian mission": the "of" noun says
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for g in c.children:
                    if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN"):
                        of_sector = self.sector_of(self.phrase(g), g)
        if of_sector is not None and head.lower_ in self.lex.collectives:
            return of_sector
        if of_sector not in (None, "GOV") and head.lemma_.lower() in self.lex.roles:
            return of_sector  # "leaders of the opposition coalition", "spokesman of the rebels"
        if head.ent_type_ == "PERSON" and head.pos_ == "PROPN":
            return of_sector  # a surname is not an agent noun ("Baloch", "Kurd")
        for key in (head.lower_, head.lemma_.lower()):
            if key in self.lex.sectors:
                return self.lex.sectors[key]
        return of_sector

    # -- people named in the article ----------------------------------------------------------------
    def _person(
        self, head: Any, ctx: ArticleContext, offset: int, line: int, depth: int, text: str
    ) -> Actor | None:
        """A person the dictionary does not know: by the role an apposition gives ("Mumtaz Zahra
        Baloch, the spokesperson for Pakistan's Foreign Ministry"), else by an earlier mention
        of the same name in the article ("Ms Baloch" later on keeps the code)."""
        if not _name_like(head):
            return None
        known = ctx.people.get(head.lower_)
        names = {head.lower_}
        for a in (c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
            role = self._role(a, ctx, offset, line, depth)
            if role is not None:
                found = Actor(
                    text, text, role.country, role.sector, rule=f"appos:{a.lemma_}+{role.rule}"
                )
                for n in names:
                    ctx.people[n] = found
                return found
        if known is not None:
            return Actor(
                text, known.name, known.country, known.sector, rule=f"person:earlier:{head.text}"
            )
        return None

    def _role(
        self, noun: Any, ctx: ArticleContext, offset: int, line: int, depth: int
    ) -> Actor | None:
        """'the spokesperson for Pakistan's Foreign Ministry', 'the head of the Iranian mission':
        a role noun with the body it serves (for, of, at)."""
        sector = self.sector_of(self.phrase(noun), noun)
        if sector is None and noun.lemma_.lower() not in self.lex.roles:
            return None
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "at"):
                for g in c.children:
                    body = (
                        self.resolve(g, ctx, offset, line, depth + 1) if g.dep_ == "pobj" else None
                    )
                    if body is not None and (body.country or body.sector):
                        return Actor(
                            body.text,
                            body.name,
                            body.country,
                            sector or body.sector,
                            rule=body.rule,
                        )
        own = self.resolve(noun, ctx, offset, line, depth + 1)
        return own if own is not None and (own.country or own.sector) else None

    # -- resolution --------------------------------------------------------------------------------
    def resolve(
        self, head: Any, ctx: ArticleContext, offset: int, line: int, depth: int = 0
    ) -> Actor | None:
        """The actor a noun phrase names, or None when it names none. A person named in the
        phrase ("the Indian army chief, General Manoj Pande") is remembered for the rest of the
        article ("Pande met ..." later)."""
        if head is not None and self.venue_name(head):
            return None
        found = self._resolve(head, ctx, offset, line, depth)
        if found is not None and found.country and head is not None:
            for t in [head, *(c for c in head.children if c.dep_ == "appos")]:
                if t.pos_ == "PROPN" and _name_like(t) and not self.gaz.country_of(t.text):
                    ctx.people.setdefault(t.lower_, found)
        return found

    def venue_name(self, tok: Any) -> bool:
        """'the Minsk agreements', 'the Paris climate accord', 'the Doha talks': a capital or
        town before an agreement, talks or a meeting (``named_after_venue``) names it after the
        place it was made or held; it is no party to it (a country's name still is: "the US-China
        trade deal")."""
        if tok.dep_ not in ("compound", "nmod", "amod") or tok.pos_ != "PROPN":
            return False
        if tok.head.lemma_.lower() not in self.lex.named_after_venue:
            return False
        hit = self.gaz.country_of(tok.text)
        if hit is not None:
            return hit[1] == "capital"
        return self.gaz.find_city(tok.text) is not None

    def unresolved(self, head: Any) -> Actor | None:
        """A person or organisation the text names but no dictionary or rule knows ("Ahmed
        Yusuf", "the Coalition for Fair Wages"): its words, with no country or sector invented."""
        if head is None or head.pos_ != "PROPN":
            return None
        ent = entity_at(head)
        if ent is not None and ent.label_ in _NAMED_ENTS:
            words, label = list(ent), ent.label_
        elif ent is None and head.is_title and head.lower_ in self.lex.bodies:
            words, label = self._body_name(head), "ORG"  # a name the parser did not tag
        else:
            return None
        text = self.span_text(words)
        if self.gaz.country_of(text):
            return None
        if label == "ORG" and not any(t.lower_ in self.lex.bodies for t in words):
            return None  # "Toyota", "Stanford": a company or college, not a political body
        if text.lower().startswith("the "):
            text = text[4:]
        return Actor(text, text, None, None, rule=f"unresolved:{label}")

    def _body_name(self, head: Any) -> list[Any]:
        """'the Coalition for Fair Wages', 'the Committee on Missing Persons': the capitalised
        words of a body's name, its "for"/"of"/"on" phrase included when that is a name too."""
        out = [t for t in self.phrase(head) if t.i <= head.i]
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("for", "of", "on", "against"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ == "PROPN" and obj.is_title:
                    out += [c, *(t for t in obj.subtree if t.i <= obj.i)]
        return sorted(set(out), key=lambda t: t.i)

    def _resolve(
        self, head: Any, ctx: ArticleContext, offset: int, line: int, depth: int = 0
    ) -> Actor | None:
        if head is None or depth > 3:
            return None
        lower = head.lower_
        if lower == "what" and head.tag_ == "WP":
            return self._free_relative(head, ctx, offset, line, depth)
        if (head.pos_ == "PRON" and not _misread_name(head)) or lower in ("who", "which", "that"):
            if head.tag_ in ("WP", "WDT") and head.head.dep_ == "relcl":
                return self.resolve(head.head.head, ctx, offset, line, depth + 1)
            return self._pronoun(head, ctx, offset, line)
        toks = self.phrase(head)
        text = self.span_text(toks)
        compound_agent = (
            self.sector_of(toks, head)
            if any(t.dep_ == "compound" and t.i == head.i - 1 for t in toks)
            else None
        )
        if (head.lemma_.lower() in self.lex.holders or lower in self.lex.holders) and not (
            compound_agent and " " in self._compound_key(toks, head)
        ):
            owner = self._owner(head, ctx, offset, line, depth)
            if owner is not None:
                return owner
        hit = self.dict.find(text)
        if hit is None:
            # "Fighters of the paramilitary | Rapid Support Forces": a name the parser split off
            after = toks[-1].i + 1
            nxt = None
            if after < len(head.doc) and head.doc[after].ent_iob_ == "B":
                nxt = entity_at(head.doc[after])
                nxt = nxt if nxt is not None and nxt.label_ == "ORG" else None
            if nxt is not None and toks[-1].pos_ in ("ADJ", "NOUN") and toks[-1].dep_ == "pobj":
                hit = self.dict.find(str(nxt.text))
        countries = self.countries_in(toks)
        poss_anaphor = self._poss_anaphor(toks, ctx, offset)
        if hit is not None:
            d, _ = hit
            country = d.country
            if country is None:
                country = next((c for t, c, k in countries if k == "demonym"), None) or poss_anaphor
            sector, role = d.on(ctx.day)
            rule = f"{d.source.removeprefix('dictionaries/')}:{d.name}" + (
                f" ({role})" if role else ""
            )
            if sector is None and head.pos_ == "PROPN":
                # no dated role that day, but the text gives a title: "opposition leader X"
                sector = self.sector_of(toks, head)
                rule += f"+title:{sector}" if sector is not None else ""
            return Actor(text, d.name, country, sector, rule=rule)
        person = self._person(head, ctx, offset, line, depth, text)
        if person is not None:
            return person
        if self._named_after_place(head):
            return None
        sector = self.sector_of(toks, head)
        if any(_ethnic(t) for t, _, _ in countries):
            # "ethnic Uzbeks in southern Kyrgyzstan": a people, not the state the name also names
            countries = [c for c in countries if not _ethnic(c[0])]
            sector = sector or "CVL"
        own = next(
            (
                (t, c, k)
                for t, c, k in countries
                if t.i == head.i or head.i in range(t.i, t.i + 4) and t.dep_ == "compound"
            ),
            None,
        )
        if countries and own is not None and own[2] == "demonym" and own[0].i == head.i:
            where, how = self._context_country(head, sector or "CVL", ctx, offset)
            if where is not None and how.startswith("place:"):
                name = self.gaz.countries[where].name if where in self.gaz.countries else where
                return Actor(text, name, where, sector or "CVL", rule=f"demonym-in-place:{how}")
        if countries:
            tok, iso3, kind = own or countries[0]
            if (
                sector is None
                and kind == "demonym"
                and tok.i == head.i
                and head.tag_ in ("NNS", "NNPS")
            ):
                sector = "CVL"  # "Nigerians", "thousands of Iraqis": people of the country
            if own and kind == "capital" and sector is None:
                sector = "GOV"  # "Islamabad expelled ...": the capital stands for the government
            name = self.gaz.countries[iso3].name if iso3 in self.gaz.countries else iso3
            return Actor(text, name, iso3, sector, rule=f"country:{kind}:{tok.text}")
        if poss_anaphor:
            return Actor(
                text,
                self.gaz.countries[poss_anaphor].name,
                poss_anaphor,
                sector,
                rule="anaphor:the country",
            )
        body = self._affiliation(head, sector, ctx, offset, line, depth)
        if body is not None:
            return body
        if head.lemma_.lower() in self.lex.sides and any(
            c.dep_ in ("det", "amod", "nummod", "predet") and c.lower_ in self.lex.side_marks
            for c in head.children
        ):  # "urged both sides to halt the fighting": the country the story is about
            home = ctx.body_country(offset + head.idx, offset + head.sent.start_char)
            if home is not None:
                name = self.gaz.countries[home].name if home in self.gaz.countries else home
                return Actor(text, name, home, None, rule="agents.yaml:sides+country:context")
        if sector is not None and (lower not in self.lex.holders or _acting_force(head, self.lex)):
            if lower in self.lex.anaphors or self._unknown_organisation(head):
                return None
            country, how = self._context_country(head, sector, ctx, offset)
            name = text
            rule = f"agents.yaml:{head.lemma_.lower()}"
            if country is not None:
                rule += f"+country:{how}"
            return Actor(text, name, country, sector, rule=rule)
        return None

    def _affiliation(
        self, head: Any, sector: str | None, ctx: ArticleContext, offset: int, line: int, depth: int
    ) -> Actor | None:
        """'Officials from the European Union', 'a team from the IMF', 'investigators with the
        UN', 'a delegation of Hamas': people named by what they do, or a group of them, with the
        body they come from, belong to or work with. The body is the actor, in its own sector, or
        where it has none (a country) in the people's ("officials from Kenya" are its government)."""
        lemma = head.lemma_.lower()
        if head.lower_ in self.lex.anaphors or not (
            sector is not None or lemma in self.lex.roles or head.lower_ in self.lex.collectives
        ):
            return None
        for c in head.children:
            if c.dep_ != "prep" or c.lower_ not in ("from", "of", "with", "at", "for", "in"):
                continue
            if c.lower_ == "for" and lemma not in self.lex.roles:
                continue  # "a spokesman for the army" speaks for it; "police for the event" do not
            for g in (g for g in c.children if g.dep_ == "pobj"):
                if c.lower_ == "in" and self._a_place(g):
                    continue  # "an official in the Sudanese foreign ministry", not "in Khartoum"
                named = g.pos_ == "PROPN" or bool(g.ent_type_) or any(
                    t.pos_ == "PROPN" or t.ent_type_ in ("NORP", "GPE", "ORG")
                    for t in self.phrase(g)
                )
                if not named and c.lower_ != "for":
                    continue  # "officials from the ministry": no body named
                body = self.resolve(g, ctx, offset, line, depth + 1)
                if not named and (body is None or body.sector == sector):
                    continue  # "a spokesman for the ministry" says no more than "a spokesman"
                if body is not None and (body.country or body.sector):
                    return Actor(
                        self.span_text(self.phrase(head)),
                        body.name,
                        body.country,
                        body.sector or sector,
                        rule=f"member:{c.lower_}+{body.rule}",
                    )
        return None

    def _a_place(self, tok: Any) -> bool:
        """Whether a noun names a place ("Khartoum", "the capital") rather than a body."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in _PLACES:
            return True
        return bool(self.gaz.country_of(tok.text)) or self.gaz.find_city(tok.text) is not None

    def _unknown_organisation(self, head: Any) -> bool:
        """'An Airbus spokesman', 'a spokesman for Shell': one who speaks or acts for an
        organisation the dictionaries do not know, named with no word of a public body or kind of
        actor, so its country's government is no guess for them."""
        if head.lemma_.lower() not in self.lex.spokespeople:
            return False  # "Amazon warehouse workers" are still workers; a leader may be political
        names = [
            c
            for c in head.children
            if c.dep_ == "compound" and c.pos_ == "PROPN" and c.ent_type_ == "ORG"
        ]
        names += [  # "a spokesman for Shell"
            g
            for c in head.children
            if c.dep_ == "prep" and c.lower_ == "for"
            for g in c.children
            if g.dep_ == "pobj" and g.pos_ == "PROPN" and g.ent_type_ == "ORG"
        ]
        if not names or any(self.gaz.country_of(c.text) for c in names):
            return False
        words = {t.lower_ for c in names for t in c.subtree} | {c.lemma_.lower() for c in names}
        return not words & (self.lex.bodies | self.lex.roles | set(self.lex.sectors))

    def _named_after_place(self, head: Any) -> bool:
        """'Real Madrid', 'Bayern Munich', 'Paris Saint-Germain', 'Air France': an organisation
        the dictionary does not know whose name holds a place but no word of a public body or
        kind of actor is a club or a company, not the place's state."""
        if head.pos_ != "PROPN":
            return False
        ent = entity_at(head)
        if ent is not None and ent.label_ == "ORG":
            name = list(ent)
        elif ent is None or ent.label_ in ("GPE", "LOC", "FAC"):  # the parser saw no organisation
            name = [t for t in head.doc[max(head.i - 3, 0) : head.i] if t.dep_ == "compound"]
            name = [t for t in name if t.pos_ == "PROPN" and t.head.i == head.i] + [head]
        else:
            return False
        text = " ".join(t.text for t in name)
        if (
            len(name) < 2
            or self.gaz.country_of(text)
            or self.gaz.country_of(text.removeprefix("the "))
        ):
            return False
        words = {t.lower_ for t in name} | {t.lemma_.lower() for t in name}
        if words & (self.lex.bodies | self.lex.roles | set(self.lex.sectors)):
            return False
        if self.gaz.find_place(text):  # "Abu Dhabi", "Greater London": the whole name is a place
            return False
        places = [t for t in name if t.pos_ == "PROPN" and self.gaz.country_of(t.text)]
        others = [t for t in name if t not in places and t.is_title]
        return (
            bool(places) and bool(others) and not any(self.gaz.country_of(t.text) for t in others)
        )

    def _context_country(
        self, head: Any, sector: str, ctx: ArticleContext, offset: int
    ) -> tuple[str | None, str]:
        """Country for an actor whose phrase names none: "police in Nairobi" (its place), or
        "the government" / "President X" (the country the article last named)."""
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "at", "of", "throughout"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    names = [_name_run(g), g.text]
                    for name in names:
                        hit = self.gaz.country_of(name)
                        if hit and (c.lower_ != "of" or hit[1] == "name"):
                            return hit[0], f"place:{name}"
                    place = self.gaz.find_city(names[0]) if c.lower_ != "of" else None
                    if place is not None and place.country:
                        return place.country, f"place:{names[0]}"
        definite = (
            any(c.lower_ in ("the", "its", "their") for c in head.children) or head.pos_ == "PROPN"
        )
        if definite and sector in DOMESTIC_BY_DEFINITE:
            iso3 = ctx.body_country(offset + head.idx, offset + head.sent.start_char)
            if iso3:
                return iso3, "context"
        return None, ""

    def _free_relative(
        self, what: Any, ctx: ArticleContext, offset: int, line: int, depth: int
    ) -> Actor | None:
        """'against what it claimed were Israeli spy headquarters' → the described noun."""
        sent = what.sent
        for t in sent:
            if what.i < t.i <= what.i + 10 and t.dep_ in ("attr", "oprd"):
                return self.resolve(t, ctx, offset, line, depth + 1)
        return None

    def _compound_key(self, toks: list[Any], head: Any) -> str:
        """'fighter jets' when that compound is itself an agent noun (not 'Hamas positions')."""
        word: str = head.lower_
        prev = next((t for t in toks if t.i == head.i - 1 and t.dep_ == "compound"), None)
        if prev is None:
            return word
        for key in (f"{prev.lower_} {head.lower_}", f"{prev.lower_} {head.lemma_.lower()}"):
            if key in self.lex.sectors:
                return key
        return word

    def _poss_anaphor(self, toks: list[Any], ctx: ArticleContext, offset: int) -> str | None:
        for t in toks:
            if (
                t.lower_ in ("country", "nation")
                and t.dep_ == "poss"
                and any(c.lower_ == "the" for c in t.children)
            ):
                return ctx.last_country(offset + t.idx)
        return None

    def _owner(
        self, head: Any, ctx: ArticleContext, offset: int, line: int, depth: int
    ) -> Actor | None:
        """'bases of group G', 'targets linked to G', 'Hamas positions' → the owner; a border
        "with X" faces X ("sent troops to the border with Ukraine")."""
        facing = head.lemma_.lower() in ("border", "frontier")
        for child in head.children:
            if child.dep_ == "prep" and (
                child.lower_ in ("of", "for") or (facing and child.lower_ == "with")
            ):
                for g in child.children:
                    if g.dep_ == "pobj":
                        a = self.resolve(g, ctx, offset, line, depth + 1)
                        if a is not None:
                            return a
            if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in _LINK_VERBS:
                for p in child.subtree:
                    if p.dep_ == "pobj" and p.head.lower_ in ("to", "with"):
                        a = self.resolve(p, ctx, offset, line, depth + 1)
                        if a is not None:
                            return a
        for child in head.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                a = self.resolve(child, ctx, offset, line, depth + 1)
                if a is not None and (a.country or a.sector is not None):
                    sector = a.sector
                    if sector is None:
                        sector = self.sector_of(self.phrase(head), head)
                    return Actor(
                        self.span_text(self.phrase(head)), a.name, a.country, sector, rule=a.rule
                    )
        return None

    def _pronoun(self, tok: Any, ctx: ArticleContext, offset: int, line: int) -> Actor | None:
        lower = tok.lower_
        if lower not in self.lex.anaphors:
            return None
        if lower in ("we", "our", "us") and line in ctx.speakers:
            return ctx.speakers[line]
        # the subject of the reporting verb this clause depends on ("it said that it had ...")
        h = tok.head
        while h.dep_ in ("ccomp", "conj", "xcomp", "advcl") and h.head.i != h.i:
            h = h.head
            if h.lemma_.lower() in self.lex.reporting:
                subj = next((c for c in h.children if c.dep_ == "nsubj"), None)
                if subj is not None and subj.i != tok.i and subj.pos_ != "PRON":
                    return self.resolve(subj, ctx, offset, line, 1)
                break
        main = _main_subject(tok)
        if main is not None:  # "protesters waved flags as they marched": the main clause's doer
            found = self.resolve(main, ctx, offset, line, 1)
            if found is not None:
                return replace(found, text=tok.text, rule=f"anaphor:{lower}→{main.text}")
        a = ctx.last_subject(offset + tok.idx)
        if a is None:
            return None
        return Actor(tok.text, a.name, a.country, a.sector, rule=f"anaphor:{lower}→{a.text}")


def _acting_force(head: Any, lex: Lexicon) -> bool:
    """'Troops shelled rebel positions', 'the town was stormed by troops': a force word that also
    names what an actor holds ("sent troops to the border": the troops are what is sent) is the
    doer itself when it is the subject or the passive's doer and no owner is named."""
    if head.lower_ not in lex.force_holders and head.lemma_.lower() not in lex.force_holders:
        return False
    while head.dep_ == "conj":
        head = head.head
    return bool(head.dep_ == "nsubj" or (head.dep_ == "pobj" and head.head.dep_ == "agent"))


def _main_subject(tok: Any) -> Any:
    """The subject of the clause a pronoun's own clause hangs on ("as they marched", "and it
    withdrew"), when it is a noun of the pronoun's number: "they" a plural or a conjunction,
    "it" a singular."""
    clause = tok.head
    if tok.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ not in ("advcl", "conj"):
        return None
    subj = next((c for c in clause.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return None
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    if tok.lower_ == "they":
        return subj if plural else None
    return subj if tok.lower_ == "it" and not plural else None


_NAMED_ENTS = {"PERSON", "ORG"}
_PLACE_ENTS = {"GPE", "NORP", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY"}


def _name_like(tok: Any) -> bool:
    """A capitalised word that may be a person's name (the small parser's entity labels for names
    are unreliable: "Pande" may be an ORG, "Nepal" a PERSON)."""
    return bool(tok.is_title and tok.ent_type_ not in _PLACE_ENTS and tok.pos_ in ("PROPN", "NOUN"))


def _ethnic(tok: Any) -> bool:
    """A demonym used for an ethnic group: "ethnic Albanians", "ethnic Turks"."""
    if any(c.lower_ == "ethnic" for c in tok.children):
        return True
    return bool(tok.i > 0 and tok.doc[tok.i - 1].lower_ == "ethnic")


def _name_run(tok: Any) -> str:
    """The proper-noun run a token heads: "the Ivory Coast" → "Ivory Coast"."""
    left = [t for t in tok.lefts if t.dep_ in ("compound", "amod") and t.pos_ in ("PROPN", "ADJ")]
    start = min([tok.i, *(t.i for t in left)])
    return str(tok.doc[start : tok.i + 1].text)


_PLACES = frozenset({"GPE", "LOC", "FAC"})  # entities that name places, not bodies

# English pronouns: a capitalised word the small model tags PRON that is none of these is a name
# it misread ("Houthis claim responsibility ...", a headline's plural name)
_PRONOUNS = frozenset({
    "i", "me", "my", "mine", "myself", "you", "your", "yours", "yourself", "yourselves", "he",
    "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "we", "us",
    "our", "ours", "ourselves", "they", "them", "their", "theirs", "themselves", "this", "that",
    "these", "those", "who", "whom", "whose", "which", "what", "whatever", "whoever", "one",
    "ones", "oneself", "everyone", "everybody", "someone", "somebody", "anyone", "anybody",
    "no-one", "nobody", "none", "all", "both", "each", "either", "neither", "some", "any", "many",
    "much", "few", "several", "most", "others", "another", "other", "something", "anything",
    "nothing", "everything", "such",
})  # fmt: skip


def _misread_name(tok: Any) -> bool:
    """A capitalised word tagged as a pronoun that is no English pronoun: a name misread."""
    return tok.text[:1].isupper() and tok.lower_ not in _PRONOUNS and tok.text.isalpha()
