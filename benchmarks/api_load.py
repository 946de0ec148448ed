"""HTTP API latency under a read load while articles are ingested, on a 1M-event database.

    .venv/bin/python benchmarks/api_load.py [--events 1000000] [--clients 50] [--seconds 30]

Builds the synthetic database of store_bench.py (each record then given the size and shape of a
real one: about 1.3 KB with two mentions), starts `eventwire serve` on 127.0.0.1, and runs
--clients concurrent readers for --seconds (alternating a filtered /api/events page and a weekly
/api/dyads series, drawn from 72 and 132 combinations) while one writer POSTs the sample articles
(re-worded so each is new) to /api/articles. `--cache-mb 0` serves every read from the database.
All traffic stays on 127.0.0.1; every loop is bounded in time and count.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
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


# a record of the shape and size of a real one (README: "The record"), two mentions
_RECORD = """
UPDATE events SET record = json_object(
  'event_id', event_id,
  'source', json_object('text', 'the ' || source_country || ' armed forces', 'name',
            source_country || ' military', 'country', source_country, 'sector', source_sector,
            'code', source_code),
  'target', json_object('text', 'militants in ' || target_country, 'name', target_country ||
            ' rebels', 'country', target_country, 'sector', 'REB', 'code', target_code),
  'cameo', json_object('code', cameo_code, 'root', cameo_root, 'name', 'Synthetic action ' ||
           cameo_code, 'quad_class', quad_class, 'goldstein', goldstein),
  'plover', json_object('type', plover_type, 'mode', NULL),
  'date', date, 'date_precision', 'day', 'historical', false,
  'location', json_object('name', 'Province ' || (hash(event_id) % 500), 'country',
              location_country, 'admin1', NULL, 'city', NULL, 'lat', lat, 'lon', lon,
              'precision', 'admin1'),
  'killed', NULL, 'injured', NULL, 'num_mentions', 2,
  'mentions', json_array(
     json_object('article_id', first_article, 'line', 3, 'sentence', 'Forces of '
       || source_country || ' on ' || date || ' attacked positions held by militants in '
       || target_country || ', officials said, in report number ' || (hash(event_id) % 100000)
       || ' of the synthetic wire.', 'sentence_start', 157, 'spans',
       json_object('source', [157, 170], 'action', [183, 191], 'target', [192, 226]),
       'rule', 'verbs.yaml:attack', 'actor_rules', json_object('source', 'country:name',
       'target', 'agents.yaml:militant+country:location'), 'attribution', 'officials'),
     json_object('article_id', first_article, 'line', 4, 'sentence', 'The strikes on '
       || date || ' were condemned by the government of ' || target_country
       || ', which said civilians had been hit in the province.', 'sentence_start', 320,
       'spans', json_object('source', NULL, 'action', [324, 338], 'target', NULL),
       'rule', 'anaphor:strikes', 'actor_rules', json_object('source', 'country:name',
       'target', 'location'), 'attribution', NULL)),
  'num_articles', 1, 'num_sources', 1, 'first_seen', date, 'last_seen', date)
"""


def build(db: Path, n: int) -> None:
    with Store(db) as store:
        store.con.execute(_SYNTH, [n])
        store.con.execute(_RECORD)
        store.con.execute(
            "INSERT INTO mentions SELECT event_id, first_article, 1, 'Synthetic report', "
            "0, 3, 4, 9, 10, 13, 'synthetic', NULL FROM events"
        )
        store.rebuild_aggregates()  # dyad_days, which Store.add keeps for events it writes
        store.con.execute("CHECKPOINT")
        size = store.con.execute("SELECT avg(length(record)) FROM events").fetchall()[0][0]
    print(f"built {n:,} events, records of {size:.0f} characters on average")


class Connection:
    """One keep-alive HTTP/1.1 connection. The load generator shares the server's two cores, so it
    must be lean: httpx spent about 10 ms of CPU per request here, a third of the server's."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, dict[str, str], bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.lower(): v.strip() for k, _, v in (x.partition(":") for x in lines[1:] if x)}
        body = await self.reader.readexactly(int(headers.get("content-length", "0")))
        return status, headers, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def reader(
    host: str,
    port: int,
    stop: float,
    lat: dict[str, list[float]],
    errors: list[str],
    hits: list[int],
    pace: float,
) -> None:
    """Ask, wait for the answer, ask again (``pace`` 0); or ask once every ``pace`` seconds,
    at a random phase, like an analyst's dashboard refreshing its views."""
    rnd = random.Random(os.getpid() ^ id(lat) ^ time.perf_counter_ns())
    conn = Connection(host, port)
    k = 0
    if pace:
        await asyncio.sleep(rnd.uniform(0, pace))
    try:
        while time.monotonic() < stop and k < 100_000:
            k += 1
            due = time.monotonic() + pace
            if k % 2:
                name = "events"
                url = f"/api/events?country={rnd.choice(COUNTRIES)}&plover={rnd.choice(TYPES)}&limit=50"
            else:
                a, b = rnd.sample(COUNTRIES, 2)
                name, url = "dyad_series", f"/api/dyads/{a}/{b}/series?freq=week"
            t0 = time.perf_counter()
            try:
                status, headers, _ = await asyncio.wait_for(conn.get(url), 60)
            except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError) as exc:
                errors.append(f"{type(exc).__name__} {url}")
                conn.close()
                continue
            if status != 200:
                errors.append(f"{status} {url}")
            hits[0] += headers.get("x-cache") == "hit"
            lat[name].append((time.perf_counter() - t0) * 1000)
            if pace:
                await asyncio.sleep(max(0.0, due - time.monotonic()))
    finally:
        conn.close()


