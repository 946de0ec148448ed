"""Build the sentence classifier from the project's own labelled corpus, reproducibly.

    python tools/build_classifier.py [--out build/classifier] [--config corpus/classifier.cfg]

Reads corpus/sentences/*.jsonl ({"text", "cameo": [codes], "shape"}), splits it by a hash of the
text (one sentence in five held out, the same split on every machine), writes spaCy DocBins,
trains with `spacy train` (seeded, CPU) in OUT, and installs the model where eventwire loads it
(src/eventwire/models/classifier, or --model) with metrics.json beside it: per-label precision,
recall and F1 on the held-out fifth. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import subprocess
import sys
from pathlib import Path

import spacy
from spacy.tokens import DocBin

ROOT = Path(__file__).resolve().parent.parent
ROOTS = [f"{i:02d}" for i in range(1, 21)]
LABELS = [f"R{r}" for r in ROOTS] + ["EVENT"]


def read_corpus(folder: Path) -> list[tuple[str, set[str]]]:
    seen: dict[str, set[str]] = {}
    for p in sorted(folder.glob("*.jsonl")):
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                o = json.loads(line)
                text, codes = str(o["text"]).strip(), [str(c) for c in o["cameo"]]
            except (ValueError, KeyError, TypeError) as exc:
                sys.exit(f"{p}:{i}: not a corpus line ({exc})")
            roots = {c[:2] for c in codes}
            if not roots <= set(ROOTS):
                sys.exit(f"{p}:{i}: unknown CAMEO root in {codes}")
            seen.setdefault(text, set()).update(roots)  # the same text twice: one example
    return sorted(seen.items())


def held_out(text: str) -> bool:
    return int(hashlib.sha1(text.encode()).hexdigest(), 16) % 5 == 0


def cats(roots: set[str]) -> dict[str, float]:
    out = {f"R{r}": float(r in roots) for r in ROOTS}
    out["EVENT"] = float(bool(roots))
    return out


def write_docbins(rows: list[tuple[str, set[str]]], out: Path) -> tuple[int, int]:
    nlp = spacy.blank("en")
    train, dev = DocBin(), DocBin()
    n = [0, 0]
    for text, roots in rows:
        doc = nlp.make_doc(text)
        doc.cats = cats(roots)
        (dev if held_out(text) else train).add(doc)
        n[held_out(text)] += 1
    with (out / "heldout.jsonl").open("w", encoding="utf-8") as f:  # for `eventwire evaluate`
        for text, roots in rows:
            if held_out(text):
                f.write(json.dumps({"text": text, "cameo": sorted(r + "0" for r in roots)}) + "\n")
    train.to_disk(out / "train.spacy")
    dev.to_disk(out / "dev.spacy")
    return n[0], n[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "classifier")
    ap.add_argument("--config", type=Path, default=ROOT / "corpus" / "classifier.cfg")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus" / "sentences")
    ap.add_argument("--max-steps", type=int, default=None, help="override training.max_steps")
    ap.add_argument("--model", type=Path, default=ROOT / "src" / "eventwire" / "models" / "classifier")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    rows = read_corpus(args.corpus)
    n_train, n_dev = write_docbins(rows, args.out)
    print(f"corpus: {len(rows)} sentences ({n_train} train, {n_dev} held out)", flush=True)
    run = args.out / "run"
    shutil.rmtree(run, ignore_errors=True)
    subprocess.run(
        [
            sys.executable, "-m", "spacy", "train", str(args.config),
            "--output", str(run),
            "--paths.train", str(args.out / "train.spacy"),
            "--paths.dev", str(args.out / "dev.spacy"),
            *(["--training.max_steps", str(args.max_steps)] if args.max_steps else []),
        ],
        check=True,
    )  # fmt: skip
    model = args.model
    shutil.rmtree(model, ignore_errors=True)
    shutil.copytree(run / "model-best", model)
    meta_path = model / "meta.json"
    meta = json.loads(meta_path.read_text())
    digest = hashlib.sha256("\n".join(f"{t}\t{sorted(r)}" for t, r in rows).encode()).hexdigest()
    meta.update(name="roots", version=f"0.1.0+{digest[:8]}", description="CAMEO roots of a sentence")
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    shutil.rmtree(run)
    (model / "metrics.json").write_text(json.dumps(evaluate(model, rows), indent=1) + "\n")
    print(f"model: {model}")


def evaluate(model: Path, rows: list[tuple[str, set[str]]]) -> dict[str, object]:
    """Per-label precision, recall and F1 at 0.5 on the held-out fifth."""
    nlp = spacy.load(model)
    dev = [(t, r) for t, r in rows if held_out(t)]
    counts = {lab: [0, 0, 0] for lab in LABELS}  # tp, fp, fn
    for (_, roots), doc in zip(dev, nlp.pipe(t for t, _ in dev), strict=True):
        gold = cats(roots)
        for lab in LABELS:
            pred, want = doc.cats[lab] >= 0.5, gold[lab] == 1.0
            counts[lab][0] += pred and want
            counts[lab][1] += pred and not want
            counts[lab][2] += want and not pred
    per = {}
    for lab, (tp, fp, fn) in counts.items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        per[lab] = {"p": round(p, 3), "r": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0, "n": tp + fn}
    roots = [per[f"R{r}"]["f1"] for r in ROOTS if per[f"R{r}"]["n"]]
    return {"held_out": len(dev), "macro_f1_roots": round(sum(roots) / len(roots), 3), "labels": per}


if __name__ == "__main__":
    main()
