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
from collections.abc import Iterable
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


def score_article(
    name: str, events: Iterable[dict[str, Any]], gold: list[dict[str, Any]]
) -> ArticleScore:
    taken: dict[str, str] = {}
    extras, duplicates = [], []
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
    )


def _ev_line(ev: dict[str, Any]) -> str:
    s, t = ev.get("source") or {}, ev.get("target") or {}
    lines = sorted({m["line"] for m in ev["mentions"]})
    return (
        f"{s.get('code', '-')} {ev['cameo']['code']} {ev['plover']['type']} {t.get('code', '-')} "
        f"{ev['date']} lines {lines}"
    )


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
    for s in scores:
        if s.missed or s.extras or s.duplicates:
            out += ["", f"## {s.name}"]
            out += [f"- missed {g['id']}: {g.get('note', '')[:100]}" for g in s.missed]
            out += [f"- extra: {_ev_line(e)}" for e in s.extras]
            out += [f"- duplicate: {_ev_line(e)}" for e in s.duplicates]
    return "\n".join(out) + "\n"
