"""The scorer's arithmetic on hand-made records."""

from __future__ import annotations

from eventwire.evaluate import matches, report, score_article


def ev(eid, src, root, ptype, tgt, date, loc=None):
    return {
        "event_id": eid,
        "source": {"country": src, "code": src or "-"},
        "target": {"country": tgt, "code": tgt or "-"} if tgt else None,
        "cameo": {"root": root, "code": root + "0"},
        "plover": {"type": ptype},
        "date": date,
        "location": {"country": loc} if loc else None,
        "mentions": [{"line": 1}],
    }


GOLD = [
    {
        "id": "g1",
        "required": True,
        "source": {"country": "AAA"},
        "target": {"country_any": ["BBB"]},
        "action": {"cameo_root": "19", "plover": "ASSAULT"},
        "date": "2024-01-02",
        "location": {"country": "BBB"},
    },
    {
        "id": "g2",
        "required": True,
        "source": {"country": "BBB"},
        "target": {"country": "AAA"},
        "action": {"cameo_root_any": ["11", "12"], "plover_any": ["ACCUSE", "REJECT"]},
        "date": "2024-01-03",
        "location": None,
    },
    {
        "id": "g3",
        "required": False,
        "source": {"country": None},
        "target": {"country": None},
        "action": {"cameo_root": "02", "plover": "REQUEST"},
        "date_any": ["2024-01-03", None],
        "location": None,
    },
]


def test_match_rules():
    assert matches(ev("e", "AAA", "19", "ASSAULT", "BBB", "2024-01-02", "BBB"), GOLD[0])
    assert not matches(
        ev("e", "AAA", "19", "ASSAULT", "BBB", "2024-01-02", "CCC"), GOLD[0]
    )  # place
    assert not matches(ev("e", "AAA", "18", "ASSAULT", "BBB", "2024-01-02", "BBB"), GOLD[0])  # root
    assert not matches(ev("e", "AAA", "19", "ASSAULT", "BBB", "2024-01-01", "BBB"), GOLD[0])  # date
    assert matches(ev("e", "BBB", "12", "REJECT", "AAA", "2024-01-03"), GOLD[1])
    assert not matches(ev("e", "BBB", "12", "REJECT", None, "2024-01-03"), GOLD[1])  # target
    assert matches(ev("e", None, "02", "REQUEST", None, None), GOLD[2])


def test_score_counts_matches_duplicates_and_extras():
    events = [
        ev("e1", "AAA", "19", "ASSAULT", "BBB", "2024-01-02", "BBB"),
        ev("e2", "AAA", "19", "ASSAULT", "BBB", "2024-01-02", "BBB"),  # duplicate of g1
        ev("e3", "CCC", "04", "CONSULT", "DDD", "2024-01-02"),  # extra
        ev("e4", None, "02", "REQUEST", None, "2024-01-03"),  # optional g3
    ]
    s = score_article("a", events, GOLD)
    assert (s.required, s.required_matched, s.optional_matched) == (2, 1, 1)
    assert [e["event_id"] for e in s.duplicates] == ["e2"]
    assert [e["event_id"] for e in s.extras] == ["e3"]
    assert [g["id"] for g in s.missed] == ["g2"]
    assert s.emitted == 4
    text = report([s])
    assert "1/2" in text and "missed g2" in text
