"""Cross-article dedup quality on articles written for it (benchmarks/dedup/).

    .venv/bin/python benchmarks/dedup_quality.py

Ingests the articles into a fresh database and, for each pair in pairs.tsv, checks whether some
stored event has mentions from both articles: pairs that report one event should be merged, the
look-alikes should not. Prints each pair and the counts of right and wrong merges.
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path

from eventwire.service import ingest_paths
from eventwire.store import Store

HERE = Path(__file__).resolve().parent / "dedup"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "dedup.duckdb"
        with Store(db) as store:
            ingest_paths(store, [str(HERE / "articles.jsonl")])
            rows = store.con.execute("SELECT event_id, article_id FROM mentions").fetchall()
    by_event: dict[str, set[str]] = {}
    for eid, aid in rows:
        by_event.setdefault(eid, set()).add(aid)
    lines = [
        ln
        for ln in (HERE / "pairs.tsv").read_text(encoding="utf-8").splitlines()
        if not ln.startswith("#")
    ]
    right = wrong = 0
    for p in csv.DictReader(lines, delimiter="\t"):
        merged = any({p["a"], p["b"]} <= arts for arts in by_event.values())
        ok = merged == (p["same"] == "yes")
        right += ok
        wrong += not ok
        print(
            f"{'ok   ' if ok else 'WRONG'} {p['a']}-{p['b']} same={p['same']:<3} merged={merged!s:<5} {p['what']}"
        )
    print(f"pairs judged right: {right}, wrong: {wrong}")


if __name__ == "__main__":
    main()
