"""Casualties: how many were killed and injured, from the clause that reports them.

"killed two children and injured three others", "at least 12 people were killed", "leaving five
dead", "Soleimani, who was killed ..." (one named person: 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

NUMBER_WORDS = {  # number words, as in tolls and in counts of days
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a dozen": 12,
    "dozen": 12,
}


@dataclass(frozen=True)
class TollWords:
    """From the lexicon's ``casualties`` section: verbs and toll words, by what befell people."""

    verbs: dict[str, str]  # lemma → "killed" | "injured"
    words: dict[str, str]  # "dead", "wounded" ("left 20 dead") → "killed" | "injured"


def number(tok: Any) -> int | None:
    """The count a noun phrase gives: "two children", "at least 12 people", "dozens" → None."""
    for c in [tok, *tok.children]:
        if c.like_num or c.lower_ in NUMBER_WORDS:
            text = c.text.replace(",", "")
            if text.isdigit():
                return int(text)
            if c.lower_ in NUMBER_WORDS:
                return NUMBER_WORDS[c.lower_]
            try:
                return int(float(text))
            except ValueError:
                continue
    return None


def _victims(verb: Any) -> Any:
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    dep = "nsubjpass" if passive else "dobj"
    return next((c for c in verb.children if c.dep_ == dep), None)


def casualties(verb: Any, vocab: TollWords) -> tuple[str, int] | None:
    """('killed' | 'injured', count) for a kill/injure verb, or None."""
    kind = vocab.verbs.get(verb.lemma_.lower())
    if kind is None:
        return None
    victims = _victims(verb)
    if victims is None:
        return None
    n = number(victims)
    if (
        n is None
        and victims.tag_ in ("NNP",)
        or (victims.tag_ in ("WP",) and verb.dep_ == "relcl" and verb.head.tag_ == "NNP")
    ):
        n = 1  # one named person
    return (kind, n) if n is not None else None


def sentence_toll(tokens: Any, vocab: TollWords) -> tuple[int | None, int | None]:
    """Killed and injured in a span of tokens (a clause or a sentence)."""
    killed: int | None = None
    injured: int | None = None
    for t in tokens:
        hit = casualties(t, vocab) if t.pos_ == "VERB" else None
        if (
            hit is None
            and t.lower_ in vocab.words
            and t.dep_ in ("amod", "acomp", "oprd", "advcl", "conj", "dobj")
        ):
            # "20 people dead" (amod of the count's noun), "left 20 dead" (the count on "dead")
            n = number(t.head) if t.dep_ == "amod" else number(t) if t.dep_ == "dobj" else None
            if n is not None:
                hit = (vocab.words[t.lower_], n)
        if hit is None:
            continue
        kind, n = hit
        if kind == "killed":
            killed = (killed or 0) + n
        else:
            injured = (injured or 0) + n
    return killed, injured
