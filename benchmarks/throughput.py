"""Throughput as ratios against raw spaCy parsing of the same texts, in one run.

    .venv/bin/python benchmarks/throughput.py [--repeat N] [--workers N]

The sample articles, repeated and made distinct, are timed four ways after the parser and the
dictionaries are loaded (start-up is left out; `farm-bench` times whole processes):
1. raw spaCy: ``nlp.pipe`` over the articles' lines with the full pipeline (the yardstick);
2. coding only: ``code_articles`` (parse, extract, code, within-article merge);
3. the whole ingest into a new DuckDB file (``ingest_paths``: read JSON lines, check which articles
   are stored, code, merge across articles, write), one process;
4. the same ingest with ``--workers`` processes (their start-up included);
5. the same ingest with the coding on Ray (``ingest --engine ray``), with 1 actor and with
   ``--workers`` actors, on a Ray started for each run (start-up included: Ray, the actors and
   their models), with each actor's peak resident memory read from the shards it wrote.
Each is printed as articles/s and as time over raw spaCy time (below 1.0: faster than parsing).
Absolute figures depend on the machine; the ratios travel.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from pathlib import Path

import duckdb

from eventwire import nlp
from eventwire.pipeline import code_articles, make_article
from eventwire.service import ingest_on_ray, ingest_paths
from eventwire.store import Store
from eventwire.workers import default_workers

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="times to take the sample set")
    ap.add_argument("--workers", type=int, default=default_workers(), help="for the 4th timing")
    ap.add_argument("--no-ray", action="store_true", help="leave out the Ray timings")
    args = ap.parse_args()
    base = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    texts = [f"{t}\nCopy {i}." for i, t in enumerate(base * args.repeat)]  # distinct articles
    model = nlp.load()
    list(code_articles([make_article(t) for t in base[:3]]))  # warm: lexicon, actors, cities
    n = len(texts)
    timings: list[tuple[str, float]] = []

    t0 = time.perf_counter()
    for _ in model.pipe((line for t in texts for _, _, line in nlp.split_lines(t)), batch_size=64):
        pass
    raw = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(ev) for _, ev in code_articles(make_article(t) for t in texts))
    timings.append(("eventwire coding only", time.perf_counter() - t0))

    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "articles.jsonl"
        feed.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
        for workers in (1, args.workers):
            db = Path(tmp) / f"w{workers}.duckdb"
            t0 = time.perf_counter()
            with Store(db) as store:
                rep = ingest_paths(store, [str(feed)], workers=workers)
            label = f"whole ingest, {workers} worker{'s' * (workers > 1)}"
            timings.append((label, time.perf_counter() - t0))
            assert rep.articles == n, rep
        memory: list[str] = []
        for actors in () if args.no_ray else sorted({1, args.workers}):
            db = Path(tmp) / f"ray{actors}.duckdb"
            shards = Path(tmp) / f"shards{actors}"
            t0 = time.perf_counter()
            with Store(db) as store:
                rep = ingest_on_ray(store, [str(feed)], actors=actors, shards=shards)
            label = f"whole ingest, Ray, {actors} actor{'s' * (actors > 1)}"
            timings.append((label, time.perf_counter() - t0))
            assert rep.articles == n, rep
            peaks = _actor_peaks(shards)
            memory.append(f"{label}: " + ", ".join(f"{m:.0f}" for m in peaks) + " MiB")

    print(f"articles: {n}, events: {n_events}, cores: {default_workers()}, "
          f"load: {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"{'raw spaCy nlp.pipe':<32} {n / raw:7.1f} articles/s   1.00x")
    for label, secs in timings:
        print(f"{label:<32} {n / secs:7.1f} articles/s   {secs / raw:.2f}x the time")
    for line in memory:
        print("peak resident memory per actor, " + line)


def _actor_peaks(shards: Path) -> list[float]:
    """Each actor's peak memory: the last figure it wrote in the shards."""
    files = [str(p) for p in sorted(shards.glob("*.parquet"))]
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT worker, max(worker_peak_mib) FROM read_parquet(?) GROUP BY worker", [files]
        ).fetchall()
    return sorted(float(mib) for _, mib in rows)


if __name__ == "__main__":
    main()
