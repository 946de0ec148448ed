"""Escalation alerts: the three rules on events written here, the seed's week through the real
coder and store, `eventwire alerts` and its webhook against a server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.monitor import AlertRule, Watched, find_alerts, poisson_tail
from eventwire.service import ingest_paths
from eventwire.store import Store

ROOT = Path(__file__).resolve().parents[1]
D0 = dt.date(2024, 3, 1)
_n = 0


def ev(
    day: int,
    code: str = "190",
    quad: int = 4,
    g: float = -10.0,
    key: str = "AAA-BBB",
    art: str | None = None,
    known: int | None = None,
    states: bool = True,
) -> Watched:
    global _n
    _n += 1
    return Watched(
        event_id=f"e{_n}",
        key=key,
        scope="dyad" if "-" in key else "internal",
        day=D0 + dt.timedelta(days=day),
        known=D0 + dt.timedelta(days=known if known is not None else day),
        quad=quad,
        goldstein=g,
        cameo=code,
        states=states,
        article=art or f"a{_n}",
    )


def calm(days: range, key: str = "AAA-BBB") -> list[Watched]:
    """A quiet, cooperative pair: a meeting every other day."""
    return [ev(d, "040", 1, 1.0, key) for d in days if d % 2 == 0]


def test_poisson_tail() -> None:
    assert poisson_tail(0, 2.0) == 1.0
    assert poisson_tail(1, 2.0) == pytest.approx(1 - 2.718281828**-2)
    assert poisson_tail(3, 0.1) == pytest.approx(0.000155, rel=0.01)


def test_a_surge_of_material_conflict_alerts_once_and_cites_its_events() -> None:
    # the pair has fought before (no "first"), and its baseline has two clashes in 90 days
    rows = calm(range(-100, 30)) + [ev(d, "190", 4, -10.0) for d in (-80, -40)]
    surge = [ev(d, "193") for d in (10, 11, 11, 12, 14)]
    alerts = [a for a in find_alerts(rows + surge) if any(r.rule == "surge" for r in a.reasons)]
    # three in a week is p=0.0011 against 2.5 expected in 90 days: the fourth raises it, and
    # the fifth, within the cooldown, does not raise it again
    assert [a.day for a in alerts] == [D0 + dt.timedelta(days=12)]
    (reason,) = [r for r in alerts[0].reasons if r.rule == "surge"]
    assert reason.figures["window_events"] == 4 and reason.figures["baseline_events"] == 2
    assert reason.figures["p_value"] < AlertRule().p_value
    assert set(reason.events) == {e.event_id for e in surge[:4]}


def test_one_article_or_one_event_reported_many_times_cannot_raise_a_surge() -> None:
    rows = calm(range(-100, 30)) + [ev(-300, "190"), ev(-299, "161", 4, -4.0)]  # no "first"
    one_article = [ev(d, "193", art="same") for d in (10, 11, 12, 12)]
    assert not [a for a in find_alerts(rows + one_article) if a.day > D0]
    # (a first use of force between two states, with the recall of an ambassador, may come from
    # one article: that is two escalations, as in the seed's article, not one event repeated)
    # a burst of reports is one stored event (dedup merged them): one row, however many articles
    assert not find_alerts(calm(range(-100, 30)) + [ev(10, "195", art="first-of-40")])


def test_a_fall_in_tone_needs_a_clear_drop_against_the_baselines_spread() -> None:
    base = [
        ev(d, "040", 1, g, art=f"b{d}") for d, g in zip(range(-60, 0, 3), [1, 3] * 10, strict=True)
    ]
    hostile = [ev(d, "111", 3, -2.0) for d in range(1, 7)]
    (alert,) = find_alerts(base + hostile)
    assert [r.rule for r in alert.reasons] == ["tone"]
    assert alert.reasons[0].figures["z"] >= AlertRule().tone_z
    mild = [ev(d, "040", 1, 0.5) for d in range(1, 7)]  # a little cooler: no alert
    assert not find_alerts(base + mild)


def test_a_first_use_of_force_between_states_needs_a_second_escalating_event() -> None:
    rows = calm(range(-200, 30))
    strike = ev(5, "195")
    assert not find_alerts(rows + [strike])  # one event, however often reported
    recall = ev(6, "161", 4, -4.0, known=7)
    (alert,) = find_alerts(rows + [strike, recall])
    assert alert.day == D0 + dt.timedelta(days=7) and alert.first_event == strike.day
    assert {r.rule for r in alert.reasons} >= {
        "first:force used between the two states (attack, strike, shelling, blockade, occupation)",
        "first:diplomatic relations broken or downgraded (ambassador recalled, diplomats expelled)",
    }
    # not the first: the pair fought four months ago
    earlier = [ev(-120, "190"), ev(-119, "161", 4, -4.0)]
    assert all(
        not r.rule.startswith("first:force")
        for a in find_alerts(rows + earlier + [strike, recall])
        if a.day > D0
        for r in a.reasons
    )
    # militants, not a state, on one side: no "first" of force between states
    rebels = ev(5, "195", states=False)
    assert not find_alerts(rows + [rebels, ev(6, "112", 3, -2.0)])


def test_events_that_arrive_late_alert_on_the_day_they_are_known() -> None:
    rows = calm(range(-100, 40)) + [ev(d, "193", known=20) for d in (10, 11, 12)]
    # reported ten days later: the window has moved past them, so no surge is raised
    assert not find_alerts(rows)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("monitor") / "m.duckdb"
    with Store(path) as store:
        ingest_paths(store, [str(ROOT / "samples"), str(ROOT.parent / "shared" / "seeds")])
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "eventwire", "alerts", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_seeds_week_raises_an_irn_pak_alert_on_2024_01_17(seed_db: Path) -> None:
    res = _cli("--db", str(seed_db), "--format", "jsonl")
    assert res.returncode == 0, res.stderr
    alerts = [json.loads(ln) for ln in res.stdout.splitlines()]
    (a,) = [x for x in alerts if x["key"] == "IRN-PAK"]
    assert a["day"] == "2024-01-17"
    said = " ".join(e["sentence"] for e in a["evidence"])
    assert "ambassador" in said and all(e["event_id"] in a["events"] for e in a["evidence"])
    table = _cli("--db", str(seed_db), "--key", "irn-pak")
    assert table.returncode == 0 and "2024-01-17" in table.stdout and "IRN-PAK" in table.stdout


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, object]] = []
    status = 200

    def do_POST(self) -> None:  # noqa: N802 - the http.server name
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append(json.loads(body))
        self.send_response(_Hook.status)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def test_the_webhook_gets_each_alert_once(seed_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "hook.duckdb"
    db.write_bytes(seed_db.read_bytes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}/hook"
    try:
        _Hook.status = 500
        failed = _cli("--db", str(db), "--webhook", url)
        assert failed.returncode == 2 and url in failed.stderr and "500" in failed.stderr
        _Hook.status, _Hook.received = 200, []
        first = _cli("--db", str(db), "--webhook", url)
        assert first.returncode == 0, first.stderr
        (posted,) = _Hook.received
        keys = [a["key"] for a in posted["alerts"]]  # type: ignore[index]
        assert "IRN-PAK" in keys and "posted" in first.stderr
        again = _cli("--db", str(db), "--webhook", url)
        assert again.returncode == 0 and "posted 0 new" in again.stderr
        assert len(_Hook.received) == 1
    finally:
        server.shutdown()
    # each URL gets every alert once; one that is down is an error naming it, nothing marked
    down = _cli("--db", str(db), "--webhook", "http://127.0.0.1:9/none")
    assert down.returncode == 2 and "127.0.0.1:9/none" in down.stderr
    with Store(db, read_only=True) as store:
        assert not store.sent_alerts("http://127.0.0.1:9/none") and store.sent_alerts(url)
