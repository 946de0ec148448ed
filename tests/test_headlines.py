"""Headlines in the present tense that the small model tags with no verb ("Police detain ...",
"Sweden halts aid ...") are parsed again with the verb in the past tense; the line keeps its own
words and offsets (issue 10). Headlines written for these tests."""

from __future__ import annotations

import pytest

import eventwire
from eventwire import nlp
from eventwire.extract.lexicon import lexicon


@pytest.mark.parametrize(
    ("headline", "root"),
    [
        ("Zambian police detain opposition leader outside his home in Lusaka", "17"),
        ("Norway halts development aid to Niger and Chad", "16"),
        ("Erdogan, Aliyev discuss Karabakh in phone call", "04"),
    ],
)
def test_a_present_tense_headline_the_model_reads_as_nouns_is_coded(headline, root) -> None:
    roots = [e.action.cameo[:2] for e in eventwire.code_text(headline)]
    assert root in roots, roots


def test_the_repaired_line_keeps_its_words_and_offsets() -> None:
    text = "Zambian police detain opposition leader outside his home in Lusaka"
    (line,) = nlp.annotate(text, known_verbs=lexicon().verb_words)
    assert line.doc.text == text
    verbs = [t for t in line.doc if t.pos_ == "VERB"]
    assert [t.text for t in verbs] == ["detain"] and verbs[0].lemma_ == "detain"
    assert text[verbs[0].idx : verbs[0].idx + len("detain")] == "detain"


@pytest.mark.parametrize(
    "line",
    [
        "Police detained the opposition leader outside his home.",  # a sentence: parsed once
        "Markets rally as oil prices fall",  # no verb the lexicon knows in a noun's place
    ],
)
def test_sentences_and_lines_with_no_known_verb_are_left_as_parsed(line) -> None:
    plain = nlp.load()(line)
    (got,) = nlp.annotate(line, known_verbs=lexicon().verb_words)
    assert [(t.tag_, t.dep_, t.head.i) for t in got.doc] == [
        (t.tag_, t.dep_, t.head.i) for t in plain
    ]


def test_a_headline_subject_hung_on_the_verb_as_a_modifier_is_its_subject() -> None:
    """The small model often parses "Kyiv demands a pullout" with "Kyiv" as a modifier of the
    verb, as if the verb were a noun: the modifier is the subject (parse built by hand)."""
    import spacy
    from spacy.tokens import Doc

    from eventwire.extract.clauses import subject_token

    vocab = spacy.blank("en").vocab
    words = ["Quito", "demands", "Peruvian", "pullout"]
    doc = Doc(
        vocab,
        words=words,
        pos=["ADJ", "VERB", "ADJ", "NOUN"],
        tags=["JJ", "VBZ", "JJ", "NN"],
        deps=["amod", "ROOT", "amod", "dobj"],
        heads=[1, 1, 3, 1],
    )
    assert subject_token(doc[1]).text == "Quito"
    lower = Doc(
        vocab,
        words=["new", "rules", "apply"],
        pos=["ADJ", "NOUN", "VERB"],
        tags=["JJ", "NNS", "VBP"],
        deps=["amod", "nsubj", "ROOT"],
        heads=[1, 2, 2],
    )
    assert subject_token(lower[2]).text == "rules"


def test_an_act_named_in_a_phrase_of_time_is_not_what_is_demanded() -> None:
    codes = [
        e.action.cameo
        for e in eventwire.code_text(
            "Bolivia demanded a Chilean troop withdrawal before any talks."
        )
    ]
    assert codes == ["1056"], codes
