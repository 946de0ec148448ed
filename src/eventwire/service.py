"""Library operations the CLI and other front ends share: code inputs, ingest into a store."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain

from eventwire.errors import EventwireError, InputError
from eventwire.ingest import iter_inputs
from eventwire.model import Article, Event
from eventwire.pipeline import code_articles
from eventwire.store import Store
from eventwire.workers import code_parallel


@dataclass
class Report:
    articles: int = 0
    skipped: int = 0
    events: int = 0
    merged: int = 0  # events that joined one already stored
    errors: list[EventwireError] = field(default_factory=list)


def articles_from(
    paths: Iterable[str], published: dt.date | None, on_error: Callable[[InputError], None]
) -> Iterator[Article]:
    for item in iter_inputs(paths, published):
        if isinstance(item, InputError):
            on_error(item)
        else:
            yield item


def code_paths(
    paths: Iterable[str], published: dt.date | None = None, report: Report | None = None
) -> Iterator[tuple[Article, list[Event]]]:
    """Code every article in the inputs; bad inputs are recorded in ``report`` and skipped."""
    rep = report if report is not None else Report()
    for article, events in code_articles(articles_from(paths, published, rep.errors.append)):
        rep.articles += 1
        rep.events += len(events)
        yield article, events


def ingest_paths(
    store: Store,
    paths: Iterable[str],
    published: dt.date | None = None,
    batch_size: int = 64,
    report: Report | None = None,
    progress: Callable[[Report], None] | None = None,
    workers: int = 1,
) -> Report:
    """Code and store; articles already in the store are skipped before any NLP is spent on them.
    ``workers`` > 1 codes in that many processes (:mod:`eventwire.workers`); this process reads
    and stores, in input order, so the store ends the same as with one."""
    rep = report if report is not None else Report()

    def fresh() -> Iterator[Article]:
        """The articles not stored yet, checked a batch at a time (one query, not one per
        article); the file is released meanwhile so readers get in while the batch is parsed."""
        chunk: list[Article] = []
        stream = articles_from(paths, published, rep.errors.append)
        for a in chain(stream, [None]):  # None: the end, to check the last chunk
            if a is not None:
                chunk.append(a)
            if chunk and (a is None or len(chunk) >= batch_size):
                known = store.known_articles(x.id for x in chunk)
                store.release()
                for x in chunk:
                    if x.id in known:
                        rep.skipped += 1
                    else:
                        yield x
                chunk = []

    articles = fresh()
    batch: list[tuple[Article, list[Event]]] = []
    coded = code_articles(articles) if workers <= 1 else code_parallel(articles, workers)
    for article, events in coded:
        batch.append((article, events))
        if len(batch) >= batch_size:
            _flush(store, batch, rep, progress)
    _flush(store, batch, rep, progress)
    return rep


def _flush(
    store: Store,
    batch: list[tuple[Article, list[Event]]],
    rep: Report,
    progress: Callable[[Report], None] | None,
) -> None:
    if not batch:
        return
    result = store.add(batch)
    rep.articles += result.articles_new
    rep.skipped += result.articles_skipped
    rep.events += result.events
    rep.merged += result.merged
    batch.clear()
    if progress is not None:
        progress(rep)
