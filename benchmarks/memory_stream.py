"""Resident memory over a long stream: N distinct articles through the whole ingest into a new
DuckDB file, memory sampled after every stored batch (issue 15: memory flat over a stream).

    .venv/bin/python benchmarks/memory_stream.py [--articles 10000] [--workers 1]

The articles are built from this project's labelled news sentences (corpus/sentences), eight to an
article in a seeded random draw, with publication dates spread over three years, so the stream
has the mix of new events and repeated reports that a news intake has. Prints the resident memory
of this process (and of its worker processes) every 1,000 articles, the peak, and the slope of the
second half of the curve (MiB per 1,000 articles: near 0 when memory is flat).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import tempfile
import time
from pathlib import Path

from eventwire.service import Report, ingest_paths
from eventwire.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "sentences"


def rss_mib(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            kids = (task / "children").read_text().split()
        except OSError:
            continue
        for k in kids:
            found += [int(k), *children(int(k))]
    return found


def stream(path: Path, n: int, seed: int = 7) -> None:
    sentences = [
        json.loads(line)["text"]
        for f in sorted(CORPUS.glob("*.jsonl"))
        for line in f.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(seed)
    start = dt.date(2022, 1, 1)
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            text = "\n".join(rng.sample(sentences, 8))
            day = start + dt.timedelta(days=rng.randrange(3 * 365))
            out.write(json.dumps({"text": text, "published": day.isoformat(), "id": f"a{i}"}))
            out.write("\n")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=1)
    args = ap.parse_args()
    curve: list[tuple[int, float, float, float]] = []  # articles, seconds, self MiB, workers MiB
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "stream.jsonl"
        stream(feed, args.articles)
        t0 = time.perf_counter()

        def sample(rep: Report) -> None:
            kids = sum(rss_mib(k) for k in children(os.getpid()))
            curve.append((rep.articles, time.perf_counter() - t0, rss_mib(os.getpid()), kids))

        with Store(Path(tmp) / "stream.duckdb") as store:
            rep = ingest_paths(store, [str(feed)], progress=sample, workers=args.workers)
            total = store.count()
        secs = time.perf_counter() - t0
    print(f"articles: {rep.articles}, events stored: {total}, workers: {args.workers}, "
          f"{secs:.0f} s ({rep.articles / secs:.1f} articles/s), load {os.getloadavg()[0]:.2f}")  # fmt: skip
    print(f"{'articles':>9} {'seconds':>8} {'this MiB':>9} {'workers MiB':>12}")
    step = 1000
    for n, s, mine, kids in curve:
        if n % step < 64 or n == curve[-1][0]:
            print(f"{n:>9} {s:>8.0f} {mine:>9.0f} {kids:>12.0f}")
    half = [c for c in curve if c[0] >= rep.articles // 2]
    if len(half) >= 2:
        slope = (
            (half[-1][2] + half[-1][3] - half[0][2] - half[0][3])
            / max(half[-1][0] - half[0][0], 1)
            * 1000
        )
        print(f"second half: {slope:+.1f} MiB per 1,000 articles")
    print(
        f"peak: this {max(c[2] for c in curve):.0f} MiB, workers {max(c[3] for c in curve):.0f} MiB"
    )


if __name__ == "__main__":
    main()
