"""The learned layer's ablation: `eventwire evaluate` on every gold set, with the sentence
classifier off, as a veto, as a filler, and both, at the thresholds given. One table out.

    python tools/ablation.py [--veto 0.01 0.05] [--fill 0.5 0.8] [--gold samples ...]

Run `make classifier` first. The figures are those of `eventwire evaluate --json` (strict).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ["samples", "samples/test", "../shared/data/plover_gsr_dev.jsonl", "build/classifier/heldout.jsonl"]
KEYS = {
    "f1": "F1", "precision": "P", "recall": "R", "must_not": "must_not",
    "type_f1": "type F1", "type_precision": "type P", "type_recall": "type R",
    "silence": "silence", "false_alarms": "false alarms", "root_f1": "root F1",
    "quad_macro_f1": "quad F1", "source_type_target_recall": "S+T+T",
}  # fmt: skip


def run(gold: list[str], env: dict[str, str]) -> dict[str, dict[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "f.json"
        cmd = [sys.executable, "-m", "eventwire", "evaluate", *gold, "--json", str(out)]
        subprocess.run(cmd, env={**os.environ, **env}, check=True, stdout=subprocess.DEVNULL, cwd=ROOT)
        result: dict[str, dict[str, float]] = json.loads(out.read_text())
        return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--veto", type=float, nargs="*", default=[0.01, 0.05])
    ap.add_argument("--fill", type=float, nargs="*", default=[0.5, 0.8])
    ap.add_argument("--gold", nargs="*", default=[g for g in GOLD if (ROOT / g).exists()])
    args = ap.parse_args()
    configs = [("off", {"EVENTWIRE_CLASSIFIER": "off"})]
    configs += [(f"veto<{v}", {"EVENTWIRE_CLASSIFIER": "veto", "EVENTWIRE_CLASSIFIER_VETO": str(v)}) for v in args.veto]
    configs += [(f"fill>={f}", {"EVENTWIRE_CLASSIFIER": "fill", "EVENTWIRE_CLASSIFIER_FILL": str(f)}) for f in args.fill]
    if args.veto and args.fill:
        v, f = args.veto[0], args.fill[-1]
        configs.append((f"veto<{v}+fill>={f}", {"EVENTWIRE_CLASSIFIER": "on", "EVENTWIRE_CLASSIFIER_VETO": str(v), "EVENTWIRE_CLASSIFIER_FILL": str(f)}))
    for name, env in configs:
        figures = run(args.gold, env)
        for gold, fig in figures.items():
            cells = ", ".join(f"{KEYS[k]} {v:.3f}" if isinstance(v, float) else f"{KEYS[k]} {v}" for k, v in fig.items() if k in KEYS)
            print(f"| {name} | {gold} | {cells} |", flush=True)


if __name__ == "__main__":
    main()
