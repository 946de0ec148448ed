"""The DuckDB store, on a real database file."""

from __future__ import annotations

import datetime as dt

import duckdb
import pytest

from eventwire.pipeline import events_of, make_article
from eventwire.service import ingest_paths
from eventwire.store import SCHEMA_VERSION, Store

TEXT = "Peace talks\nEthiopia and Eritrea held talks in Nairobi on Tuesday, officials said."


def test_ingest_is_idempotent(tmp_path, seed_text):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "seed.txt").write_text(seed_text, encoding="utf-8")
    (tmp_path / "in" / "talks.txt").write_text(TEXT, encoding="utf-8")
    db = tmp_path / "ew.duckdb"
    with Store(db) as store:
        first = ingest_paths(store, [str(tmp_path / "in")], published=dt.date(2024, 1, 17))
        n_events, n_mentions = store.count("events"), store.count("mentions")
    assert first.articles == 2 and first.events == n_events > 10
    with Store(db) as store:
        second = ingest_paths(store, [str(tmp_path / "in")], published=dt.date(2024, 1, 17))
        assert (second.articles, second.skipped) == (0, 2)
        assert (store.count("events"), store.count("mentions")) == (n_events, n_mentions)
        rec = next(store.records(limit=1))
        assert set(rec) >= {"event_id", "source", "target", "cameo", "plover", "date", "mentions"}


def test_failed_batch_leaves_database_as_it_was(tmp_path):
    db = tmp_path / "ew.duckdb"
    art = make_article(TEXT, dt.date(2024, 3, 6))
    with Store(db) as store:
        store.add([(art, events_of(art))])
        before = store.count("events"), store.count("articles")

    other = make_article("Chad recalled its ambassador from Sudan on Monday.", dt.date(2024, 3, 6))

    def broken():
        yield other, events_of(other)
        raise RuntimeError("crash mid-batch")

    with Store(db) as store:
        with pytest.raises(RuntimeError):
            store.add(broken())
        assert (store.count("events"), store.count("articles")) == before
        store.add([(other, events_of(other))])  # re-running completes it
        assert store.count("articles") == 2


def test_schema_version_and_newer_database_refused(tmp_path):
    db = tmp_path / "ew.duckdb"
    Store(db).close()
    con = duckdb.connect(str(db))
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
    con.execute("INSERT INTO schema_version VALUES (?)", [SCHEMA_VERSION + 1])
    con.close()
    from eventwire.errors import StoreError

    with pytest.raises(StoreError, match="newer"):
        Store(db)
