"""Library operations the CLI and other front ends share: code inputs, ingest into a store."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError, InputError
from eventwire.ingest import iter_inputs
from eventwire.model import Article, Event
from eventwire.pipeline import code_articles
from eventwire.shards import read_files, read_shards
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
    articles = _fresh(store, paths, published, batch_size, rep)
    coded = code_articles(articles) if workers <= 1 else code_parallel(articles, workers)
    records = ((a, [e.to_dict() for e in events]) for a, events in coded)
    return _store_all(store, records, batch_size, rep, progress)


def ingest_on_ray(
    store: Store,
    paths: Iterable[str],
    published: dt.date | None = None,
    batch_size: int = 64,
    report: Report | None = None,
    progress: Callable[[Report], None] | None = None,
    *,
    actors: int | None = None,
    address: str | None = None,
    shards: str | Path | None = None,
    window: int | None = None,
) -> Report:
    """:func:`ingest_paths` with the coding done on Ray (:mod:`eventwire.distributed`): the coded
    articles are written as Parquet shards in ``shards`` (an empty or new folder; by default a
    temporary one, removed at the end) and stored from there in input order, so the store ends
    as a local ingest of the same input leaves it."""
    from eventwire import distributed

    rep = report if report is not None else Report()
    articles = _fresh(store, paths, published, batch_size, rep)
    first = next(articles, None)
    if first is None:  # nothing new: no Ray started
        return rep
    with _shard_folder(shards) as folder, distributed.session(address, actors) as n:
        articles = chain([first], articles)
        parts = distributed.code_to_shards(articles, folder, n, window or distributed.WINDOW)
        records = chain.from_iterable(read_files([str(p)], str(p)) for p in parts)
        return _store_all(store, records, batch_size, rep, progress)


def ingest_shards(
    store: Store,
    folder: str | Path,
    batch_size: int = 64,
    report: Report | None = None,
    progress: Callable[[Report], None] | None = None,
) -> Report:
    """Store the coded articles of a shard folder (written by a Ray run, here or on a cluster):
    the same merge, in the same input order, as the run that coded them."""
    rep = report if report is not None else Report()
    return _store_all(store, read_shards(folder), batch_size, rep, progress)


@contextmanager
def _shard_folder(shards: str | Path | None) -> Iterator[Path]:
    if shards is None:
        with tempfile.TemporaryDirectory(prefix="eventwire-shards-") as tmp:
            yield Path(tmp)
        return
    folder = Path(shards)
    if folder.exists() and any(folder.rglob("*.parquet")):
        raise InputError(
            str(folder),
            "already holds shards",
            f"store them with `eventwire ingest --from-shards {folder}`, or give an empty folder",
        )
    folder.mkdir(parents=True, exist_ok=True)
    yield folder


def _fresh(
    store: Store,
    paths: Iterable[str],
    published: dt.date | None,
    batch_size: int,
    rep: Report,
) -> Iterator[Article]:
    """The articles not stored yet, checked a batch at a time (one query, not one per article);
    the file is released meanwhile so readers get in while the batch is parsed."""
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


Records = tuple[Article, list[dict[str, Any]]]


def _store_all(
    store: Store,
    records: Iterable[Records],
    batch_size: int,
    rep: Report,
    progress: Callable[[Report], None] | None,
) -> Report:
    batch: list[Records] = []
    for item in records:
        batch.append(item)
        if len(batch) >= batch_size:
            _flush(store, batch, rep, progress)
    _flush(store, batch, rep, progress)
    return rep


def _flush(
    store: Store,
    batch: list[Records],
    rep: Report,
    progress: Callable[[Report], None] | None,
) -> None:
    if not batch:
        return
    result = store.add_records(batch)
    rep.articles += result.articles_new
    rep.skipped += result.articles_skipped
    rep.events += result.events
    rep.merged += result.merged
    batch.clear()
    if progress is not None:
        progress(rep)
