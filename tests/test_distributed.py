"""The Ray engine: a real local Ray (2 actors on 127.0.0.1, its own temp folder) codes the sample
articles; the store it fills, and one filled again from its Parquet shards, hold exactly the
records of a local ingest of the same input."""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.errors import EventwireError, InputError
from eventwire.service import ingest_on_ray, ingest_paths, ingest_shards
from eventwire.shards import COLUMNS
from eventwire.store import Store

pytest.importorskip("ray")

SAMPLES = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
runner = CliRunner()


def records(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(r[0] for r in con.execute("SELECT record FROM events").fetchall())


def articles(db: Path) -> list[tuple[str, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(
            con.execute(
                "SELECT article_id, title, url, published, source, text FROM articles"
            ).fetchall()
        )


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A local ingest, and a Ray ingest in windows of 5 articles (3 shards)."""
    tmp = tmp_path_factory.mktemp("ray")
    with Store(tmp / "local.duckdb") as store:
        ingest_paths(store, SAMPLES)
    with Store(tmp / "ray.duckdb") as store:  # windows of 5: the order must hold across shards
        rep = ingest_on_ray(store, SAMPLES, actors=2, shards=tmp / "shards", window=5)
    assert rep.articles == len(SAMPLES) and not rep.errors
    return tmp


def test_ray_ingest_stores_what_a_local_ingest_stores(runs: Path) -> None:
    local = records(runs / "local.duckdb")
    assert len(local) > 50
    assert records(runs / "ray.duckdb") == local
    assert articles(runs / "ray.duckdb") == articles(runs / "local.duckdb")


def test_shards_are_parquet_in_the_documented_columns(runs: Path) -> None:
    parts = sorted((runs / "shards").glob("*.parquet"))
    assert [p.name for p in parts] == [
        "part-00000.parquet",
        "part-00001.parquet",
        "part-00002.parquet",
    ]
    with duckdb.connect() as con:
        rel = con.execute("SELECT * FROM read_parquet(?) ORDER BY seq", [[str(p) for p in parts]])
        cols = [d[0] for d in rel.description]
        rows = rel.fetchall()
    assert cols == COLUMNS
    assert [r[0] for r in rows] == list(range(len(SAMPLES)))  # every article once, in order
    by = dict(zip(cols, zip(*rows, strict=True), strict=True))
    assert sum(by["num_events"]) >= len(records(runs / "local.duckdb"))  # before merging
    assert all(m > 100 for m in by["worker_peak_mib"])  # a process that loaded the parser


def test_from_shards_fills_a_store_the_same_way(runs: Path, tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    res = runner.invoke(app, ["ingest", "--from-shards", str(runs / "shards"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert records(db) == records(runs / "local.duckdb")
    with Store(db) as store:  # a second time: every article is known, nothing changes
        rep = ingest_shards(store, runs / "shards")
    assert rep.articles == 0 and rep.skipped == len(SAMPLES)
    assert records(db) == records(runs / "local.duckdb")


def test_cli_ray_engine_skips_stored_articles_before_coding(runs: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    db.write_bytes((runs / "ray.duckdb").read_bytes())
    res = runner.invoke(
        app,
        ["ingest", *SAMPLES[:3], "--db", str(db), "--engine", "ray", "--workers", "1",
         "--shards", str(tmp_path / "s")],
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert "0 articles coded, 3 already stored" in res.output
    assert not list((tmp_path / "s").glob("*.parquet"))  # nothing was sent to Ray


def test_cli_ray_engine_codes_and_stores(runs: Path, tmp_path: Path) -> None:
    db = tmp_path / "cli.duckdb"
    res = runner.invoke(
        app, ["ingest", *SAMPLES[:2], "--db", str(db), "--engine", "ray", "--workers", "1"]
    )
    assert res.exit_code == 0, res.output
    assert "2 articles coded" in res.output
    local = tmp_path / "local2.duckdb"
    with Store(local) as store:
        ingest_paths(store, SAMPLES[:2])
    assert records(db) == records(local) and records(db)


def test_a_shard_folder_is_never_overwritten(runs: Path, tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store, pytest.raises(InputError, match="already holds"):
        ingest_on_ray(store, SAMPLES[:1], actors=1, shards=runs / "shards")


def test_bad_shard_folders_are_named(tmp_path: Path) -> None:
    with Store(tmp_path / "x.duckdb") as store:
        with pytest.raises(InputError, match="no such shard folder"):
            ingest_shards(store, tmp_path / "missing")
        (tmp_path / "empty").mkdir()
        with pytest.raises(InputError, match="no Parquet shards"):
            ingest_shards(store, tmp_path / "empty")
        duckdb.sql("COPY (SELECT 1 AS x) TO '" + str(tmp_path / "empty" / "a.parquet") + "'")
        with pytest.raises(InputError, match="not eventwire shards"):
            ingest_shards(store, tmp_path / "empty")


def test_without_ray_the_error_says_how_to_install_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "ray", None)  # import ray now fails
    with (
        Store(tmp_path / "x.duckdb") as store,
        pytest.raises(EventwireError, match=r"eventwire\[ray\]"),
    ):
        ingest_on_ray(store, SAMPLES[:1])


def test_cli_refuses_mixed_options(tmp_path: Path) -> None:
    db = str(tmp_path / "x.duckdb")
    res = runner.invoke(app, ["ingest", "--db", db])
    assert res.exit_code != 0 and "--from-shards" in res.output
    res = runner.invoke(app, ["ingest", SAMPLES[0], "--db", db, "--shards", str(tmp_path)])
    assert res.exit_code != 0 and "--engine ray" in res.output
