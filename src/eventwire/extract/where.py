"""Where an event happened: locative phrases of the clause, resolved in the offline gazetteer.

"in Pakistan's Balochistan province" → PAK / Balochistan; "in the Iranian city of Kerman" → IRN /
Kerman with coordinates; "in northern Syria" → SYR. The most specific place wins (city > admin1 >
country). A "<Country>'s <Name> region" that the gazetteer lacks is still kept as an admin1 of
that country, without coordinates.
"""

from __future__ import annotations

import re
from typing import Any

from eventwire.extract.clauses import entity_at
from eventwire.gazetteer import Gazetteer
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
}
_ON_PLACES = {"territory", "soil", "border", "outskirts", "island", "coast", "frontier", "side"}
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
_RANK = {"city": 3, "admin1": 2, "country": 1}
_PLACE_LABELS = {"GPE", "LOC", "FAC", "NORP"}
_STOP_DEPS = {"ccomp", "parataxis", "relcl", "xcomp"}  # other clauses: other events


def _phrase_candidates(pobj: Any) -> list[Any]:
    """Tokens of a locative phrase, down through 'of' ("the mountains of Pakistan's ... province")."""
    out = []
    stack = [pobj]
    while stack:
        t = stack.pop()
        out.append(t)
        for c in t.children:
            if c.dep_ in ("compound", "amod", "poss", "nmod", "appos", "pobj", "case") or (
                c.dep_ == "prep" and c.lower_ in ("of", "in")
            ):
                stack.append(c)
    return sorted(out, key=lambda t: t.i)


class PlaceFinder:
    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def resolve_phrase(self, pobj: Any) -> Place | None:
        toks = _phrase_candidates(pobj)
        names: list[tuple[str, Any]] = []
        seen: set[int] = set()
        for t in toks:
            if t.i in seen:
                continue
            ent = entity_at(t)
            if ent is not None and ent.label_ not in _PLACE_LABELS:
                # a name the parser calls an organisation, a person or a work is a place only
                # when the whole name is one (small models label "Kyiv" or "Marseille" ORG):
                # "the Washington Post", "Real Madrid", "Newcastle United" are not their cities
                full = re.sub(r"^the\s+", "", ent.text, flags=re.I)
                if self.gaz.country_of(full) or self.gaz.find_place(full):
                    names.append((full, t))
                    seen.update(range(ent.start, ent.end))
                elif not {ent[-1].lower_, ent.root.head.lower_} & (_DIVISION | _FEATURES):
                    seen.update(range(ent.start, ent.end))
                elif t.pos_ == "PROPN":  # a place by its feature word ("the Gaza Strip", "the
                    names.append((t.text, t))  # Kurram district"): its proper nouns one by one
                    seen.add(t.i)
            elif ent is not None:
                full = re.sub(r"^(the|occupied)\s+", "", ent.text, flags=re.I)
                # "West Bank" is a name; "northern Syria" is Syria
                # "West Virginia" and "South Sudan" are names; "northern Syria" is Syria: a name
                # with a direction word is tried whole before the word is dropped
                whole = self.gaz.country_of(full) or self.gaz.find_place(full)
                name = full if whole else _DIRECTIONS.sub("", full)
                names.append((name, t))
                seen.update(range(ent.start, ent.end))
            elif t.pos_ == "PROPN":
                names.append((t.text, t))
                seen.add(t.i)
        country = None
        # the phrase's country: a country's name first ("Tripoli, Lebanon"), then a demonym ("the
        # English city of Salisbury"), then a capital ("Tripoli" alone is Libya's)
        hits = [h for h in (self.gaz.country_of(text) for text, _ in names) if h]
        for kind in ("name", "demonym", "capital"):
            country = next((iso3 for iso3, k in hits if k == kind), None)
            if country:
                break
        best: Place | None = None
        for text, tok in names:
            cand: Place | None = None
            is_div = tok.head.lower_ in _DIVISION and tok.dep_ == "compound"
            hit = self.gaz.country_of(text)
            if hit and hit[1] in ("name", "demonym") and not is_div:
                if hit[1] == "name":  # a country, or its capital by the same name ("Washington")
                    cand = self.gaz.find_place(text, country)
            elif is_div:
                cand = (
                    self.gaz.find_admin1(text, country)
                    or Place(
                        name=f"{text} {tok.head.text}",
                        country=country,
                        admin1=text,
                        precision="admin1",
                    )
                    if country
                    else self.gaz.find_admin1(text, None)
                )
            else:  # a division or a city, ranked by the gazetteer ("Florida", "Kerman")
                cand = self.gaz.find_place(text, country)
            if cand is not None and (best is None or _RANK[cand.precision] > _RANK[best.precision]):
                best = cand
        return best

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
                    if prep.lower_ == "on" and pobj.lemma_.lower() not in _ON_PLACES:
                        continue
                    p = self.resolve_phrase(pobj)
                    if p is not None and (
                        best is None or _RANK[p.precision] > _RANK[best.precision]
                    ):
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
