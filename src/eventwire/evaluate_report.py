"""Markdown reports of article scores: strict figures first, the lenient view labelled."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from eventwire.evaluate import (
    ArticleScore,
    Event,
    Gold,
    field_agreement,
    field_checks,
    totals,
)


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


def ev_line(ev: Event) -> str:
    s, t = ev.get("source") or {}, ev.get("target") or {}
    lines = sorted({m["line"] for m in ev.get("mentions") or []})
    loc = (ev.get("location") or {}).get("name")
    return (
        f"{s.get('code', '-')} {ev['cameo']['code']} {ev['plover']['type']} {t.get('code', '-')} "
        f"{ev.get('date')} ({ev.get('date_precision')}){' historical' if ev.get('historical') else ''}"
        f"{f' at {loc}' if loc else ''} killed {ev.get('killed')} injured {ev.get('injured')} "
        f"lines {lines}"
    )


def wrong_fields(ev: Event, g: Gold) -> str:
    return ", ".join(f for f, ok in field_checks(ev, g).items() if not ok) or "none"


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "n/a"


def _types(g: Gold) -> str:
    act = g.get("action", {})
    if "plover_any" in act:
        return "/".join(str(x) for x in act["plover_any"])
    return str(act.get("plover") or "(statement)")


def _details(s: ArticleScore) -> list[str]:
    out = ["", f"## {s.name}"]
    near = dict((g["id"], e) for g, e in s.pairs)
    for g in s.missed:
        e = near.get(g["id"])
        lines = [s.lines[i - 1] for i in g.get("evidence_lines", []) if 0 < i <= len(s.lines)]
        if e is None:
            out.append(f"- missed {g['id']} ({_types(g)}): nothing reports it")
        else:
            out.append(f"- wrong {g['id']} ({_types(g)}): {wrong_fields(e, g)}; emitted {ev_line(e)}")
        out += [f"  > {ln[:200]}" for ln in lines[:2]]
    for g, e in s.mismatched:
        if g.get("required", True) is False:
            out.append(f"- wrong (optional) {g['id']}: {wrong_fields(e, g)}; emitted {ev_line(e)}")
    out += [f"- extra: {ev_line(e)}" for e in s.extras]
    out += [f"- duplicate: {ev_line(e)}" for e in s.duplicates]
    out += [f"- MUST NOT ({r.what[:90]}): {ev_line(e)}" for r, e in s.must_not_hits]
    return out


def report(scores: list[ArticleScore], title: str = "whole articles") -> str:
    """A readable Markdown report: strict summary, per article, per field, confusion, details."""
    t = totals(scores)
    out = [
        f"# eventwire evaluation: {title} (seed format, strict)",
        "",
        f"- **strict**: precision {t.precision:.3f}, recall {t.recall:.3f}, **F1 {t.f1:.3f}**",
        f"- required gold events matched on every stated field: **{t.required_matched}/{t.required}**",
        f"- events emitted: {t.emitted}; matched a gold line: {t.matched}; wrong fields: "
        f"{t.mismatched}; duplicates: {t.duplicates}; extras: {t.extras}; "
        f"must-not violations: **{t.must_not}**"
        + (f" ({t.must_not_unchecked} must_not notes have no pattern)" if t.must_not_unchecked else ""),
        f"- lenient view (countries, CAMEO root, PLOVER type, date, location country only; "
        f"LENIENT, not the score): {t.lenient_required_matched}/{t.required} required, "
        f"{t.lenient_extras} extras",
        "",
        "| article | required matched | optional | wrong fields | duplicates | extras | must-not |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in scores:
        out.append(
            f"| {s.name} | {s.required_matched}/{s.required} | {s.optional_matched} | "
            f"{len(s.mismatched)} | {len(s.duplicates)} | {len(s.extras)} | {len(s.must_not_hits)} |"
        )
    paired = sum(e is not None for s in scores for _, e in s.pairs)
    out += [
        "",
        f"Per field, over the {paired} of {t.required} required gold events reported by an "
        "emitted event (matched, or the same kind of act on an evidence line):",
        "",
        "| field | right |",
        "|---|---|",
    ]
    out += [f"| {f} | {_pct(a, b)} |" for f, (a, b) in field_agreement(scores).items()]
    conf: dict[tuple[str, str], int] = {}
    for s in scores:
        for g, e in s.pairs:
            et = (e["plover"]["type"] or "(statement)") if e else "(nothing)"
            conf[(_types(g), et)] = conf.get((_types(g), et), 0) + 1
    out += confusion_table(conf, "PLOVER types (rows gold, columns the event that reports it):")
    for s in scores:
        if s.missed or s.extras or s.duplicates or s.mismatched or s.must_not_hits:
            out += _details(s)
    return "\n".join(out) + "\n"


def summary(scores: list[ArticleScore]) -> dict[str, Any]:
    """The strict figures as numbers (for the accuracy gate and JSON output)."""
    t = totals(scores)
    return {
        "precision": round(t.precision, 4),
        "recall": round(t.recall, 4),
        "f1": round(t.f1, 4),
        "required": t.required,
        "required_matched": t.required_matched,
        "emitted": t.emitted,
        "duplicates": t.duplicates,
        "extras": t.extras,
        "mismatched": t.mismatched,
        "must_not": t.must_not,
    }
