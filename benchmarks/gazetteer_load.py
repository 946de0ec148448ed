"""What the gazetteer costs a process: CPU time and peak memory to open it and resolve a few
place names, over the cost of importing it, each in a fresh process (the median of runs).

    .venv/bin/python benchmarks/gazetteer_load.py [--runs 5]

The city table (``citydb``: 235,000 GeoNames places of 500 people or more) is a SQLite file the
process opens; before it, a pickled index of the 33,000 places over 15,000 people was loaded
into every process.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

PROBE = """
import json, resource, time
t0 = time.process_time()
from eventwire.gazetteer import gazetteer
imported = time.process_time() - t0
rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
if {resolve}:
    g = gazetteer()
    for n in ["Kerman", "Bastia", "Paris", "Erbil", "Springfield", "Odesa", "Sudzha", "Hanover"]:
        g.find_place(n, trusted=True)
cpu = time.process_time() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"cpu": cpu, "rss": rss}}))
"""


def run(resolve: bool) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(resolve=resolve)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5)
    args = p.parse_args(argv)
    base = [run(False) for _ in range(args.runs)]
    full = [run(True) for _ in range(args.runs)]
    for key, unit in (("cpu", "s"), ("rss", "MiB")):
        b = statistics.median(r[key] for r in base)
        f = statistics.median(r[key] for r in full)
        print(
            f"{key}: import {b:.2f} {unit}; open and resolve 8 names {f:.2f} {unit}; "
            f"the gazetteer's own cost {f - b:.2f} {unit} ({f / b:.2f}x the import)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
