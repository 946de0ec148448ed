"""What one long article costs: time and memory as the text grows to the size limit, as a ratio
against raw spaCy parsing of the same text in the same process (issue 14: bounded cost).

    .venv/bin/python benchmarks/input_cost.py [--sizes 10000,50000,100000]

The article is the sample articles joined end to end (real prose), cut to each size. A linear
pipeline keeps the ratio flat as the size grows; a stage that grows with the square of the length
makes it climb. Also times the refusal of a 1 MB run of words with no sentence end.
"""

from __future__ import annotations

import argparse
import random
import resource
import time
from pathlib import Path

from eventwire import nlp
from eventwire.errors import InputError
from eventwire.ingest.checks import check_text
from eventwire.pipeline import code_text

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,50000,100000", help="characters, comma-separated")
    args = ap.parse_args()
    prose = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SAMPLES.glob("*.txt")))
    model = nlp.load()
    code_text(prose[:3000])  # warm: lexicon, actors, the city index
    print(f"{'chars':>8} {'spaCy s':>8} {'eventwire s':>12} {'ratio':>6} {'s/100k':>7} {'peak MB':>8}")
    for size in (int(s) for s in args.sizes.split(",")):
        text = (prose * (size // len(prose) + 1))[:size]
        t0 = time.perf_counter()
        for _ in model.pipe(line for _, _, line in nlp.split_lines(text)):
            pass
        raw = time.perf_counter() - t0
        t0 = time.perf_counter()
        code_text(text)
        ours = time.perf_counter() - t0
        print(
            f"{size:>8} {raw:>8.2f} {ours:>12.2f} {ours / raw:>6.2f} "
            f"{ours / size * 100_000:>7.2f} {_rss_mb():>8.0f}"
        )
    rng = random.Random(1)
    words = ["police", "arrested", "protesters", "in", "the", "government", "condemned", "march"]
    salad = "Headline\n" + " ".join(rng.choice(words) for _ in range(200_000))[:1_048_576]
    t0 = time.perf_counter()
    try:
        check_text(salad, "salad.txt")
        print("1 MB with no sentence end: accepted (unexpected)")
    except InputError:
        print(f"1 MB with no sentence end: refused in {time.perf_counter() - t0:.3f} s")


if __name__ == "__main__":
    main()
