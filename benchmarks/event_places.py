"""How many coded events have a location, where their sentence names a place.

    .venv/bin/python benchmarks/event_places.py [--show] samples [more inputs...]

Codes the inputs and counts, over all events and over the events whose sentence names a place
(a GPE, LOC or FAC entity the gazetteer resolves that is neither side's own words: "Turkey fired
on Qamishli" names Qamishli; "Iran struck Pakistan" names no place apart from its actors), the
share that carry a location, and how many of those came from outside the event's own clause
(another phrase of its sentence, or the article's dateline).
"""

from __future__ import annotations

import sys

from eventwire import nlp
from eventwire.gazetteer import gazetteer
from eventwire.service import code_paths


def names_a_place(sentence: str, sides: set[str], model: object, gaz: object) -> bool:
    doc = model(sentence)  # type: ignore[operator]
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "LOC", "FAC"):
            continue
        text = ent.text.removeprefix("the ").strip()
        if any(text in s or s in text for s in sides if s):
            continue
        if gaz.find_place(text, trusted=True) is not None:  # type: ignore[attr-defined]
            return True
    return False


def main(paths: list[str]) -> int:
    show = "--show" in paths  # print the events left without a place whose sentence names one
    paths = [p for p in paths if p != "--show"]
    model, gaz = nlp.load(), gazetteer()
    total = located = named = named_located = sentence = dateline = 0
    for _, events in code_paths(paths):
        for e in events:
            total += 1
            has = e.place is not None
            located += has
            sentence += has and e.place is not None and e.place.basis == "sentence"
            dateline += has and e.place is not None and e.place.basis == "dateline"
            m = e.mentions[0]
            sides = {a.text for a in (m.source, m.target) if a is not None}
            if names_a_place(m.sentence, sides, model, gaz):
                named += 1
                named_located += has
                if show and not has:
                    print(f"NO PLACE {e.action.cameo_dict()['code']} {m.sentence}")
    print(f"events                              {total}")
    print(f"with a location                     {located / total:.3f}")
    print(f"  of which from elsewhere in the sentence: {sentence}")
    print(f"  of which from the article's dateline:    {dateline}")
    print(f"events whose sentence names a place {named}")
    print(f"  with a location                   {named_located / named:.3f}" if named else "")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["samples"]))
