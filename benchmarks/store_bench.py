"""Store figures at scale: ingest-store throughput, query latency over 1M synthetic events, and
database size per million events.

    .venv/bin/python benchmarks/store_bench.py [--events 1000000]

The synthetic events are generated inside DuckDB (realistic spread: 200 countries with a skewed
distribution, 20 CAMEO roots, 16 PLOVER types, three years of dates, places with coordinates, one
mention each); the store's own schema and indexes are used. Ingest throughput stores real coded
events (the samples, re-dated so they do not merge) through Store.add, NLP excluded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from eventwire.pipeline import code_articles, make_article
from eventwire.query import Filters, count, dyad_series, events
from eventwire.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"

_SYNTH = """
INSERT INTO events
WITH base AS (
  SELECT i,
    ['USA','RUS','CHN','IRN','ISR','PSE','UKR','SYR','IRQ','PAK','IND','AFG','TUR','SAU','EGY','NGA',
     'SDN','COD','KEN','ETH','SOM','YEM','LBN','GBR','FRA','DEU','JPN','KOR','PRK','MMR']
      [1 + CAST(floor(pow(random(), 2) * 30) AS INTEGER)] AS sc,
    ['USA','RUS','CHN','IRN','ISR','PSE','UKR','SYR','IRQ','PAK','IND','AFG','TUR','SAU','EGY','NGA',
     'SDN','COD','KEN','ETH','SOM','YEM','LBN','GBR','FRA','DEU','JPN','KOR','PRK','MMR']
      [1 + CAST(floor(pow(random(), 2) * 30) AS INTEGER)] AS tc,
    1 + CAST(floor(random() * 20) AS INTEGER) AS root,
    DATE '2022-01-01' + CAST(floor(random() * 1095) AS INTEGER) AS d,
    ['GOV','MIL','REB','CVL','COP', NULL][1 + CAST(floor(random() * 6) AS INTEGER)] AS sec
  FROM range(?) t(i)
)
SELECT
  printf('%016x', hash(i)) AS event_id,
  sc, sc, sec, sc || coalesce(sec, ''), tc, tc, NULL, tc,
  printf('%02d0', root), printf('%02d', root),
  CASE WHEN root <= 5 THEN 1 WHEN root <= 8 THEN 2 WHEN root <= 13 THEN 3 ELSE 4 END,
  CASE WHEN root <= 8 THEN root * 0.8 ELSE -root * 0.5 END,
  ['AGREE','CONSULT','SUPPORT','COOPERATE','AID','RETREAT','CONCEDE','REQUEST','ACCUSE','REJECT',
   'THREATEN','PROTEST','SANCTION','MOBILIZE','COERCE','ASSAULT'][1 + (root * 7 + i) % 16], NULL,
  strftime(d, '%Y-%m-%d'), d, 'day', false,
  tc, tc, NULL, NULL, 30 * random() - 5, 60 * random() + 10, 'country',
  NULL, NULL, 1, 1, printf('%016x', hash(i + 7)),
  json_object('event_id', printf('%016x', hash(i)), 'date', strftime(d, '%Y-%m-%d'),
              'mentions', json_array(json_object('sentence', 'Synthetic report number ' || i))),
  1, d, d, NULL
FROM base
"""


def _time(fn, runs: int = 15) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    fn()  # warm
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def ingest_throughput(tmp: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    coded = list(code_articles(make_article(t, dt.date(2024, 1, 17)) for t in texts))
    batch = []
    for k in range(150):  # 150 copies of the samples, re-dated 30 days apart so they do not merge
        for art, evs in coded:
            a = replace(art, id=f"{art.id}-{k}")
            moved = []
            for e in evs:
                when = e.when
                if when.date and len(when.date) == 10:
                    d = dt.date.fromisoformat(when.date) + dt.timedelta(days=30 * k)
                    when = replace(when, date=d.isoformat())
                moved.append(
                    replace(
                        e,
                        event_id=f"{e.event_id}-{k}",
                        when=when,
                        mentions=tuple(replace(m, article_id=a.id) for m in e.mentions),
                    )
                )
            batch.append((a, moved))
    n_events = sum(len(e) for _, e in batch)
    with Store(tmp / "ingest.duckdb") as store:
        t0 = time.perf_counter()
        for i in range(0, len(batch), 64):
            store.add(batch[i : i + 64])
        secs = time.perf_counter() - t0
        stored = store.count()
    print(
        f"ingest-store: {n_events} events from {len(batch)} articles in {secs:.2f} s = "
        f"{n_events / secs:.0f} events/s ({stored} stored after merging)"
    )


def scale(tmp: Path, n: int) -> None:
    db = tmp / "synthetic.duckdb"
    with Store(db) as store:
        con = store.con
        t0 = time.perf_counter()
        con.execute(_SYNTH, [n])
        con.execute(
            "INSERT INTO mentions SELECT event_id, first_article, 1, "
            "'Synthetic report about ' || source_country || ' and ' || target_country, "
            "0, 3, 4, 9, 10, 13, 'synthetic', NULL FROM events"
        )
        store.rebuild_aggregates()  # dyad_days, which Store.add keeps for events it writes
        store.con.execute("CHECKPOINT")
        print(f"generated {n:,} events in {time.perf_counter() - t0:.1f} s")
    size = db.stat().st_size
    print(
        f"database size: {size / 2**20:.0f} MiB for {n:,} events = {size / 2**20 * 1e6 / n:.0f} MiB per million"
    )
    with Store(db, read_only=True) as store:
        con = store.con
        page = Filters(
            country="IRN",
            plover="ASSAULT",
            date_from=dt.date(2023, 1, 1),
            date_to=dt.date(2023, 12, 31),
            limit=50,
        )
        med, p95 = _time(lambda: list(events(con, page)))
        print(
            f"filtered page (country, type, year, 50 rows of {count(con, page):,}): "
            f"median {med:.1f} ms, p95 {p95:.1f} ms"
        )
        for a, b, freq in (("IRN", "PAK", "week"), ("USA", "RUS", "day")):
            med, p95 = _time(lambda: dyad_series(con, a, b, freq=freq))  # noqa: B023
            # baseline: the same series from a scan of the events
            base, _ = _time(lambda: dyad_series(con, a, b, freq=freq, use_counts=False))  # noqa: B023
            print(
                f"dyad series {a}-{b} by {freq}: median {med:.1f} ms, p95 {p95:.1f} ms "
                f"(from a scan of the events: {base:.1f} ms, {base / med:.1f}x)"
            )
        text = Filters(text="about irn and pak", limit=50)
        med, p95 = _time(lambda: list(events(con, text)), runs=5)
        print(f"evidence text search page: median {med:.1f} ms, p95 {p95:.1f} ms")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        ingest_throughput(Path(tmp))
        scale(Path(tmp), args.events)


if __name__ == "__main__":
    main()
