"""CAMEO codes (name, QuadClass, Goldstein) and the CAMEO → PLOVER crosswalk, loaded from data files."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire import yamlio
from eventwire.errors import DataFileError
from eventwire.model import Action

_CROSSWALK_LINE = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)#\s*(.*)$")


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    quad_class: int
    goldstein: float


def _text(name: str) -> str:
    return resources.files("eventwire.ontology").joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _text(name).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@lru_cache(maxsize=2)
def cameo_actor_codes(kind: str) -> dict[str, str]:
    """CAMEO actor codes that are not ISO alpha-3 (kind "country") or name a type ("type")."""
    return {r["cameo"]: r["value"] for r in _rows("cameo_actor_codes.tsv") if r["kind"] == kind}


@lru_cache(maxsize=1)
def cameo_table() -> dict[str, CameoCode]:
    """Every CAMEO code, roots included ("19" as well as "190")."""
    table: dict[str, CameoCode] = {}
    for i, row in enumerate(_rows("cameo.tsv"), start=2):
        try:
            code = row["code"]
            table[code] = CameoCode(
                code, row["name"], int(row["quad_class"]), float(row["goldstein"])
            )
        except (KeyError, ValueError) as exc:
            raise DataFileError(f"ontology/cameo.tsv row {i}: {exc}") from exc
    return table


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, tuple[str | None, str | None]]:
    """CAMEO code → (PLOVER type, PLOVER mode). The 2021 crosswalk first, then our additions."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for line in _text("cameo2plover-2021.txt").splitlines():
        m = _CROSSWALK_LINE.match(line.strip())
        if m:
            code, ptype, mode = m.group(1), m.group(2), m.group(3).strip()
            out.setdefault(code, (ptype, mode or None))
    for row in _rows("crosswalk_extra.tsv"):
        ptype = None if row["plover_type"] == "-" else row["plover_type"]
        mode = None if row["mode"] == "-" else row["mode"]
        out[row["code"]] = (ptype, mode)
    return out


@lru_cache(maxsize=1)
def plover_types() -> dict[str, Any]:
    data = yamlio.load(_text("plover.yaml"))
    if not isinstance(data, dict) or len(data) != 16:
        raise DataFileError("ontology/plover.yaml must define the 16 PLOVER types")
    return data


def plover_for(code: str) -> tuple[str | None, str | None]:
    """PLOVER type and mode of a CAMEO code, falling back to its parent codes."""
    cw = crosswalk()
    for k in (code, code[:3], code[:2] + "0"):
        if k in cw:
            return cw[k]
    return None, None


@lru_cache(maxsize=512)
def action(code: str) -> Action:
    """The full :class:`Action` for a CAMEO code; raises DataFileError on an unknown code."""
    table = cameo_table()
    if code not in table:
        raise DataFileError(f"unknown CAMEO code {code!r} (see ontology/cameo.tsv)")
    c = table[code]
    ptype, mode = plover_for(code)
    return Action(code, c.name, c.quad_class, c.goldstein, ptype, mode)


__all__ = ["CameoCode", "action", "cameo_table", "crosswalk", "plover_for", "plover_types"]
