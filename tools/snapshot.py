"""Write every mention the coder emits for the project's own texts, one JSON line each.

A refactor that should not change behaviour is checked by diffing two snapshots:
    python tools/snapshot.py > before.jsonl; (change); python tools/snapshot.py > after.jsonl
Texts: the sample articles, the frozen test articles and the lexicon test sentences (no gold
is read: only the texts).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from pathlib import Path

from eventwire.pipeline import code_article, make_article

ROOT = Path(__file__).resolve().parent.parent


def texts() -> list[tuple[str, str, dt.date | None]]:
    out: list[tuple[str, str, dt.date | None]] = []
    for folder in (ROOT / "samples", ROOT / "samples" / "test"):
        for p in sorted(folder.glob("*.txt")):
            meta = p.with_name(p.name[:-4] + ".meta.json")
            pub = None
            if meta.exists():
                d = json.loads(meta.read_text()).get("published")
                pub = dt.date.fromisoformat(d[:10]) if d else None
            out.append((p.name, p.read_text(), pub))
    for p in sorted((ROOT / "tests" / "lexicon_cases").glob("*.jsonl")):
        for i, line in enumerate(p.read_text().splitlines(), 1):
            out.append((f"{p.name}:{i}", json.loads(line)["text"], dt.date(2024, 1, 10)))
    return out


def main() -> None:
    for name, text, pub in texts():
        for m in code_article(make_article(text, pub)):
            d = dataclasses.asdict(m)
            d.pop("article_id", None)
            print(json.dumps({"text": name, **d}, default=str, sort_keys=True))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
