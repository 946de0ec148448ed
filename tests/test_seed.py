"""The seed article against the analyst's coding (shared/seeds, copied to samples/)."""

from __future__ import annotations

import json

from conftest import SEED

from eventwire.evaluate import load_seed_gold, matches, score_article


def test_seed_scores_all_required_events(seed_records):
    gold = load_seed_gold(SEED.with_suffix(".expected.jsonl"))
    score = score_article("seed", seed_records, gold.gold)
    assert score.required == 10
    assert score.required_matched == 10, [g["id"] for g in score.missed]
    assert len(score.extras) <= 3
    assert not score.duplicates


def test_seed_must_not(seed_records):
    meta = json.loads(SEED.with_suffix(".meta.json").read_text(encoding="utf-8"))
    assert len(meta["must_not"]) == 4  # the four checks below
    for r in seed_records:
        lines = {m["line"] for m in r["mentions"]}
        # nothing from the 2019 (line 12) or 2020 (line 16) background dated as news of the day
        if lines & {12, 16} and not lines - {12, 16}:
            assert r["date"] not in ("2024-01-17", "2024-01-16"), r
        # Pakistan is not the source of an assault
        if r["cameo"]["root"] in ("18", "19", "20"):
            assert (r["source"] or {}).get("country") != "PAK", r
        # "lodged a protest" is an official complaint, not a street protest
        assert r["cameo"]["root"] != "14" and r["plover"]["type"] != "PROTEST", r
    gold = load_seed_gold(SEED.with_suffix(".expected.jsonl"))
    strike = next(g for g in gold.gold if g["id"] == "seed-01")
    assert sum(matches(r, strike) for r in seed_records) == 1  # one record for the strike


def test_seed_strike_record_carries_its_evidence(seed_records, seed_text):
    gold = load_seed_gold(SEED.with_suffix(".expected.jsonl"))
    strike_gold = next(g for g in gold.gold if g["id"] == "seed-01")
    strike = next(r for r in seed_records if matches(r, strike_gold))
    assert strike["killed"] == 2 and strike["injured"] == 3
    assert strike["location"]["admin1"] == "Balochistan"
    assert {m["line"] for m in strike["mentions"]} >= {1, 3, 7}
    for m in strike["mentions"]:
        s, e = m["spans"]["action"]
        assert seed_text[s:e] in m["sentence"]
        assert m["rule"]
