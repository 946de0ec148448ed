"""The seed article against the analyst's coding (shared/seeds, copied to samples/). Its strict
figures are pinned with the other sets in tests/test_quality_gate.py; these are its must-nots
and the evidence of its main event."""

from __future__ import annotations

from conftest import SEED

from eventwire.evaluate import load_seed_gold, reports, score_article


def test_seed_must_not_and_one_record_for_the_strike(seed_records):
    gold = load_seed_gold(SEED.with_suffix(".expected.jsonl"))
    assert len(gold.must_not) == 4 and all(r.pattern or r.checked_by for r in gold.must_not)
    score = score_article("seed", seed_records, gold.gold, must_not=gold.must_not)
    assert not score.must_not_hits, [r.what for r, _ in score.must_not_hits]
    strike = next(g for g in gold.gold if g["id"] == "seed-01")
    assert sum(reports(r, strike) for r in seed_records) == 1  # one record for the strike
    assert "seed-01" in score.matches  # and it is right on every field the analyst gives


def test_seed_strike_record_carries_its_evidence(seed_records, seed_text):
    gold = load_seed_gold(SEED.with_suffix(".expected.jsonl"))
    strike_gold = next(g for g in gold.gold if g["id"] == "seed-01")
    strike = next(r for r in seed_records if reports(r, strike_gold))
    assert strike["killed"] == 2 and strike["injured"] == 3
    assert strike["location"]["admin1"] == "Balochistan"
    assert {m["line"] for m in strike["mentions"]} >= {1, 3, 7}
    for m in strike["mentions"]:
        s, e = m["spans"]["action"]
        assert seed_text[s:e] in m["sentence"]
        assert m["rule"]
