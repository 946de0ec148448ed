"""Score the coder on PLOVER gold-standard records (one sentence, one gold event each).

Format (``plover_gsr_dev.jsonl``, and users' own files in the same shape): ``id``, ``text``,
``source`` and ``target`` (lists of ``{actorText, code, sector}``; ``code`` a CAMEO country code or
an actor type such as IGO), ``plover`` (one of the 16 types), optional ``mode``.

For each sentence the coder's events are compared with the gold event:

- **type**: the sentence counts as found when some emitted event has the gold PLOVER type (one
  true positive at most per sentence); every other emitted event is a false positive for its type.
  Micro precision = true positives / events emitted; recall = true positives / sentences.
- **actors** (on sentences whose type was found): source and target country and sector agree with
  any of the gold actors. Old CAMEO country codes are mapped to ISO 3166 (JAP → JPN) and actor-type
  codes (IGO, NGO, IMG) compare with the sector of an actor with no country (IGO and NGO
  interchangeably: the records code some NGOs as IGO).
- **source+type+target recall**: sentences with an emitted event of the gold type whose source and
  (when the gold names one) target agree.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError
from eventwire.evaluate import confusion_table

CAMEO_TO_ISO = {
    "JAP": "JPN",
    "ROM": "ROU",
    "SAF": "ZAF",
    "ZAI": "COD",
    "BUL": "BGR",
    "DEN": "DNK",
    "GER": "DEU",
    "KOS": "XKX",
    "TMP": "TLS",
    "BAG": "IRQ",
}
ACTOR_TYPES = {"IGO": "IGO", "NGO": "NGO", "IMG": "REB", "MNC": "BUS", "UAF": "REB"}


@dataclass
class GoldSentence:
    id: str
    text: str
    plover: str
    source: list[dict[str, Any]]
    target: list[dict[str, Any]]
    mode: str | None = None


@dataclass
class Outcome:
    gold: GoldSentence
    emitted: list[dict[str, Any]]
    hit: dict[str, Any] | None  # the emitted event of the gold type, if any
    source_ok: bool = False
    target_ok: bool = False
    source_sector_ok: bool | None = None
    target_sector_ok: bool | None = None


@dataclass
class GsrScore:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def sentences(self) -> int:
        return len(self.outcomes)

    @property
    def emitted(self) -> int:
        return sum(len(o.emitted) for o in self.outcomes)

    @property
    def tp(self) -> int:
        return sum(o.hit is not None for o in self.outcomes)

    def precision(self) -> float:
        return self.tp / self.emitted if self.emitted else 0.0

    def recall(self) -> float:
        return self.tp / self.sentences if self.sentences else 0.0

    def f1(self) -> float:
        p, r = self.precision(), self.recall()
        return 2 * p * r / (p + r) if p + r else 0.0

    def per_type(self) -> dict[str, tuple[int, int, int]]:
        """type → (true positives, false positives, false negatives)."""
        tp: Counter[str] = Counter()
        fp: Counter[str] = Counter()
        fn: Counter[str] = Counter()
        for o in self.outcomes:
            if o.hit is not None:
                tp[o.gold.plover] += 1
            else:
                fn[o.gold.plover] += 1
            for e in o.emitted:
                if e is not o.hit:
                    fp[e["plover"]["type"] or "(none)"] += 1
        types = sorted(set(tp) | set(fp) | set(fn))
        return {t: (tp[t], fp[t], fn[t]) for t in types}

    def full_recall(self) -> float:
        ok = sum(o.hit is not None and o.source_ok and o.target_ok for o in self.outcomes)
        return ok / self.sentences if self.sentences else 0.0

    def actor_accuracy(self) -> dict[str, tuple[int, int]]:
        hits = [o for o in self.outcomes if o.hit is not None]
        out = {
            "source country": (sum(o.source_ok for o in hits), len(hits)),
            "target country": (sum(o.target_ok for o in hits), len(hits)),
        }
        for name, attr in (
            ("source sector", "source_sector_ok"),
            ("target sector", "target_sector_ok"),
        ):
            judged = [getattr(o, attr) for o in hits if getattr(o, attr) is not None]
            out[name] = (sum(judged), len(judged))
        return out

    def confusion(self) -> Counter[tuple[str, str]]:
        c: Counter[tuple[str, str]] = Counter()
        for o in self.outcomes:
            got = o.hit or (o.emitted[0] if o.emitted else None)
            c[(o.gold.plover, (got["plover"]["type"] or "(none)") if got else "(nothing)")] += 1
        return c


def load_gsr(path: Path) -> list[GoldSentence]:
    out = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            r = json.loads(line)
            out.append(
                GoldSentence(
                    str(r["id"]),
                    r["text"],
                    r["plover"],
                    _actors(r.get("source")),
                    _actors(r.get("target")),
                    r.get("mode"),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(f"{path}:{n}", f"is not a PLOVER gold record ({exc})") from exc
    return out


def is_gsr(path: Path) -> bool:
    """True when the file's first record looks like a PLOVER gold-standard record."""
    with path.open(encoding="utf-8") as f:
        first = f.readline()
    try:
        r = json.loads(first)
    except json.JSONDecodeError:
        return False
    return isinstance(r, dict) and "text" in r and "plover" in r


