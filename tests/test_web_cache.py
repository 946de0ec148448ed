"""The answer cache of the HTTP API and the process that codes POSTed articles."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from eventwire.pipeline import make_article
from eventwire.web.cache import ResponseCache
from eventwire.web.coder import Coder, CoderUnavailable

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "cache-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_cache_keeps_answers_within_its_size_and_drops_them_on_a_write() -> None:
    cache = ResponseCache(8000)
    gen = cache.generation
    for k in range(10):
        cache.put(f"/k{k}", gen, 200, [], b"x" * 900)
    assert cache.stats()["bytes"] <= 8000
    assert cache.get("/k0") is None and cache.get("/k9") is not None  # least recently used go
    cache.put("/big", gen, 200, [], b"x" * 1001)  # over an eighth of the cache: not kept
    assert cache.get("/big") is None
    cache.invalidate()
    assert cache.get("/k9") is None
    cache.put("/late", gen, 200, [], b"old")  # computed before the write: not kept
    assert cache.get("/late") is None
    cache.put("/new", cache.generation, 200, [], b"new")
    assert cache.get("/new") == (200, [], b"new")


def test_api_answers_from_cache_until_an_article_is_stored(tmp_path: Path) -> None:
    from eventwire.web import create_app

    with TestClient(create_app(tmp_path / "c.duckdb", TOKEN)) as client:
        _wait_until_ready(client)
        first = client.get("/api/events", params={"source": "PER", "limit": 5})
        assert first.headers["x-cache"] == "miss" and first.json()["total"] == 0
        again = client.get("/api/events", params={"limit": 5, "source": "PER"})  # other order
        assert again.headers["x-cache"] == "hit" and again.content == first.content
        art = {
            "text": "Peru recalled its ambassador from Mexico on Friday.",
            "published": "2024-06-10",
        }
        r = client.post("/api/articles", json=art, headers=AUTH)
        assert r.status_code == 200 and r.json()["events"] == 1, r.text
        after = client.get("/api/events", params={"source": "PER", "limit": 5})
        assert after.headers["x-cache"] == "miss" and after.json()["total"] == 1
        assert client.get("/api/events/nope").headers["x-cache"] == "miss"
        assert client.get("/api/events/nope").headers["x-cache"] == "miss"  # errors not kept
        health = client.get("/api/health")
        assert "x-cache" not in health.headers  # its answer changes without a write
        assert health.json()["database"] == "ok" and health.json()["coder"] == "ready"
        assert health.json()["coder_error"] is None
        assert health.json()["cache"]["hits"] >= 1
    with TestClient(create_app(tmp_path / "c.duckdb", TOKEN, cache_mb=0)) as client:
        assert "x-cache" not in client.get("/api/stats").headers


def _wait_until_ready(client: TestClient, timeout: float = 120) -> None:
    """Until the coder has loaded the parser: before, a POST is answered 503 + Retry-After."""
    deadline = time.monotonic() + timeout
    while client.get("/api/health").json()["coder"] == "starting":
        assert time.monotonic() < deadline, "the coder did not start"
        time.sleep(0.2)


def test_a_killed_coder_process_is_replaced() -> None:
    coder = Coder(1)
    art = make_article("Peru recalled its ambassador from Mexico on Friday.")
    try:
        coded = asyncio.run(coder.code([art]))
        assert coded[0][0].id == art.id and len(coded[0][1]) == 1
        pool = coder._executor()
        for pid in list(pool._processes):  # the worker dies as the next batch is sent
            os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 20
        with pytest.raises(CoderUnavailable):
            while time.monotonic() < deadline:  # the pool may take a moment to notice
                asyncio.run(coder.code([art]))
        assert len(asyncio.run(coder.code([art]))[0][1]) == 1  # a fresh worker takes over
    finally:
        coder.close()


def test_a_missing_model_is_reported_by_health_and_refused_with_503(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventwire.web import create_app

    monkeypatch.setenv("EVENTWIRE_MODEL", "no_such_pipeline")  # the spawned worker inherits it
    with TestClient(create_app(tmp_path / "m.duckdb", TOKEN)) as client:
        deadline = time.monotonic() + 60
        while client.get("/api/health").json()["coder"] == "starting":
            assert time.monotonic() < deadline
            time.sleep(0.2)
        health = client.get("/api/health").json()
        assert health["coder"] == "failed" and "no_such_pipeline" in health["coder_error"]
        art = {
            "text": "Peru recalled its ambassador from Mexico on Friday.",
            "published": "2024-06-10",
        }
        r = client.post("/api/articles", json=art, headers=AUTH)
        assert r.status_code == 503 and "no_such_pipeline" in r.json()["detail"], r.text
