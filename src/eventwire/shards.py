"""Parquet shards of coded articles: what a Ray run writes, and what ``ingest --from-shards``
merges into a store.

One row per coded article, in columns any Parquet reader can query:

- ``seq``: the article's place in the run's input (the merge follows it, so a store filled from
  shards is the store a local ingest of the same input gives, whatever the order the workers
  finished in);
- the article: ``article_id``, ``text``, ``title``, ``url``, ``published`` (ISO date),
  ``source``, ``origin``;
- ``events``: the article's events as a JSON list of event records (``Event.to_dict``, the
  project's record contract), ``num_events``;
- ``worker``: the host and process that coded it, and ``worker_peak_mib``, that process's peak
  resident memory so far (how big a coding actor grows).

Writing needs pyarrow (installed with the ``ray`` extra); reading uses DuckDB alone, so a store
can be filled from shards on a machine without Ray.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import resource
import socket
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import InputError
from eventwire.model import Article, Event

ARTICLE_COLUMNS = ["article_id", "text", "title", "url", "published", "source", "origin"]
COLUMNS = ["seq", *ARTICLE_COLUMNS, "events", "num_events", "worker", "worker_peak_mib"]


def arrow_schema() -> Any:
    """The shards' Arrow schema (pyarrow is imported here: only writers need it)."""
    import pyarrow as pa

    text = pa.string()
    return pa.schema(
        [("seq", pa.int64())]
        + [(c, text) for c in ARTICLE_COLUMNS]
        + [("events", text), ("num_events", pa.int32()), ("worker", text)]
        + [("worker_peak_mib", pa.float64())]
    )


def article_row(seq: int, a: Article) -> dict[str, Any]:
    """The input row of an article (the columns a coding worker rebuilds it from)."""
    return {
        "seq": seq,
        "article_id": a.id,
        "text": a.text,
        "title": a.title,
        "url": a.url,
        "published": a.published.isoformat() if a.published else None,
        "source": a.source,
        "origin": a.origin,
    }


def article_of(row: dict[str, Any]) -> Article:
    published = row.get("published")
    return Article(
        id=str(row["article_id"]),
        text=str(row["text"]),
        title=row.get("title"),
        url=row.get("url"),
        published=dt.date.fromisoformat(published) if published else None,
        source=row.get("source"),
        origin=str(row.get("origin") or "<text>"),
    )


def peak_mib() -> float:
    """This process's peak resident memory (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1 << 20 if os.uname().sysname == "Darwin" else 1 << 10), 1)


def coded_rows(
    seqs: Sequence[int], coded: Sequence[tuple[Article, list[Event]]]
) -> dict[str, list[Any]]:
    """Shard columns for coded articles (``seqs[i]`` is the place of ``coded[i]``)."""
    worker = f"{socket.gethostname()}:{os.getpid()}"
    mib = peak_mib()
    cols: dict[str, list[Any]] = {c: [] for c in COLUMNS}
    for seq, (article, events) in zip(seqs, coded, strict=True):
        row = article_row(seq, article)
        for c in ["seq", *ARTICLE_COLUMNS]:
            cols[c].append(row[c])
        cols["events"].append(json.dumps([e.to_dict() for e in events], ensure_ascii=False))
        cols["num_events"].append(len(events))
        cols["worker"].append(worker)
        cols["worker_peak_mib"].append(mib)
    return cols


def shard_files(folder: str | Path) -> list[str]:
    """The Parquet files under a shard folder (a run may write several)."""
    root = Path(folder)
    if not root.is_dir():
        raise InputError(str(folder), "no such shard folder")
    files = sorted(str(p) for p in root.rglob("*.parquet"))
    if not files:
        raise InputError(str(folder), "no Parquet shards in this folder")
    return files


def read_shards(
    folder: str | Path, batch_rows: int = 256
) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """Every coded article in a shard folder, in input order, with its event records."""
    return read_files(shard_files(folder), str(folder), batch_rows)


def read_files(
    files: Sequence[str], name: str, batch_rows: int = 256
) -> Iterator[tuple[Article, list[dict[str, Any]]]]:
    """The coded articles of these shard files in ``seq`` order; streamed (DuckDB sorts on disk
    when it must), so memory stays flat over any number of shards. ``name`` is for errors."""
    con = duckdb.connect()
    try:
        cols = ", ".join(["seq", *ARTICLE_COLUMNS, "events"])
        try:
            cur = con.execute(f"SELECT {cols} FROM read_parquet(?) ORDER BY seq", [list(files)])
        except duckdb.Error as exc:
            raise InputError(name, f"not eventwire shards ({exc})") from exc
        names = [d[0] for d in cur.description]
        while rows := cur.fetchmany(batch_rows):
            for values in rows:
                row = dict(zip(names, values, strict=True))
                yield article_of(row), json.loads(row["events"])
    finally:
        con.close()
