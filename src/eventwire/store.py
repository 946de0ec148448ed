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

from eventwire import served
from eventwire.dedup import (
    LAG_DAYS,
    Report,
    Side,
    cluster,
    merged_record,
    order_key,
    record_kind,
    report_of_record,
    same_event,
    unit_of,
    units_of,
)
from eventwire.errors import StoreError, StoreServedError
from eventwire.model import Article, Event

SCHEMA_VERSION = 5
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

# Events per unordered country pair and day (dated, not historical), kept in step with ``events``
# by every write: a dyad's trend reads this instead of scanning every event (about a third of
# the rows at 1M synthetic events, and two narrow columns instead of four).
_DYAD_DAYS = """CREATE TABLE IF NOT EXISTS dyad_days (
    a VARCHAR NOT NULL, b VARCHAR NOT NULL, day DATE NOT NULL, events INTEGER NOT NULL,
    goldstein_sum DOUBLE NOT NULL, q1 INTEGER NOT NULL, q2 INTEGER NOT NULL, q3 INTEGER NOT NULL,
    q4 INTEGER NOT NULL)"""
# every cell counted again from the events (``_dyad_cell`` is the same rule in Python)
_DYAD_RECOUNT = (
    "INSERT INTO dyad_days SELECT least(source_country, target_country), "
    "greatest(source_country, target_country), event_date, CAST(count(*) AS INTEGER), "
    "coalesce(sum(goldstein), 0), "
    + ", ".join(f"CAST(count(*) FILTER (WHERE quad_class = {q}) AS INTEGER)" for q in (1, 2, 3, 4))
    + " FROM events WHERE NOT historical AND event_date IS NOT NULL "
    "AND source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY ALL"
)

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
    3: [_DYAD_DAYS, _DYAD_RECOUNT],
    # alerts already posted to a webhook, so each is posted once
    4: [
        """CREATE TABLE IF NOT EXISTS alerts_sent (
            alert_id VARCHAR NOT NULL, url VARCHAR NOT NULL, sent_at TIMESTAMP NOT NULL,
            PRIMARY KEY (alert_id, url))"""
    ],
    # the watcher: each source's validators and health, and the items it has done with, so a
    # restarted watcher neither repeats nor loses one
    5: [
        """CREATE TABLE IF NOT EXISTS watch_sources (
            source VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR,
            checked_at TIMESTAMP, ok BOOLEAN, error VARCHAR)""",
        """CREATE TABLE IF NOT EXISTS watch_items (
            source VARCHAR NOT NULL, item VARCHAR NOT NULL, article_id VARCHAR,
            seen_at TIMESTAMP NOT NULL, PRIMARY KEY (source, item))""",
        "CREATE INDEX IF NOT EXISTS articles_url ON articles (url)",
    ],
}


@dataclass(frozen=True)
class IngestResult:
    articles_new: int
    articles_skipped: int
    events: int  # events found in the new articles
    merged: int = 0  # of which joined an event already stored


def _shift(day: dt.date, by: dt.timedelta) -> dt.date:
    """``day + by``, held at the calendar's ends."""
    try:
        return day + by
    except OverflowError:
        return dt.date.max if by.days > 0 else dt.date.min


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


def _country(side: Side | None) -> str | None:
    return side.country if side is not None else None


def _near(
    groups: dict[tuple[str, str | None, str | None], set[Report]], r: Report
) -> Iterator[Report]:
    """The reports of ``groups`` whose kind is ``r``'s and whose sides' countries could be its
    sides' (the same, or one unknown)."""
    src, tgt = _country(r.source), _country(r.target)
    for (kind, s, t), reports in groups.items():
        if kind == r.kind and (not s or not src or s == src) and (not t or not tgt or t == tgt):
            yield from reports


def _marks(n: int) -> str:
    return ", ".join(["?"] * n)


def _bulk(
    con: duckdb.DuckDBPyConnection,
    table: str,
    width: int,
    rows: list[list[Any]],
    columns: list[str] | None = None,
) -> None:
    """Insert many rows at once through a DataFrame (DuckDB is fast in bulk, slow row by row)."""
    if not rows:
        return
    import pandas as pd

    names = columns or [f"c{i}" for i in range(width)]
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    con.register("_eventwire_rows", frame)
    try:
        target = f"{table} ({', '.join(columns)})" if columns else table
        con.execute(f"INSERT INTO {target} SELECT * FROM _eventwire_rows")
    finally:
        con.unregister("_eventwire_rows")


