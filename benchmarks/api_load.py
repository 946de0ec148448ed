"""HTTP API latency under a read load while articles are ingested, on a 1M-event database.

    .venv/bin/python benchmarks/api_load.py [--events 1000000] [--clients 50] [--seconds 30]

Builds the synthetic database of store_bench.py, starts `eventwire serve` on 127.0.0.1, and runs
--clients concurrent readers for --seconds (alternating a filtered /api/events page and a weekly
/api/dyads series) while one writer POSTs the sample articles (re-worded so each is new) to
/api/articles. All traffic stays on 127.0.0.1; every loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from store_bench import _SYNTH  # noqa: E402

from eventwire.store import Store  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TOKEN = "bench-token"
COUNTRIES = ["USA", "RUS", "CHN", "IRN", "ISR", "PSE", "UKR", "SYR", "IRQ", "PAK", "IND", "TUR"]
TYPES = ["ASSAULT", "ACCUSE", "REQUEST", "AGREE", "CONSULT", "COERCE"]


def build(db: Path, n: int) -> None:
    with Store(db) as store:
        store.con.execute(_SYNTH, [n])
        store.con.execute(
            "INSERT INTO mentions SELECT event_id, first_article, 1, 'Synthetic report', "
            "0, 3, 4, 9, 10, 13, 'synthetic', NULL FROM events"
        )
        store.con.execute("CHECKPOINT")


async def reader(client: httpx.AsyncClient, stop: float, lat: dict[str, list[float]], errors: list[str]) -> None:
    rnd = random.Random(id(client) ^ int(time.time()))
    k = 0
    while time.monotonic() < stop and k < 100_000:
        k += 1
        if k % 2:
            name = "events"
            url = f"/api/events?country={rnd.choice(COUNTRIES)}&plover={rnd.choice(TYPES)}&limit=50"
        else:
            a, b = rnd.sample(COUNTRIES, 2)
            name, url = "dyad_series", f"/api/dyads/{a}/{b}/series?freq=week"
        t0 = time.perf_counter()
        try:
            r = await client.get(url)
            if r.status_code != 200:
                errors.append(f"{r.status_code} {url}")
        except httpx.HTTPError as exc:
            errors.append(f"{type(exc).__name__} {url}")
            continue
        lat[name].append((time.perf_counter() - t0) * 1000)


async def writer(client: httpx.AsyncClient, stop: float, done: list[int], errors: list[str]) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    k = 0
    while time.monotonic() < stop and k < 500:
        text = texts[k % len(texts)] + f"\nUpdate {k}: officials gave no further details."
        r = await client.post("/api/articles", json={"text": text, "published": "2024-06-10"},
                              headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120)
        if r.status_code != 200:
            errors.append(f"POST {r.status_code}")
        else:
            done[0] += r.json()["articles"]
        k += 1


async def load(base: str, clients: int, seconds: float) -> None:
    lat: dict[str, list[float]] = {"events": [], "dyad_series": []}
    errors: list[str] = []
    written = [0]
    limits = httpx.Limits(max_connections=clients + 2)
    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        stop = time.monotonic() + seconds
        await asyncio.gather(writer(client, stop, written, errors),
                             *(reader(client, stop, lat, errors) for _ in range(clients)))
    for name, xs in lat.items():
        xs.sort()
        print(f"{name}: {len(xs)} requests, p50 {statistics.median(xs):.0f} ms, "
              f"p95 {xs[int(len(xs) * 0.95) - 1]:.0f} ms, {len(xs) / seconds:.0f} req/s")
    print(f"articles ingested through the API meanwhile: {written[0]}; errors: {len(errors)}"
          + (f" (first: {errors[:3]})" if errors else ""))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        build(db, args.events)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "EVENTWIRE_TOKEN": TOKEN}
        proc = subprocess.Popen([sys.executable, "-m", "eventwire", "serve", "--db", str(db),
                                 "--port", str(port)], env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(base + "/api/stats", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.2)
            print(f"{args.events:,} events; {args.clients} clients for {args.seconds:.0f} s")
            asyncio.run(load(base, args.clients, args.seconds))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