async def writer(
    client: httpx.AsyncClient, stop: float, done: list[int], errors: list[str], post_ms: list[float]
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))]
    k = 0
    while time.monotonic() < stop and k < 500:
        text = texts[k % len(texts)] + f"\nUpdate {k}: officials gave no further details."
        t0 = time.perf_counter()
        r = await client.post(
            "/api/articles",
            json={"text": text, "published": "2024-06-10"},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )
        if r.status_code != 200:
            errors.append(f"POST {r.status_code}")
        else:
            done[0] += r.json()["articles"]
            post_ms.append((time.perf_counter() - t0) * 1000)
            if os.environ.get("API_LOAD_VERBOSE"):
                print("POST", r.headers.get("server-timing"))
        k += 1


async def load(base: str, port: int, clients: int, seconds: float, pace: float) -> None:
    lat: dict[str, list[float]] = {"events": [], "dyad_series": []}
    errors: list[str] = []
    written = [0]
    hits = [0]
    post_ms: list[float] = []
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        stop = time.monotonic() + seconds
        await asyncio.gather(
            writer(client, stop, written, errors, post_ms),
            *(reader("127.0.0.1", port, stop, lat, errors, hits, pace) for _ in range(clients)),
        )
    for name, xs in lat.items():
        xs.sort()
        print(
            f"{name}: {len(xs)} requests, p50 {statistics.median(xs):.0f} ms, "
            f"p95 {xs[int(len(xs) * 0.95) - 1]:.0f} ms, {len(xs) / seconds:.0f} req/s"
        )
    reads = sum(len(xs) for xs in lat.values())
    print(f"answers from the cache: {hits[0]} of {reads} ({100 * hits[0] / max(reads, 1):.0f}%)")
    post = statistics.median(post_ms) if post_ms else float("nan")
    print(
        f"articles ingested through the API meanwhile: {written[0]} (median POST {post:.0f} ms); "
        f"errors: {len(errors)}" + (f" (first: {errors[:3]})" if errors else "")
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument(
        "--pace",
        type=float,
        default=0,
        help="seconds between one client's requests (0: ask again at once)",
    )
    ap.add_argument("--cache-mb", type=float, default=64, help="the server's cache; 0: none")
    ap.add_argument("--db", type=Path, help="reuse (or build once into) this file")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "load.duckdb"
        if args.db is not None:  # a copy, so the ingest of one run does not change the next
            if not args.db.exists():
                build(args.db, args.events)
            shutil.copyfile(args.db, db)
        else:
            build(db, args.events)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = {**os.environ, "EVENTWIRE_TOKEN": TOKEN}
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "eventwire",
                "serve",
                "--db",
                str(db),
                "--port",
                str(port),
                "--cache-mb",
                str(args.cache_mb),
            ],
            env=env,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):  # until the coder has loaded its parser, so POSTs are timed warm
                try:
                    if httpx.get(base + "/api/health", timeout=2).json()["coder"] == "ready":
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
            print(
                f"{args.events:,} events; {args.clients} clients for {args.seconds:.0f} s; "
                f"cache {args.cache_mb:g} MB; "
                + (f"each asks every {args.pace:g} s" if args.pace else "each asks again at once")
            )
            asyncio.run(load(base, port, args.clients, args.seconds, args.pace))
        finally:
            proc.terminate()
            proc.wait(timeout=30)


if __name__ == "__main__":
    main()