def _event_row(
    rec: dict[str, Any], first_article: str, first_seen: dt.date | None, last_seen: dt.date | None
) -> list[Any]:
    s, t, c, p = rec.get("source") or {}, rec.get("target") or {}, rec["cameo"], rec["plover"]
    loc = rec.get("location") or {}
    return [
        rec["event_id"], s.get("name"), s.get("country"), s.get("sector"), s.get("code"),
        t.get("name"), t.get("country"), t.get("sector"), t.get("code"),
        c["code"], c["root"], c["quad_class"], c["goldstein"], p["type"], p["mode"],
        rec["date"], _date_of(rec["date"]), rec["date_precision"], rec["historical"],
        loc.get("name"), loc.get("country"), loc.get("admin1"), loc.get("city"),
        loc.get("lat"), loc.get("lon"), loc.get("precision"),
        rec["killed"], rec["injured"], len(rec["mentions"]), rec["num_articles"], first_article,
        json.dumps({k: v for k, v in rec.items() if k != "merge_key"}, ensure_ascii=False),
        rec["num_sources"], first_seen, last_seen, rec.get("merge_key"),
    ]  # fmt: skip


Cell = tuple[str, str, dt.date]


def _dyad_cell(rec: dict[str, Any]) -> Cell | None:
    """The (pair, day) cell of ``dyad_days`` a record counts in, if any: the rule of
    ``_DYAD_RECOUNT`` over the columns ``_event_row`` makes of the record."""
    s = (rec.get("source") or {}).get("country")
    t = (rec.get("target") or {}).get("country")
    day = _date_of(rec.get("date"))
    if rec.get("historical") is not False or day is None or s is None or t is None:
        return None
    return (min(s, t), max(s, t), day)


def _update_dyads(
    con: duckdb.DuckDBPyConnection, removed: list[dict[str, Any]], added: list[dict[str, Any]]
) -> None:
    """Take the old versions of rewritten events out of ``dyad_days`` and put the new ones in,
    touching only their cells (recounting from ``events`` cost a scan of every event per write:
    about 100 ms at a million events)."""
    delta: dict[Cell, list[float]] = {}
    for sign, recs in ((-1, removed), (1, added)):
        for rec in recs:
            cell = _dyad_cell(rec)
            if cell is None:
                continue
            acc = delta.setdefault(cell, [0, 0.0, 0, 0, 0, 0])
            acc[0] += sign
            acc[1] += sign * float(rec["cameo"].get("goldstein") or 0.0)
            quad = rec["cameo"].get("quad_class")
            if quad in (1, 2, 3, 4):
                acc[1 + int(quad)] += sign
    delta = {c: d for c, d in delta.items() if any(d)}
    if not delta:
        return
    import pandas as pd

    cells = sorted(delta)
    con.register("_eventwire_cells", pd.DataFrame(cells, columns=["a", "b", "day"]))
    try:
        for a, b, day, *vals in con.execute(
            "SELECT d.a, d.b, d.day, d.events, d.goldstein_sum, d.q1, d.q2, d.q3, d.q4 "
            "FROM dyad_days d SEMI JOIN _eventwire_cells k USING (a, b, day)"
        ).fetchall():
            for i, v in enumerate(vals):
                delta[(a, b, day)][i] += v
        con.execute(
            "DELETE FROM dyad_days WHERE EXISTS (SELECT 1 FROM _eventwire_cells k "
            "WHERE k.a = dyad_days.a AND k.b = dyad_days.b AND k.day = dyad_days.day)"
        )
    finally:
        con.unregister("_eventwire_cells")
    rows = [
        [a, b, day, int(d[0]), float(d[1]), *(int(x) for x in d[2:])]
        for (a, b, day), d in sorted(delta.items())
        if d[0] > 0
    ]
    _bulk(con, "dyad_days", 9, rows)


