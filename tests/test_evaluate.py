"""The strict article scorer on hand-made records: every stated field can make it fail."""

from __future__ import annotations

import copy
import json

import pytest

from eventwire.errors import InputError
from eventwire.evaluate import (
    MustNot,
    field_checks,
    lenient_matches,
    load_seed_gold,
    matches,
    score_article,
    totals,
)
from eventwire.evaluate_report import report, summary


def ev(eid="e1", **over):
    """An emitted record that agrees with GOLD[0] on every field; ``over`` changes some."""
    e = {
        "event_id": eid,
        "source": {"country": "AAA", "sector": "MIL", "code": "AAAMIL"},
        "target": {"country": "BBB", "sector": "REB", "code": "BBBREB"},
        "cameo": {"code": "195", "root": "19"},
        "plover": {"type": "ASSAULT", "mode": "aerial"},
        "date": "2024-01-02",
        "date_precision": "day",
        "historical": False,
        "location": {"country": "BBB", "admin1": "North Province", "city": "Eastham"},
        "killed": 2,
        "injured": None,
        "mentions": [{"line": 2}],
    }
    for k, v in over.items():
        e[k] = v
    return e


GOLD = [
    {
        "id": "g1",
        "required": True,
        "source": {"country": "AAA", "sector_any": ["MIL", None]},
        "target": {"country_any": ["BBB"], "sector_any": ["REB"]},
        "action": {
            "cameo_any": ["195", "190"],
            "cameo_root": "19",
            "plover": "ASSAULT",
            "plover_mode_any": ["aerial"],
        },
        "date": "2024-01-02",
        "date_precision": "day",
        "historical": False,
        "location": {"country": "BBB", "admin1": "North", "city": "Eastham"},
        "killed": 2,
        "injured": None,
        "evidence_lines": [1, 2],
    },
    {
        "id": "g2",
        "required": True,
        "source": {"country": "BBB", "sector_any": ["GOV"]},
        "target": None,
        "action": {"cameo_any": ["111"], "cameo_root": "11", "plover": "ACCUSE"},
        "date": "2024-01-03",
        "date_precision": "article",
        "historical": False,
        "location": None,
        "evidence_lines": [3],
    },
]
ACCUSE = ev(
    "e2",
    source={"country": "BBB", "sector": "GOV", "code": "BBBGOV"},
    target=None,
    cameo={"code": "111", "root": "11"},
    plover={"type": "ACCUSE", "mode": None},
    date="2024-01-03",
    date_precision="article",
    location=None,
    killed=None,
    mentions=[{"line": 3}],
)


def test_a_perfect_coder_scores_one():
    s = score_article("a", [ev(), ACCUSE], GOLD)
    t = totals([s])
    assert (t.precision, t.recall, t.f1) == (1.0, 1.0, 1.0)
    assert not s.extras and not s.duplicates and not s.mismatched


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"cameo": {"code": "193", "root": "19"}}, "CAMEO code"),
        ({"plover": {"type": "ASSAULT", "mode": "firearms"}}, "PLOVER mode"),
        ({"source": {"country": "AAA", "sector": "GOV"}}, "source sector"),
        ({"target": {"country": "BBB", "sector": "CVL"}}, "target sector"),
        ({"target": {"country": "CCC", "sector": "REB"}}, "target country"),
        ({"date": "2024-01-01"}, "date"),
        ({"date_precision": "article"}, "date precision"),
        ({"historical": True}, "historical"),
        ({"location": {"country": "BBB", "admin1": "South", "city": "Eastham"}}, "location admin1"),
        ({"location": {"country": "BBB", "admin1": "North", "city": "Weston"}}, "location city"),
        ({"location": None}, "location country"),
        ({"killed": 3}, "killed"),
        ({"injured": 5}, "injured"),
    ],
)
def test_each_wrong_field_lowers_the_score(change, field):
    wrong = ev(**change)
    assert field_checks(wrong, GOLD[0])[field] is False
    assert not matches(wrong, GOLD[0])
    s = score_article("a", [wrong, ACCUSE], GOLD)
    t = totals([s])
    assert t.recall == 0.5 and t.precision == 0.5
    assert [g["id"] for g, _ in s.mismatched] == ["g1"]
    assert field in report([s])  # the report names the wrong field


