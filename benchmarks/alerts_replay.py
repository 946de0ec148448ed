"""Escalation alerts measured on a synthetic year with planted escalations.

    .venv/bin/python benchmarks/alerts_replay.py [--dyads 20] [--days 365] [--seed 7]

Twenty country pairs get a year of background events (after a 120-day warm-up that gives the
rules their baseline): each pair has its own daily rate, overdispersed from day to day (a gamma
multiplier, as news volume is), and its own mix of cooperation and conflict. Into that are
planted, each with a known start and end:

- **surges**: for 6-14 days a pair's material-conflict rate is multiplied by 4-8;
- **firsts**: two states that never fought use force on each other and their diplomats react;
- **tone shifts**: a cooperative pair turns hostile for 10 days at its usual volume;
- **duplicate bursts** (not escalations): one strike between two states reported by 25-40
  articles over three days, which must not raise an alarm.

Every event is reported by one or more articles published 0-2 days after it, and the reports go
through the real store (``Store.add``), so cross-article deduplication decides what is one event.
Then :func:`eventwire.monitor.find_alerts` replays the store day by day.

An alert is right when its pair has a planted escalation that started no later than the alert
and ended no more than a window (7 days) before it. Printed: precision, recall (escalations
with a right alert), median and worst lag from the first escalating event to the alert, and false
alarms per pair-year; the duplicate bursts' alarms are counted apart.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from eventwire.dedup import group_article
from eventwire.model import Actor, Article, Mention, When
from eventwire.monitor import AlertRule, find_alerts, watched_events
from eventwire.ontology import action
from eventwire.store import Store

COUNTRIES = [
    "ARM", "AZE", "IND", "PAK", "ETH", "SOM", "COL", "VEN", "SRB", "XKX", "KOR", "PRK", "GRC",
    "TUR", "EGY", "SDN", "PER", "ECU", "THA", "KHM", "RUS", "UKR", "ISR", "LBN", "CHN", "PHL",
    "KEN", "UGA", "MAR", "DZA", "BOL", "CHL", "NGA", "CMR", "IRN", "IRQ", "JPN", "VNM", "MLI",
    "NER",
]  # fmt: skip
# (CAMEO code, share) per QuadClass; the conflict codes of a calm pair are arrests and threats
COOP_VERBAL = [("040", 4), ("036", 2), ("051", 2), ("043", 1), ("010", 3)]
COOP_MATERIAL = [("061", 2), ("071", 1), ("057", 1), ("081", 1)]
CONF_VERBAL = [("111", 3), ("112", 2), ("130", 1), ("128", 1)]
CONF_MATERIAL_CALM = [("173", 2), ("172", 1), ("175", 1)]
CONF_MATERIAL_HOT = [("190", 2), ("193", 2), ("194", 1), ("195", 1), ("173", 1)]
SECTORS = ["GOV", "MIL", None, "COP", "GOV"]


@dataclass
class Planted:
    dyad: str
    kind: str  # surge | first | tone | burst
    start: dt.date
    end: dt.date


@dataclass
class Report:
    day: dt.date  # the event's date
    published: dt.date
    a: str
    b: str
    code: str
    sa: str | None
    sb: str | None
    event: int  # which synthetic event it reports


def _pick(rng: random.Random, table: list[tuple[str, int]]) -> str:
    return rng.choices([c for c, _ in table], weights=[w for _, w in table])[0]


def _events(
    rng: random.Random, dyads: list[tuple[str, str]], start: dt.date, days: int
) -> tuple[list[Report], list[Planted]]:
    reports: list[Report] = []
    planted: list[Planted] = []
    n_event = 0

    def emit(
        day: dt.date, a: str, b: str, code: str, sa: str | None, sb: str | None, k: int
    ) -> None:
        nonlocal n_event
        n_event += 1
        if rng.random() < 0.5:
            a, b, sa, sb = b, a, sb, sa
        for _ in range(k):
            lag = rng.choice((0, 0, 1, 1, 2))
            reports.append(Report(day, day + dt.timedelta(days=lag), a, b, code, sa, sb, n_event))

    warm = 120
    for i, (a, b) in enumerate(dyads):
        hot = i % 4 == 0  # an ongoing armed conflict: force is its background
        rate = rng.choice((0.3, 0.6, 1.0, 2.0, 3.5))
        mix = [0.45, 0.2, 0.25, 0.1] if not hot else [0.3, 0.1, 0.3, 0.3]
        plan: list[Planted] = []
        d0 = start + dt.timedelta(days=warm)
        kind = ("surge", "first", "tone", "burst", "none")[i % 5]
        if kind == "first" and hot:
            kind = "surge"
        if kind != "none":
            s = d0 + dt.timedelta(days=rng.randrange(20, days - 40))
            length = {"surge": rng.randrange(6, 15), "first": 3, "tone": 10, "burst": 3}[kind]
            plan.append(
                Planted(f"{min(a, b)}-{max(a, b)}", kind, s, s + dt.timedelta(days=length - 1))
            )
        if i % 3 == 0 and kind in ("surge", "tone"):  # some pairs escalate twice
            s = plan[0].start + dt.timedelta(days=rng.randrange(90, 150))
            if s < d0 + dt.timedelta(days=days - 20):
                plan.append(
                    Planted(plan[0].dyad, "surge", s, s + dt.timedelta(days=rng.randrange(6, 12)))
                )
        planted.extend(plan)
        for n in range(warm + days):
            day = start + dt.timedelta(days=n)
            active = [p for p in plan if p.start <= day <= p.end]
            volume = rng.gammavariate(2.0, 0.5) * rate
            q = list(mix)
            if any(p.kind == "tone" for p in active):
                q = [0.05, 0.05, 0.6, 0.3]
            for _ in range(_poisson(rng, volume)):
                quad = rng.choices((1, 2, 3, 4), weights=q)[0]
                table = {1: COOP_VERBAL, 2: COOP_MATERIAL, 3: CONF_VERBAL}.get(
                    quad, CONF_MATERIAL_HOT if hot else CONF_MATERIAL_CALM
                )
                emit(day, a, b, _pick(rng, table), rng.choice(SECTORS), rng.choice(SECTORS),
                     1 + _poisson(rng, 1.0))  # fmt: skip
            for p in active:
                if p.kind == "surge":
                    extra = max(1.0, volume * mix[3] * rng.uniform(4, 8))
                    for _ in range(max(1, _poisson(rng, extra))):
                        emit(day, a, b, _pick(rng, CONF_MATERIAL_HOT), "MIL", rng.choice(SECTORS),
                             1 + _poisson(rng, 1.5))  # fmt: skip
                elif p.kind == "first" and day == p.start:
                    emit(day, a, b, "195", "MIL", "MIL", 3 + _poisson(rng, 2))
                    emit(
                        day + dt.timedelta(days=1), b, a, "161", "GOV", "GOV", 2 + _poisson(rng, 2)
                    )
                    emit(
                        day + dt.timedelta(days=1), b, a, "111", "GOV", "GOV", 1 + _poisson(rng, 1)
                    )
                elif p.kind == "burst" and day == p.start:
                    emit(day, a, b, "195", "MIL", "MIL", rng.randrange(25, 41))
    return reports, planted


def _poisson(rng: random.Random, lam: float) -> int:
    if lam <= 0:
        return 0
    k, p, limit = 0, 1.0, pow(2.718281828459045, -lam)
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _store(reports: list[Report], db: Path) -> None:
    batch: list[tuple[Article, list]] = []  # type: ignore[type-arg]
    with Store(db) as store:
        for i, r in enumerate(sorted(reports, key=lambda r: (r.published, r.event))):
            text = f"Synthetic report {i} of event {r.event}: {r.a} {r.code} {r.b} on {r.day}."
            art = Article(id=f"syn{i:07d}", text=text, published=r.published, origin="synthetic")
            act = action(r.code)
            m = Mention(
                article_id=art.id, sentence=text, sentence_start=0, line=1,
                source=Actor(r.a, r.a, r.a, r.sa), target=Actor(r.b, r.b, r.b, r.sb),
                action=act, when=When(r.day.isoformat(), "day"), place=None, killed=None,
                injured=None, spans={}, rule="synthetic",
            )  # fmt: skip
            batch.append((art, group_article([m])))
            if len(batch) >= 2000:
                store.add(batch)
                batch = []
        if batch:
            store.add(batch)


def score(
    planted: list[Planted], alerts: list, first_day: dt.date, n_dyads: int, years: float
) -> dict[str, float]:  # type: ignore[type-arg]
    """Precision, recall, lag and false alarms of the alerts against what was planted."""
    window = dt.timedelta(days=AlertRule().window_days)
    alerts = [a for a in alerts if a.day >= first_day]
    escalations = [p for p in planted if p.kind != "burst"]
    bursts = [p for p in planted if p.kind == "burst"]

    def hit(a, p) -> bool:  # type: ignore[no-untyped-def]
        return a.key == p.dyad and p.start <= a.day <= p.end + window

    right = [a for a in alerts if any(hit(a, p) for p in escalations)]
    on_bursts = [a for a in alerts if a not in right and any(hit(a, p) for p in bursts)]
    lags = []
    for p in escalations:
        found = [a.day for a in alerts if hit(a, p)]
        if found:
            lags.append((min(found) - p.start).days)
    wrong = len(alerts) - len(right)
    return {
        "alerts": len(alerts),
        "escalations": len(escalations),
        "precision": len(right) / len(alerts) if alerts else 0.0,
        "recall": len(lags) / len(escalations) if escalations else 0.0,
        "median_lag_days": statistics.median(lags) if lags else float("nan"),
        "max_lag_days": max(lags) if lags else float("nan"),
        "false_alarms_per_dyad_year": wrong / (n_dyads * years),
        "burst_alarms": len(on_bursts),
        "bursts": len(bursts),
    }


def run(
    n_dyads: int = 20, days: int = 365, seed: int = 7, keep: Path | None = None,
    rule: AlertRule | None = None,
) -> tuple[dict[str, float], list[Planted], list]:  # type: ignore[type-arg]  # fmt: skip
    rng = random.Random(seed)
    pool = list(COUNTRIES)
    rng.shuffle(pool)
    dyads = [(pool[2 * i], pool[2 * i + 1]) for i in range(n_dyads)]
    start = dt.date(2023, 1, 1)
    reports, planted = _events(rng, dyads, start, days)
    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "replay.duckdb"
        if not db.exists():  # a kept database of the same arguments is reused
            _store(reports, db)
        with Store(db, read_only=True) as store:
            watched = watched_events(store.con)
    alerts = find_alerts(watched, rule)
    first_day = start + dt.timedelta(days=120)
    figures = score(planted, alerts, first_day, n_dyads, days / 365)
    figures["reports"] = len(reports)
    figures["stored_events"] = len(watched)
    return figures, planted, alerts


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--dyads", type=int, default=20)
    p.add_argument("--days", type=int, default=365)
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--show", action="store_true", help="print every alert and planted event")
    p.add_argument("--keep", type=Path, help="keep the replayed database here (reused if there)")
    args = p.parse_args(argv)
    t0 = time.perf_counter()
    figures, planted, alerts = run(args.dyads, args.days, args.seed, args.keep)
    if args.show:
        for pl in planted:
            got = [a.day for a in alerts if a.key == pl.dyad and pl.start <= a.day]
            print(f"planted {pl.kind:5} {pl.dyad} {pl.start} – {pl.end}  alerts: {got[:3]}")
        for a in alerts:
            print(f"alert {a.day} {a.title}")
    for k, v in figures.items():
        print(f"{k:28} {v:.3f}" if isinstance(v, float) else f"{k:28} {v}")
    print(f"{'seconds':28} {time.perf_counter() - t0:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
