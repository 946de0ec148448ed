"""Answers of the read endpoints, kept in memory until the next write.

A dashboard left open all day asks the same questions again and again (the totals, the latest page,
the trend of the dyad being watched). The server is the only writer of its database file (DuckDB
lets one process write), so it knows exactly when an answer can change: every committed write
empties the cache. An answer is never older than the data; there is no time-to-live to tune.
Answers computed while a write committed are not kept. Responses say ``x-cache: hit`` or ``miss``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Any
from urllib.parse import parse_qsl, urlencode

from starlette.types import ASGIApp, Message, Receive, Scope, Send

Headers = list[tuple[bytes, bytes]]


class ResponseCache:
    """Least-recently-used answers up to ``max_bytes`` of bodies (0 turns the cache off)."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max(0, max_bytes)
        self.generation = 0
        self.hits = 0
        self.misses = 0
        self._items: OrderedDict[str, tuple[int, Headers, bytes]] = OrderedDict()
        self._size = 0
        self._lock = threading.Lock()

    def get(self, key: str) -> tuple[int, Headers, bytes] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item

    def put(self, key: str, generation: int, status: int, headers: Headers, body: bytes) -> None:
        """Keep an answer computed from ``generation``, unless a write has come since."""
        if len(body) > self.max_bytes // 8:  # one answer never takes more than an eighth
            return
        with self._lock:
            if generation != self.generation:
                return
            old = self._items.pop(key, None)
            if old is not None:
                self._size -= len(old[2])
            self._items[key] = (status, headers, body)
            self._size += len(body)
            while self._size > self.max_bytes:
                _, (_, _, dropped) = self._items.popitem(last=False)
                self._size -= len(dropped)

    def invalidate(self) -> None:
        """The data changed: forget every answer."""
        with self._lock:
            self.generation += 1
            self._items.clear()
            self._size = 0

    def stats(self) -> dict[str, Any]:
        with self._lock:
            return {
                "entries": len(self._items),
                "bytes": self._size,
                "max_bytes": self.max_bytes,
                "hits": self.hits,
                "misses": self.misses,
                "generation": self.generation,
            }


def cache_key(scope: Scope) -> str:
    """The path and the query with its parameters in a fixed order (``a=1&b=2`` is ``b=2&a=1``)."""
    raw = scope.get("query_string", b"").decode("latin-1")
    query = urlencode(sorted(parse_qsl(raw, keep_blank_values=True)))
    return f"{scope['path']}?{query}"


class CacheMiddleware:
    """ASGI middleware answering repeated GETs under ``prefix`` (but not the paths in ``exclude``,
    whose answers change without a write) from a :class:`ResponseCache`."""

    def __init__(
        self,
        app: ASGIApp,
        cache: ResponseCache,
        prefix: str = "/api/",
        exclude: tuple[str, ...] = ("/api/health",),
    ) -> None:
        self.app = app
        self.cache = cache
        self.prefix = prefix
        self.exclude = exclude

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "GET"
            or not scope["path"].startswith(self.prefix)
            or scope["path"] in self.exclude
            or self.cache.max_bytes == 0
        ):
            await self.app(scope, receive, send)
            return
        key = cache_key(scope)
        item = self.cache.get(key)
        if item is not None:
            status, headers, body = item
            await send(
                {
                    "type": "http.response.start",
                    "status": status,
                    "headers": [*headers, (b"x-cache", b"hit")],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return
        generation = self.cache.generation
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start["status"] = message["status"]
                start["headers"] = list(message.get("headers", []))
                message = {**message, "headers": [*start["headers"], (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body", False) and start.get("status") == 200:
                    self.cache.put(key, generation, 200, start["headers"], b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)
