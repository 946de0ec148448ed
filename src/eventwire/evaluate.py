"""Score coded events against gold files.

Seed format (``*.expected.jsonl`` beside the article ``*.txt`` and ``*.meta.json``): one gold event a
line with accepted values for source and target country, CAMEO root, PLOVER type, date (``date``, or
a list in ``date_any``) and location country. An emitted event matches a gold line when all of those agree. Each gold line takes at most
one emitted event; an emitted event that matches an already-taken gold line is a duplicate, and one
that matches no gold line is an extra.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError


@dataclass
class GoldArticle:
    text_path: Path
    published: dt.date | None
    gold: list[dict[str, Any]]
    must_not: list[str] = field(default_factory=list)


@dataclass
class ArticleScore:
    name: str
    required: int
    required_matched: int
    optional_matched: int
    extras: list[dict[str, Any]]
    duplicates: list[dict[str, Any]]
    missed: list[dict[str, Any]]
    matches: dict[str, str]  # gold id → event id
    aligned: list[tuple[dict[str, Any], dict[str, Any] | None]] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the article's lines, for the report

    @property
    def emitted(self) -> int:
        return len(self.matches) + len(self.extras) + len(self.duplicates)


def load_seed_gold(expected: Path) -> GoldArticle:
    """Read a seed-format gold file and find its article and metadata beside it."""
    stem = expected.name.removesuffix(".expected.jsonl")
    text = expected.with_name(stem + ".txt")
    meta = expected.with_name(stem + ".meta.json")
    if not text.exists():
        raise InputError(str(expected), f"no article text beside it (looked for {text.name})")
    gold = []
    for n, line in enumerate(expected.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                gold.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise InputError(f"{expected}:{n}", f"is not valid JSON ({exc.msg})") from exc
    published, must_not = None, []
    if meta.exists():
        m = json.loads(meta.read_text(encoding="utf-8"))
        published = dt.date.fromisoformat(m["published"]) if m.get("published") else None
        must_not = [x.get("what", "") for x in m.get("must_not", [])]
    return GoldArticle(text, published, gold, must_not)


def _accepts(value: Any, single: Any, many: Any) -> bool:
    if many is not None:
        return value in many
    return bool(value == single)


def _side(event_side: dict[str, Any] | None, gold_side: dict[str, Any]) -> bool:
    country = event_side.get("country") if event_side else None
    return _accepts(country, gold_side.get("country"), gold_side.get("country_any"))


def matches(event: dict[str, Any], gold: dict[str, Any]) -> bool:
    """Source and target country, CAMEO root, PLOVER type, date and location country agree."""
    act = gold.get("action", {})
    if not _side(event.get("source"), gold.get("source", {})):
        return False
    if not _side(event.get("target"), gold.get("target", {})):
        return False
    if not _accepts(event["cameo"]["root"], act.get("cameo_root"), act.get("cameo_root_any")):
        return False
    if ("plover" in act or "plover_any" in act) and not _accepts(
        event["plover"]["type"], act.get("plover"), act.get("plover_any")
    ):
        return False
    if "date_any" in gold:
        if event.get("date") not in gold["date_any"]:
            return False
    elif gold.get("date") is not None and event.get("date") != gold["date"]:
        return False
    loc = gold.get("location")
    if loc:
        ev_loc = event.get("location") or {}
        if ev_loc.get("country") != loc.get("country"):
            return False
    return True


def _align(gold: dict[str, Any], events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The emitted event that reports a gold event's lines best (for per-field agreement):
    most shared evidence lines, then the same source country, then the same type."""
    lines = set(gold.get("evidence_lines") or [])
    src = gold.get("source", {})
    ptype = gold.get("action", {}).get("plover")

    def key(e: dict[str, Any]) -> tuple[int, bool, bool]:
        shared = len(lines & {m["line"] for m in e["mentions"]})
        return shared, _side(e.get("source"), src), e["plover"]["type"] == ptype

    best = max(events, key=key, default=None)
    return best if best is not None and key(best)[0] > 0 else None


def score_article(
    name: str, events: Iterable[dict[str, Any]], gold: list[dict[str, Any]], text: str = ""
) -> ArticleScore:
    taken: dict[str, str] = {}
    extras, duplicates = [], []
    events = list(events)
    for ev in events:
        cands = [g for g in gold if matches(ev, g)]
        free = [g for g in cands if g["id"] not in taken]
        if free:
            # prefer required lines, then file order
            g = sorted(free, key=lambda g: (not g.get("required", True), gold.index(g)))[0]
            taken[g["id"]] = ev["event_id"]
        elif cands:
            duplicates.append(ev)
        else:
            extras.append(ev)
    required = [g for g in gold if g.get("required", True)]
    return ArticleScore(
        name=name,
        required=len(required),
        required_matched=sum(g["id"] in taken for g in required),
        optional_matched=sum(g["id"] in taken for g in gold if not g.get("required", True)),
        extras=extras,
        duplicates=duplicates,
        missed=[g for g in required if g["id"] not in taken],
        matches=taken,
        aligned=[(g, _align(g, events)) for g in required],
        lines=text.split("\n"),
    )


