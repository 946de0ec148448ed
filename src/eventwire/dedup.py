"""Event identity: which reports are one real-world event. One rule, :func:`same_event`, decides
it everywhere: between two sentences of one article (:func:`group_article`) and between the
reports of different articles in the store (:func:`cluster`). Both sides are first put in one
form, a :class:`Report`, and the rule returns the evidence of its decision (why two reports were
joined), which the store keeps with the event.

Two reports are one event when they have
- the same kind of act: the CAMEO base code for verbal acts (a criticism and an official
  complaint are two acts), the PLOVER type for material ones ("strikes", "attacks" and
  "destroyed" in one article often report one operation);
- compatible sources (required) and targets (optional): the same country, whatever part of its
  state acts (government, army, police, capital: "Tehran" and "Iran's army" are one side), but
  never a state organ and an armed group of that country; a named group without a country and
  the same group placed in one; the same group under its spellings ("Jaish al-Adl", "Jaysh
  al-Adl"); the dictionary's aliases share one canonical name;
- compatible dates: within one article, an undated sentence inherits the article's event; two
  explicit dates must be equal in one article and within the window (default 1 day) across
  articles; a date known only from publication may be up to ``LAG_DAYS`` after the event;
- compatible places: the same country, and the same first-level division where both name one
  (Panjgur, a city of Balochistan, is compatible with Balochistan).

Across articles the store clusters reports by :func:`cluster`: reports sorted by publication
date and id, each joining the first cluster all of whose members it matches (complete link, so
a vague report cannot chain two events together). The result depends only on the set of
reports, not on the order or batching of ingest, and an event's id is the id of its founding
report (the earliest published, then the smallest id), so it is stable under re-ingest in any
order and changes only if an earlier report of the event arrives later.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from eventwire.model import Actor, Event, Mention, Place, When

LAG_DAYS = 3  # how long after an event a report dated only by its publication may appear
_PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "article": 1, "none": 0}
_STATE = {"GOV", "MIL", "COP", "SPY", "JUD", "LEG"}  # organs of one state: one side
_ARMED = {"REB", "INS", "SEP", "UAF"}  # armed groups against a state
_ARTICLES = {"al", "el", "ul", "ad", "ar", "as", "an", "at", "az", "the", "of"}


@dataclass(frozen=True)
class Side:
    """What the rule reads of an actor."""

    country: str | None
    sector: str | None
    name: str  # a spelling-blind key of its canonical name
    label: str  # for the evidence: the actor's code or name


@dataclass(frozen=True)
class Report:
    """What the rule reads of a sentence's mention or of one article's event."""

    kind: str
    verbal: bool  # a statement (QuadClass 1 or 3): where it was said is not compared
    code: str  # its CAMEO base code (3 digits): a statement's must agree unless one is generic
    mode: str | None  # the PLOVER mode, where it names a distinct act (arrest or curfew)
    source: Side | None
    target: Side | None
    date: str | None
    precision: str
    historical: bool
    country: str | None  # where: from the event's own clause, else None
    admin1: str | None
    article_id: str
    anchor: str | None  # an undated report's article's news day: the day its lead gives
    headline: bool = False  # told in the article's first line, which sums up its lead


@lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """A key that spelling and transliteration variants of a name share: lowercase letters,
    the Arabic article and "the"/"of" dropped, a plural s dropped, vowels, y and w dropped,
    doubled letters single."""
    flat = unicodedata.normalize("NFKD", name.lower())
    words = [w for w in re.split(r"[^a-z]+", flat) if w and w not in _ARTICLES]
    out = []
    for w in words:
        w = w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        skel = re.sub(r"[aeiouyw]", "", w) or w
        out.append(re.sub(r"(.)\1+", r"\1", skel))
    return " ".join(out)


def side_of(actor: Actor | dict[str, Any] | None) -> Side | None:
    if actor is None or actor == {}:
        return None
    if isinstance(actor, Actor):
        country, sector, name = actor.country, actor.sector, actor.name
    else:
        country, sector, name = actor.get("country"), actor.get("sector"), actor.get("name") or ""
    label = f"{country or ''}{sector or ''}" or name
    return Side(country, sector, name_key(name), label)


def mention_kind(m: Mention) -> str:
    if m.action.quad_class in (1, 3):
        return m.action.cameo[:2]
    return m.action.plover_type or m.action.root


def record_kind(rec: dict[str, Any]) -> str:
    if rec["cameo"]["quad_class"] in (1, 3):
        return str(rec["cameo"]["code"])[:2]
    return str(rec["plover"]["type"] or rec["cameo"]["root"])


_MODE_KINDS = {"COERCE", "SANCTION", "RETREAT"}  # types whose modes are different acts


def _mode(kind: str, mode: str | None) -> str | None:
    return mode if kind in _MODE_KINDS else None


def report_of_mention(m: Mention, anchor: str | None = None) -> Report:
    place = m.place if m.place is not None and m.place.basis == "clause" else None
    kind = mention_kind(m)
    return Report(
        kind=kind,
        verbal=m.action.quad_class in (1, 3),
        code=m.action.cameo[:3],
        mode=_mode(kind, m.action.plover_mode),
        source=side_of(m.source),
        target=side_of(m.target),
        date=m.when.date,
        precision=m.when.precision,
        historical=m.when.historical,
        country=place.country if place else None,
        admin1=place.admin1 if place else None,
        article_id=m.article_id,
        anchor=anchor,
        headline=m.line == 1,
    )


def report_of_record(rec: dict[str, Any]) -> Report:
    """The report of one article's event record (a unit of :func:`cluster`)."""
    loc = rec.get("location") or {}
    if loc.get("basis", "clause") != "clause":
        loc = {}
    kind = record_kind(rec)
    return Report(
        kind=kind,
        verbal=rec["cameo"]["quad_class"] in (1, 3),
        code=str(rec["cameo"]["code"])[:3],
        mode=_mode(kind, (rec.get("plover") or {}).get("mode")),
        source=side_of(rec.get("source")),
        target=side_of(rec.get("target")),
        date=rec.get("date"),
        precision=str(rec.get("date_precision") or "none"),
        historical=bool(rec.get("historical")),
        country=loc.get("country"),
        admin1=loc.get("admin1"),
        article_id=str(rec.get("article_id") or ""),
        anchor=None,
    )


