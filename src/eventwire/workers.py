"""Coding articles in worker processes: all the cores of one machine, with the order kept.

Parsing holds Python's interpreter lock, so threads do not help; each worker process loads the
parser and dictionaries once (spawned, not forked: the parent's threads and open database must not
be copied into a child) and codes chunks of articles. Results come back in input order, so a
single writer stores exactly what a one-process run would. The HTTP server's coder uses the same
worker functions (:mod:`eventwire.web.coder`).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from eventwire.model import Article, Event

CHUNK = 8  # articles a worker codes per task: small enough to share the work evenly


def warm() -> None:
    """Load the parser and dictionaries when a worker starts, not on its first article."""
    from eventwire import nlp
    from eventwire.pipeline import extractor

    try:
        nlp.load()
        extractor()
    except Exception:  # noqa: BLE001 - the same error is raised, with its message, by code
        pass


def ready() -> bool:
    """In a worker: raise what stops it coding (a missing model), so the parent can say so."""
    from eventwire import nlp
    from eventwire.pipeline import extractor

    nlp.load()
    extractor()
    return True


def code(articles: list[Article]) -> list[tuple[Article, list[Event]]]:
    from eventwire.pipeline import code_articles

    return list(code_articles(articles))


def pool(processes: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=processes, mp_context=multiprocessing.get_context("spawn"), initializer=warm
    )


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def code_parallel(
    articles: Iterable[Article], processes: int, chunk: int = CHUNK
) -> Iterator[tuple[Article, list[Event]]]:
    """Code a stream of articles in ``processes`` workers; yields in input order. At most two
    chunks per worker are read ahead, so memory stays flat over any stream."""
    stream = iter(articles)
    with pool(processes) as workers:
        pending: deque[Future[list[tuple[Article, list[Event]]]]] = deque()
        while batch := list(islice(stream, chunk)):
            pending.append(workers.submit(code, batch))
            while len(pending) >= 2 * processes:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