def _ev_line(ev: dict[str, Any]) -> str:
    s, t = ev.get("source") or {}, ev.get("target") or {}
    lines = sorted({m["line"] for m in ev["mentions"]})
    return (
        f"{s.get('code', '-')} {ev['cameo']['code']} {ev['plover']['type']} {t.get('code', '-')} "
        f"{ev['date']} lines {lines}"
    )


def _agree(g: dict[str, Any], e: dict[str, Any], field_name: str) -> bool:
    act = g.get("action", {})
    if field_name == "type":
        return _accepts(e["plover"]["type"], act.get("plover"), act.get("plover_any"))
    if field_name == "root":
        return _accepts(e["cameo"]["root"], act.get("cameo_root"), act.get("cameo_root_any"))
    side, what = field_name.split()
    if what == "country":
        return _side(e.get(side), g.get(side, {}))
    allowed = g.get(side, {}).get("sector_any")
    return allowed is None or (e.get(side) or {}).get("sector") in allowed


def _field_table(scores: list[ArticleScore]) -> list[str]:
    """Agreement of each required gold event with the emitted event aligned to it, field by field,
    and the confusion of PLOVER types."""
    pairs = [(g, e) for s in scores for g, e in s.aligned]
    found = [(g, e) for g, e in pairs if e is not None]
    n = len(pairs)
    rows = [("aligned with an emitted event (shares an evidence line)", len(found))]
    for label, key in (
        ("PLOVER type", "type"),
        ("CAMEO root", "root"),
        ("source country", "source country"),
        ("source sector", "source sector"),
        ("target country", "target country"),
        ("target sector", "target sector"),
    ):
        rows.append((label, sum(_agree(g, e, key) for g, e in found)))
    out = ["", "| field, over required gold events | agreement |", "|---|---|"]
    out += [f"| {label} | {k}/{n} |" for label, k in rows]
    conf: dict[tuple[str, str], int] = {}
    for g, e in pairs:
        act = g.get("action", {})
        gt = str(act.get("plover") or "/".join(str(x) for x in act.get("plover_any") or []))
        et = (e["plover"]["type"] or "(none)") if e else "(nothing)"
        conf[(gt, et)] = conf.get((gt, et), 0) + 1
    out += confusion_table(
        conf, "Confusion of PLOVER types (rows gold, columns the aligned emitted event):"
    )
    return out


def confusion_table(conf: Mapping[tuple[str, str], int], title: str) -> list[str]:
    """A Markdown confusion table: rows gold, columns emitted."""
    gots = sorted({x for _, x in conf})
    out = [
        "",
        title,
        "",
        "| gold \\ emitted | " + " | ".join(gots) + " |",
        "|---" * (len(gots) + 1) + "|",
    ]
    for gt in sorted({g for g, _ in conf}):
        out.append(f"| {gt} | " + " | ".join(str(conf.get((gt, x)) or "") for x in gots) + " |")
    return out


def report(scores: list[ArticleScore]) -> str:
    """A readable Markdown report."""
    req = sum(s.required for s in scores)
    got = sum(s.required_matched for s in scores)
    extras = sum(len(s.extras) for s in scores)
    dups = sum(len(s.duplicates) for s in scores)
    emitted = sum(s.emitted for s in scores)
    out = [
        "# eventwire evaluation (seed format)",
        "",
        f"- required gold events matched: **{got}/{req}**",
        f"- events emitted: {emitted}; extra (match no gold line): **{extras}**; "
        f"duplicates of a matched gold line: {dups}",
        "",
        "| article | required matched | optional matched | extras | duplicates |",
        "|---|---|---|---|---|",
    ]
    for s in scores:
        out.append(
            f"| {s.name} | {s.required_matched}/{s.required} | {s.optional_matched} | "
            f"{len(s.extras)} | {len(s.duplicates)} |"
        )
    out += _field_table(scores)
    for s in scores:
        if s.missed or s.extras or s.duplicates:
            out += ["", f"## {s.name}"]
            for g in s.missed:
                near = next((e for gg, e in s.aligned if gg is g), None)
                lines = [
                    s.lines[i - 1] for i in g.get("evidence_lines", []) if 0 < i <= len(s.lines)
                ]
                out.append(
                    f"- missed {g['id']}: {g.get('note', '')[:100]}; emitted on its lines: "
                    f"{_ev_line(near) if near else 'nothing'}"
                )
                out += [f"  > {ln[:200]}" for ln in lines[:2]]
            out += [f"- extra: {_ev_line(e)}" for e in s.extras]
            out += [f"- duplicate: {_ev_line(e)}" for e in s.duplicates]
    return "\n".join(out) + "\n"
