"""Event identity (issue 12): one rule decides whether two reports are one event, within and
across articles; clustering and ids do not depend on ingest order; evidence is kept. The
articles here are written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.dedup import Report, Side, cluster, name_key, same_event, unit_of
from eventwire.model import Article
from eventwire.pipeline import code_articles, make_article
from eventwire.store import Store


def side(country: str | None, sector: str | None = None, name: str = "x") -> Side:
    return Side(country, sector, name_key(name), f"{country or ''}{sector or ''}" or name)


def report(**kw: Any) -> Report:
    base: dict[str, Any] = dict(
        kind="ASSAULT",
        verbal=False,
        code="195",
        mode=None,
        source=side("TUR", "MIL"),
        target=side("IRQ"),
        date="2025-05-06",
        precision="day",
        historical=False,
        country="IRQ",
        admin1=None,
        article_id="a",
        anchor=None,
    )
    base.update(kw)
    return Report(**base)


def test_organs_and_capital_of_one_state_are_one_side() -> None:
    army = report(source=side("TUR", "MIL", "Turkish army"))
    for other in (side("TUR", "GOV", "Ankara"), side("TUR", None, "Turkey")):
        why = same_event(army, report(source=other, article_id="b"))
        assert why is not None and any("same country" in w for w in why)


def test_a_state_and_an_armed_group_of_that_state_are_two_sides() -> None:
    army = report(source=side("TUR", "MIL"))
    assert same_event(army, report(source=side("TUR", "REB"), article_id="b")) is None
    assert same_event(army, report(source=side("IRN", "MIL"), article_id="b")) is None


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Jabhat al-Nasr", "Jabhat an-Nasr"),
        ("Harakat al-Shabaab", "Harakat Al Shabab"),
        ("Jaysh al-Fath", "Jaish ul-Fath"),
        ("The Mountain Brigade", "Mountain Brigades"),
    ],
)
def test_spellings_of_one_group_share_a_key(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


def test_a_group_without_country_matches_itself_placed_in_one() -> None:
    loose = report(source=side(None, "REB", "Jaysh al-Fath"))
    placed = report(source=side("SYR", "REB", "Jaish al-Fath"), article_id="b")
    assert same_event(loose, placed) is not None
    other = report(source=side(None, None, "Liwa al-Haqq"), article_id="b")
    assert same_event(loose, other) is None


def test_dates_within_and_across_articles() -> None:
    tue = report(date="2025-05-06")
    # one article: explicit dates must agree; an undated sentence inherits
    assert same_event(tue, report(date="2025-05-07")) is None
    assert same_event(tue, report(date="2025-05-08", precision="article")) is not None
    # across articles: a report dated by its publication two days later is the same strike ...
    later = report(date="2025-05-08", precision="article", article_id="b")
    assert same_event(tue, later) is not None
    # ... but not one published a week later, nor a strike five days earlier
    assert same_event(tue, report(date="2025-05-13", precision="article", article_id="b")) is None
    assert same_event(tue, report(date="2025-05-01", article_id="b")) is None
    # an explicit date a day off across outlets (time zones) is within the window
    assert same_event(tue, report(date="2025-05-07", article_id="b")) is not None
    assert same_event(tue, report(historical=True, article_id="b")) is None


def test_places_nest_but_two_provinces_are_two_places() -> None:
    dohuk = report(country="IRQ", admin1="Duhok")
    assert same_event(dohuk, report(country="IRQ", article_id="b")) is not None
    assert same_event(dohuk, report(country="IRQ", admin1="Duhok", article_id="b")) is not None
    assert same_event(dohuk, report(country="IRQ", admin1="Sulaymaniyah", article_id="b")) is None
    assert same_event(dohuk, report(country="SYR", article_id="b")) is None


def test_a_reciprocal_act_is_another_event() -> None:
    there = report()
    back = report(source=side("IRQ"), target=side("TUR", "MIL"), article_id="b")
    assert same_event(there, back) is None


def _unit(i: int, pub: str, date: str, src: str, tgt: str, prec: str = "day") -> dict[str, Any]:
    rec = {
        "event_id": f"r{i:02d}",
        "source": {"name": src, "country": src, "sector": None, "code": src},
        "target": {"name": tgt, "country": tgt, "sector": None, "code": tgt},
        "cameo": {"code": "195", "root": "19", "name": "", "quad_class": 4, "goldstein": -10.0},
        "plover": {"type": "ASSAULT", "mode": None},
        "date": date,
        "date_precision": prec,
        "historical": False,
        "location": None,
        "killed": None,
        "injured": None,
        "mentions": [],
    }
    return unit_of(rec, f"art{i}", dt.date.fromisoformat(pub))


UNITS = [
    _unit(0, "2025-05-06", "2025-05-06", "TUR", "IRQ"),
    _unit(1, "2025-05-07", "2025-05-07", "TUR", "IRQ", "article"),
    _unit(2, "2025-05-08", "2025-05-06", "TUR", "IRQ"),
    _unit(3, "2025-05-06", "2025-05-06", "TUR", "SYR"),
    _unit(4, "2025-05-07", "2025-05-07", "IRQ", "TUR"),
    _unit(5, "2025-05-01", "2025-05-01", "TUR", "IRQ"),
    _unit(6, "2025-05-07", "2025-05-07", "TUR", "IRQ"),
]


def _partition(clusters: list[list[dict[str, Any]]]) -> set[frozenset[str]]:
    return {frozenset(u["report_id"] for u in c) for c in clusters}


@settings(max_examples=60, deadline=None)
@given(st.permutations(UNITS))
def test_clusters_do_not_depend_on_the_order_of_reports(units: list[dict[str, Any]]) -> None:
    got = cluster(list(units))
    assert _partition(got) == _partition(cluster(UNITS))
    assert {c[0]["report_id"] for c in got} == {c[0]["report_id"] for c in cluster(UNITS)}


def test_clusters_keep_look_alikes_apart_and_say_why() -> None:
    parts = _partition(cluster(UNITS))
    assert frozenset({"r00", "r01", "r02", "r06"}) in parts
    assert {frozenset({"r03"}), frozenset({"r04"}), frozenset({"r05"})} <= parts
    joined = next(c for c in cluster(UNITS) if len(c) > 1)[1]["joined"]
    assert joined["with"] == "r00" and any(w.startswith("kind") for w in joined["why"])


# -- the store, on real coded articles ----------------------------------------------------------
STORY = [
    ("w1", "2025-05-06", "Turkish warplanes struck suspected militant camps in the Duhok province "
     "of northern Iraq on Tuesday, killing four people, local officials said."),
    ("w2", "2025-05-07", "Iraq summoned the Turkish ambassador on Wednesday over the air strikes "
     "that killed four people in Duhok.\nTurkish jets hit militant camps in northern Iraq on "
     "Tuesday, the defence ministry in Ankara said."),
    ("w3", "2025-05-08", "Iraqi protesters gathered outside the Turkish embassy in Baghdad on "
     "Thursday. Ankara's warplanes bombed the camps in Duhok two days ago, killing four people."),
    ("w4", "2025-05-01", "Turkish jets bombed militant positions in northern Iraq on Thursday."),
    ("w5", "2025-05-06", "Syrian Kurdish officials said Turkish drones struck a village in "
     "northern Syria on Tuesday."),
]  # fmt: skip


def _coded() -> list[tuple[Article, list[dict[str, Any]]]]:
    arts = [make_article(text, dt.date.fromisoformat(pub), id=aid) for aid, pub, text in STORY]
    return [(a, [e.to_dict() for e in evs]) for a, evs in code_articles(arts)]


def _store(path: Path, coded: list[tuple[Article, list[dict[str, Any]]]], batch: int) -> Any:
    with Store(path) as store:
        for k in range(0, len(coded), batch):
            store.add_records((a, json.loads(json.dumps(r))) for a, r in coded[k : k + batch])
        recs = list(store.records())
    return {r["event_id"]: sorted(m["article_id"] for m in r["mentions"]) for r in recs}, recs


def test_store_gives_the_same_events_and_ids_in_any_order(tmp_path: Path) -> None:
    coded = _coded()
    base, recs = _store(tmp_path / "base.duckdb", coded, len(coded))
    for seed, batch in ((1, 1), (2, 2), (3, 3)):
        order = coded[:]
        random.Random(seed).shuffle(order)
        got, _ = _store(tmp_path / f"s{seed}.duckdb", order, batch)
        assert got == base
    # the strike in Iraq is one record from three articles, with the reasons it was joined
    strike = next(r for r in recs if {"w1", "w2"} <= {m["article_id"] for m in r["mentions"]}
                  and r["plover"]["type"] == "ASSAULT")  # fmt: skip
    arts = {m["article_id"] for m in strike["mentions"]}
    assert "w4" not in arts and "w5" not in arts  # another day; another country
    assert strike["date"] == "2025-05-06"
    joined = [r["joined"] for r in strike["reports"] if r["joined"]]
    assert joined and all(any(w.startswith("source") for w in j["why"]) for j in joined)


def test_two_strikes_in_two_countries_are_two_events_with_their_own_place_and_toll() -> None:
    from eventwire.pipeline import code_text

    text = (
        "Turkish jets struck militant camps in northern Iraq on Monday, killing five.\n"
        "Turkish drones also hit a car near Qamishli in Syria on Monday, killing two."
    )
    strikes = [e for e in code_text(text, "2025-03-11") if e.action.plover_type == "ASSAULT"]
    got = sorted((e.place.country if e.place else None, e.killed) for e in strikes)
    assert got == [("IRQ", 5), ("SYR", 2)]


def test_events_stored_before_reports_were_kept_still_merge(tmp_path: Path) -> None:
    """A database written by an earlier eventwire holds records without their reports and
    merge keys of the form "kind|source": each such record is one report."""
    coded = _coded()
    first = [(a, r) for a, r in coded if a.id == "w1"]
    rest = [(a, r) for a, r in coded if a.id in ("w2", "w3")]
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        store.add_records(first)
        (eid, raw) = store.con.execute(
            "SELECT event_id, record FROM events WHERE plover_type = 'ASSAULT'"
        ).fetchall()[0]
        old = json.loads(raw)
        del old["reports"]
        for m in old["mentions"]:
            del m["report"]
        store.con.execute(
            "UPDATE events SET record = ?, merge_key = 'ASSAULT|TUR' WHERE event_id = ?",
            [json.dumps(old), eid],
        )
        store.add_records(rest)
        strike = store.event(eid)
    assert strike is not None
    assert {m["article_id"] for m in strike["mentions"]} >= {"w1", "w2"}
    assert strike["reports"][0]["report_id"] == eid and strike["num_articles"] >= 2


def test_an_event_is_found_by_a_former_id(tmp_path: Path) -> None:
    """A later-arriving report published earlier founds the event anew; the old id still finds it."""
    coded = {a.id: (a, r) for a, r in _coded()}
    with Store(tmp_path / "ids.duckdb") as store:
        store.add_records([coded["w2"]])
        first = next(r for r in store.records() if r["plover"]["type"] == "ASSAULT")
        store.add_records([coded["w1"]])
        now = store.event(first["event_id"])
    assert now is not None and now["event_id"] != first["event_id"]
    assert {m["article_id"] for m in now["mentions"]} >= {"w1", "w2"}
    assert first["event_id"] in {r["report_id"] for r in now["reports"]}
