"""Scale-out on Ray: the per-article coding of :func:`eventwire.pipeline.code_articles`, run as
Ray Data ``map_batches`` over a pool of actors, each loading the parser and dictionaries once.

This process (the driver) reads the inputs, leaves out the articles already stored, and sends
the rest to Ray a window at a time (``window`` articles: one Ray dataset each, so the driver's
memory stays flat over any stream). The coded articles come back as Arrow batches and are written
here as one Parquet shard per window (:mod:`eventwire.shards`); the store is filled from the
shards in input order, with the same merge as a local ingest, so the records are the same as a
local run's on the same input.

With no ``address`` a Ray instance is started on this machine for the run (one CPU per actor,
its files in a temporary folder); with one (``ray://host:10001`` or ``auto``) the run joins that
cluster. Ray is an optional extra: ``pip install 'eventwire[ray]'``.
"""

from __future__ import annotations

import logging
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

from eventwire.errors import EventwireError
from eventwire.model import Article
from eventwire.shards import arrow_schema, article_of, article_row, coded_rows

WINDOW = 5000  # articles per Ray dataset (each starts its actor pool anew: a few seconds)
BATCH = 16  # articles an actor codes per call: one nlp.pipe stream


class RayMissingError(EventwireError):
    def __init__(self, exc: ImportError) -> None:
        super().__init__(
            f"the Ray engine needs Ray: pip install 'eventwire[ray]' ({exc}); "
            "or leave out --engine ray to code on this machine"
        )


class Coder:
    """A Ray Data actor: loads the parser and dictionaries when it starts, then codes batches
    of input rows into shard rows."""

    def __init__(self) -> None:
        from eventwire.workers import ready

        ready()

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        from eventwire.pipeline import code_articles

        rows = batch.to_pylist()
        coded = list(code_articles(article_of(r) for r in rows))
        cols = coded_rows([int(r["seq"]) for r in rows], coded)
        return pa.Table.from_pydict(cols, schema=arrow_schema())


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401 - Ray Data is the part we use
    except ImportError as exc:
        raise RayMissingError(exc) from exc
    return ray


@contextmanager
def session(address: str | None, actors: int | None) -> Iterator[int]:
    """Ray for one run; yields the number of actors to use (``actors``, else one per CPU Ray
    has). A Ray the caller has started already is used as it is and left running."""
    ray = _ray()
    if ray.is_initialized():
        yield actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        return
    env = {k: v for k, v in os.environ.items() if k.startswith("EVENTWIRE_")}
    opts: dict[str, Any] = {
        "runtime_env": {"env_vars": env},  # the same dictionaries and switches in every actor
        "logging_level": logging.ERROR,
        "log_to_driver": False,
        "include_dashboard": False,
    }
    with tempfile.TemporaryDirectory(prefix="eventwire-ray-") as tmp:
        if address:
            ray.init(address=address, **opts)
        else:
            from eventwire.workers import default_workers

            ray.init(
                num_cpus=actors or default_workers(),
                _temp_dir=tmp,
                _node_ip_address="127.0.0.1",  # this machine only: nothing listens outside
                **opts,
            )
        try:
            _quiet(ray)
            yield actors or max(1, int(ray.cluster_resources().get("CPU", 1)))
        finally:
            ray.shutdown()


def _quiet(ray: Any) -> None:
    """Keep Ray Data's progress lines off the console (eventwire shows its own); its log file in
    Ray's session folder keeps them."""
    ray.data.DataContext.get_current().enable_progress_bars = False
    for handler in logging.getLogger("ray.data").handlers:
        if isinstance(handler, logging.StreamHandler):  # the console, not the session file
            handler.setLevel(logging.ERROR)


def code_to_shards(
    articles: Iterable[Article],
    folder: Path,
    actors: int,
    window: int = WINDOW,
    batch: int = BATCH,
) -> Iterator[Path]:
    """Code the articles on Ray (inside :func:`session`), a window at a time; yields the path of
    each window's shard once it is written, in input order."""
    ray = _ray()
    import pyarrow.parquet as pq

    stream = iter(articles)
    seq = 0
    part = 0
    while chunk := list(islice(stream, window)):
        rows = [article_row(seq + i, a) for i, a in enumerate(chunk)]
        seq += len(rows)
        size = max(1, min(batch, math.ceil(len(rows) / actors)))  # every actor gets work
        ds = ray.data.from_items(rows, override_num_blocks=math.ceil(len(rows) / size))
        coded = ds.map_batches(
            Coder,
            batch_size=size,
            batch_format="pyarrow",
            compute=ray.data.ActorPoolStrategy(size=min(actors, len(rows))),
            num_cpus=1,
        )
        path = folder / f"part-{part:05d}.parquet"
        tmp = path.with_suffix(".parquet.tmp")
        with pq.ParquetWriter(str(tmp), arrow_schema()) as writer:
            for table in coded.iter_batches(batch_format="pyarrow", batch_size=None):
                writer.write_table(table)
        tmp.replace(path)
        part += 1
        yield path
