"""The extraction stages one by one, and each derived rule switched off alone. Sentences written
for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import nlp
from eventwire.extract import derived, predicates
from eventwire.extract.events import Extractor, rule_names
from eventwire.extract.state import ArticleState, SentenceState
from eventwire.pipeline import extractor, make_article

PUB = dt.date(2025, 3, 12)


def run(text: str, off: tuple[str, ...] = ()) -> list[tuple[str | None, str, str | None, str]]:
    base = extractor()
    ex = Extractor(base.lex, base.actors, base.places, rules_off=off)
    article = make_article(text, PUB)
    mentions = ex.extract(article, nlp.annotate(text, known_verbs=ex.lex.verb_words))
    return [
        (
            m.source.country if m.source else None,
            m.action.cameo,
            m.target.country if m.target else None,
            m.rule,
        )
        for m in mentions
    ]


def sentence_state(text: str) -> tuple[ArticleState, SentenceState]:
    ex = extractor()
    line = nlp.annotate(text, known_verbs=ex.lex.verb_words)[0]
    return ArticleState(make_article(text, PUB)), SentenceState(line, next(line.doc.sents))


def test_rule_registry_names_every_rule_once():
    names = rule_names()
    assert len(names) == len(set(names))
    assert {"mirror", "obligation", "sibling-target", "victim-claim"} <= set(derived.RULES)
    assert {"instrument", "entry-nonstate", "nonstate-assault"} <= set(names)
    for rule in derived.RULES.values():
        assert rule.phase in derived.PHASES and rule.doc


def test_unknown_rule_to_switch_off_is_an_error_naming_the_known_ones():
    base = extractor()
    with pytest.raises(ValueError, match="mirror"):
        Extractor(base.lex, base.actors, base.places, rules_off=["no-such-rule"])


def test_predicate_stage_routes_by_modality():
    ex = extractor()
    _, sst = sentence_state("Kenya pledged to send troops to Somalia but did not attack Ethiopia.")
    predicates.find(ex.kit, sst)
    routes = {c.pred.tok.lemma_: predicates.route(c) for c in sst.candidates}
    assert routes.get("send") == predicates.DERIVED  # a promise to act, not an act
    assert routes.get("attack") == predicates.DROPPED  # negated


@pytest.mark.parametrize(
    "text, rule, code",
    [
        ("Egypt promised to deliver food aid to Sudan.", "mirror", "033"),
        ("Germany threatened to impose sanctions on Belarus.", "mirror", "1312"),
        ("The Japanese foreign minister said China must stop its patrols.", "obligation", "100"),
        ("Police in Nairobi blocked a march by opposition supporters.", "stopped-protest", "1721"),
    ],
)
def test_each_derived_rule_can_be_switched_off_alone(text, rule, code):
    on = run(text)
    assert any(c.startswith(code) and rule in r for _, c, _, r in on), on
    off = run(text, (rule,))
    assert not any(c.startswith(code) and rule in r for _, c, _, r in off), off


def test_victim_claim_is_derived_from_the_reported_attack_and_can_be_switched_off():
    text = "Armenia said Azerbaijani troops shelled Armenian villages on Monday."
    on = run(text)
    assert ("ARM", "112", "AZE") in {(s, c, t) for s, c, t, _ in on}, on
    off = run(text, ("victim-claim",))
    assert ("ARM", "112", "AZE") not in {(s, c, t) for s, c, t, _ in off}, off
    assert any(c.startswith("19") for _, c, _, _ in off)  # the attack itself stays


def test_order_to_stop_refinement_can_be_switched_off_alone():
    text = "Niger ordered French troops to leave the country."
    assert any("+ordered:leave" in r for *_, r in run(text))
    assert not any("+ordered:" in r for *_, r in run(text, ("order-to-stop",)))


def test_instrument_refinement_can_be_switched_off_alone():
    text = "Russian forces attacked the town of Bakhmut with drones on Tuesday."
    assert any("+instrument:" in r for *_, r in run(text))
    assert not any("+instrument:" in r for *_, r in run(text, ("instrument",)))


def test_sector_groups_come_from_the_agents_file():
    groups = extractor().lex.sector_groups
    assert "COP" in groups["local"] and "REB" in groups["nonstate"] and "IGO" in groups["state"]
