"""Mentions → events. Within an article, sentences that report the same real-world event become one
event with several mentions.

Two mentions report the same event when they have the same kind of action (the CAMEO base code
for verbal events, the PLOVER type for material ones), the same source (country, or name for actors with none), compatible targets (same country,
or one side unknown), compatible places (same country, or one unknown) and compatible dates (equal;
or one dated only by the article and the other not historical). A mention that points back to an
earlier one ("The strikes killed two children") joins that one's event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from typing import Any

from eventwire.model import Actor, Event, Mention, Place, When

_PRECISION_RANK = {"day": 4, "month": 3, "year": 2, "article": 1, "none": 0}


def _kind(m: Mention) -> str:
    """Verbal events (QuadClass 1 and 3) merge on their CAMEO base code: a criticism and an
    official complaint are two acts. Material events merge on PLOVER type: "strikes", "attacks"
    and "destroyed" in one article often report one operation."""
    if m.action.quad_class in (1, 3):
        return m.action.cameo[:3]
    return m.action.plover_type or m.action.root


def _actor_key(a: Actor | None) -> str | None:
    if a is None:
        return None
    return a.country or a.name.lower()


def _compatible_actor(a: Actor | None, b: Actor | None, required: bool) -> bool:
    """Same country (or name); one side with no country is compatible with a same-sector other
    ("rebels" and "M23 rebels" of Congo)."""
    if a is None or b is None:
        return not required
    if (a.country is None) != (b.country is None) and a.sector is not None and a.sector == b.sector:
        return True
    return _actor_key(a) == _actor_key(b)


def _compatible_when(a: When, b: When) -> bool:
    if a.precision == "article" or b.precision == "article":
        other = b if a.precision == "article" else a
        return not other.historical
    if a.date is None or b.date is None:
        return a.date == b.date
    n = min(len(a.date), len(b.date))
    return a.date[:n] == b.date[:n]


def _compatible_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.country is None or b.country is None:
        return True
    return a.country == b.country


def same_event(a: Mention, b: Mention) -> bool:
    return (
        _kind(a) == _kind(b)
        and _compatible_actor(a.source, b.source, required=True)
        and _compatible_actor(a.target, b.target, required=False)
        and _compatible_when(a.when, b.when)
        and _compatible_place(a.place, b.place)
    )


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


def _max(values: list[int | None]) -> int | None:
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


def _signature(m: Mention) -> tuple[object, ...]:
    """Everything :func:`same_event` reads of a mention: two mentions with one signature are
    the same to it, so a group is compared once per signature, not once per member."""

    def actor(a: Actor | None) -> tuple[object, ...] | None:
        return None if a is None else (a.country, a.sector, a.name.lower())

    place = m.place.country if m.place is not None else None
    return (_kind(m), actor(m.source), actor(m.target), m.when, place)


def group_article(mentions: list[Mention]) -> list[Event]:
    """One article's mentions as events, in order of first mention. A mention joins the first
    group each of whose (non-anaphoric) members reports the same event."""
    groups: list[list[Mention]] = []
    kinds: list[dict[tuple[object, ...], Mention]] = []  # per group: one member per signature
    where: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.refers_to is not None and m.refers_to in where:
            g = where[m.refers_to]
        else:
            g = next(
                (
                    j
                    for j, members in enumerate(kinds)
                    if all(same_event(x, m) for x in members.values())
                ),
                -1,
            )
            if g < 0:
                groups.append([])
                kinds.append({})
                g = len(groups) - 1
        groups[g].append(m)
        if m.refers_to is None:
            kinds[g].setdefault(_signature(m), m)
        where[i] = g
    return [build_event(g) for g in groups]


# -- across articles: stored records ----------------------------------------------------------------
# Mentions of one real event reach the store from many articles (and syndicated copies). A new
# event joins a stored one when the same kind of act (CAMEO base code for verbal acts, PLOVER type
# for material ones) has the same source, compatible targets and places, and dates within a window.

_RANK = {"day": 4, "month": 3, "year": 2, "article": 1, "none": 0}


def record_kind(rec: dict[str, Any]) -> str:
    if rec["cameo"]["quad_class"] in (1, 3):
        return str(rec["cameo"]["code"])[:3]
    return str(rec["plover"]["type"] or rec["cameo"]["root"])


def record_actor_key(actor: dict[str, Any] | None) -> str | None:
    if not actor:
        return None
    return actor.get("country") or str(actor.get("name", "")).lower() or None


def merge_key(rec: dict[str, Any]) -> str | None:
    """The bucket a stored event is looked up by; None for events that never merge (no source)."""
    src = record_actor_key(rec.get("source"))
    return f"{record_kind(rec)}|{src}" if src else None


def records_compatible(a: dict[str, Any], b: dict[str, Any], window_days: int) -> bool:
    if merge_key(a) != merge_key(b) or merge_key(a) is None:
        return False
    ta, tb = record_actor_key(a.get("target")), record_actor_key(b.get("target"))
    if ta and tb and ta != tb:
        return False
    la, lb = (a.get("location") or {}).get("country"), (b.get("location") or {}).get("country")
    if la and lb and la != lb:
        return False
    if bool(a.get("historical")) != bool(b.get("historical")):
        return False
    da, db = a.get("date"), b.get("date")
    if not da or not db:
        return da == db
    if len(da) == 10 and len(db) == 10:
        gap = abs((dt.date.fromisoformat(da) - dt.date.fromisoformat(db)).days)
        return gap <= window_days
    n = min(len(da), len(db))
    return bool(da[:n] == db[:n])


def _better_actor(a: dict[str, Any] | None, b: dict[str, Any] | None) -> dict[str, Any] | None:
    if not a or not b:
        return a or b

    def score(x: dict[str, Any]) -> tuple[bool, bool]:
        return x.get("country") is not None, x.get("sector") is not None

    return b if score(b) > score(a) else a


def _record_rank(loc: dict[str, Any]) -> float:
    return Place(
        name="", country=loc.get("country"), precision=str(loc.get("precision") or "")
    ).rank


def merge_records(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """``a`` (stored) with the evidence and any sharper facts of ``b`` (new); ``a``'s id stays."""
    out = dict(a)
    seen = {
        (m["article_id"], m["line"], tuple(m["spans"].get("action") or ())) for m in a["mentions"]
    }
    out["mentions"] = list(a["mentions"]) + [
        m
        for m in b["mentions"]
        if (m["article_id"], m["line"], tuple(m["spans"].get("action") or ())) not in seen
    ]
    out["source"] = _better_actor(a.get("source"), b.get("source"))
    out["target"] = _better_actor(a.get("target"), b.get("target"))
    ca, cb = a["cameo"]["code"], b["cameo"]["code"]
    if (
        ca[:2] == cb[:2]
        and len(cb) > len(ca)
        or (ca.endswith("0") and not cb.endswith("0") and ca[:2] == cb[:2])
    ):
        out["cameo"], out["plover"] = b["cameo"], b["plover"]
    if _RANK.get(b["date_precision"], 0) > _RANK.get(a["date_precision"], 0):
        out["date"], out["date_precision"], out["historical"] = (
            b["date"],
            b["date_precision"],
            b["historical"],
        )
    pa, pb = a.get("location"), b.get("location")
    if pb and (not pa or _record_rank(pb) > _record_rank(pa)):
        out["location"] = pb
    for k in ("killed", "injured"):
        vals = [v for v in (a.get(k), b.get(k)) if v is not None]
        out[k] = max(vals) if vals else None
    out["num_mentions"] = len(out["mentions"])
    return out
