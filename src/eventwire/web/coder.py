"""Coding POSTed articles in worker processes of their own.

Parsing is CPU work that holds Python's interpreter lock for most of its time: run in the server's
process it stalls every reader, and the readers stall it. In a separate process the operating
system shares the cores between the two fairly. The server keeps the only database connection:
workers return coded events and the server stores them.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from eventwire import workers
from eventwire.errors import EventwireError
from eventwire.model import Article, Event


class CoderUnavailable(EventwireError):
    """The coding process stopped (killed, out of memory); the request may be retried."""


class Coder:
    """A pool of ``processes`` coding workers, started on first use (spawned, not forked: the
    server's threads and open database must not be copied into a child)."""

    def __init__(self, processes: int = 1) -> None:
        if processes < 1:
            raise ValueError("processes must be at least 1")
        self.processes = processes
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._started: Future[bool] | None = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = workers.pool(self.processes)
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def start(self) -> None:
        """Start the workers now (loading the parser takes seconds), not on the first article."""
        self._started = self._executor().submit(workers.ready)

    @property
    def state(self) -> str:
        """ "ready" once a worker has loaded the parser, "starting" before, "idle" if never
        started (workers then start with the first article), "failed" if the start failed."""
        if self._started is None:
            return "idle"
        if not self._started.done():
            return "starting"
        return "ready" if self._started.exception() is None else "failed"

    @property
    def error(self) -> str | None:
        """Why the workers could not start, when ``state`` is "failed"."""
        if self._started is None or not self._started.done():
            return None
        exc = self._started.exception()
        return None if exc is None else f"{type(exc).__name__}: {exc}"

    async def code(self, articles: list[Article]) -> list[tuple[Article, list[Event]]]:
        """Code the articles in a worker; a dead worker is replaced and the caller told to retry."""
        pool = self._executor()
        try:
            return await asyncio.wrap_future(pool.submit(workers.code, articles))
        except BrokenProcessPool as exc:
            self._discard(pool)
            raise CoderUnavailable(
                "the coding process stopped before finishing; send the articles again"
            ) from exc

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