def test_an_actor_where_the_gold_names_none_is_wrong():
    with_target = copy.deepcopy(ACCUSE)
    with_target["target"] = {"country": "AAA", "sector": "GOV"}
    assert not matches(with_target, GOLD[1])
    with_place = copy.deepcopy(ACCUSE)
    with_place["location"] = {"country": "BBB"}
    assert not matches(with_place, GOLD[1])


def test_extra_duplicate_and_must_not_are_errors():
    rule = MustNot("no assault by BBB", {"source": {"country": "BBB"}, "action": {"plover": "ASSAULT"}})
    extra = ev("e3", source={"country": "BBB", "sector": "MIL"}, mentions=[{"line": 5}])
    dup = ev("e4")
    s = score_article("a", [ev(), ACCUSE, dup, extra], GOLD, must_not=[rule])
    assert [e["event_id"] for e in s.duplicates] == ["e4"]
    assert [e["event_id"] for e in s.extras] == ["e3"]
    assert [e["event_id"] for _, e in s.must_not_hits] == ["e3"]
    t = totals([s])
    assert t.recall == 1.0 and t.precision == 0.5
    text = report([s])
    assert "MUST NOT (no assault by BBB)" in text and "must-not violations: **1**" in text
    assert summary([s])["must_not"] == 1


def test_lenient_view_is_kept_apart_and_labelled():
    wrong_code = ev(cameo={"code": "193", "root": "19"})
    assert lenient_matches(wrong_code, GOLD[0]) and not matches(wrong_code, GOLD[0])
    s = score_article("a", [wrong_code, ACCUSE], GOLD)
    assert s.required_matched == 1 and s.lenient_required_matched == 2
    assert "LENIENT, not the score" in report([s])


def test_optional_lines_count_for_precision_not_recall():
    gold = [dict(GOLD[0]), dict(GOLD[1], required=False)]
    s = score_article("a", [ev(), ACCUSE], gold)
    t = totals([s])
    assert (t.required, t.required_matched, t.matched, t.precision) == (1, 1, 2, 1.0)


def _write(tmp_path, gold_lines, meta):
    (tmp_path / "a.txt").write_text("Headline\nBody.\n", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    f = tmp_path / "a.expected.jsonl"
    f.write_text("".join(json.dumps(g) + "\n" for g in gold_lines), encoding="utf-8")
    return f


def test_gold_files_are_validated_with_file_and_line(tmp_path):
    bad = dict(GOLD[0], surce={"country": "AAA"})
    with pytest.raises(InputError, match=r"a\.expected\.jsonl:2.*unknown gold field\(s\) surce"):
        load_seed_gold(_write(tmp_path, [GOLD[1], bad], {"published": "2024-01-03"}))
    bad_code = copy.deepcopy(GOLD[0])
    bad_code["action"]["cameo_any"] = ["999"]
    with pytest.raises(InputError, match="'999' is not a CAMEO code"):
        load_seed_gold(_write(tmp_path, [bad_code], {"published": "2024-01-03"}))
    with pytest.raises(InputError, match="empty must_not pattern"):
        load_seed_gold(_write(tmp_path, [GOLD[0]], {"must_not": [{"what": "x", "event": {}}]}))


def test_must_not_patterns_load_from_meta(tmp_path):
    meta = {
        "published": "2024-01-03",
        "must_not": [
            {"what": "no assault from line 3", "event": {"action": {"plover": "ASSAULT"}, "evidence_lines": [3]}},
            {"what": "words only"},
        ],
    }
    g = load_seed_gold(_write(tmp_path, GOLD, meta))
    assert g.must_not[0].pattern is not None and g.must_not[1].pattern is None
    on_line_3 = ev("e9", mentions=[{"line": 3}])
    s = score_article("a", [ev(), ACCUSE, on_line_3], g.gold, must_not=g.must_not)
    assert len(s.must_not_hits) == 1 and s.must_not_unchecked == 1
