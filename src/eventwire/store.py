"""The embedded event database (DuckDB). The only module that writes SQL that changes data.

Tables: ``articles`` (one row per distinct article, keyed by a hash of its normalised text),
``events`` (one row per event, flat columns for filtering plus the full JSON record) and
``mentions`` (each event's evidence). Every batch is one transaction: a failure leaves the database
as it was before the batch. The schema is versioned in ``schema_version``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventwire.errors import StoreError
from eventwire.model import Article, Event

SCHEMA_VERSION = 1

_SCHEMA = [
    """CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS articles (
        article_id VARCHAR PRIMARY KEY, title VARCHAR, url VARCHAR, published DATE,
        source VARCHAR, origin VARCHAR, text VARCHAR, ingested_at TIMESTAMP, num_events INTEGER)""",
    """CREATE TABLE IF NOT EXISTS events (
        event_id VARCHAR PRIMARY KEY,
        source_name VARCHAR, source_country VARCHAR, source_sector VARCHAR, source_code VARCHAR,
        target_name VARCHAR, target_country VARCHAR, target_sector VARCHAR, target_code VARCHAR,
        cameo_code VARCHAR, cameo_root VARCHAR, quad_class INTEGER, goldstein DOUBLE,
        plover_type VARCHAR, plover_mode VARCHAR,
        date VARCHAR, event_date DATE, date_precision VARCHAR, historical BOOLEAN,
        location_name VARCHAR, location_country VARCHAR, location_admin1 VARCHAR,
        location_city VARCHAR, lat DOUBLE, lon DOUBLE, location_precision VARCHAR,
        killed INTEGER, injured INTEGER, num_mentions INTEGER, num_articles INTEGER,
        first_article VARCHAR, record JSON)""",
    """CREATE TABLE IF NOT EXISTS mentions (
        event_id VARCHAR, article_id VARCHAR, line INTEGER, sentence VARCHAR,
        source_start INTEGER, source_end INTEGER, action_start INTEGER, action_end INTEGER,
        target_start INTEGER, target_end INTEGER, rule VARCHAR, attribution VARCHAR)""",
]


@dataclass(frozen=True)
class IngestResult:
    articles_new: int
    articles_skipped: int
    events: int


def _date_of(e: Event) -> dt.date | None:
    d = e.when.date
    if not d:
        return None
    if len(d) == 4:
        return dt.date(int(d), 1, 1)
    if len(d) == 7:
        return dt.date(int(d[:4]), int(d[5:7]), 1)
    return dt.date.fromisoformat(d)


def _span(m: dict[str, Any], key: str) -> tuple[int | None, int | None]:
    s = m["spans"].get(key)
    return (s[0], s[1]) if s else (None, None)


class Store:
    """An eventwire database file. ``Store(path)`` creates it if needed."""

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database: {exc}") from exc
        if not read_only:
            self._migrate()

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _migrate(self) -> None:
        for stmt in _SCHEMA:
            self.con.execute(stmt)
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] if row else None
        if current is None:
            self.con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
        elif current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {current} is newer than this eventwire "
                f"({SCHEMA_VERSION}); upgrade eventwire"
            )

    # -- writes ------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
        ).fetchone()
        return row is not None

    def add(self, batch: Iterable[tuple[Article, list[Event]]]) -> IngestResult:
        """Store a batch of coded articles in one transaction; known articles are skipped."""
        new = skipped = n_events = 0
        self.con.execute("BEGIN TRANSACTION")
        try:
            for article, events in batch:
                if self.has_article(article.id):
                    skipped += 1
                    continue
                self._insert_article(article, len(events))
                for e in events:
                    self._upsert_event(e)
                new += 1
                n_events += len(events)
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return IngestResult(new, skipped, n_events)

    def _insert_article(self, a: Article, n_events: int) -> None:
        self.con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                a.id,
                a.title,
                a.url,
                a.published,
                a.source,
                a.origin,
                a.text,
                dt.datetime.now(dt.UTC).replace(tzinfo=None),
                n_events,
            ],
        )

    def _upsert_event(self, e: Event) -> None:
        rec = e.to_dict()
        s, t, loc = e.source, e.target, e.place
        articles = {m.article_id for m in e.mentions}
        self.con.execute("DELETE FROM events WHERE event_id = ?", [e.event_id])
        self.con.execute("DELETE FROM mentions WHERE event_id = ?", [e.event_id])
        self.con.execute(
            "INSERT INTO events VALUES (" + ", ".join(["?"] * 32) + ")",
            [
                e.event_id,
                s.name if s else None,
                s.country if s else None,
                s.sector if s else None,
                s.code if s else None,
                t.name if t else None,
                t.country if t else None,
                t.sector if t else None,
                t.code if t else None,
                e.action.cameo,
                e.action.root,
                e.action.quad_class,
                e.action.goldstein,
                e.action.plover_type,
                e.action.plover_mode,
                e.when.date,
                _date_of(e),
                e.when.precision,
                e.when.historical,
                loc.name if loc else None,
                loc.country if loc else None,
                loc.admin1 if loc else None,
                loc.city if loc else None,
                loc.lat if loc else None,
                loc.lon if loc else None,
                loc.precision if loc else None,
                e.killed,
                e.injured,
                len(e.mentions),
                len(articles),
                e.mentions[0].article_id if e.mentions else None,
                json.dumps(rec),
            ],
        )
        for m in rec["mentions"]:
            self.con.execute(
                "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    e.event_id,
                    m["article_id"],
                    m["line"],
                    m["sentence"],
                    *_span(m, "source"),
                    *_span(m, "action"),
                    *_span(m, "target"),
                    m["rule"],
                    m["attribution"],
                ],
            )

    # -- reads -------------------------------------------------------------------------------------
    def count(self, table: str = "events") -> int:
        if table not in ("events", "articles", "mentions"):
            raise StoreError(f"no table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def records(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Event records (the JSON contract), newest event date first."""
        sql = "SELECT record FROM events ORDER BY event_date DESC NULLS LAST, event_id"
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for (rec,) in self.con.execute(sql, params).fetchall():
            yield json.loads(rec)
