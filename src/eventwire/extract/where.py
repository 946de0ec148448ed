"""Where an event happened: locative phrases of the clause, resolved in the offline gazetteer.

"in Pakistan's Balochistan province" → PAK / Balochistan; "in the Iranian city of Kerman" → IRN /
Kerman with coordinates; "in northern Syria" → SYR. The most specific place wins (city > admin1 >
country). A "<Country>'s <Name> region" that the gazetteer lacks is still kept as an admin1 of
that country, without coordinates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from eventwire.extract.clauses import entity_at
from eventwire.gazetteer import Gazetteer, norm
from eventwire.model import Place

LOCATIVE_PREPS = {
    "in",
    "near",
    "at",
    "across",
    "inside",
    "outside",
    "around",
    "into",
    "throughout",
    "within",
    "along",
    "through",  # "marched through Athens", "swept through the town"
}
_ROADS = {"road", "highway", "motorway", "route"}  # "on the road to Goma": the town it leads to
_ON_PLACES = {"territory", "soil", "border", "outskirts", "island", "coast", "frontier", "side", "edge",
               "fringe", "fringes", "periphery", "bank", "shore", "shores", "frontline", "front"}
_ON_PLACES |= _ROADS
# attacks "on" a named place land there ("airstrikes on Rafah", "the assault on Bakhmut")
_ON_ATTACKS = {
    "strike", "airstrike", "attack", "assault", "raid", "offensive", "bombardment", "shelling",
    "bombing", "barrage", "incursion", "counteroffensive", "counterattack", "push", "advance",
    "fire", "volley", "salvo",
    "rain", "fall", "land",  # "rockets rained down on Ashkelon", "shells fell on Kherson"
}  # fmt: skip
_DIRECTIONS = re.compile(
    r"^(northern|southern|eastern|western|north|south|east|west|northeast|northwest|southeast|"
    r"southwest|north-east|north-west|south-east|south-west|central|northeastern|northwestern|"
    r"southeastern|southwestern|upper|lower)\s+",
    re.I,
)
_DIVISION = {
    "province",
    "region",
    "state",
    "governorate",
    "district",
    "prefecture",
    "oblast",
    "county",
    "territory",
    "department",
    "municipality",
    "emirate",
}
# words that end a place's name as a kind of land or water ("the Gaza Strip", "the Nile Delta")
_FEATURES = {
    "strip", "bank", "valley", "coast", "delta", "basin", "plateau", "highlands", "mountains",
    "hills", "peninsula", "island", "islands", "sea", "gulf", "bay", "lake", "river", "desert",
    "corridor", "heights", "border", "frontier", "area", "zone", "city", "town", "village",
}  # fmt: skip


def _rank(p: Place) -> float:
    return p.rank


def _names_phrase(tok: Any, pobj: Any) -> bool:
    """The name is the phrase's head ("in the Sahel"), not a modifier of it ("Pacific clash")."""
    if tok.i == pobj.i:
        return True
    ent = entity_at(tok)
    return ent is not None and ent.start <= pobj.i < ent.end


_PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
_SEATS = {"district", "county", "municipality"}
# words that begin place names in many languages ("Al Hasakah", "Mount Sinjar", "Port Sudan")
_PARTICLES = {
    "al", "el", "ar", "as", "ash", "ad", "an", "at", "az", "san", "santa", "sao", "st", "saint",
    "ras", "bab", "tel", "tal", "ain", "ein", "deir", "dayr", "beit", "bayt", "kfar", "wadi",
    "jebel", "jabal", "mount", "mt", "port", "fort", "camp", "cape", "lake", "new", "old",
    "upper", "lower", "greater", "little", "big", "la", "le", "los", "las", "de", "del", "ban",
}  # fmt: skip  # divisions often named after their seat town
# times and amounts are never places ("in August": a village of that name exists)
_NOT_PLACES = {"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}
_STOP_DEPS = {"ccomp", "parataxis", "relcl", "xcomp"}  # other clauses: other events


def _phrase_candidates(pobj: Any) -> list[Any]:
    """Tokens of a locative phrase, down through 'of' ("the mountains of Pakistan's ... province")."""
    out = []
    stack = [pobj]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            # "Moscow, Idaho" parsed as a list of two: a comma and no "and" make a qualifier
            qualifier = (
                c.dep_ == "conj"
                and c.i == t.i + 2
                and t.nbor(1).text == ","
                and not any(s.dep_ == "cc" for s in t.children)
            )
            if (
                c.dep_ in ("compound", "amod", "poss", "nmod", "appos", "pobj", "case")
                or (c.dep_ == "prep" and c.lower_ in ("of", "in"))
                or (c.dep_ == "prep" and c.lower_ == "to" and t.lemma_.lower() in _ROADS)
                or qualifier
            ):
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


_FROM_PREPS = LOCATIVE_PREPS | {"from", "to", "towards", "toward"}


def _locative(tok: Any) -> bool:
    """The token is the object of a place preposition ("in Bastia", "from Sinjar"), or joined
    to one ("in Ajaccio and Bastia")."""
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return bool(tok.dep_ == "pobj" and tok.head.lower_ in _FROM_PREPS)


def _possessive_inside(ent: Any) -> bool:
    return any(t.lower_ in ("'s", "’s") for t in ent[:-1])


def _split_possessive(ent: Any) -> list[tuple[str, Any]]:
    """The names an entity joins by a possessive ("Iraq's Duhok" → Iraq, Duhok), each with its
    last token."""
    parts: list[list[Any]] = []
    current: list[Any] = []
    for t in ent:
        if t.lower_ in ("'s", "’s"):
            parts.append(current)
            current = []
        else:
            current.append(t)
    parts.append(current)
    out: list[tuple[str, Any]] = []
    for toks in parts:
        if not toks:
            continue
        text = "".join(t.text_with_ws for t in toks).strip()
        text = re.sub(r"^(the|occupied)\s+", "", text, flags=re.I)
        if text:
            out.append((_DIRECTIONS.sub("", text), toks[-1]))
    return out


def _joined(ent: Any) -> str:
    """An entity's text with the hyphenated parts the tokenizer split off it ("Emilia" of
    "Emilia-Romagna", "Rhine" of "North Rhine-Westphalia")."""
    doc, start, end = ent.doc, ent.start, ent.end
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
    return str(doc[start:end].text)


class PlaceFinder:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def resolve_phrase(self, pobj: Any) -> Place | None:
        toks = _phrase_candidates(pobj)
        names: list[tuple[str, Any, bool]] = []  # (name, token, the parser calls it a place)
        areas: set[str] = set()  # names the phrase gave a direction word ("northern Quebec")
        towns: set[str] = set()  # names a preposition of place governs ("in Bastia")
        seen: set[int] = set()
        for t in toks:
            if t.i in seen:
                continue
            ent = entity_at(t)
            if ent is not None and ent.label_ in _NOT_PLACES:
                seen.update(range(ent.start, ent.end))
            elif ent is not None and ent.label_ not in _PLACE_LABELS:
                # a name the parser calls an organisation, a person or a work is a place only
                # when the whole name is one (small models label "Kyiv" or "Marseille" ORG):
                # "the Washington Post", "Real Madrid", "Newcastle United" are not their cities;
                # a town's name as the object of "in", "near", "from" is the town ("in Bastia")
                full = re.sub(r"^the\s+", "", _joined(ent), flags=re.I)
                if self.gaz.country_of(full) or self.gaz.find_place(full):
                    names.append((full, t, False))
                    seen.update(range(ent.start, ent.end))
                elif _locative(ent.root) and self.gaz.find_town(full):
                    names.append((full, ent.root, False))
                    towns.add(full)
                    seen.update(range(ent.start, ent.end))
                elif not {ent[-1].lower_, ent.root.head.lower_} & (_DIVISION | _FEATURES):
                    seen.update(range(ent.start, ent.end))
                elif t.pos_ == "PROPN":  # a place by its feature word ("the Gaza Strip", "the
                    names.append((t.text, t, False))  # Kurram district"): its proper nouns
                    seen.add(t.i)
            elif ent is not None and self._inside_other_name(ent):
                seen.update(range(ent.start, ent.end))
            elif ent is not None and _possessive_inside(ent):
                # one entity for "Hakkari province's Cukurca district": each name on its own
                pieces = _split_possessive(ent)
                names.extend((text, tok, ent.label_ != "NORP") for text, tok in pieces)
                seen.update(range(ent.start, ent.end))
            elif ent is not None:
                full = re.sub(r"^(the|occupied)\s+", "", _joined(ent), flags=re.I)
                full = re.sub(r"\s*['’]s$", "", full)  # "Hakkari province's" (district)
                # "West Virginia" and "South Sudan" are names; "northern Syria" is Syria: a name
                # with a direction word is tried whole before the word is dropped
                whole = self.gaz.country_of(full) or self.gaz.find_place(full)
                name = full if whole else _DIRECTIONS.sub("", full)
                if name != full or any(
                    c.dep_ == "amod" and _DIRECTIONS.match(c.text + " ") for c in t.children
                ):
                    areas.add(name)
                names.append((name, t, ent.label_ != "NORP"))
                seen.update(range(ent.start, ent.end))
            elif t.pos_ == "PROPN":
                # a name the parser did not label: with its proper-noun compounds ("Downing
                # Street"), a town when it is the object of a locative ("in Tskhinvali")
                parts = [c for c in t.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
                joined = " ".join(x.text for x in sorted([*parts, t], key=lambda x: x.i))
                if parts and self.gaz.find_place(joined):
                    names.append((joined, t, False))
                    seen.update(x.i for x in parts)
                elif any(self._names_something_else(x) for x in parts):
                    seen.update(x.i for x in parts)  # "Real Madrid": a club, not the city
                else:
                    names.append((t.text, t, False))
                    if _locative(t):
                        towns.add(t.text)
                seen.add(t.i)
        country = None
        # the phrase's country: a country's name first ("Tripoli, Lebanon"), then a demonym ("the
        # English city of Salisbury"), then a capital ("Tripoli" alone is Libya's)
        hits = [h for h in (self.gaz.country_of(text) for text, _, _ in names) if h]
        kind = None  # how the phrase's country was found
        for k in ("name", "demonym", "capital"):
            country = next((iso3 for iso3, hk in hits if hk == k), None)
            if country:
                kind = k
                break
        if country is None:  # "Bethlehem, in the occupied West Bank": a region in one country
            regions = [self.gaz.find_region(text) for text, _, _ in names]
            country = next((r.country for r in regions if r and r.precision == "region"), None)
            kind = "region" if country else None
        # a division that qualifies a name in the phrase ("London, Ontario", "Paris, Texas"):
        # its country wins over one the phrase only implies by a capital's name ("London")
        within: tuple[str, str] | None = None
        for text, _, _ in names:
            if not self.gaz.country_of(text):
                div = self.gaz.find_admin1(text, country if kind != "capital" else None)
                if div is not None and div.country and div.admin1:
                    within = (div.country, div.admin1)
        if within is not None and kind == "capital":
            country = within[0]
        qualifier = self._division_not_country(names) if within is None and kind == "name" else None
        if qualifier is not None:
            within, country = (qualifier[1].country or "", qualifier[1].admin1 or ""), None
        # and the countries and divisions the sentence names ("Granada, in southern Spain",
        # "near Hanover" in a sentence about Lower Saxony)
        prefer, divisions = self._sentence_context(pobj, {t.i for t in toks})
        best: Place | None = None
        for text, tok, trusted in names:
            cand: Place | None = None
            inside = within if within is not None and norm(text) != norm(within[1]) else None
            is_div = tok.head.lower_ in _DIVISION and (
                tok.dep_ == "compound" or (tok.dep_ in ("amod", "nmod") and tok.i < tok.head.i)
            )  # "the northwestern Sagaing region": Sagaing may be parsed as an adjective
            hit = self.gaz.country_of(text)
            if qualifier is not None and text == qualifier[0]:
                cand = qualifier[1]
            elif hit and hit[1] in ("name", "demonym") and not is_div:
                if hit[1] == "name":  # a country, or its capital by the same name ("Washington")
                    cand = self.gaz.find_place(text, country)
            elif is_div:
                cand = (
                    self.gaz.find_admin1(text, country)
                    or self.gaz.find_region(f"{text} {tok.head.text}", country)
                    or self.gaz.find_region(text, country)
                )
                if cand is None and (within or country or prefer):
                    # a division named after its seat town ("Cukurca district", "Duhok
                    # province"): the town's point, where the phrase's division or country or
                    # the sentence's countries have it; a district is the town, a province
                    # keeps its rank as a division
                    town = self.gaz.find_city(text, country, True, within, prefer, divisions)
                    if town is not None and (within is None or town.country == within[0]):
                        cand = town
                        if tok.head.lower_ not in _SEATS:
                            cand = replace(
                                town,
                                name=f"{text} {tok.head.text}",
                                admin1=text,
                                city=None,
                                precision="admin1",
                            )
                if cand is None and country:  # "Kurram district" in a phrase that names PAK
                    cand = Place(
                        name=f"{text} {tok.head.text}",
                        country=country,
                        admin1=text,
                        precision="admin1",
                    )
            else:  # a division or a city, ranked by the gazetteer ("Florida", "Kerman")
                cand = self.gaz.find_place(
                    text, country, trusted, inside, prefer, area=text in areas, near=divisions
                )
                if cand is None and text in towns:
                    cand = self.gaz.find_town(text, country, prefer | {d[0] for d in divisions})
                if (
                    cand is not None
                    and cand.precision in ("region", "area")
                    and not _names_phrase(tok, pobj)
                ):
                    cand = None  # "a Pacific clash", "Balkan politics": a region as a modifier
            if cand is not None and (best is None or _rank(cand) > _rank(best)):
                best = cand
        return best

    def _inside_other_name(self, ent: Any) -> bool:
        """A place name that is only part of another proper name the parser split: a proper
        noun outside it modifies it or is its head ("Real Madrid", "Newcastle United", "Inter
        Milan"), and that word is no place, direction, division or land word itself."""
        if ent.label_ == "NORP":
            return False
        root = ent.root
        others = [c for c in root.children if c.dep_ == "compound" and c.i < ent.start]
        if root.dep_ == "compound" and root.head.i >= ent.end:
            others.append(root.head)
        doc = ent.doc
        # a name hyphenated to the entity is the entity's own ("Emilia" + "-Romagna")
        start, end = ent.start, ent.end
        while end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_:
            end += 2
        while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
            start -= 2
        others = [o for o in others if not start <= o.i < end]
        return any(self._names_something_else(o) for o in others)

    def _names_something_else(self, o: Any) -> bool:
        """A proper noun beside a place name that is no place, direction, division or land
        word: the two are another name ("Real" of "Real Madrid", "United" of "Newcastle
        United")."""
        if o.pos_ != "PROPN" or o.ent_type_ in _PLACE_LABELS:
            return False
        word = o.lower_
        if word in _DIVISION or word in _FEATURES or word in _PARTICLES:
            return False
        if _DIRECTIONS.match(o.text + " "):
            return False
        return not (self.gaz.country_of(o.text) or self.gaz.find_place(o.text))

    def _division_not_country(self, names: list[tuple[str, Any, bool]]) -> tuple[str, Place] | None:
        """A phrase like "Athens, Georgia": a country's name that is also another country's division, where
        the phrase's other name is a town of that division and of no town of the country."""
        for text, _, _ in names:
            hit = self.gaz.country_of(text)
            div = self.gaz.find_admin1(text) if hit and hit[1] == "name" else None
            if hit is None or div is None or div.country == hit[0] or not div.admin1:
                continue
            others = [
                o
                for o, _, _ in names
                if o != text and (self.gaz.country_of(o) or ("", ""))[1] != "name"
            ]
            for other in others:
                town = self.gaz.find_city(
                    other, div.country, within=(div.country or "", div.admin1)
                )
                if (
                    town is not None
                    and norm(town.admin1 or "") == norm(div.admin1)
                    and self.gaz.find_city(other, hit[0]) is None
                ):
                    return text, div
        return None

    def _sentence_context(
        self, tok: Any, phrase: set[int]
    ) -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
        """The countries a sentence names (by name, demonym or capital, or by a region or a
        division that lies in one country), and the divisions it names, outside the phrase
        being resolved (its own names are not its context)."""
        countries, divisions = set(), set()
        for t in tok.sent:
            if not (t.ent_iob_ == "B" and t.ent_type_ in _PLACE_LABELS):
                continue
            ent = entity_at(t)
            if ent is None or any(x.i in phrase for x in ent):
                continue
            text = re.sub(r"^the\s+", "", ent.text, flags=re.I)
            hit = self.gaz.country_of(text)
            if hit:
                countries.add(hit[0])
                continue
            if ent.label_ == "NORP":
                continue
            region = self.gaz.find_region(text)
            if region is not None:
                if region.country and region.precision == "region":
                    countries.add(region.country)
                continue
            div = self.gaz.only_division(text)
            if div is not None:
                countries.add(div[0])
                divisions.add(div)
        return frozenset(countries), frozenset(divisions)

    def find(self, heads: list[Any]) -> Place | None:
        """The most specific place in locative phrases under ``heads`` (the predicate, its args)."""
        best: Place | None = None
        seen: set[int] = set()
        for head in heads:
            for prep in self._preps(head):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    if pobj.i in seen:
                        continue
                    seen.add(pobj.i)
                    if (
                        prep.lower_ == "on"
                        and not {pobj.lemma_.lower(), pobj.lower_} & _ON_PLACES
                        and not (
                            prep.head.lemma_.lower() in _ON_ATTACKS
                            and (pobj.pos_ == "PROPN" or pobj.ent_type_ in ("GPE", "LOC", "FAC"))
                        )
                    ):
                        continue
                    p = self.resolve_phrase(pobj)
                    if p is not None and (best is None or _rank(p) > _rank(best)):
                        best = p
        return best

    def _preps(self, head: Any) -> list[Any]:
        out = []
        stack = [head]
        while stack:
            t = stack.pop()
            for c in t.children:
                if c.dep_ in _STOP_DEPS:
                    continue
                if c.dep_ == "prep" and (c.lower_ in LOCATIVE_PREPS or c.lower_ == "on"):
                    out.append(c)
                stack.append(c)
        return sorted(out, key=lambda t: t.i)
