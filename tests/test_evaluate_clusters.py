"""The event-identity evaluator (issue 12): B-cubed over gold mentions, records per real event,
false merges and look-alike pairs, over several ingest orders. Gold written for these tests."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from eventwire import evaluate_clusters as ec
from eventwire.cli import app
from eventwire.errors import InputError
from eventwire.model import Article

ARTICLES = [
    {"id": "n1", "published": "2025-02-04", "title": "Navy seizes tanker in the Gulf of Oman",
     "text": "The Iranian navy seized a foreign oil tanker in the Gulf of Oman on Tuesday, "
             "state television reported.\nThe United States condemned the seizure."},
    {"id": "n2", "published": "2025-02-05", "title": "Iran holds tanker",
     "text": "Iranian naval forces seized an oil tanker off the coast of Oman on Tuesday, "
             "officials said."},
    {"id": "n3", "published": "2025-02-05", "title": "US criticises Iran",
     "text": "Washington condemned Iran on Wednesday over the tanker seizure."},
]  # fmt: skip
GOLD = {
    "events": [
        {"id": "T1", "date": "2025-02-04", "plover_types": ["COERCE"], "main": True,
         "mentions": [{"article": "n1", "quote": "seized a foreign oil tanker"},
                      {"article": "n2", "quote": "seized an oil tanker off the coast"}]},
        {"id": "T2", "date": "2025-02-04", "plover_types": ["ACCUSE"], "main": True,
         "mentions": [{"article": "n1", "quote": "condemned the seizure"},
                      {"article": "n3", "quote": "Washington condemned Iran"}]},
    ],
    "apart": [["T1", "T2", "a seizure and its condemnation"]],
}  # fmt: skip


def _write(folder: Path, gold: dict[str, Any] = GOLD) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    lines = "\n".join(json.dumps(a) for a in ARTICLES) + "\n"
    (folder / "articles.jsonl").write_text(lines, encoding="utf-8")
    (folder / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    return folder


def _rec(eid: str, ptype: str, mentions: list[tuple[str, str]]) -> dict[str, Any]:
    return {
        "event_id": eid,
        "plover": {"type": ptype},
        "date": "2025-02-04",
        "num_mentions": len(mentions),
        "mentions": [
            {"article_id": a, "line": n, "sentence": s, "spans": {"action": None}}
            for n, (a, s) in enumerate(mentions, start=1)
        ],
    }


def _gold(tmp_path: Path) -> ec.ClusterGold:
    return ec.load(_write(tmp_path / "set"))


def test_one_record_per_event_scores_one(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    recs = [
        _rec("a", "COERCE", [("n1", "x seized a foreign oil tanker y"),
                             ("n2", "seized an oil tanker off the coast")]),
        _rec("b", "ACCUSE", [("n1", "The US condemned the seizure."),
                             ("n3", "Washington condemned Iran on Wednesday")]),
    ]  # fmt: skip
    s = ec.score_records(gold, recs, "file order")
    assert (s.b3_p, s.b3_r, s.records_per_event, s.false_merges, s.coded) == (1, 1, 1, 0, 4)


def test_one_stored_mention_codes_one_gold_mention(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    both = ec.GoldEvent("T3", "2025-02-04", frozenset({"COERCE"}), False,
                        (("n1", "seized a foreign oil tanker"),))  # fmt: skip
    gold.events.append(both)  # the same sentence told of a second seizure
    recs = [_rec("a", "COERCE", [("n1", "seized a foreign oil tanker"),
                                 ("n2", "seized an oil tanker off the coast")])]  # fmt: skip
    s = ec.score_records(gold, recs, "x")
    # the one mention codes T1 (whose other mention is in the record), T3 is missed: no merge
    assert s.false_merges == 0 and s.coded == 2 and s.b3_p == 1.0


def test_splits_merges_and_misses_are_counted(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    recs = [
        # the seizure split in two records, one of which also holds the condemnation of n3
        _rec("a", "COERCE", [("n1", "seized a foreign oil tanker")]),
        _rec("b", "COERCE", [("n2", "seized an oil tanker off the coast")]),
        _rec("c", "ACCUSE", [("n3", "Washington condemned Iran")]),
        # a record of the wrong type is no mention of the condemnation in n1
        _rec("d", "COERCE", [("n1", "The US condemned the seizure.")]),
    ]
    s = ec.score_records(gold, recs, "x")
    assert s.coded == 3 and s.items == 4
    assert s.records_per_event == pytest.approx(1.5)  # T1 in 2 records, T2 in 1
    assert s.false_merges == 0 and s.apart_violations == 0
    # strict: every item's record holds only itself: precision 1, recall (4 * 1/2) / 4
    assert (s.b3_p, s.b3_r) == (1.0, 0.5)
    merged = [_rec("m", "COERCE", [("n1", "seized a foreign oil tanker"),
                                   ("n2", "seized an oil tanker off the coast")]),
              _rec("n", "COERCE", [("n1", "The US condemned the seizure.")])]  # fmt: skip
    merged[0]["plover"]["type"] = "ACCUSE"  # now holds neither: nothing coded for T1
    assert ec.score_records(gold, merged, "x").coded == 0


def test_a_record_holding_two_events_is_a_false_merge(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    gold.events[1] = ec.GoldEvent("T2", "2025-02-04", frozenset({"COERCE", "ACCUSE"}), True,
                                  gold.events[1].mentions)  # fmt: skip
    recs = [_rec("a", "COERCE", [("n1", "seized a foreign oil tanker"),
                                 ("n1", "The US condemned the seizure.")])]  # fmt: skip
    s = ec.score_records(gold, recs, "x")
    assert s.false_merges == 1 and s.apart_violations == 1
    assert (s.b3_p, s.b3_p_coded, s.b3_r_coded) == (0.75, 0.5, 1.0)  # two misses are singletons


def test_gold_is_checked_on_load(tmp_path: Path) -> None:
    bad = json.loads(json.dumps(GOLD))
    bad["events"][0]["mentions"][0]["quote"] = "not in the article"
    with pytest.raises(InputError, match="gold.json.*not in the article"):
        ec.load(_write(tmp_path / "bad", bad))
    bad = json.loads(json.dumps(GOLD))
    bad["apart"] = [["T1", "T9"]]
    with pytest.raises(InputError, match="unknown event"):
        ec.load(_write(tmp_path / "bad2", bad))
    assert ec.gold_folders(tmp_path / "nothing") == []


def test_orders_are_fixed_and_cover_batch_sizes() -> None:
    orders = ec.orders(10)
    assert len(orders) == 6 and orders == ec.orders(10)
    assert orders[0][1] == list(range(10))
    assert all(sorted(o[1]) == list(range(10)) for o in orders)
    assert {o[2] for o in orders[1:]} == set(ec.BATCHES)


def test_cli_scores_a_cluster_gold_folder_over_six_orders(tmp_path: Path) -> None:
    folder = _write(tmp_path / "outlets" / "one")
    out = tmp_path / "fig.json"
    res = CliRunner().invoke(app, ["evaluate", str(folder.parent), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "Event identity across articles" in res.output
    assert "Same records and event ids in every order: yes" in res.output
    fig = json.loads(out.read_text())[str(folder.parent)]
    assert fig["articles"] == 3 and fig["order_invariant"] is True
    assert 0 <= fig["bcubed_precision"] <= 1 and fig["items"] == 4


def test_coder_receives_the_articles_once(tmp_path: Path) -> None:
    gold = _gold(tmp_path)
    calls: list[int] = []

    def code(arts: list[Article]) -> list[tuple[Article, list[dict[str, Any]]]]:
        calls.append(len(arts))
        return [(a, []) for a in arts]

    s = ec.score(gold, code)
    assert calls == [3] and len(s.per_order) == 6 and s.invariant
    assert s.per_order[0].coded == 0 and s.per_order[0].records == 0
