"""The store across articles, on a real DuckDB file: dedup, queries, aggregations, exports,
migrations and a reader beside a running ingest."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.export import GDELT_COLUMNS, export
from eventwire.query import Filters, dyad_series, top_actors, top_dyads
from eventwire.service import ingest_paths
from eventwire.store import _V1, SCHEMA_VERSION, Store

ROOT = Path(__file__).resolve().parents[1]
DEDUP = ROOT / "benchmarks" / "dedup" / "articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("store") / "ew.duckdb"
    with Store(path) as store:
        ingest_paths(store, [str(DEDUP)])
    return path


def _articles_of(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for eid, aid in store.con.execute("SELECT event_id, article_id FROM mentions").fetchall():
        out.setdefault(eid, set()).add(aid)
    return out


def test_reports_of_one_event_from_several_articles_are_one_record(db: Path) -> None:
    with Store(db, read_only=True) as store:
        groups = _articles_of(store)
        rafah = next(eid for eid, arts in groups.items() if {"a1", "a2", "a3"} <= arts)
        rec = store.event(rafah)
    assert rec is not None
    assert rec["num_articles"] == 3 and rec["num_sources"] == 3 and rec["num_mentions"] >= 3
    assert rec["first_seen"] == "2024-05-06" and rec["last_seen"] == "2024-05-07"
    assert rec["plover"]["type"] == "ASSAULT" and rec["killed"] == 5
    assert not any(
        {"a1", "a4"} <= a or {"a1", "a5"} <= a or {"b1", "b3"} <= a for a in groups.values()
    )


def test_reingest_changes_nothing(db: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.duckdb"
    shutil.copy(db, copy)
    with Store(copy) as store:
        before = store.count(), store.count("mentions")
        rep = ingest_paths(store, [str(DEDUP)])
        assert rep.articles == 0 and rep.skipped == 10
        assert (store.count(), store.count("mentions")) == before


def test_filters_and_paging(db: Path) -> None:
    with Store(db, read_only=True) as store:
        assert {r["plover"]["type"] for r in store.events(plover="ASSAULT")} == {"ASSAULT"}
        dy = store.events(dyad=("CHN", "RUS"))
        assert dy and all(
            {r["source"]["country"], r["target"]["country"]} == {"RUS", "CHN"} for r in dy
        )
        assert all(r["location"]["country"] == "LBN" for r in store.events(location="LBN"))
        assert store.events(text="warplanes")  # words of the evidence
        may = store.events(date_from="2024-05-06", date_to="2024-05-06")
        assert may and all(r["date"] == "2024-05-06" for r in may)
        gaza = store.events(bbox=(34.0, 31.0, 34.6, 31.7))
        assert gaza and all(r["location"]["country"] == "PSE" for r in gaza)
        page1, page2 = store.events(limit=2), store.events(limit=2, offset=2)
        assert len(page1) == 2 and not {r["event_id"] for r in page1} & {
            r["event_id"] for r in page2
        }
        assert store.events(quad_class=4) and all(
            r["cameo"]["quad_class"] == 4 for r in store.events(quad_class=4)
        )
        frame = store.relation(country="ISR").df()
        assert len(frame) == len(store.events(country="ISR", limit=1000))
        # values are bound parameters: a quote is a value, not SQL
        assert store.events(actor="x' OR '1'='1") == []


def test_aggregations(db: Path) -> None:
    with Store(db, read_only=True) as store:
        series = dyad_series(store.con, "ISR", "PSE", freq="day")
        assert series and sum(r["events"] for r in series) == len(
            store.events(dyad=("ISR", "PSE"), historical=False, limit=1000)
        )
        assert all(r["goldstein_mean"] <= 0 for r in series)
        week = dyad_series(store.con, "ISR", "PSE", freq="week")
        assert sum(r["events"] for r in week) == sum(r["events"] for r in series)
        assert top_actors(store.con, Filters())[0]["events"] >= 2
        assert any({d["a"], d["b"]} == {"CHN", "RUS"} for d in top_dyads(store.con, Filters()))


def test_exports_read_back(db: Path, tmp_path: Path) -> None:
    import pandas as pd
    import polars as pl

    with Store(db, read_only=True) as store:
        n = store.count()
        for fmt in ("parquet", "csv", "jsonl", "gdelt"):
            assert export(store.con, fmt, tmp_path / f"e.{fmt}") == n or fmt == "gdelt"
    assert duckdb.sql(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchall()[0][0] == n
    assert (
        len(pd.read_parquet(tmp_path / "e.parquet"))
        == n
        == pl.read_parquet(tmp_path / "e.parquet").height
    )
    assert len(pd.read_csv(tmp_path / "e.csv")) == n == pl.read_csv(tmp_path / "e.csv").height
    lines = (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == n and "mentions" in json.loads(lines[0])
    rows = [
        ln.split("\t") for ln in (tmp_path / "e.gdelt").read_text(encoding="utf-8").splitlines()
    ]
    assert rows and all(len(r) == len(GDELT_COLUMNS) == 61 for r in rows)
    assert all(r[26] and r[28] == r[26][:2] for r in rows)  # EventCode, EventRootCode


def test_older_database_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    for stmt in _V1:
        con.execute(stmt)
    con.execute("INSERT INTO schema_version VALUES (1)")
    con.execute(
        "INSERT INTO articles VALUES ('a', 't', NULL, DATE '2024-01-01', 'S', 'x', 'text', now(), 1)"
    )
    con.execute(
        "INSERT INTO events (event_id, source_country, plover_type, event_date, num_mentions, "
        "num_articles, record) VALUES ('e1', 'USA', 'AID', DATE '2024-01-01', 1, 1, '{}')"
    )
    con.execute(
        "INSERT INTO events (event_id, source_country, target_country, quad_class, goldstein, "
        "plover_type, event_date, historical, num_mentions, num_articles, record) VALUES "
        "('e2', 'USA', 'MEX', 4, -10, 'ASSAULT', DATE '2024-01-02', false, 1, 1, '{}')"
    )
    con.execute("INSERT INTO mentions (event_id, article_id) VALUES ('e1', 'a'), ('e2', 'a')")
    con.close()
    with Store(path) as store:
        row = store.con.execute("SELECT num_sources, first_seen FROM events").fetchall()[0]
        version = store.con.execute("SELECT max(version) FROM schema_version").fetchall()[0][0]
        series = dyad_series(store.con, "USA", "MEX")  # counts made by the migration
    assert version == SCHEMA_VERSION and row[0] == 1 and str(row[1]) == "2024-01-01"
    assert [(r["period"], r["events"], r["q4"]) for r in series] == [("2024-01-02", 1, 1)]


def test_dyad_days_stay_equal_to_the_events_through_merging_ingests(tmp_path: Path) -> None:
    """The per-pair daily counts a trend reads equal a scan of the events (both directions,
    counted separately) after several batches in which later reports join earlier events."""
    lines = DEDUP.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "d.duckdb"
    with Store(path) as store:
        for k in range(0, len(lines), 3):  # batches of three, so merges cross batches
            part = tmp_path / f"part{k}.jsonl"
            part.write_text("\n".join(lines[k : k + 3]) + "\n", encoding="utf-8")
            ingest_paths(store, [str(part)])
        ingest_paths(store, [str(ROOT / "samples")])
        assert store.con.execute("SELECT count(*) FROM dyad_days").fetchall()[0][0] > 5

        def both_ways(a: str, b: str, freq: str) -> dict[str, tuple[int, float, int, int]]:
            got: dict[str, list[float]] = {}
            for x, y in {(a, b), (b, a)}:
                for r in dyad_series(store.con, x, y, freq=freq, directed=True):
                    acc = got.setdefault(r["period"], [0, 0.0, 0, 0])
                    acc[0] += r["events"]
                    acc[1] += r["goldstein_sum"]
                    acc[2] += r["q1"] + r["q2"]
                    acc[3] += r["q3"] + r["q4"]
            return {p: (int(v[0]), round(v[1], 3), int(v[2]), int(v[3])) for p, v in got.items()}

        pairs = store.con.execute(
            "SELECT DISTINCT least(source_country, target_country), "
            "greatest(source_country, target_country) FROM events WHERE NOT historical "
            "AND event_date IS NOT NULL AND source_country IS NOT NULL "
            "AND target_country IS NOT NULL"
        ).fetchall()
        assert len(pairs) > 5
        for a, b in pairs:
            for freq in ("day", "week"):
                fast = {
                    r["period"]: (
                        r["events"],
                        r["goldstein_sum"],
                        r["q1"] + r["q2"],
                        r["q3"] + r["q4"],
                    )
                    for r in dyad_series(store.con, b, a, freq=freq)
                }
                assert fast == both_ways(a, b, freq), (a, b, freq)
                assert dyad_series(store.con, a, b, freq=freq) == dyad_series(
                    store.con, a, b, freq=freq, use_counts=False
                )
        # the Goldstein sums are floats added in another order by a rebuild: equal to 1e-6
        rows = (
            "SELECT a, b, day, events, round(goldstein_sum, 6), q1, q2, q3, q4 FROM dyad_days"
            " ORDER BY ALL"
        )
        before = store.con.execute(rows).fetchall()
        store.rebuild_aggregates()
        assert store.con.execute(rows).fetchall() == before


def test_dyad_days_follow_an_event_whose_date_a_later_report_sharpens(tmp_path: Path) -> None:
    """A stored event dated to a month moves to the day a later report gives: the count leaves
    the month's first day and lands on that day."""
    from dataclasses import replace

    from eventwire.pipeline import code_articles, make_article

    day = dt.date(2024, 1, 17)
    first, second = code_articles([
        make_article("Iran fired missiles at militant bases in Pakistan on Tuesday.", day,
                     source="Wire A"),
        make_article("Iranian forces fired missiles at militant bases in Pakistan on Tuesday.",
                     day, source="Wire B"),
    ])  # fmt: skip
    vague = [replace(e, when=replace(e.when, date="2024-01", precision="month")) for e in first[1]]
    with Store(tmp_path / "s.duckdb") as store:
        store.add([(first[0], vague)])
        cells = "SELECT a, b, CAST(day AS VARCHAR), events FROM dyad_days ORDER BY ALL"
        assert store.con.execute(cells).fetchall() == [("IRN", "PAK", "2024-01-01", 1)]
        assert store.add([second]).merged == 1
        assert store.con.execute(cells).fetchall() == [("IRN", "PAK", "2024-01-16", 1)]