# -- the rule ---------------------------------------------------------------------------------------
def _sides(a: Side | None, b: Side | None, required: bool, role: str) -> str | None:
    """Why two actors can be one side, or None when they cannot (a missing actor where one is
    ``required``)."""
    if a is None or b is None:
        known = a or b
        return None if required else f"{role}: {known.label if known else 'none'} / none"
    if a.country and b.country:
        if a.country != b.country:
            return None
        sa, sb = a.sector, b.sector
        if sa and sb and sa != sb and ({sa, sb} & _STATE) and ({sa, sb} & _ARMED):
            return None  # the state and an armed group of one country
        why = "same country"
    elif a.name and a.name == b.name:
        why = "same name"
    elif (a.country is None) != (b.country is None) and a.sector and a.sector == b.sector:
        why = "same sector, one without country"
    elif a.country is None and b.country is None and a.sector and a.sector == b.sector:
        why = "same sector"
    elif role == "target" and (a.country is None) != (b.country is None):
        why = "a target without country"  # "militants" and "Iraq"
    else:
        return None
    return f"{role}: {a.label} ~ {b.label} ({why})"


def _day(date: str | None) -> dt.date | None:
    if date and len(date) == 10:
        try:
            return dt.date.fromisoformat(date)
        except ValueError:
            return None
    return None


