"""Score the coder on PLOVER gold-standard records (one sentence, one gold event each), strictly.

Format (``plover_gsr_dev.jsonl``, and users' own files in the same shape): ``id``, ``text``,
``source`` and ``target`` (lists of ``{actorText, code, sector}``; ``code`` a CAMEO country code or
an actor type such as IGO), ``plover`` (one of the 16 types), optional ``mode`` and ``markup``.

For each sentence the coder's events are compared with the gold event:

- **type**: the sentence counts as found when some emitted event has the gold PLOVER type (one
  true positive at most per sentence); every other emitted event is a false positive for its type,
  a second event of the gold type included. Micro precision = true positives / events emitted;
  recall = true positives / sentences.
- **actors, strict** (on sentences whose type was found): a side is right when the emitted actor
  is one of the gold actors: the same country (old CAMEO codes mapped to ISO 3166: JAP → JPN) and,
  when the gold states a sector, the same sector (its first three letters; CIV = CVL, JRN = MED);
  an actor-type code (IGO, NGO, IMG, ...) means an actor with no country and that sector, and IGO
  and NGO are different. Where the gold names no actor on a side, an emitted actor there is wrong,
  except in records whose markup marks the actors SRC/TAR (each is source and target of the
  other): there the target must be one of them.
- **source+type+target recall, strict**: sentences with an emitted event of the gold type whose
  source and target are both right as above.
- a **lenient** view (countries only; a side the gold leaves empty not judged; IGO = NGO) is printed
  beside it, labelled.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire import ontology
from eventwire.errors import InputError
from eventwire.evaluate_report import confusion_table

CAMEO_TO_ISO = ontology.cameo_actor_codes("country")  # "GER" → "DEU"
ACTOR_TYPES = ontology.cameo_actor_codes("type")  # "IMG" → "REB"


@dataclass
class GoldSentence:
    id: str
    text: str
    plover: str
    source: list[dict[str, Any]]
    target: list[dict[str, Any]]
    mode: str | None = None
    symmetric: bool = False  # markup marks the actors SRC/TAR: each is the other's target


@dataclass
class Outcome:
    gold: GoldSentence
    emitted: list[dict[str, Any]]
    hit: dict[str, Any] | None  # the emitted event of the gold type, if any
    source_ok: bool = False
    target_ok: bool = False
    source_sector_ok: bool | None = None
    target_sector_ok: bool | None = None
    lenient_source_ok: bool = False
    lenient_target_ok: bool = False


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
        """Strict source+type+target recall."""
        ok = sum(o.hit is not None and o.source_ok and o.target_ok for o in self.outcomes)
        return ok / self.sentences if self.sentences else 0.0

    def lenient_full_recall(self) -> float:
        """LENIENT source+type+target recall (countries only, empty gold sides not judged)."""
        ok = sum(o.hit is not None and o.lenient_target_ok for o in self.outcomes)
        return ok / self.sentences if self.sentences else 0.0

    def actor_accuracy(self) -> dict[str, tuple[int, int]]:
        hits = [o for o in self.outcomes if o.hit is not None]
        out = {
            "source (country and sector, strict)": (sum(o.source_ok for o in hits), len(hits)),
            "target (country and sector, strict)": (sum(o.target_ok for o in hits), len(hits)),
        }
        for name, attr in (
            ("source sector", "source_sector_ok"),
            ("target sector", "target_sector_ok"),
        ):
            judged = [getattr(o, attr) for o in hits if getattr(o, attr) is not None]
            out[name] = (sum(judged), len(judged))
        return out

    def summary(self) -> dict[str, float]:
        """The strict figures as numbers (for the accuracy gate and JSON output)."""
        return {
            "type_precision": round(self.precision(), 4),
            "type_recall": round(self.recall(), 4),
            "type_f1": round(self.f1(), 4),
            "source_type_target_recall": round(self.full_recall(), 4),
            "sentences": self.sentences,
            "emitted": self.emitted,
        }

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
                    "SRC/TAR" in str(r.get("markup") or ""),
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


SECTOR_SYNONYMS = {"CIV": "CVL", "JRN": "MED"}  # old spellings of the same sector


def _gold_sector(a: dict[str, Any]) -> str | None:
    """The sector a gold actor states (first three letters), or None when it states none."""
    code = str(a.get("code") or "")
    if code in ACTOR_TYPES:
        return ACTOR_TYPES[code]
    sector = str(a.get("sector") or "")[:3]
    if not sector or sector == "***":
        return None
    return SECTOR_SYNONYMS.get(sector, sector)


def _actor_ok(emitted: dict[str, Any] | None, g: dict[str, Any]) -> bool:
    if emitted is None or emitted.get("country") != _gold_country(g):
        return False
    sector = _gold_sector(g)
    return sector is None or emitted.get("sector") == sector


def _gold_side(g: GoldSentence, side: str) -> list[dict[str, Any]]:
    if side == "target" and not g.target and g.symmetric:
        return g.source
    return g.source if side == "source" else g.target


def _side_ok(emitted: dict[str, Any] | None, gold: list[dict[str, Any]]) -> bool:
    """Strict: the emitted actor is one of the gold actors; no gold actor means none emitted."""
    if not gold:
        return emitted is None
    return any(_actor_ok(emitted, g) for g in gold)


def _lenient_side_ok(emitted: dict[str, Any] | None, gold: list[dict[str, Any]]) -> bool:
    """LENIENT (earlier versions' rule): countries only, an empty gold side not judged, IGO = NGO."""
    if not gold:
        return True
    for g in gold:
        code = str(g.get("code") or "")
        if code in ACTOR_TYPES:
            wanted = {"IGO", "NGO"} if code in ("IGO", "NGO") else {ACTOR_TYPES[code]}
            if emitted and emitted.get("country") is None and emitted.get("sector") in wanted:
                return True
        elif emitted and emitted.get("country") == _gold_country(g):
            return True
    return False


def _sector_ok(emitted: dict[str, Any] | None, gold: list[dict[str, Any]]) -> bool | None:
    sectors = {s for s in (_gold_sector(g) for g in gold) if s is not None}
    if not sectors:
        return None
    return bool(emitted and emitted.get("sector") in sectors)


def score_gsr(
    gold: Iterable[GoldSentence], code: Callable[[str], list[dict[str, Any]]]
) -> GsrScore:
    score = GsrScore()
    for g in gold:
        emitted = code(g.text)
        src, tgt = _gold_side(g, "source"), _gold_side(g, "target")
        same = [e for e in emitted if e["plover"]["type"] == g.plover]
        # the best event of the gold type: the one whose actors agree most
        hit = max(
            same,
            key=lambda e: (_side_ok(e["source"], src), _side_ok(e["target"], tgt)),
            default=None,
        )
        o = Outcome(g, emitted, hit)
        if hit is not None:
            o.source_ok = _side_ok(hit["source"], src)
            o.target_ok = _side_ok(hit["target"], tgt)
            o.source_sector_ok = _sector_ok(hit["source"], src)
            o.target_sector_ok = _sector_ok(hit["target"], tgt)
            o.lenient_source_ok = any(_lenient_side_ok(e["source"], g.source) for e in same)
            o.lenient_target_ok = any(
                _lenient_side_ok(e["source"], g.source) and _lenient_side_ok(e["target"], g.target)
                for e in same
            )
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
        f"- source+type+target recall, strict: **{score.full_recall():.3f}**",
        f"- lenient view (countries only, empty gold sides not judged, IGO = NGO; LENIENT, not "
        f"the score): source+type+target recall {score.lenient_full_recall():.3f}",
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