def _connect(path: str, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:  # another process holds the file: wait for it
            if "lock" not in str(exc).lower():
                raise StoreError(f"{path}: cannot open the database: {exc}") from exc
            server = served.holder(path)
            if server is not None:  # a server holds it for as long as it runs: no use waiting
                raise StoreServedError(path, server.url, server.pid) from exc
            if time.monotonic() > deadline:
                raise StoreError(
                    f"{path}: cannot open the database: another process has held it for "
                    f"{timeout:.0f} s ({exc}); wait for it to finish, or stop it"
                ) from exc
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
        persistent: bool = False,
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.window_days = window_days
        self.lock_timeout = lock_timeout
        self.persistent = persistent  # keep the file open between batches (a server process)
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
        if self._con is not None and not self.read_only and not self.persistent:
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
    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Those of the ids already stored (one query)."""
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return set()
        rows = self.con.execute(
            f"SELECT article_id FROM articles WHERE article_id IN ({_marks(len(ids))})", ids
        ).fetchall()
        return {r[0] for r in rows}

    def has_article(self, article_id: str) -> bool:
        row = self.con.execute(
            "SELECT 1 FROM articles WHERE article_id = ?", [article_id]
        ).fetchall()[:1]
        return bool(row)

    def add(
        self,
        batch: Iterable[tuple[Article, list[Event]]],
        items: Iterable[tuple[str, str, str | None]] = (),
    ) -> IngestResult:
        """Store a batch of coded articles in one transaction. Known articles are skipped; an
        event that reports an event already stored (or earlier in the batch) joins it.
        ``items`` (source, item, article id) are marked done by the watcher in the same
        transaction, so an item is stored and marked, or neither.

        The batch is merged in memory against the stored events it could join (one query), then
        written with a few bulk statements: DuckDB is fast in bulk and slow row by row."""
        return self.add_records([(a, [e.to_dict() for e in ev]) for a, ev in batch], items)

    def add_records(
        self,
        batch: Iterable[tuple[Article, list[dict[str, Any]]]],
        items: Iterable[tuple[str, str, str | None]] = (),
    ) -> IngestResult:
        """:meth:`add` for events already in their record form (``Event.to_dict``), such as the
        records a Ray run writes to Parquet shards (:mod:`eventwire.shards`): the same merge."""
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        with self._writer() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                result = self._add(con, list(batch))
                self._mark_items(con, list(items))
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise
        return result

    def _add(
        self, con: duckdb.DuckDBPyConnection, batch: list[tuple[Article, list[dict[str, Any]]]]
    ) -> IngestResult:
        """Cluster the batch's reports (one per article's event) with the reports of the stored
        events they could join (same kind, dates near), by the one rule of
        :mod:`eventwire.dedup`; then rewrite just the events whose reports changed."""
        ids = [a.id for a, _ in batch]
        known = {r[0] for r in con.execute(
            f"SELECT article_id FROM articles WHERE article_id IN ({_marks(len(ids))})", ids
        ).fetchall()} if ids else set()  # fmt: skip
        fresh: dict[str, tuple[Article, list[dict[str, Any]]]] = {}
        for a, events in batch:
            if a.id not in known and a.id not in fresh:
                fresh[a.id] = (a, events)
        skipped = len(batch) - len(fresh)
        new_units = [unit_of(r, a.id, a.published) for a, recs in fresh.values() for r in recs]
        # the new reports by kind and countries of their sides, so that a stored report is
        # compared only with those whose countries it could share
        new_reports: dict[tuple[str, str | None, str | None], set[Report]] = {}
        for u in new_units:
            r = report_of_record(u)
            new_reports.setdefault((r.kind, _country(r.source), _country(r.target)), set()).add(r)
        # the stored events some new report matches; where a new report is older than a stored
        # one of its kind, every stored event of that kind in the window, so that clustering
        # them again gives what clustering all reports in publication order gives
        stored: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        first_new: dict[str, tuple[str, str]] = {}
        for u in new_units:
            k = record_kind(u)
            first_new[k] = min(first_new.get(k, order_key(u)), order_key(u))
        for rec in self._candidates(con, new_units):
            units = units_of(rec)
            kind = record_kind(rec)
            late = kind in first_new and max(map(order_key, units)) > first_new[kind]
            if late or any(
                same_event(r, n, self.window_days) is not None
                for r in {report_of_record(u) for u in units}
                for n in _near(new_reports, r)
            ):
                stored.append((rec, units))
        before = {r["event_id"]: r for r, _ in stored}
        olds: dict[str, list[list[dict[str, Any]]]] = {}
        news: dict[str, list[dict[str, Any]]] = {}
        home: dict[str, str] = {}  # report id -> the stored event holding it
        members: dict[str, set[str]] = {}  # stored event -> its report ids
        for rec, units in stored:
            members[rec["event_id"]] = {u["report_id"] for u in units}
            for u in units:
                home[u["report_id"]] = rec["event_id"]
            olds.setdefault(record_kind(rec), []).append(units)
        for u in new_units:
            news.setdefault(record_kind(u), []).append(u)
        changed: dict[str, dict[str, Any]] = {}
        kept: set[str] = set()
        merged = 0
        for kind, units in news.items():
            done = sorted(olds.get(kind, []), key=lambda c: order_key(c[0]))
            if not done or max(order_key(u) for c in done for u in c) < min(map(order_key, units)):
                clusters = cluster(units, self.window_days, existing=done)  # news in order
            else:  # a report older than some stored one: cluster them all again
                clusters = cluster([u for c in done for u in c] + units, self.window_days)
            for c in clusters:
                reports = {u["report_id"] for u in c}
                homes = {home[r] for r in reports if r in home}
                fresh_here = len(reports) - sum(1 for r in reports if r in home)
                merged += fresh_here - (0 if homes else 1) if fresh_here else 0
                if len(homes) == 1 and not fresh_here:
                    (old,) = homes
                    if members[old] == reports and c[0]["report_id"] == old:
                        kept.add(old)
                        continue
                rec = merged_record(c)
                rec["merge_key"] = kind
                changed[rec["event_id"]] = rec
        gone = sorted(set(before) - kept)
        self._write(con, [a for a, _ in fresh.values()], changed, before, gone)
        return IngestResult(len(fresh), skipped, len(new_units), merged)

    def _candidates(
        self, con: duckdb.DuckDBPyConnection, units: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        """Stored events the batch's reports could join: one query whose conditions are each
        report's kind, date window and source country (``merge_key`` holds the kind; databases
        written before it did hold "kind|source")."""
        w = dt.timedelta(days=self.window_days + LAG_DAYS)
        windows: dict[tuple[str, dt.date | None, str | None], None] = {}
        for u in units:
            src = (u.get("source") or {}).get("country")
            windows[(record_kind(u), _date_of(u.get("date")), src)] = None
        if not windows:
            return []
        conds: list[str] = []
        params: list[str] = []
        for kind, day, src in windows:
            key = "(merge_key = ? OR merge_key LIKE ?)"
            params += [kind, f"{kind}|%"]
            if src:  # a side with a country joins that country's events or countryless ones
                key += " AND (source_country = ? OR source_country IS NULL)"
                params.append(src)
            if day is None:
                conds.append(f"({key} AND event_date IS NULL)")
            else:
                conds.append(f"({key} AND event_date BETWEEN ? AND ?)")
                params += [str(_shift(day, -w - dt.timedelta(days=31))), str(_shift(day, w))]
        rows = con.execute(
            f"SELECT record FROM events WHERE {' OR '.join(conds)} ORDER BY event_id", params
        ).fetchall()
        return [json.loads(raw) for (raw,) in rows]

    def _write(
        self,
        con: duckdb.DuckDBPyConnection,
        articles: list[Article],
        changed: dict[str, dict[str, Any]],
        before: dict[str, dict[str, Any]],
        gone: list[str],
    ) -> None:
        """Write the new articles and the changed events; ``before`` holds the stored versions
        of events the batch could have joined, ``gone`` those to delete (merged again)."""
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
        _bulk(con, "articles", 9, [
            [a.id, a.title, a.url, a.published, a.source, a.origin, a.text, now, 0] for a in articles
        ])  # fmt: skip
        meta = {a.id: (a.source or a.id, a.published) for a in articles}
        need = sorted(
            {m["article_id"] for r in changed.values() for m in r["mentions"]} - set(meta)
        )
        if need:
            for aid, src, pub in con.execute(
                f"SELECT article_id, coalesce(source, article_id), published FROM articles "
                f"WHERE article_id IN ({_marks(len(need))})",
                need,
            ).fetchall():
                meta[aid] = (src, pub)
        if gone:
            con.execute(f"DELETE FROM mentions WHERE event_id IN ({_marks(len(gone))})", gone)
            con.execute(f"DELETE FROM events WHERE event_id IN ({_marks(len(gone))})", gone)
        event_rows, mention_rows = [], []
        for rec in changed.values():
            arts = sorted({m["article_id"] for m in rec["mentions"]})
            pubs = [p for a in arts if (p := meta.get(a, (a, None))[1])]
            rec["num_articles"] = len(arts)
            rec["num_sources"] = len({meta.get(a, (a, None))[0] for a in arts})
            rec["first_seen"] = min(pubs).isoformat() if pubs else None
            rec["last_seen"] = max(pubs).isoformat() if pubs else None
            event_rows.append(
                _event_row(rec, arts[0], min(pubs) if pubs else None, max(pubs) if pubs else None)
            )
            mention_rows += [
                [rec["event_id"], m["article_id"], m["line"], m["sentence"], *_span(m, "source"),
                 *_span(m, "action"), *_span(m, "target"), m["rule"], m.get("attribution")]
                for m in rec["mentions"]
            ]  # fmt: skip
        _bulk(con, "events", len(_EVENT_COLUMNS), event_rows, columns=_EVENT_COLUMNS)
        _bulk(con, "mentions", 12, mention_rows)
        _update_dyads(con, [before[e] for e in gone], list(changed.values()))
        for a in articles:
            n = sum(
                1 for r in changed.values() if any(m["article_id"] == a.id for m in r["mentions"])
            )
            if n:
                con.execute("UPDATE articles SET num_events = ? WHERE article_id = ?", [n, a.id])

    # -- the watcher's state -------------------------------------------------------------------
    @staticmethod
    def _mark_items(
        con: duckdb.DuckDBPyConnection, items: list[tuple[str, str, str | None]]
    ) -> None:
        if items:
            con.executemany(
                "INSERT OR IGNORE INTO watch_items VALUES (?, ?, ?, current_timestamp)", items
            )

    def mark_items(self, items: Iterable[tuple[str, str, str | None]]) -> None:
        """Mark watched items done without storing anything (already stored, or refused)."""
        rows = list(items)
        if rows:
            with self._writer() as con:
                self._mark_items(con, rows)

    def seen_items(self, source: str) -> set[str]:
        """The items of ``source`` the watcher is done with."""
        rows = self.con.execute("SELECT item FROM watch_items WHERE source = ?", [source])
        return {r[0] for r in rows.fetchall()}

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Those of the URLs that a stored article has."""
        us = list(dict.fromkeys(u for u in urls if u))
        if not us:
            return set()
        rows = self.con.execute(
            f"SELECT DISTINCT url FROM articles WHERE url IN ({_marks(len(us))})", us
        ).fetchall()
        return {r[0] for r in rows}

    def source_state(self, source: str) -> tuple[str | None, str | None]:
        """(ETag, Last-Modified) last seen for ``source``."""
        rows = self.con.execute(
            "SELECT etag, last_modified FROM watch_sources WHERE source = ?", [source]
        ).fetchall()
        return (rows[0][0], rows[0][1]) if rows else (None, None)

    def set_source_state(
        self,
        source: str,
        ok: bool,
        error: str | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        keep_validators: bool = False,
    ) -> None:
        """Record a source's check: its health, and its new validators unless ``keep_validators``."""
        with self._writer() as con:
            old = con.execute(
                "SELECT etag, last_modified FROM watch_sources WHERE source = ?", [source]
            ).fetchall()
            if keep_validators:
                etag, last_modified = old[0] if old else (None, None)
            con.execute(
                "INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, current_timestamp, ?, ?)",
                [source, etag, last_modified, ok, error],
            )

    def sent_alerts(self, url: str) -> set[str]:
        """The ids of the alerts already posted to ``url``."""
        rows = self.con.execute("SELECT alert_id FROM alerts_sent WHERE url = ?", [url])
        return {r[0] for r in rows.fetchall()}

    def mark_sent(self, alert_ids: Iterable[str], url: str) -> None:
        """Remember that these alerts were posted to ``url``."""
        rows = [(a, url) for a in alert_ids]
        if not rows:
            return
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only")
        with self._writer() as con:
            con.executemany(
                "INSERT OR IGNORE INTO alerts_sent VALUES (?, ?, current_timestamp)", rows
            )

    def rebuild_aggregates(self) -> None:
        """Recount ``dyad_days`` from ``events`` (after events were written by other means than
        :meth:`add`, e.g. a bulk load in SQL)."""
        with self._writer() as con:
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM dyad_days")
                con.execute(_DYAD_RECOUNT)
                con.execute("COMMIT")
            except Exception:
                con.execute("ROLLBACK")
                raise

    def warm(self) -> None:
        """Import what the first write needs (a server calls this at start, not mid-request)."""
        import pandas  # noqa: F401

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
        """The record of an event by its id or a former id (see :func:`query.event_record`)."""
        from eventwire.query import event_record

        return event_record(self.con, event_id)

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