def _dates(a: Report, b: Report, window_days: int) -> str | None:
    if a.historical != b.historical:
        return None
    one_article = a.article_id == b.article_id
    if a.precision == "article" or b.precision == "article":
        da, db = _day(a.date), _day(b.date)
        if da is None or db is None:
            return None
        if a.precision == "article" and b.precision == "article":
            gap = abs((da - db).days)
            if one_article:
                return "date: undated sentences of one article"
            return f"date: published {gap} day(s) apart" if gap <= window_days else None
        undated = a if a.precision == "article" else b
        pub, day = (da, db) if undated is a else (db, da)
        if 0 <= (pub - day).days <= LAG_DAYS:
            return f"date: {day}, reported undated on {pub}"
        lead = _day(undated.anchor)
        if one_article and lead == day:  # the lead says when the article's news happened
            return f"date: {day}, the day the article's lead gives"
        return None
    if a.date is None or b.date is None:
        return "date: none" if a.date == b.date else None
    da, db = _day(a.date), _day(b.date)
    if da is not None and db is not None:
        gap = abs((da - db).days)
        if gap == 0:
            return f"date: {da}"
        return f"date: {da} ~ {db}" if not one_article and gap <= window_days else None
    n = min(len(a.date), len(b.date))
    return f"date: {a.date} ~ {b.date}" if a.date[:n] == b.date[:n] else None


def _places(a: Report, b: Report) -> str | None:
    if a.verbal:
        return "place: not compared for statements"
    if a.country and b.country:
        if a.country != b.country:
            return None
        if a.admin1 and b.admin1:
            ka, kb = name_key(a.admin1), name_key(b.admin1)
            if not (ka.startswith(kb) or kb.startswith(ka)):  # "Duhok" and "Dahuk" are one
                return None
            return f"place: {a.admin1}, {a.country}"
        return f"place: {a.country}"
    return "place: one unknown"


def _named(reason: str) -> bool:
    """Whether two actors were matched on who they are (a country or a name), not a sector."""
    return reason.endswith(("(same country)", "(same name)"))


def _placed(reason: str) -> bool:
    return reason.startswith("place: ") and reason not in (
        "place: one unknown",
        "place: not compared for statements",
    )


def same_event(a: Report, b: Report, window_days: int = 1) -> tuple[str, ...] | None:
    """Whether two reports are of one real event: the reasons if they are, None if not."""
    if a.kind != b.kind or (a.mode and b.mode and a.mode != b.mode):
        return None
    if a.verbal and a.code != b.code and not (a.code.endswith("0") or b.code.endswith("0")):
        return None  # a condemnation (111) and an official protest (114) are two statements
    when = _dates(a, b, window_days)  # first: the test that most pairs fail
    if when is None:
        return None
    src = _sides(a.source, b.source, required=True, role="source")
    if src is None and _headline_without_doer(a, b):
        known = a.source or b.source
        src = f"source: {known.label if known else 'none'} / none (a headline names no doer)"
    if src is None:
        return None
    tgt = _sides(a.target, b.target, required=False, role="target")
    if tgt is None:
        return None
    where = _places(a, b)
    if where is None:
        return None
    if a.article_id != b.article_id and not _named(src) and not (_named(tgt) or _placed(where)):
        return None  # "militants" here and "terrorists" there: a sector alone needs more to go on
    kind = f"kind: {a.kind}" if not a.verbal else f"kind: CAMEO {a.code} ~ {b.code}"
    return (kind, src, tgt, when, where)


def _headline_without_doer(a: Report, b: Report) -> bool:
    """'Soldiers killed in ambush in Poonch' above 'Militants ambushed two army vehicles in Poonch,
    killing four soldiers': a headline that names no doer sums up the act its article tells with
    one; within one article, and only a material act that both name the target of, which must
    still agree in kind, date, target and place."""
    one = a.article_id == b.article_id and not a.verbal
    named = a.target is not None and b.target is not None  # both say whom it befell
    return (
        one and named and ((a.headline and a.source is None) or (b.headline and b.source is None))
    )


# -- within an article ------------------------------------------------------------------------------
def _best_actor(actors: list[Actor | None]) -> Actor | None:
    present = [a for a in actors if a is not None]
    if not present:
        return None
    return max(
        present,
        key=lambda a: (
            a.country is not None,
            a.sector is not None,
            a.rule.startswith("actors.yaml"),  # a named actor over a description
            -present.index(a),
        ),
    )


def _best_when(mentions: list[Mention]) -> When:
    return max((m.when for m in mentions), key=lambda w: _PRECISION_RANK.get(w.precision, 0))


def _best_place(mentions: list[Mention]) -> Place | None:
    places = [m.place for m in mentions if m.place is not None]
    if not places:
        return None
    return max(places, key=lambda p: (p.rank, p.lat is not None))


