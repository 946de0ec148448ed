"""Coding throughput as a ratio against raw spaCy parsing of the same text, in one process.

    .venv/bin/python benchmarks/throughput.py [--repeat N]

Prints articles/s for both and the ratio (eventwire time / spaCy time): the cost of extraction,
coding and dedup on top of parsing. Absolute figures depend on the machine; the ratio travels.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from eventwire import nlp
from eventwire.pipeline import code_articles, make_article

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=20, help="times to code the sample set")
    args = ap.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt"))] * args.repeat
    model = nlp.load()
    list(code_articles([make_article(t) for t in texts[:3]]))  # warm caches (gazetteer, lexicon)

    t0 = time.perf_counter()
    for t in texts:
        for _ in model.pipe(line for _, _, line in nlp.split_lines(t)):
            pass
    spacy_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    n_events = sum(len(ev) for _, ev in code_articles(make_article(t) for t in texts))
    ew_s = time.perf_counter() - t0

    n = len(texts)
    print(f"articles: {n}, events: {n_events}")
    print(f"raw spaCy parse : {n / spacy_s:8.1f} articles/s")
    print(f"eventwire coding: {n / ew_s:8.1f} articles/s")
    print(f"ratio eventwire/spaCy time: {ew_s / spacy_s:.2f}x")


if __name__ == "__main__":
    main()
