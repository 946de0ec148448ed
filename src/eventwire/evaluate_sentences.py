"""Sentence-level gold: one sentence a line, with the CAMEO codes of every event it reports.

    {"text": "...", "cameo": ["190", "111"]}      # [] when the sentence reports no event

The figures are about which events are found, not who did them: actors and places are not
checked here (the seed-format and PLOVER gold check those), and the report says so.
- silence: the share of sentences that report an event and get none;
- false alarms: the share of sentences that report none and get one;
- CAMEO root precision, recall and F1, strict: every emitted event is matched to one gold root at
  most, so a second event of the same root is an error;
- QuadClass macro F1 over the four classes, per sentence.

A sentence is coded as news of its publication date: a line's own ``"published"`` (YYYY-MM-DD),
else the date in a ``PUBLISHED`` file beside the gold files, else none. An event the coder marks
historical (placed before that date: "signed a treaty in 1994") is background, which sentence
gold does not label (its rule 6), so it is neither a report nor a false alarm; every other event
counts.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire import ontology
from eventwire.errors import InputError

Coder = Callable[[str, dt.date | None], list[dict[str, Any]]]


@dataclass
class SentenceGold:
    where: str  # file:line
    text: str
    roots: list[str]
    published: dt.date | None = None


@dataclass
class SentenceScore:
    sentences: int = 0
    with_event: int = 0
    silent: int = 0
    without_event: int = 0
    false_alarms: int = 0
    tp: int = 0
    fp: int = 0
    fn: int = 0
    quad: dict[int, list[int]] = field(default_factory=lambda: {q: [0, 0, 0] for q in (1, 2, 3, 4)})
    misses: list[tuple[str, list[str], list[str]]] = field(default_factory=list)

    @property
    def silence(self) -> float:
        return self.silent / self.with_event if self.with_event else 0.0

    @property
    def false_alarm_rate(self) -> float:
        return self.false_alarms / self.without_event if self.without_event else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def quad_macro_f1(self) -> float:
        f1s = []
        for tp, fp, fn in self.quad.values():
            p = tp / (tp + fp) if tp + fp else 0.0
            r = tp / (tp + fn) if tp + fn else 0.0
            f1s.append(2 * p * r / (p + r) if p + r else 0.0)
        return sum(f1s) / len(f1s)

    def summary(self) -> dict[str, float | int]:
        return {
            "sentences": self.sentences,
            "silence": round(self.silence, 4),
            "false_alarms": round(self.false_alarm_rate, 4),
            "root_precision": round(self.precision, 4),
            "root_recall": round(self.recall, 4),
            "root_f1": round(self.f1, 4),
            "quad_macro_f1": round(self.quad_macro_f1, 4),
        }


def is_sentence_gold(path: Path) -> bool:
    """A folder of *.jsonl, or a *.jsonl file, whose first line has text and a cameo list."""
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    if not files or not files[0].name.endswith(".jsonl"):
        return False
    with files[0].open(encoding="utf-8") as f:
        first = f.readline()
    try:
        o = json.loads(first)
    except ValueError:
        return False
    return isinstance(o, dict) and "text" in o and isinstance(o.get("cameo"), list)


def load(path: Path) -> list[SentenceGold]:
    known = ontology.cameo_table()
    out = []
    files = sorted(path.glob("*.jsonl")) if path.is_dir() else [path]
    for p in files:
        default = _folder_date(p.parent)
        for i, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{p}:{i}"
            try:
                o = json.loads(line)
                text, codes = str(o["text"]), [str(c) for c in o["cameo"]]
                published = dt.date.fromisoformat(o["published"]) if "published" in o else default
            except (ValueError, KeyError, TypeError) as exc:
                raise InputError(where, f"not a sentence gold line ({exc})") from None
            bad = [c for c in codes if c not in known]
            if bad:
                raise InputError(where, f"unknown CAMEO code(s) {', '.join(bad)}")
            out.append(SentenceGold(where, text, sorted({c[:2] for c in codes}), published))
    return out


def _folder_date(folder: Path) -> dt.date | None:
    """The publication date a ``PUBLISHED`` file gives the gold files of its folder."""
    f = folder / "PUBLISHED"
    if not f.is_file():
        return None
    text = f.read_text(encoding="utf-8").strip()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(str(f), f"not a date (YYYY-MM-DD): {text[:40]!r}") from None


def score(gold: Iterable[SentenceGold], code: Coder) -> SentenceScore:
    s = SentenceScore()
    for g in gold:
        events = [e for e in code(g.text, g.published) if not e.get("historical")]
        emitted = [str(e["cameo"]["root"]) for e in events]
        s.sentences += 1
        if g.roots:
            s.with_event += 1
            s.silent += not emitted
        else:
            s.without_event += 1
            s.false_alarms += bool(emitted)
        left = list(g.roots)
        for r in emitted:
            if r in left:
                left.remove(r)
                s.tp += 1
            else:
                s.fp += 1
        s.fn += len(left)
        if left or len(emitted) > len(g.roots) - len(left):
            s.misses.append((g.where, g.roots, emitted))
        want = {ontology.action(r + "0").quad_class for r in g.roots}
        got = {ontology.action(r + "0").quad_class for r in emitted}
        for q in (1, 2, 3, 4):
            s.quad[q][0] += q in want and q in got
            s.quad[q][1] += q in got and q not in want
            s.quad[q][2] += q in want and q not in got
    return s


def report(name: str, s: SentenceScore) -> str:
    lines = [
        f"# {name}: sentence-level gold (event types only; actors and places not checked)",
        "",
        f"- sentences: {s.sentences} ({s.with_event} report an event, {s.without_event} none)",
        f"- silence (an event reported, none coded): {s.silence:.1%} ({s.silent})",
        f"- false alarms (none reported, one coded): {s.false_alarm_rate:.1%} ({s.false_alarms})",
        f"- CAMEO root, strict: P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}"
        f"  (tp {s.tp}, fp {s.fp}, fn {s.fn})",
        f"- QuadClass macro F1: {s.quad_macro_f1:.3f}",
        "",
    ]
    return "\n".join(lines)
