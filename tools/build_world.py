"""Build the dashboard's world map (src/eventwire/web/static/world.json) from the country outlines
in the countryinfo package (MIT): {"ISO3": [[[lon, lat], ...], ...]}, rings simplified to a
0.25-degree grid so the file stays small. Run by maintainers: pip install countryinfo==1.0.1."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from countryinfo import all_countries

OUT = Path(__file__).resolve().parents[1] / "src" / "eventwire" / "web" / "static" / "world.json"


def _rings(geometry: dict) -> list[list[list[float]]]:
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    out = []
    for poly in polys:
        ring = poly[0]
        simple: list[list[float]] = []
        for lon, lat in ring:
            p = [round(lon * 4) / 4, round(lat * 4) / 4]
            if not simple or simple[-1] != p:
                simple.append(p)
        if len(simple) >= 4:
            out.append(simple)
    return out


def main() -> None:
    world = {}
    for c in all_countries():
        info = c.info()
        iso3 = (info.get("ISO") or {}).get("alpha3")
        raw = info.get("geoJSON")
        if not iso3 or not raw:
            continue
        data = raw if isinstance(raw, dict) else ast.literal_eval(raw)
        rings = [r for f in data.get("features", []) for r in _rings(f["geometry"])]
        if rings:
            world[iso3] = rings
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(world, separators=(",", ":")), encoding="utf-8")
    print(f"{len(world)} countries, {OUT.stat().st_size // 1024} KiB")


if __name__ == "__main__":
    main()
