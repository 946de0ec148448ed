"""The embedded event database (DuckDB). The only module that writes SQL that changes data.

Tables: ``articles`` (one row per distinct article, keyed by a hash of its normalised text),
``events`` (one row per real-world event: flat columns for filtering plus the full JSON record)
and ``mentions`` (every report of an event, with its evidence). Events from different articles
that report the same real event are merged as they arrive (see :mod:`eventwire.dedup`).

Every batch is one transaction: a failure leaves the database as it was before the batch, and
re-running the batch completes it. DuckDB lets one process write at a time; a writing store holds
the file only while it writes a batch, and a reading store opened meanwhile waits for it (up to
``lock_timeout`` seconds), so readers and an ingest can run side by side.

The schema is versioned in ``schema_version``; ``MIGRATIONS`` bring an older file up to date when
it is opened for writing.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from eventwire.dedup import merge_key, merge_records, records_compatible
from eventwire.errors import StoreError
from eventwire.model import Article, Event

SCHEMA_VERSION = 2
DEFAULT_WINDOW_DAYS = 1

_EVENT_COLUMNS = [
    "event_id", "source_name", "source_country", "source_sector", "source_code",
    "target_name", "target_country", "target_sector", "target_code",
    "cameo_code", "cameo_root", "quad_class", "goldstein", "plover_type", "plover_mode",
    "date", "event_date", "date_precision", "historical",
    "location_name", "location_country", "location_admin1", "location_city", "lat", "lon",
    "location_precision", "killed", "injured", "num_mentions", "num_articles", "first_article",
    "record", "num_sources", "first_seen", "last_seen", "merge_key",
]  # fmt: skip

_V1 = [
    "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)",
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

# version → statements that take a database from the version before it to this one
MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE events ADD COLUMN num_sources INTEGER",
        "ALTER TABLE events ADD COLUMN first_seen DATE",
        "ALTER TABLE events ADD COLUMN last_seen DATE",
        "ALTER TABLE events ADD COLUMN merge_key VARCHAR",
        """UPDATE events SET num_sources = num_articles,
               first_seen = (SELECT min(a.published) FROM mentions m JOIN articles a
                             USING (article_id) WHERE m.event_id = events.event_id),
               last_seen = (SELECT max(a.published) FROM mentions m JOIN articles a
                            USING (article_id) WHERE m.event_id = events.event_id)""",
        "CREATE INDEX IF NOT EXISTS events_merge ON events (merge_key, event_date)",
        "CREATE INDEX IF NOT EXISTS events_date ON events (event_date)",
        "CREATE INDEX IF NOT EXISTS mentions_event ON mentions (event_id)",
    ],
}


@dataclass(frozen=True)
class IngestResult:
    articles_new: int
    articles_skipped: int
    events: int  # events found in the new articles
    merged: int = 0  # of which joined an event already stored


def _date_of(date: str | None) -> dt.date | None:
    if not date:
        return None
    if len(date) == 4:
        return dt.date(int(date), 1, 1)
    if len(date) == 7:
        return dt.date(int(date[:4]), int(date[5:7]), 1)
    return dt.date.fromisoformat(date)


def _span(m: dict[str, Any], key: str) -> tuple[int | None, int | None]:
    s = m["spans"].get(key)
    return (s[0], s[1]) if s else (None, None)


def _connect(path: str, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:  # another process holds the file: wait for it
            if "lock" not in str(exc).lower() or time.monotonic() > deadline:
                raise StoreError(f"{path}: cannot open the database: {exc}") from exc
            time.sleep(0.05)
        except duckdb.Error as exc:
            raise StoreError(f"{path}: cannot open the database: {exc}") from exc


class Store:
    """An eventwire database file. ``Store(path)`` creates or migrates it; ``read_only=True``
    opens it for queries. Use as a context manager or call :meth:`close`."""

    def __init__(
        self,
        path: str | Path,
        read_only: bool = False,
        window_days: int = DEFAULT_WINDOW_DAYS,
        lock_timeout: float = 30.0,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.window_days = window_days
        self.lock_timeout = lock_timeout
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only:
            if not Path(self.path).exists():
                raise StoreError(
                    f"{self.path}: no such database (create it with `eventwire ingest`)"
                )
            self._con = _connect(self.path, True, lock_timeout)
            self._check_version(self._con)
        else:
            with self._writer() as con:
                self._migrate(con)

    # -- connections -------------------------------------------------------------------------------
    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """A connection for reads (a read-only store keeps one; a writer opens one per use)."""
        if self._con is None:
            self._con = _connect(self.path, False, self.lock_timeout)
        return self._con

    def release(self) -> None:
        """Let other processes open the file (a writer calls this between batches)."""
        if self._con is not None and not self.read_only:
            self._con.close()
            self._con = None

    def _writer(self) -> _WriteSession:
        return _WriteSession(self)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ------------------------------------------------------------------------------------
    def _check_version(self, con: duckdb.DuckDBPyConnection) -> int:
        try:
            row = con.execute("SELECT max(version) FROM schema_version").fetchall()[:1]
        except duckdb.CatalogException:
            return 0
        current = int(row[0][0]) if row and row[0][0] is not None else 0
        if current > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: database schema {current} is newer than this eventwire "
                f"({SCHEMA_VERSION}); upgrade eventwire"
            )
        return current

    def _migrate(self, con: duckdb.DuckDBPyConnection) -> None:
        current = self._check_version(con)
        if current == SCHEMA_VERSION:
            return
        con.execute("BEGIN TRANSACTION")
        try:
            if current == 0:
                for stmt in _V1:
                    con.execute(stmt)
                current = 1
            for version in range(current + 1, SCHEMA_VERSION + 1):
                for stmt in MIGRATIONS[version]:
                    con.execute(stmt)
            con.execute("DELETE FROM schema_version")
            con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise

    # -- writes ------------------------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
        ).fetchall()[:1]
        return bool(row)

    def add(self, batch: Iterable[tuple[Article, list[Event]]]) -> IngestResult:
        """Store a batch of coded articles in one transaction. Known articles are skipped; an
        event that reports an event already stored joins it as more mentions."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        new = skipped = n_events = merged = 0
        with self._writer() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                for article, events in batch:
                    if self.has_article(article.id):
                        skipped += 1
                        continue
                    self._insert_article(con, article, len(events))
                    for e in events:
                        merged += self._write_event(con, e.to_dict())
                    new += 1
                    n_events += len(events)
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
        return IngestResult(new, skipped, n_events, merged)

    def _insert_article(self, con: duckdb.DuckDBPyConnection, a: Article, n_events: int) -> None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        con.execute(
            "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [a.id, a.title, a.url, a.published, a.source, a.origin, a.text, now, n_events],
        )

    def _write_event(self, con: duckdb.DuckDBPyConnection, rec: dict[str, Any]) -> int:
        """Insert a new event, or merge it into the stored event it reports; 1 if merged."""
        key = merge_key(rec)
        existing = self._find_match(con, rec, key) if key else None
        if existing is not None:
            rec = merge_records(existing, rec)
        rec["merge_key"] = key
        self._replace(con, rec)
        return 1 if existing is not None else 0

    def _find_match(
        self, con: duckdb.DuckDBPyConnection, rec: dict[str, Any], key: str
    ) -> dict[str, Any] | None:
        day = _date_of(rec.get("date"))
        if day is None:
            rows = con.execute(
                "SELECT record FROM events WHERE merge_key = ? AND date IS NULL", [key]
            ).fetchall()
        else:
            w = dt.timedelta(days=self.window_days)
            rows = con.execute(
                "SELECT record FROM events WHERE merge_key = ? AND event_date BETWEEN ? AND ? "
                "ORDER BY num_mentions DESC, event_id",
                [key, day - w, day + w + dt.timedelta(days=31 if len(rec["date"]) == 7 else 0)],
            ).fetchall()
        for (raw,) in rows:
            stored = json.loads(raw)
            if records_compatible(stored, rec, self.window_days):
                return dict(stored)
        return None

    def _replace(self, con: duckdb.DuckDBPyConnection, rec: dict[str, Any]) -> None:
        eid = rec["event_id"]
        articles = sorted({m["article_id"] for m in rec["mentions"]})
        placeholders = ", ".join(["?"] * len(articles))
        row = con.execute(
            "SELECT count(DISTINCT coalesce(source, article_id)), min(published), max(published) "
            f"FROM articles WHERE article_id IN ({placeholders})",
            articles,
        ).fetchall()[:1]
        num_sources, first_seen, last_seen = row[0] if row else (len(articles), None, None)
        rec["num_articles"] = len(articles)
        rec["num_sources"] = int(num_sources or len(articles))
        rec["first_seen"] = first_seen.isoformat() if first_seen else None
        rec["last_seen"] = last_seen.isoformat() if last_seen else None
        s, t, c, p = rec.get("source") or {}, rec.get("target") or {}, rec["cameo"], rec["plover"]
        loc = rec.get("location") or {}
        values = [
            eid, s.get("name"), s.get("country"), s.get("sector"), s.get("code"),
            t.get("name"), t.get("country"), t.get("sector"), t.get("code"),
            c["code"], c["root"], c["quad_class"], c["goldstein"], p["type"], p["mode"],
            rec["date"], _date_of(rec["date"]), rec["date_precision"], rec["historical"],
            loc.get("name"), loc.get("country"), loc.get("admin1"), loc.get("city"),
            loc.get("lat"), loc.get("lon"), loc.get("precision"),
            rec["killed"], rec["injured"], rec["num_mentions"], rec["num_articles"], articles[0],
            json.dumps({k: v for k, v in rec.items() if k != "merge_key"}, ensure_ascii=False),
            rec["num_sources"], first_seen, last_seen, rec.get("merge_key"),
        ]  # fmt: skip
        con.execute("DELETE FROM events WHERE event_id = ?", [eid])
        con.execute("DELETE FROM mentions WHERE event_id = ?", [eid])
        cols = ", ".join(_EVENT_COLUMNS)
        con.execute(
            f"INSERT INTO events ({cols}) VALUES ({', '.join(['?'] * len(_EVENT_COLUMNS))})",
            values,
        )
        con.executemany(
            "INSERT INTO mentions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                [eid, m["article_id"], m["line"], m["sentence"], *_span(m, "source"),
                 *_span(m, "action"), *_span(m, "target"), m["rule"], m.get("attribution")]
                for m in rec["mentions"]
            ],
        )  # fmt: skip

    # -- reads -------------------------------------------------------------------------------------
    def count(self, table: str = "events") -> int:
        if table not in ("events", "articles", "mentions"):
            raise StoreError(f"no table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[:1]
        return int(row[0][0]) if row else 0

    def records(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Event records (the JSON contract), newest event date first."""
        from eventwire.query import Filters, events

        yield from events(self.con, Filters(limit=limit or 1_000_000))

    def event(self, event_id: str) -> dict[str, Any] | None:
        row = self.con.execute(
            "SELECT record FROM events WHERE event_id = ?", [event_id]
        ).fetchall()[:1]
        return json.loads(row[0][0]) if row else None

    def events(self, **filters: Any) -> list[dict[str, Any]]:
        """Event records matching the filters of :class:`eventwire.query.Filters`."""
        from eventwire.query import Filters, events

        return list(events(self.con, Filters(**filters)))

    def relation(self, **filters: Any) -> duckdb.DuckDBPyRelation:
        """The matching events as a DuckDB relation (``.df()`` for pandas, ``.pl()`` for Polars)."""
        from eventwire.query import Filters, relation

        return relation(self.con, Filters(**filters))


class _WriteSession:
    """The connection a writer uses for one batch, released afterwards for other processes."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def __enter__(self) -> duckdb.DuckDBPyConnection:
        return self.store.con

    def __exit__(self, *exc: object) -> None:
        self.store.release()


ProgressFn = Callable[[IngestResult], None]
