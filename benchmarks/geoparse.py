"""Place resolution measured like the geoparsing literature, on place mentions written for it.

    .venv/bin/python benchmarks/geoparse.py [--show dev|test] [--tag ambiguous]

benchmarks/geo/mentions.jsonl holds 821 place mentions in 391 news-style sentences written by
hand, independently of eventwire's code, each with the place's GeoNames point (or a centre for
regions), tagged by difficulty (ambiguous names, direction words, old names, organisation names
that look like places, capitals, context). Sentences are split into dev and a frozen test half.

Each sentence is parsed, and each mention is resolved the way an event's place phrase is
(``PlaceFinder.resolve_phrase`` on the mention's head, with the phrase's own context, whatever
entity label the parser gave it). Reported per half:

- **resolved**: the share of place mentions that get a point;
- **Acc@161**: the share of place mentions resolved within 161 km of the gold point (unresolved
  mentions count as wrong), and the same share among resolved mentions;
- **mean and median error km** over resolved mentions;
- **AUC**: the area under the curve of errors, ln(1 + km) / ln(20039), over all place mentions
  with unresolved ones at the maximum (0 is perfect, lower is better);
- **false places**: the share of organisation look-alikes ("the Washington Post") given a place;
- **Acc@161 by kind** (city, admin1, country, region, landmark).
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from eventwire import nlp
from eventwire.extract.where import PlaceFinder
from eventwire.gazetteer import gazetteer

HERE = Path(__file__).resolve().parent / "geo" / "mentions.jsonl"
EARTH_HALF = 20039.0  # km, the largest possible error


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, a)))


def head_of(doc: Any, start: int, end: int) -> Any | None:
    toks = [t for t in doc if t.idx >= start and t.idx + len(t.text) <= end]
    if not toks:
        return None
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[-1])


def resolve(finder: PlaceFinder, doc: Any, start: int, end: int) -> tuple[float, float] | None:
    head = head_of(doc, start, end)
    if head is None:
        return None
    place = finder.resolve_phrase(head)
    if place is None or place.lat is None or place.lon is None:
        return None
    return place.lat, place.lon


def measure(
    rows: list[dict[str, Any]], show: str | None = None, tag: str | None = None
) -> dict[str, dict[str, float]]:
    finder = PlaceFinder(gazetteer())
    model = nlp.load()
    texts = sorted({r["text"] for r in rows})
    docs = dict(zip(texts, model.pipe(texts), strict=True))
    by_split: dict[str, list[tuple[dict[str, Any], tuple[float, float] | None]]] = defaultdict(list)
    for r in rows:
        if tag and tag not in r["tags"]:
            continue
        got = resolve(finder, docs[r["text"]], r["start"], r["end"])
        by_split[r["split"]].append((r, got))
        if show == r["split"]:
            if r["kind"] == "none":
                if got:
                    print(f"FALSE PLACE {r['mention']!r}: {r['text']}")
            elif got is None:
                print(f"UNRESOLVED {r['mention']!r} ({r['kind']}): {r['text']}")
            else:
                d = km(r["lat"], r["lon"], *got)
                if d > 161:
                    print(
                        f"{d:7.0f} km {r['mention']!r} ({r['kind']}, {got[0]:.1f},{got[1]:.1f}): {r['text']}"
                    )
    out: dict[str, dict[str, float]] = {}
    for split, pairs in sorted(by_split.items()):
        places = [(r, g) for r, g in pairs if r["kind"] != "none"]
        lookalikes = [(r, g) for r, g in pairs if r["kind"] == "none"]
        errors = [km(r["lat"], r["lon"], *g) for r, g in places if g is not None]
        within = sum(1 for e in errors if e <= 161)
        auc = [math.log1p(e) / math.log1p(EARTH_HALF) for e in errors]
        auc += [1.0] * (len(places) - len(errors))
        out[split] = {
            "place_mentions": len(places),
            "resolved": len(errors) / len(places) if places else float("nan"),
            "acc161": within / len(places) if places else float("nan"),
            "acc161_resolved": within / len(errors) if errors else float("nan"),
            "mean_km": statistics.mean(errors) if errors else float("nan"),
            "median_km": statistics.median(errors) if errors else float("nan"),
            "auc": statistics.mean(auc) if auc else float("nan"),
            "false_places": (
                sum(1 for _, g in lookalikes if g is not None) / len(lookalikes)
                if lookalikes
                else float("nan")
            ),
        }
        # Acc@161 by kind: a country's or a large region's centre is a convention, so its
        # 161 km says less than a town's
        for kind in ("city", "admin1", "country", "region", "landmark"):
            of_kind = [(r, g) for r, g in places if r["kind"] == kind]
            near = sum(1 for r, g in of_kind if g is not None and km(r["lat"], r["lon"], *g) <= 161)
            out[split][f"acc161_{kind}"] = near / len(of_kind) if of_kind else float("nan")
    return out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--show", choices=("dev", "test"), help="print the errors of one half")
    p.add_argument("--tag", help="only mentions with this tag (ambiguous, direction, old_name...)")
    args = p.parse_args(argv)
    rows = [json.loads(ln) for ln in HERE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    res = measure(rows, args.show, args.tag)
    splits = sorted(res)
    print(f"{'':18}" + "".join(f"{s:>12}" for s in splits))
    for k in res[splits[0]]:
        vals = [res[s][k] for s in splits]
        print(
            f"{k:18}"
            + "".join(
                f"{v:>12.0f}" if k.endswith("km") or k == "place_mentions" else f"{v:>12.3f}"
                for v in vals
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
