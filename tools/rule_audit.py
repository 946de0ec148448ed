"""Which dictionary entries fire where: the audit behind "no entry for one sentence".

Codes the PLOVER gold sentences (development half), the sample articles and the frozen test set,
collects the rules recorded in each mention's evidence (action rule with its refinements, and
the rules that found source and target), and prints, for every rule component, the number of
dev sentences, sample articles and test articles it fires in. An entry that fires in one dev
sentence and nowhere else is a suspect to read by hand: it may be a word class that those texts
happen to use once, or an entry written for that sentence.

    .venv/bin/python tools/rule_audit.py [--dev FILE] [--out audit.tsv]
"""

from __future__ import annotations

import argparse
import json
import re
from collections import defaultdict
from pathlib import Path

from eventwire.pipeline import code_article, make_article

ROOT = Path(__file__).resolve().parents[1]


def components(rule: str | None) -> set[str]:
    """'verbs.yaml:hit+instrument:missiles' → {'verbs.yaml:hit', 'instrument:missiles'}; an
    anaphor's antecedent text and line numbers are dropped so that rules compare across texts."""
    if not rule:
        return set()
    out = set()
    for part in rule.split("+"):
        part = re.sub(r"(→).*$", r"\1", part.strip())
        if part:
            out.add(part)
    return out


def fired(text: str, published: str | None = None) -> set[str]:
    import datetime as dt

    pub = dt.date.fromisoformat(published) if published else None
    out: set[str] = set()
    for m in code_article(make_article(text, pub)):
        d = m.to_dict()
        out |= components(d.get("rule"))
        for r in (d.get("actor_rules") or {}).values():
            out |= components(r)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dev", type=Path, default=ROOT.parent / "shared/data/plover_gsr_dev.jsonl")
    ap.add_argument("--out", type=Path, help="write the whole table as TSV")
    args = ap.parse_args()
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"dev": 0, "samples": 0, "test": 0})
    corpora: list[tuple[str, list[tuple[str, str | None]]]] = [
        ("dev", [(json.loads(ln)["text"], None) for ln in args.dev.read_text().splitlines() if ln]),
    ]
    for name, folder in (("samples", ROOT / "samples"), ("test", ROOT / "samples" / "test")):
        items = []
        for t in sorted(folder.glob("*.txt")):
            meta = t.with_suffix(".meta.json")
            pub = json.loads(meta.read_text()).get("published") if meta.exists() else None
            items.append((t.read_text(encoding="utf-8"), pub))
        corpora.append((name, items))
    for name, items in corpora:
        for text, pub in items:
            for comp in fired(text, pub):
                counts[comp][name] += 1
    rows = sorted(counts.items(), key=lambda kv: (kv[1]["dev"] != 1 or kv[1]["samples"] + kv[1]["test"] > 0, kv[0]))
    lines = ["rule\tdev_sentences\tsample_articles\ttest_articles"]
    lines += [f"{k}\t{v['dev']}\t{v['samples']}\t{v['test']}" for k, v in rows]
    if args.out:
        args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    suspects = [k for k, v in rows if v["dev"] == 1 and v["samples"] + v["test"] == 0]
    sizes = {name: len(items) for name, items in corpora}
    print(f"texts: {sizes}; rule components: {len(rows)}; fire in exactly one dev sentence "
          f"and no sample or test article: {len(suspects)}")
    for k in suspects:
        print(f"  {k}")


if __name__ == "__main__":
    main()