def _actors(v: Any) -> list[dict[str, Any]]:
    if isinstance(v, dict):
        return [v]
    return [a for a in v if isinstance(a, dict)] if isinstance(v, list) else []


def _gold_country(a: dict[str, Any]) -> str | None:
    code = str(a.get("code") or "")
    if code in ACTOR_TYPES:
        return None
    return CAMEO_TO_ISO.get(code, code) or None


def _side_ok(emitted: dict[str, Any] | None, gold: list[dict[str, Any]]) -> bool:
    if not gold:
        return True
    for g in gold:
        code = str(g.get("code") or "")
        if code in ACTOR_TYPES:
            # IGO and NGO both mean a transnational body with no country; the gold records use
            # IGO for some NGOs (Amnesty International), so either sector counts
            wanted = {"IGO", "NGO"} if code in ("IGO", "NGO") else {ACTOR_TYPES[code]}
            if emitted and emitted.get("country") is None and emitted.get("sector") in wanted:
                return True
        elif emitted and emitted.get("country") == _gold_country(g):
            return True
    return False


def _sector_ok(emitted: dict[str, Any] | None, gold: list[dict[str, Any]]) -> bool | None:
    sectors = {
        str(g["sector"])[:3] for g in gold if g.get("sector") and str(g["sector"])[:3] != "***"
    }
    if not sectors:
        return None
    return bool(emitted and emitted.get("sector") in sectors)


def score_gsr(
    gold: Iterable[GoldSentence], code: Callable[[str], list[dict[str, Any]]]
) -> GsrScore:
    score = GsrScore()
    for g in gold:
        emitted = code(g.text)
        same = [e for e in emitted if e["plover"]["type"] == g.plover]
        # the best event of the gold type: the one whose actors agree most
        hit = max(
            same,
            key=lambda e: (_side_ok(e["source"], g.source), _side_ok(e["target"], g.target)),
            default=None,
        )
        o = Outcome(g, emitted, hit)
        if hit is not None:
            o.source_ok = _side_ok(hit["source"], g.source)
            o.target_ok = _side_ok(hit["target"], g.target)
            o.source_sector_ok = _sector_ok(hit["source"], g.source)
            o.target_sector_ok = _sector_ok(hit["target"], g.target)
        score.outcomes.append(o)
    return score


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "n/a"


def _ev(e: dict[str, Any]) -> str:
    s, t = e.get("source") or {}, e.get("target") or {}
    return f"{s.get('code', '-')} {e['cameo']['code']} {e['plover']['type']} {t.get('code', '-')}"


def report_gsr(name: str, score: GsrScore, worst: int = 20) -> str:
    out = [
        f"# eventwire evaluation: {name} (PLOVER gold records)",
        "",
        f"- sentences: {score.sentences}; events emitted: {score.emitted} "
        f"({score.emitted / max(score.sentences, 1):.2f} per sentence)",
        f"- PLOVER type, micro: precision {score.precision():.3f}, recall {score.recall():.3f}, "
        f"**F1 {score.f1():.3f}**",
        f"- source+type+target recall: **{score.full_recall():.3f}**",
        "- CAMEO root accuracy: n/a (these records carry PLOVER types only)",
        "",
    ]
    out += ["| actor agreement (sentences with the type found) | |", "|---|---|"]
    out += [f"| {k} | {_pct(*v)} |" for k, v in score.actor_accuracy().items()]
    out += [
        "",
        "| PLOVER type | TP | FP | FN | precision | recall | F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for t, (tp, fp, fn) in score.per_type().items():
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out.append(f"| {t} | {tp} | {fp} | {fn} | {p:.2f} | {r:.2f} | {f:.2f} |")
    out += confusion_table(
        score.confusion(),
        "Confusion (rows gold, columns emitted: the matching event, else the first one):",
    )
    misses = [o for o in score.outcomes if o.hit is None or not (o.source_ok and o.target_ok)]
    misses.sort(key=lambda o: (o.hit is not None, -len(o.emitted)))
    out += ["", f"## The {min(worst, len(misses))} worst misses", ""]
    for o in misses[:worst]:
        g = o.gold
        gs = ",".join(str(a.get("code")) for a in g.source) or "-"
        gt = ",".join(str(a.get("code")) for a in g.target) or "-"
        got = "; ".join(_ev(e) for e in o.emitted) or "nothing"
        why = "type not found" if o.hit is None else "actors differ"
        out.append(f"- **{g.id}** ({why}) gold {gs} {g.plover} {gt}; emitted {got}\n  > {g.text}")
    return "\n".join(out) + "\n"
