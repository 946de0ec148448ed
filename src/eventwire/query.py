"""Filters and aggregations over the store. Every value is a bound parameter: no SQL is ever built
from a user's strings (column names come from fixed tables here)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass, fields
from typing import Any

import duckdb

from eventwire.errors import EventwireError

_SORTS = {
    "date": "event_date DESC NULLS LAST, event_id",
    "date_asc": "event_date ASC NULLS LAST, event_id",
    "mentions": "num_mentions DESC, event_date DESC NULLS LAST, event_id",
    "goldstein": "goldstein ASC, event_date DESC NULLS LAST, event_id",
}
_FREQS = {"day": "day", "week": "week", "month": "month"}


@dataclass(frozen=True)
class Filters:
    """What to select. Country codes are ISO 3166-1 alpha-3; dates ISO; ``bbox`` is
    (min_lon, min_lat, max_lon, max_lat); ``text`` searches the evidence sentences."""

    actor: str | None = None  # a name (substring) or code ("IRNMIL") on either side
    country: str | None = None  # source or target country
    source: str | None = None  # source country
    target: str | None = None  # target country
    dyad: tuple[str, str] | None = None  # the two countries, either direction
    plover: str | None = None
    cameo_root: str | None = None
    quad_class: int | None = None
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    location: str | None = None  # country where it happened
    bbox: tuple[float, float, float, float] | None = None
    text: str | None = None
    historical: bool | None = None
    sort: str = "date"
    limit: int = 50
    offset: int = 0

    def where(self) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []

        def add(sql: str, *values: Any) -> None:
            clauses.append(sql)
            params.extend(values)

        if self.actor:
            like = f"%{self.actor.lower()}%"
            code = self.actor.upper()
            add(
                "(lower(source_name) LIKE ? OR lower(target_name) LIKE ? OR source_code = ? "
                "OR target_code = ?)",
                like, like, code, code,
            )  # fmt: skip
        if self.country:
            add(
                "(source_country = ? OR target_country = ?)",
                self.country.upper(),
                self.country.upper(),
            )
        if self.source:
            add("source_country = ?", self.source.upper())
        if self.target:
            add("target_country = ?", self.target.upper())
        if self.dyad:
            a, b = (x.upper() for x in self.dyad)
            add(
                "((source_country = ? AND target_country = ?) OR (source_country = ? AND target_country = ?))",
                a, b, b, a,
            )  # fmt: skip
        if self.plover:
            add("plover_type = ?", self.plover.upper())
        if self.cameo_root:
            add("cameo_root = ?", self.cameo_root.zfill(2))
        if self.quad_class is not None:
            add("quad_class = ?", int(self.quad_class))
        if self.date_from:
            add("event_date >= ?", self.date_from)
        if self.date_to:
            add("event_date <= ?", self.date_to)
        if self.location:
            add("location_country = ?", self.location.upper())
        if self.bbox:
            x0, y0, x1, y1 = self.bbox
            add("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?", x0, x1, y0, y1)
        if self.text:
            add(
                "event_id IN (SELECT event_id FROM mentions WHERE lower(sentence) LIKE ?)",
                f"%{self.text.lower()}%",
            )
        if self.historical is not None:
            add("historical = ?", self.historical)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params

    def order(self) -> str:
        if self.sort not in _SORTS:
            raise EventwireError(f"unknown sort {self.sort!r}; use one of {', '.join(_SORTS)}")
        return _SORTS[self.sort]

    @classmethod
    def names(cls) -> list[str]:
        return [f.name for f in fields(cls)]


def events(con: duckdb.DuckDBPyConnection, f: Filters) -> Iterator[dict[str, Any]]:
    """Matching event records, sorted and paged."""
    where, params = f.where()
    sql = f"SELECT record FROM events{where} ORDER BY {f.order()} LIMIT ? OFFSET ?"
    for (raw,) in con.execute(sql, [*params, int(f.limit), int(f.offset)]).fetchall():
        yield json.loads(raw)


def page_with_total(con: duckdb.DuckDBPyConnection, f: Filters) -> tuple[list[str], int]:
    """One page of matching records as their stored JSON text, and the number matching.

    Two queries: a count over the narrow filter columns, and a top-N that reads the wide
    ``record`` column for the page's rows only. (A window count in the page query looked like
    one scan but made DuckDB carry every matching record through the sort: twice as slow.)"""
    where, params = f.where()
    total = count(con, f)
    if total <= f.offset:
        return [], total
    sql = f"SELECT record FROM events{where} ORDER BY {f.order()} LIMIT ? OFFSET ?"
    rows = con.execute(sql, [*params, int(f.limit), int(f.offset)]).fetchall()
    return [str(r[0]) for r in rows], total


def points(con: duckdb.DuckDBPyConnection, f: Filters) -> list[dict[str, Any]]:
    """Matching events that have coordinates, as compact map points (no evidence): what a map
    needs for thousands of events without reading their records."""
    from eventwire.ontology import cameo_table

    names = cameo_table()
    where, params = f.where()
    where += (" AND " if where else " WHERE ") + "lat IS NOT NULL AND lon IS NOT NULL"
    sql = (
        "SELECT event_id, date, lat, lon, quad_class, num_mentions, cameo_code, plover_type, "
        "location_name, source_name, target_name, killed "
        f"FROM events{where} ORDER BY {f.order()} LIMIT ? OFFSET ?"
    )
    out = []
    for eid, date, lat, lon, quad, n, code, ptype, place, src, tgt, killed in con.execute(
        sql, [*params, int(f.limit), int(f.offset)]
    ).fetchall():
        known = names.get(code)
        out.append({
            "event_id": eid, "date": date, "lat": lat, "lon": lon, "quad_class": quad,
            "num_mentions": n, "cameo": code, "action": known.name if known else code,
            "plover": ptype, "place": place, "source": src, "target": tgt, "killed": killed,
        })  # fmt: skip
    return out


def count(con: duckdb.DuckDBPyConnection, f: Filters) -> int:
    where, params = f.where()
    rows = con.execute(f"SELECT count(*) FROM events{where}", params).fetchall()
    return int(rows[0][0]) if rows else 0


def relation(con: duckdb.DuckDBPyConnection, f: Filters) -> duckdb.DuckDBPyRelation:
    """Matching events as a relation of the flat columns (no paging)."""
    where, params = f.where()
    cols = (
        "event_id, date, event_date, date_precision, historical, source_code, source_name, "
        "source_country, source_sector, target_code, target_name, target_country, target_sector, "
        "cameo_code, cameo_root, quad_class, goldstein, plover_type, plover_mode, location_name, "
        "location_country, location_admin1, location_city, lat, lon, killed, injured, "
        "num_mentions, num_articles, num_sources, first_seen, last_seen"
    )
    return con.query(f"SELECT {cols} FROM events{where} ORDER BY {f.order()}", params=params)


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    freq: str = "day",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    directed: bool = False,
    use_counts: bool = True,
) -> list[dict[str, Any]]:
    """Per day/week/month: count, Goldstein sum and mean, and counts by QuadClass for the dated,
    non-historical events between two countries (either direction unless ``directed``).

    Either direction is read from the store's per-pair daily counts (``dyad_days``); one
    direction, ``use_counts=False`` (to check the counts), or a database from before those
    counts scans the events."""
    if freq not in _FREQS:
        raise EventwireError(f"unknown frequency {freq!r}; use day, week or month")
    period = f"CAST(date_trunc('{_FREQS[freq]}', {{day}}) AS DATE)"
    if not directed and use_counts:
        lo, hi = sorted((a.upper(), b.upper()))
        where, params = " WHERE a = ? AND b = ?", [lo, hi]
        if date_from:
            where += " AND day >= ?"
            params.append(date_from.isoformat())
        if date_to:
            where += " AND day <= ?"
            params.append(date_to.isoformat())
        sql = (
            # sums cast to BIGINT: DuckDB sums INTEGERs as HUGEINT, slow to hand to Python
            f"SELECT {period.format(day='day')} AS period, CAST(sum(events) AS BIGINT), "
            "sum(goldstein_sum), sum(goldstein_sum) / sum(events), "
            + ", ".join(f"CAST(sum(q{q}) AS BIGINT)" for q in (1, 2, 3, 4))
            + f" FROM dyad_days{where} GROUP BY period ORDER BY period"
        )
        try:
            return _series_rows(con.execute(sql, params).fetchall())
        except duckdb.CatalogException:  # a schema-2 file opened read-only: no dyad_days yet
            pass
    f = Filters(
        dyad=None if directed else (a, b),
        source=a if directed else None,
        target=b if directed else None,
        date_from=date_from,
        date_to=date_to,
        historical=False,
    )
    where, params = f.where()
    where += (" AND " if where else " WHERE ") + "event_date IS NOT NULL"
    sql = (
        f"SELECT {period.format(day='event_date')} AS period, count(*), sum(goldstein), "
        "avg(goldstein), count(*) FILTER (WHERE quad_class = 1), "
        "count(*) FILTER (WHERE quad_class = 2), count(*) FILTER (WHERE quad_class = 3), "
        f"count(*) FILTER (WHERE quad_class = 4) FROM events{where} GROUP BY period ORDER BY period"
    )
    return _series_rows(con.execute(sql, params).fetchall())


def _series_rows(rows: list[Any]) -> list[dict[str, Any]]:
    cols = ["period", "events", "goldstein_sum", "goldstein_mean", "q1", "q2", "q3", "q4"]
    out = []
    for row in rows:
        rec = dict(zip(cols, row, strict=True))
        rec["period"] = rec["period"].isoformat() if rec["period"] else None
        for k in ("events", "q1", "q2", "q3", "q4"):
            rec[k] = int(rec[k])
        rec["goldstein_mean"] = round(float(rec["goldstein_mean"]), 3)
        rec["goldstein_sum"] = round(float(rec["goldstein_sum"]), 3)
        out.append(rec)
    return out


def top_actors(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> list[dict[str, Any]]:
    """Actors (country + sector code) by number of events, as source or target; ``n`` a page,
    from ``f.offset`` on."""
    where, params = f.where()
    sql = (
        "SELECT code, count(*) AS events FROM ("
        f"SELECT source_code AS code FROM events{where} UNION ALL "
        f"SELECT target_code AS code FROM events{where}) WHERE code IS NOT NULL "
        "GROUP BY code ORDER BY events DESC, code LIMIT ? OFFSET ?"
    )
    rows = con.execute(sql, [*params, *params, n, int(f.offset)]).fetchall()
    return [{"actor": code, "events": int(k)} for code, k in rows]


def top_dyads(con: duckdb.DuckDBPyConnection, f: Filters, n: int = 10) -> list[dict[str, Any]]:
    """Country pairs by number of events, with their mean Goldstein."""
    where, params = f.where()
    where += (
        " AND " if where else " WHERE "
    ) + "source_country IS NOT NULL AND target_country IS NOT NULL"
    sql = (
        "SELECT least(source_country, target_country) AS a, greatest(source_country, target_country) AS b, "
        f"count(*) AS events, avg(goldstein) AS goldstein_mean FROM events{where} "
        "AND source_country <> target_country GROUP BY a, b ORDER BY events DESC, a, b LIMIT ?"
    )
    rows = con.execute(sql, [*params, n]).fetchall()
    return [
        {"a": a, "b": b, "events": int(k), "goldstein_mean": round(float(g), 3)}
        for a, b, k, g in rows
    ]


def event_record(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event's record by its id, or by a former id: an event's id is its founding report's,
    which changes when an earlier report of it arrives later, and every former id is the id of
    one of its reports (``reports[].report_id``)."""
    rows = con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchall()
    if not rows and event_id.isalnum():
        rows = con.execute(
            "SELECT record FROM events WHERE contains(CAST(record AS VARCHAR), ?) LIMIT 1",
            [f'"report_id": "{event_id}"'],
        ).fetchall()
    return json.loads(rows[0][0]) if rows else None