def test_trend_chart_and_png(db: Path, tmp_path: Path) -> None:
    from eventwire.trend import plot_png, terminal_chart

    with Store(db, read_only=True) as store:
        series = dyad_series(store.con, "ISR", "PSE", freq="day")
    text = terminal_chart(series, "ISR", "PSE", "day")
    assert "ISR–PSE" in text and "█" in text
    png = tmp_path / "t.png"
    plot_png(series, "ISR", "PSE", png)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_reader_beside_a_running_ingest(tmp_path: Path) -> None:
    """A process ingests while this one queries the same file: every query is answered."""
    path = tmp_path / "live.duckdb"
    Store(path).close()
    many = tmp_path / "many.jsonl"
    base = [json.loads(x) for x in DEDUP.read_text(encoding="utf-8").splitlines()]
    with many.open("w", encoding="utf-8") as f:
        for k in range(8):
            for r in base:
                f.write(
                    json.dumps({**r, "id": f"{r['id']}-{k}", "text": r["text"] + f" Update {k}."})
                    + "\n"
                )
    env_code = (
        "import sys; from eventwire.store import Store; from eventwire.service import ingest_paths; "
        f"s = Store({str(path)!r}); ingest_paths(s, [{str(many)!r}], batch_size=4); s.close()"
    )
    proc = subprocess.Popen([sys.executable, "-c", env_code])
    answers = 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        with Store(path, read_only=True, lock_timeout=60) as store:
            store.count()
            answers += 1
        time.sleep(0.05)
    assert proc.wait(timeout=120) == 0
    with Store(path, read_only=True) as store:
        assert store.count("articles") == 80
    assert answers >= 1
