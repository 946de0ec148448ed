"""What the merge costs as reports of one kind of event pile up in the store.

    .venv/bin/python benchmarks/store_merge.py [--reports 4000]

Stores N one-article reports of one kind of act by one country (consultations by the US
government with 20 partners over 30 days, so they fold into a few hundred events) through
Store.add_records in batches of 64: in publication order (live news: each batch continues the
clusters), then shuffled (an archive loaded out of order: the clusters a batch touches are
clustered again). The baseline, in the same run, stores the same reports each from a different
country, so nothing merges. NLP is excluded.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from pathlib import Path
from typing import Any

from eventwire.model import Article
from eventwire.store import Store

PARTNERS = ["RUS", "CHN", "IRN", "ISR", "UKR", "SYR", "IRQ", "PAK", "IND", "AFG", "TUR", "SAU",
            "EGY", "NGA", "KEN", "JPN", "KOR", "GBR", "FRA", "DEU"]  # fmt: skip


def report(i: int, rng: random.Random, source: str) -> tuple[Article, list[dict[str, Any]]]:
    day = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(30))
    partner = rng.choice(PARTNERS)
    art = Article(id=f"a{i}", text=f"report {i}", published=day)
    mention = {
        "article_id": art.id, "line": 1, "sentence": f"Report {i}.", "sentence_start": 0,
        "spans": {"source": None, "action": [0, 6], "target": None}, "rule": "synthetic",
        "attribution": None,
    }  # fmt: skip
    return art, [{
        "event_id": f"e{i:08d}",
        "source": {"name": source, "country": source, "sector": "GOV", "code": f"{source}GOV",
                   "text": source},
        "target": {"name": partner, "country": partner, "sector": None, "code": partner,
                   "text": partner},
        "cameo": {"code": "040", "root": "04", "name": "Consult", "quad_class": 1,
                  "goldstein": 1.0},
        "plover": {"type": "CONSULT", "mode": None}, "date": day.isoformat(),
        "date_precision": "day", "historical": False, "location": None, "killed": None,
        "injured": None, "num_mentions": 1, "mentions": [mention],
    }]  # fmt: skip


def run(batch: list[tuple[Article, list[dict[str, Any]]]]) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "merge.duckdb") as store:
        t0 = time.perf_counter()
        for k in range(0, len(batch), 64):
            store.add_records(batch[k : k + 64])
        return time.perf_counter() - t0, store.count()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--reports", type=int, default=4000)
    n = ap.parse_args().reports
    rng = random.Random(1)
    piled = [report(i, rng, "USA") for i in range(n)]
    in_order = sorted(piled, key=lambda p: (p[0].published, p[0].id))
    shuffled = piled[:]
    random.Random(2).shuffle(shuffled)
    rng = random.Random(1)
    apart = [report(i, rng, f"X{i:05d}") for i in range(n)]  # every source its own country
    base, base_events = run(apart)
    print(f"baseline (nothing merges): {n} reports in {base:.1f} s -> {base_events} events")
    for name, batch in (("in publication order", in_order), ("shuffled", shuffled)):
        secs, events = run(batch)
        print(f"{name}: {n} reports in {secs:.1f} s -> {events} events ({secs / base:.2f}x)")


if __name__ == "__main__":
    main()
