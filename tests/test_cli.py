"""The command line through Typer's CliRunner, and once as a real process."""

from __future__ import annotations

import json
import subprocess
import sys

from typer.testing import CliRunner

import eventwire
from eventwire.cli import app

runner = CliRunner()
TEXT = "Sudan expels UN envoy\nSudan expelled the United Nations envoy on Friday, the foreign ministry said."


def test_code_jsonl_matches_python_api(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(TEXT, encoding="utf-8")
    res = runner.invoke(app, ["code", str(f), "--published", "2024-06-10", "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    cli = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    api = [e.to_dict() for e in eventwire.code_text(TEXT, "2024-06-10")]
    assert cli == api and len(cli) == 1
    assert cli[0]["source"]["country"] == "SDN" and cli[0]["plover"]["type"] == "SANCTION"
    assert cli[0]["date"] == "2024-06-07"


def test_code_table_and_bad_input(tmp_path):
    good, bad = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["code", str(good), str(bad), "--published", "2024-06-10"])
    assert res.exit_code == 0
    assert "Sudan" in res.stdout and "SANCTION" in res.stdout
    assert "empty.txt" in res.stderr and "is empty" in res.stderr
    res = runner.invoke(app, ["code", str(good), "--published", "June 10"])
    assert res.exit_code != 0 and "YYYY-MM-DD" in res.output


def test_ingest_query_and_demo(tmp_path, monkeypatch):
    samples = tmp_path / "samples"
    samples.mkdir()
    (samples / "a.txt").write_text(TEXT, encoding="utf-8")
    (samples / "a.meta.json").write_text('{"published": "2024-06-10"}', encoding="utf-8")
    db = str(tmp_path / "x.duckdb")
    res = runner.invoke(app, ["ingest", str(samples), "--db", db])
    assert res.exit_code == 0 and "1 articles coded" in res.stderr
    res = runner.invoke(app, ["ingest", str(samples), "--db", db])
    assert res.exit_code == 0 and "0 articles coded, 1 already stored" in res.stderr
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    res = runner.invoke(app, ["ingest", str(empty), str(tmp_path / "nope.txt"), "--db", db])
    assert res.exit_code == 1 and "empty.txt" in res.stderr and "nope.txt" in res.stderr
    res = runner.invoke(app, ["ingest", str(empty), str(samples), "--db", db])
    assert res.exit_code == 0  # some inputs were articles: the batch did its work
    res = runner.invoke(app, ["query", "--db", db, "--format", "jsonl"])
    assert len(res.stdout.strip().splitlines()) == 1
    monkeypatch.setenv("EVENTWIRE_SAMPLES", str(samples))
    res = runner.invoke(app, ["demo", "--db", str(tmp_path / "demo.duckdb")])
    assert res.exit_code == 0 and "1 events from 1 sample articles" in res.stdout


def test_evaluate_writes_report(tmp_path):
    from conftest import SEED

    out, figures = tmp_path / "r.md", tmp_path / "f.json"
    gold = str(SEED.with_suffix(".expected.jsonl"))
    res = runner.invoke(app, ["evaluate", gold, "--report", str(out), "--json", str(figures)])
    assert res.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "(seed format, strict)" in text and "LENIENT, not the score" in text
    strict = json.loads(figures.read_text(encoding="utf-8"))[gold]
    assert strict["required"] == 10 and f"**{strict['required_matched']}/10**" in text
    res = runner.invoke(app, ["evaluate", str(tmp_path)])  # a folder with no gold in it
    assert res.exit_code == 2 and "gold" in res.output


def test_python_dash_m():
    res = subprocess.run(
        [sys.executable, "-m", "eventwire", "--help"], capture_output=True, text=True, check=False
    )
    assert res.returncode == 0 and "evaluate" in res.stdout


def test_query_trend_and_export_commands(tmp_path):
    from conftest import SEED

    db = str(tmp_path / "c.duckdb")
    assert runner.invoke(app, ["ingest", str(SEED.with_suffix(".txt")), "--db", db]).exit_code == 0
    res = runner.invoke(
        app, ["query", "--db", db, "--dyad", "IRN,PAK", "--plover", "SANCTION", "--format", "csv"]
    )
    assert res.exit_code == 0 and res.stdout.startswith("event_id,") and "PAK" in res.stdout
    res = runner.invoke(app, ["query", "--db", db, "--dyad", "IRN"])
    assert res.exit_code != 0 and "two country codes" in res.output
    res = runner.invoke(
        app, ["trend", "IRN", "PAK", "--db", db, "--freq", "day", "--png", str(tmp_path / "t.png")]
    )
    assert res.exit_code == 0 and "IRN–PAK" in res.stdout and (tmp_path / "t.png").exists()
    res = runner.invoke(
        app, ["export", "--db", db, "--format", "gdelt", "-o", str(tmp_path / "g.tsv")]
    )
    assert res.exit_code == 0 and (tmp_path / "g.tsv").read_text(encoding="utf-8").count("\t") > 60
    res = runner.invoke(app, ["query", "--db", str(tmp_path / "missing.duckdb")])
    assert res.exit_code != 0


def test_ingest_in_worker_processes_stores_what_one_process_stores(tmp_path):
    from pathlib import Path

    import duckdb

    samples = sorted(str(p) for p in (Path(__file__).resolve().parents[1] / "samples").glob("*.txt"))
    stored = []
    for n in (1, 2):
        db = str(tmp_path / f"w{n}.duckdb")
        res = runner.invoke(app, ["ingest", *samples, "--db", db, "--workers", str(n)])
        assert res.exit_code == 0, res.output
        with duckdb.connect(db, read_only=True) as con:
            stored.append(sorted(r[0] for r in con.execute("SELECT record FROM events").fetchall()))
    assert len(stored[0]) > 50 and stored[0] == stored[1]