def _max(values: Sequence[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def event_id(mentions: list[Mention]) -> str:
    """A content hash of the evidence: same mentions, same id."""
    key = json.dumps(
        sorted((m.article_id, m.sentence_start, m.spans.get("action")) for m in mentions)
    )
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def build_event(mentions: list[Mention]) -> Event:
    primary = [m for m in mentions if m.refers_to is None] or mentions
    roots = Counter(m.action.root for m in primary)
    top = roots.most_common(1)[0][0]
    action = max(
        (m.action for m in primary if m.action.root == top),
        key=lambda a: (len(a.cameo), not a.cameo.endswith("0")),
    )
    return Event(
        event_id=event_id(mentions),
        source=_best_actor([m.source for m in primary]),
        target=_best_actor([m.target for m in primary]),
        action=action,
        when=_best_when(mentions),
        place=_best_place(mentions),
        killed=_max([m.killed for m in mentions]),
        injured=_max([m.injured for m in mentions]),
        mentions=tuple(mentions),
    )


def lead_date(mentions: list[Mention]) -> str | None:
    """The day an article's news happened, as its headline or lead (lines 1 and 2) gives it:
    the first day-precision date there that is not historical. Undated sentences of the article
    may tell of that day even when it is days before publication."""
    for m in mentions:
        if m.line <= 2 and m.when.precision == "day" and not m.when.historical:
            return m.when.date
    return None


def group_article(mentions: list[Mention]) -> list[Event]:
    """One article's mentions as events, in order of first mention. A mention joins the first
    group each of whose (non-anaphoric) members reports the same event; a mention that points
    back to an earlier one ("The strikes killed two children") joins that one's group."""
    groups: list[list[Mention]] = []
    kinds: list[dict[Report, Report]] = []  # per group: its distinct reports
    where: dict[int, int] = {}
    anchor = lead_date(mentions)
    for i, m in enumerate(mentions):
        rep = report_of_mention(m, anchor)
        if m.refers_to is not None and m.refers_to in where:
            g = where[m.refers_to]
        else:
            g = next(
                (
                    j
                    for j, members in enumerate(kinds)
                    if all(same_event(x, rep) is not None for x in members)
                ),
                -1,
            )
            if g < 0:
                groups.append([])
                kinds.append({})
                g = len(groups) - 1
        groups[g].append(m)
        if m.refers_to is None:
            kinds[g].setdefault(rep, rep)
        where[i] = g
    return [build_event(g) for g in groups]


# -- across articles --------------------------------------------------------------------------------
# The store keeps each event's reports (one per article: that article's event record, without
# its mentions, which stay in the event's list tagged with their report's id). Clustering reads
# reports only, so merging an event again from its reports gives the same record.

UNIT_FIELDS = (
    "report_id", "article_id", "published", "source", "target", "cameo", "plover", "date",
    "date_precision", "historical", "location", "killed", "injured",
)  # fmt: skip


def unit_of(rec: dict[str, Any], article_id: str, published: dt.date | None) -> dict[str, Any]:
    """One article's event record as a unit of clustering: its own id becomes its report id."""
    unit = {k: rec.get(k) for k in UNIT_FIELDS}
    unit["report_id"] = rec["event_id"]
    unit["article_id"] = article_id
    unit["published"] = published.isoformat() if published else None
    unit["mentions"] = [dict(m, report=rec["event_id"]) for m in rec["mentions"]]
    return unit


def units_of(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """A stored event's units. A record stored before reports were kept is one unit."""
    if "reports" not in rec:
        first = rec["mentions"][0]["article_id"] if rec["mentions"] else ""
        unit = {k: rec.get(k) for k in UNIT_FIELDS}
        unit.update(report_id=rec["event_id"], article_id=first, published=rec.get("first_seen"))
        unit["mentions"] = [dict(m, report=rec["event_id"]) for m in rec["mentions"]]
        return [unit]
    out = []
    for r in rec["reports"]:
        unit = {k: r.get(k) for k in (*UNIT_FIELDS, "joined")}
        unit["mentions"] = [m for m in rec["mentions"] if m.get("report") == r["report_id"]]
        out.append(unit)
    return out


def _order(unit: dict[str, Any]) -> tuple[str, str]:
    return (unit.get("published") or "9999-99-99", unit["report_id"])


def cluster(
    units: list[dict[str, Any]],
    window_days: int = 1,
    existing: list[list[dict[str, Any]]] | None = None,
) -> list[list[dict[str, Any]]]:
    """Units (one article's event each) grouped into real events: in order of publication and
    id, each joins the first cluster all of whose members it matches, recording why with the
    member it was compared with first (``joined``). Depends only on the set of units.

    ``existing`` (clusters made so, ordered by their first unit) are continued with ``units``
    when every one of those sorts after every existing unit: the same result as clustering all
    of them again, at the cost of the new units alone (the usual case: news arrives in order)."""
    clusters: list[list[dict[str, Any]]] = []
    reps: list[list[Report]] = []
    for c in existing or []:
        clusters.append(list(c))
        reps.append(list(dict.fromkeys(report_of_record(u) for u in c)))
    for unit in sorted(units, key=_order):
        rep = report_of_record(unit)
        for members, rs in zip(clusters, reps, strict=True):
            why = same_event(rs[0], rep, window_days)
            if why is not None and all(same_event(r, rep, window_days) for r in rs[1:]):
                joined = {"with": members[0]["report_id"], "why": list(why)}
                members.append(dict(unit, joined=joined))
                if rep not in rs:
                    rs.append(rep)
                break
        else:
            clusters.append([dict(unit, joined=None)])
            reps.append([rep])
    return clusters


def order_key(unit: dict[str, Any]) -> tuple[str, str]:
    """Where a unit comes in :func:`cluster`: publication date, then report id."""
    return _order(unit)


def _pick(values: list[Any], rank: Any) -> Any:
    """The best value by ``rank``, then the most frequent, then the first."""
    present = [v for v in values if v]
    if not present:
        return None
    counts = Counter(json.dumps(v, sort_keys=True) for v in present)
    return max(
        present,
        key=lambda v: (rank(v), counts[json.dumps(v, sort_keys=True)], -present.index(v)),
    )


def _actor_rank(a: dict[str, Any]) -> tuple[bool, bool]:
    return a.get("country") is not None, a.get("sector") is not None


def _place_rank(loc: dict[str, Any]) -> tuple[float, bool]:
    place = Place(name="", country=loc.get("country"), precision=str(loc.get("precision") or ""))
    return place.rank, loc.get("lat") is not None


def _cameo_rank(c: dict[str, Any]) -> tuple[int, bool]:
    return len(str(c["code"])), not str(c["code"]).endswith("0")


def merged_record(units: list[dict[str, Any]]) -> dict[str, Any]:
    """The event record of a cluster of units (in cluster order): a function of the units
    alone. Its id is the founding unit's report id."""
    roots = Counter(str(u["cameo"]["root"]) for u in units)
    root = max(roots, key=lambda r: (roots[r], -[str(u["cameo"]["root"]) for u in units].index(r)))
    same_root = [u for u in units if str(u["cameo"]["root"]) == root]
    coded = _pick([u["cameo"] for u in same_root], _cameo_rank)
    plover = next(u["plover"] for u in same_root if u["cameo"] == coded)
    dated = _pick(
        [
            {
                "date": u["date"],
                "date_precision": u["date_precision"],
                "historical": u["historical"],
            }
            for u in units
        ],
        lambda d: _PRECISION_RANK.get(d["date_precision"], 0),
    )
    mentions = [m for u in units for m in u["mentions"]]
    return {
        "event_id": units[0]["report_id"],
        "source": _pick([u.get("source") for u in units], _actor_rank),
        "target": _pick([u.get("target") for u in units], _actor_rank),
        "cameo": coded,
        "plover": plover,
        "date": dated["date"],
        "date_precision": dated["date_precision"],
        "historical": dated["historical"],
        "location": _pick([u.get("location") for u in units], _place_rank),
        "killed": _max([u.get("killed") for u in units]),
        "injured": _max([u.get("injured") for u in units]),
        "num_mentions": len(mentions),
        "mentions": mentions,
        "reports": [{k: u.get(k) for k in (*UNIT_FIELDS, "joined")} for u in units],
    }
