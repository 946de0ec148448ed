"""Score coded events against whole-article gold files (seed format), strictly.

Seed format: ``NAME.expected.jsonl`` beside the article ``NAME.txt`` and ``NAME.meta.json``; one
gold event a line. **Every field a gold line states is checked** (``field_checks``): the CAMEO code
(``cameo_any``), root and PLOVER type, PLOVER mode, source and target country and sector (a side
given as ``null`` means "no actor": an emitted actor there is wrong), date and date precision, the
historical flag, the location down to the level the gold gives (country, admin1, city; ``null``
means "no place"), killed and injured. A field the gold leaves out is not judged.

Scoring an article:

- an emitted event **matches** a gold line when every stated field agrees; each gold line takes
  one event (required lines first, then file order);
- an unmatched event that reports a taken gold line (same kind of act and an evidence line, or
  every field) is a **duplicate**; one that reports a gold line no event matched is
  **mismatched** (the event was found, some field is wrong); any other is an **extra**;
- an emitted event that fits a pattern of the meta file's ``must_not`` list is a **must-not**
  error (counted whatever else it is).

Precision is matched events / emitted events; recall is matched required lines / required lines.
The lenient view of earlier versions (countries, CAMEO root, PLOVER type, date and location
country only) is computed too and always labelled lenient.
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventwire.errors import InputError

Event = dict[str, Any]
Gold = dict[str, Any]

# The fields a gold line may state, in report order.
FIELDS = (
    "CAMEO code",
    "CAMEO root",
    "PLOVER type",
    "PLOVER mode",
    "source country",
    "source sector",
    "target country",
    "target sector",
    "date",
    "date precision",
    "historical",
    "location country",
    "location admin1",
    "location city",
    "killed",
    "injured",
)
_GOLD_KEYS = {
    "id", "required", "source", "target", "action", "date", "date_any", "date_precision",
    "date_precision_any", "historical", "location", "killed", "injured", "evidence_lines", "note",
}  # fmt: skip
_SIDE_KEYS = {"country", "country_any", "sector_any", "names", "note"}
_ACTION_KEYS = {
    "cameo_any", "cameo_root", "cameo_root_any", "plover", "plover_any", "plover_mode_any", "note",
}  # fmt: skip
_LOCATION_KEYS = {"country", "admin1", "admin1_any", "city", "city_any", "note"}
_PATTERN_KEYS = {"source", "target", "action", "date_any", "historical", "evidence_lines"}
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
# Words that name the kind of first-level division, dropped before place names are compared
# ("Sagaing Region" and "Sagaing" are one place).
_ADMIN_WORDS = {"region", "province", "state", "governorate", "oblast", "district", "division"}


@dataclass
class MustNot:
    what: str
    pattern: Gold | None  # None: a note in words only, which this scorer cannot check
    checked_by: str = ""  # where no pattern: which other count checks it (e.g. duplicates)


@dataclass
class GoldArticle:
    text_path: Path
    published: dt.date | None
    gold: list[Gold]
    must_not: list[MustNot] = field(default_factory=list)


@dataclass
class ArticleScore:
    name: str
    gold: list[Gold]
    emitted: int
    matches: dict[str, str]  # gold id → event id
    duplicates: list[Event]
    mismatched: list[tuple[Gold, Event]]  # gold line found, some stated field wrong
    extras: list[Event]
    must_not_hits: list[tuple[MustNot, Event]]
    must_not_unchecked: int
    pairs: list[tuple[Gold, Event | None]]  # each required line and the event that reports it
    lenient_required_matched: int
    lenient_extras: int
    lines: list[str] = field(default_factory=list)  # the article's lines, for the report

    @property
    def required(self) -> int:
        return sum(_required(g) for g in self.gold)

    @property
    def required_matched(self) -> int:
        return sum(_required(g) and g["id"] in self.matches for g in self.gold)

    @property
    def optional_matched(self) -> int:
        return sum(not _required(g) and g["id"] in self.matches for g in self.gold)

    @property
    def missed(self) -> list[Gold]:
        return [g for g in self.gold if _required(g) and g["id"] not in self.matches]


@dataclass
class Totals:
    """Figures over many articles: strict first, lenient labelled."""

    required: int
    required_matched: int
    emitted: int
    matched: int
    duplicates: int
    mismatched: int
    extras: int
    must_not: int
    must_not_unchecked: int
    lenient_required_matched: int
    lenient_extras: int

    @property
    def precision(self) -> float:
        return self.matched / self.emitted if self.emitted else 1.0

    @property
    def recall(self) -> float:
        return self.required_matched / self.required if self.required else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def totals(scores: Iterable[ArticleScore]) -> Totals:
    scores = list(scores)
    return Totals(
        required=sum(s.required for s in scores),
        required_matched=sum(s.required_matched for s in scores),
        emitted=sum(s.emitted for s in scores),
        matched=sum(len(s.matches) for s in scores),
        duplicates=sum(len(s.duplicates) for s in scores),
        mismatched=sum(len(s.mismatched) for s in scores),
        extras=sum(len(s.extras) for s in scores),
        must_not=sum(len(s.must_not_hits) for s in scores),
        must_not_unchecked=sum(s.must_not_unchecked for s in scores),
        lenient_required_matched=sum(s.lenient_required_matched for s in scores),
        lenient_extras=sum(s.lenient_extras for s in scores),
    )


# -- loading and validating gold ---------------------------------------------------------------


def _required(g: Gold) -> bool:
    return bool(g.get("required", True))


def _check_keys(where: str, obj: Any, allowed: set[str], what: str) -> None:
    if obj is None:
        return
    if not isinstance(obj, dict):
        raise InputError(where, f"{what} must be an object or null, not {type(obj).__name__}")
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise InputError(
            where, f"unknown {what} field(s) {', '.join(unknown)}", f"known: {sorted(allowed)}"
        )


def validate_gold_line(where: str, g: Any, *, pattern: bool = False) -> None:
    """Raise InputError naming ``where`` for a gold line (or must_not pattern) this scorer would
    misread: unknown fields, unknown CAMEO codes or PLOVER types."""
    from eventwire.ontology import cameo_table, crosswalk, plover_types

    if not isinstance(g, dict):
        raise InputError(where, "is not a JSON object")
    _check_keys(where, g, _PATTERN_KEYS if pattern else _GOLD_KEYS, "gold")
    if not pattern and "id" not in g:
        raise InputError(where, "has no id")
    if not pattern and not isinstance(g.get("evidence_lines", []), list):
        raise InputError(where, "evidence_lines must be a list of line numbers")
    for side in ("source", "target"):
        _check_keys(f"{where} {side}", g.get(side), _SIDE_KEYS, side)
    act = g.get("action") or {}
    _check_keys(f"{where} action", act, _ACTION_KEYS, "action")
    table = cameo_table()
    for code in act.get("cameo_any") or []:
        if str(code) not in table:
            raise InputError(f"{where} action.cameo_any", f"{code!r} is not a CAMEO code")
    for t in [act.get("plover")] + list(act.get("plover_any") or []):
        if t is not None and t not in PLOVER_TYPES:
            raise InputError(f"{where} action", f"{t!r} is not one of the 16 PLOVER types")
    modes = {m for t in plover_types().values() for m in t.get("modes", [])}
    modes |= {m for _, m in crosswalk().values() if m}
    for mode in act.get("plover_mode_any") or []:
        if mode is not None and mode not in modes:
            raise InputError(f"{where} action.plover_mode_any", f"{mode!r} is not a PLOVER mode")
    if not pattern:
        _check_keys(f"{where} location", g.get("location"), _LOCATION_KEYS, "location")
    elif not g:
        raise InputError(where, "an empty must_not pattern would match every event")


def load_seed_gold(expected: Path) -> GoldArticle:
    """Read a seed-format gold file, validate it, and find its article and metadata beside it."""
    stem = expected.name.removesuffix(".expected.jsonl")
    text = expected.with_name(stem + ".txt")
    meta = expected.with_name(stem + ".meta.json")
    if not text.exists():
        raise InputError(str(expected), f"no article text beside it (looked for {text.name})")
    gold: list[Gold] = []
    for n, line in enumerate(expected.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            g = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{expected}:{n}", f"is not valid JSON ({exc.msg})") from exc
        validate_gold_line(f"{expected}:{n}", g)
        gold.append(g)
    ids = [g["id"] for g in gold]
    if len(ids) != len(set(ids)):
        raise InputError(str(expected), "gold ids are not unique")
    published: dt.date | None = None
    must_not: list[MustNot] = []
    if meta.exists():
        try:
            m = json.loads(meta.read_text(encoding="utf-8"))
            published = dt.date.fromisoformat(m["published"]) if m.get("published") else None
        except (json.JSONDecodeError, ValueError) as exc:
            raise InputError(str(meta), f"cannot be read ({exc})") from exc
        for i, x in enumerate(m.get("must_not", []), start=1):
            where = f"{meta} must_not[{i}]"
            _check_keys(where, x, {"what", "event", "checked_by"}, "must_not")
            pattern = x.get("event")
            if pattern is not None:
                validate_gold_line(f"{where}.event", pattern, pattern=True)
            must_not.append(MustNot(str(x.get("what", "")), pattern, str(x.get("checked_by", ""))))
    return GoldArticle(text, published, gold, must_not)


# -- field by field ----------------------------------------------------------------------------


def _norm_place(name: Any) -> str:
    text = unicodedata.normalize("NFKD", str(name or "")).encode("ascii", "ignore").decode()
    words = [w for w in text.casefold().replace("-", " ").split() if w not in _ADMIN_WORDS]
    return " ".join(words)


def _accepts(value: Any, spec: dict[str, Any], one: str, many: str) -> bool | None:
    """None when ``spec`` states neither ``one`` nor ``many``; else whether ``value`` is accepted."""
    if many in spec and spec[many] is not None:
        return value in spec[many]
    if one in spec:
        return bool(value == spec[one])
    return None


def _side_checks(event: Event, gold: Gold, side: str) -> dict[str, bool]:
    if side not in gold:
        return {}
    want, got = gold[side], event.get(side)
    if want is None:  # the gold says: no actor on this side
        return {f"{side} country": got is None, f"{side} sector": got is None}
    got = got or {}
    out: dict[str, bool] = {}
    country = _accepts(got.get("country"), want, "country", "country_any")
    if country is not None:
        out[f"{side} country"] = country
    sector = _accepts(got.get("sector"), want, "sector", "sector_any")
    if sector is not None:
        out[f"{side} sector"] = sector
    return out


def _action_checks(event: Event, gold: Gold) -> dict[str, bool]:
    act = gold.get("action") or {}
    cameo, plover = event.get("cameo") or {}, event.get("plover") or {}
    checks = {
        "CAMEO code": _accepts(cameo.get("code"), act, "cameo", "cameo_any"),
        "CAMEO root": _accepts(cameo.get("root"), act, "cameo_root", "cameo_root_any"),
        "PLOVER type": _accepts(plover.get("type"), act, "plover", "plover_any"),
        "PLOVER mode": _accepts(plover.get("mode"), act, "plover_mode", "plover_mode_any"),
    }
    return {k: v for k, v in checks.items() if v is not None}


def _when_checks(event: Event, gold: Gold) -> dict[str, bool]:
    out: dict[str, bool] = {}
    if gold.get("date_any") is not None:
        out["date"] = event.get("date") in gold["date_any"]
    elif gold.get("date") is not None:
        out["date"] = event.get("date") == gold["date"]
    precision = _accepts(event.get("date_precision"), gold, "date_precision", "date_precision_any")
    if precision is not None and gold.get("date_precision") != "none":
        out["date precision"] = precision
    if gold.get("historical") is not None:
        out["historical"] = bool(event.get("historical")) == bool(gold["historical"])
    return out


def _where_checks(event: Event, gold: Gold) -> dict[str, bool]:
    if "location" not in gold:
        return {}
    want, got = gold["location"], event.get("location")
    if not want:
        return {"location country": got is None}
    got = got or {}
    out = {}
    if "country" in want:
        out["location country"] = got.get("country") == want["country"]
    for level in ("admin1", "city"):
        names = want.get(f"{level}_any") or ([want[level]] if want.get(level) else [])
        if names:
            out[f"location {level}"] = _norm_place(got.get(level)) in {_norm_place(n) for n in names}
    return out


def field_checks(event: Event, gold: Gold) -> dict[str, bool]:
    """Every field the gold line (or must_not pattern) states → whether the event agrees."""
    out = _action_checks(event, gold)
    out |= _side_checks(event, gold, "source") | _side_checks(event, gold, "target")
    out |= _when_checks(event, gold) | _where_checks(event, gold)
    for count in ("killed", "injured"):
        if count in gold:
            out[count] = event.get(count) == gold[count]
    return out


def matches(event: Event, gold: Gold) -> bool:
    """Strict: every field the gold line states agrees."""
    return all(field_checks(event, gold).values())


_LENIENT_FIELDS = {
    "source country", "target country", "CAMEO root", "PLOVER type", "date", "location country",
}  # fmt: skip


def lenient_matches(event: Event, gold: Gold) -> bool:
    """LENIENT (the rule of earlier versions, printed beside the strict figures and labelled):
    source and target country, CAMEO root, PLOVER type, date and location country only; a
    ``null`` location or side in the gold is not judged."""
    checks = field_checks(event, gold)
    if not gold.get("location"):
        checks.pop("location country", None)
    for side in ("source", "target"):
        if side in gold and gold[side] is None:
            checks.pop(f"{side} country", None)
    return all(v for k, v in checks.items() if k in _LENIENT_FIELDS)


def _event_lines(event: Event) -> set[int]:
    return {int(m["line"]) for m in event.get("mentions") or [] if m.get("line") is not None}


def reports(event: Event, gold: Gold) -> bool:
    """The event reports the gold line's event: the same kind of act (PLOVER type, or CAMEO root
    where the gold states no type) and, when the gold names evidence lines, a mention on one."""
    checks = _action_checks(event, gold)
    kind = checks.get("PLOVER type", checks.get("CAMEO root", True))
    lines = set(gold.get("evidence_lines") or [])
    return kind and (not lines or bool(lines & _event_lines(event)))


def violates(event: Event, rule: MustNot) -> bool:
    """The event fits a must_not pattern: every field it states, and one of its evidence lines."""
    if rule.pattern is None:
        return False
    lines = set(rule.pattern.get("evidence_lines") or [])
    if lines and not lines & _event_lines(event):
        return False
    return matches(event, rule.pattern)


# -- scoring -----------------------------------------------------------------------------------


def _assign(
    events: list[Event], gold: list[Gold], ok: Callable[[Event, Gold], bool]
) -> tuple[dict[str, str], list[Event]]:
    """Each event takes the first free gold line it fits (required lines first, then file
    order); returns gold id → event id, and the events that took no line."""
    order = sorted(gold, key=lambda g: (not _required(g), gold.index(g)))
    taken: dict[str, str] = {}
    left = []
    for ev in events:
        g = next((g for g in order if g["id"] not in taken and ok(ev, g)), None)
        if g is None:
            left.append(ev)
        else:
            taken[g["id"]] = ev["event_id"]
    return taken, left


def _agreement(event: Event, gold: Gold) -> int:
    return sum(field_checks(event, gold).values())


def score_article(
    name: str,
    events: Iterable[Event],
    gold: list[Gold],
    text: str = "",
    must_not: Iterable[MustNot] = (),
) -> ArticleScore:
    events = list(events)
    must_not = list(must_not)
    taken, left = _assign(events, gold, matches)
    by_id = {e["event_id"]: e for e in events}
    duplicates: list[Event] = []
    mismatched: list[tuple[Gold, Event]] = []
    extras: list[Event] = []
    for ev in left:
        near = [g for g in gold if reports(ev, g) or matches(ev, g)]
        found_ids = {g["id"] for g, _ in mismatched}
        free = [g for g in near if g["id"] not in taken and g["id"] not in found_ids]
        if free:  # the event reports a gold event no other event took: some field is wrong
            mismatched.append((max(free, key=lambda g: _agreement(ev, g)), ev))
        elif near:  # every gold event it reports already has its record
            duplicates.append(ev)
        else:
            extras.append(ev)
    found = {g["id"]: e for g, e in mismatched}
    pairs = [
        (g, by_id[taken[g["id"]]] if g["id"] in taken else found.get(g["id"]))
        for g in gold
        if _required(g)
    ]
    lenient, lenient_left = _assign(events, gold, lenient_matches)
    return ArticleScore(
        name=name,
        gold=gold,
        emitted=len(events),
        matches=taken,
        duplicates=duplicates,
        mismatched=mismatched,
        extras=extras,
        must_not_hits=[(r, e) for e in events for r in must_not if violates(e, r)],
        must_not_unchecked=sum(r.pattern is None and not r.checked_by for r in must_not),
        pairs=pairs,
        lenient_required_matched=sum(_required(g) and g["id"] in lenient for g in gold),
        lenient_extras=sum(not any(lenient_matches(e, g) for g in gold) for e in lenient_left),
        lines=text.split("\n"),
    )


def field_agreement(scores: Iterable[ArticleScore]) -> dict[str, tuple[int, int]]:
    """Per field: (right, stated) over required gold lines paired with an emitted event."""
    out = {f: [0, 0] for f in FIELDS}
    for s in scores:
        for g, e in s.pairs:
            if e is None:
                continue
            for f, ok in field_checks(e, g).items():
                out[f][0] += ok
                out[f][1] += 1
    return {f: (a, b) for f, (a, b) in out.items() if b}


def score_seed_files(
    files: Iterable[Path], code: Callable[[str, dt.date | None, str], list[Event]]
) -> list[ArticleScore]:
    """Score each gold file's article: ``code(text, published, origin)`` returns event records."""
    scores = []
    for f in files:
        ga = load_seed_gold(f)
        text = ga.text_path.read_text(encoding="utf-8")
        records = code(text, ga.published, str(ga.text_path))
        scores.append(score_article(ga.text_path.name, records, ga.gold, text, ga.must_not))
    return scores
