"""Words the small model tags wrongly, read by their syntax (issue 10, eleventh step): a word
tagged as a noun that heads a to-infinitive is a verb. Sentences written for these tests."""

from __future__ import annotations

import eventwire
from eventwire import nlp
from eventwire.extract.clauses import infinitive


def test_a_noun_tag_heading_a_to_infinitive_is_read_as_a_verb():
    doc = nlp.load()("Thousands defied a protest ban to march through central Istanbul on Sunday.")
    march = next(t for t in doc if t.lower_ == "march")
    # the reading is by syntax, whatever tag the model gives this time
    assert infinitive(march) == (march.pos_ in ("NOUN", "PROPN"))
    events = eventwire.code_text(
        "Thousands defied a protest ban to march through central Istanbul on Sunday.", "2025-03-10"
    )
    assert any(e.action.cameo[:2] == "14" for e in events), [e.action.cameo for e in events]


def test_a_noun_with_no_infinitive_marker_stays_a_noun():
    doc = nlp.load()("The march to the palace was peaceful.")
    march = next(t for t in doc if t.lower_ == "march")
    assert not infinitive(march)


def test_an_ing_verb_made_a_prepositions_object_is_done_by_the_clauses_subject():
    # "went from house to house shooting men": the parser makes "shooting" the object of "to"
    events = eventwire.code_text(
        "Militiamen from the Janjaweed went from house to house shooting men in El Geneina.",
        "2025-03-10",
    )
    assert any(e.action.cameo[:2] in ("18", "19") and e.source is not None for e in events), [
        (e.action.cameo, e.source) for e in events
    ]
