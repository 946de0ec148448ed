"""Escalation alerts: each pair of countries and each country's internal conflict, its recent
window against its own baseline.

The stored events are replayed day by day as they became known (an event is known from the day
its first report was published): on each day that brings news of a key (a pair "IRN-PAK", or a
country "IRQ" for events inside it), three rules are tried.

- **surge**: material-conflict events (QuadClass 4) dated in the last ``window_days`` against the
  key's rate over the ``baseline_days`` before; the alert needs at least ``min_events`` of them
  from at least ``min_articles`` articles, and a Poisson upper-tail probability under ``p_value``, with ``prior_events`` added to the
  baseline count so that a key never seen before is not a rate of zero.
- **tone**: the window's mean Goldstein score falls at least ``tone_drop`` below the baseline's
  and the fall is at least ``tone_z`` standard errors (the baseline's spread of scores, for both
  means), with at least ``tone_min_window`` events (from ``min_articles`` articles) in the window
  and ``tone_min_baseline`` before; the events below the baseline's mean come from at least
  ``min_articles`` articles.
- **first**: an event of a kind listed in ``ontology/alerts.yaml`` (force used between two
  states, diplomatic relations broken, sanctions) in the window, none of that kind in the
  ``first_lookback_days`` before it, and at least ``first_min_events`` distinct events of the
  listed kinds in the window (a strike and the recall of an ambassador; the second may involve a
  non-state side), so one event, however often reported, cannot raise it.

Events are counted after deduplication: a burst of reports of one event is one event, so it
cannot raise an alarm alone. An alert is dated the day its evidence was known and carries its
figures and the events behind it; a key and rule alert again only after ``cooldown_days`` and
only with evidence not cited before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from eventwire import yamlio
from eventwire.errors import DataFileError


@dataclass(frozen=True)
class AlertRule:
    """The settings of the three rules (see the module's text)."""

    window_days: int = 7
    baseline_days: int = 90
    min_events: int = 3
    min_articles: int = 2
    p_value: float = 0.001
    prior_events: float = 0.5
    tone_drop: float = 3.0
    tone_z: float = 3.0
    tone_min_window: int = 5
    tone_min_baseline: int = 5
    first_lookback_days: int = 365
    first_min_events: int = 2
    cooldown_days: int = 7


@dataclass(frozen=True)
class First:
    """A kind of event that is news the first time it happens between two countries."""

    name: str
    cameo: tuple[str, ...]
    states: bool


@dataclass(frozen=True)
class Watched:
    """One stored event as the monitor sees it."""

    event_id: str
    key: str
    scope: str  # "dyad" | "internal"
    day: dt.date  # the event's date
    known: dt.date  # the day its first report was published
    quad: int
    goldstein: float
    cameo: str
    states: bool  # both sides are states (see alerts.yaml)
    article: str = ""  # the article that first reported it


@dataclass(frozen=True)
class Reason:
    """One rule that fired, with the figures that made it fire."""

    rule: str  # surge | tone | first
    summary: str
    figures: dict[str, Any]
    events: tuple[str, ...]


@dataclass(frozen=True)
class Alert:
    """An alert for one key on one day: the rules that fired and the events behind them."""

    alert_id: str
    day: dt.date
    key: str
    scope: str
    reasons: tuple[Reason, ...]
    first_event: dt.date  # the earliest event date among the events behind it
    events: tuple[str, ...] = field(default=())

    @property
    def title(self) -> str:
        return f"{self.key}: " + "; ".join(r.summary for r in self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id,
            "day": self.day.isoformat(),
            "key": self.key,
            "scope": self.scope,
            "title": self.title,
            "first_event": self.first_event.isoformat(),
            "reasons": [asdict(r) | {"events": list(r.events)} for r in self.reasons],
            "events": list(self.events),
        }


@lru_cache(maxsize=1)
def settings() -> tuple[frozenset[str | None], tuple[First, ...]]:
    """(state sectors, first-of-kind classes) from ontology/alerts.yaml, checked."""
    from eventwire.ontology import cameo_table

    name = "ontology/alerts.yaml"
    raw = yamlio.load(
        resources.files("eventwire.ontology").joinpath("alerts.yaml").read_text(encoding="utf-8")
    )
    if not isinstance(raw, dict) or set(raw) != {"state_sectors", "firsts"}:
        raise DataFileError(f"{name}: needs exactly the keys state_sectors and firsts")
    codes = cameo_table()
    firsts = []
    for i, f in enumerate(raw["firsts"]):
        if not isinstance(f, dict) or set(f) - {"name", "cameo", "states"} or "cameo" not in f:
            raise DataFileError(f"{name}: firsts[{i}] needs name, cameo and states only")
        for c in f["cameo"]:
            if str(c) not in codes:
                raise DataFileError(f"{name}: firsts[{i}] names no CAMEO code {c!r}")
        firsts.append(First(str(f["name"]), tuple(str(c) for c in f["cameo"]), bool(f["states"])))
    return frozenset(raw["state_sectors"]), tuple(firsts)


def keys_of(row: dict[str, Any]) -> tuple[str, str] | None:
    """(key, scope) of a stored event: the sorted country pair, or the country an event happened
    inside (both sides of it, or one side of it and its place); None for anything else."""
    s, t, place = row.get("source_country"), row.get("target_country"), row.get("location_country")
    if s and t:
        return (f"{min(s, t)}-{max(s, t)}", "dyad") if s != t else (s, "internal")
    one = s or t
    if one and one == place:
        return one, "internal"
    return None


_COLUMNS = (
    "event_id, source_country, target_country, location_country, source_sector, "
    "target_sector, event_date, first_seen, quad_class, goldstein, cameo_code, first_article"
)


def watched_events(cur: Any, since: dt.date | None = None) -> list[Watched]:
    """The stored events the rules look at: dated, not historical, with a key."""
    lookback = AlertRule().first_lookback_days + AlertRule().window_days
    sql = f"SELECT {_COLUMNS} FROM events WHERE event_date IS NOT NULL AND NOT historical"
    args: list[Any] = []
    if since is not None:
        sql += " AND event_date >= ?"
        args.append(since - dt.timedelta(days=lookback))
    names = [c.strip() for c in _COLUMNS.split(",")]
    return watch_rows(dict(zip(names, r, strict=True)) for r in cur.execute(sql, args).fetchall())


def watch_rows(rows: Iterable[dict[str, Any]]) -> list[Watched]:
    """Stored event rows (column → value) as :class:`Watched`, those without a key left out."""
    state_sectors, _ = settings()
    out = []
    for r in rows:
        k = keys_of(r)
        if k is None or r.get("event_date") is None:
            continue
        day = _date(r["event_date"])
        known = max(_date(r["first_seen"]), day) if r.get("first_seen") else day
        out.append(
            Watched(
                event_id=r["event_id"],
                key=k[0],
                scope=k[1],
                day=day,
                known=known,
                quad=int(r.get("quad_class") or 0),
                goldstein=float(r.get("goldstein") or 0.0),
                cameo=str(r.get("cameo_code") or ""),
                states=r.get("source_sector") in state_sectors
                and r.get("target_sector") in state_sectors,
                article=str(r.get("first_article") or r["event_id"]),
            )
        )
    return out


def _date(v: Any) -> dt.date:
    return v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)[:10])


def poisson_tail(n: int, lam: float) -> float:
    """P(X >= n) for X ~ Poisson(lam)."""
    if n <= 0:
        return 1.0
    term = math.exp(-lam)
    below = term
    for k in range(1, n):
        term *= lam / k
        below += term
    return max(0.0, 1.0 - below)


def find_alerts(
    events: Sequence[Watched],
    rule: AlertRule | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Alert]:
    """Every alert the rules raise, day by day as the events became known, oldest first."""
    rule = rule or AlertRule()
    by_key: dict[str, list[Watched]] = defaultdict(list)
    for e in events:
        by_key[e.key].append(e)
    alerts: list[Alert] = []
    for key in sorted(by_key):
        alerts.extend(_key_alerts(by_key[key], rule, since, until))
    alerts.sort(key=lambda a: (a.day, a.key))
    return alerts


def _key_alerts(
    rows: list[Watched], rule: AlertRule, since: dt.date | None, until: dt.date | None
) -> list[Alert]:
    _, firsts = settings()
    rows = sorted(rows, key=lambda r: (r.known, r.day, r.event_id))
    last: dict[str, dt.date] = {}
    cited: dict[str, set[str]] = defaultdict(set)
    out: list[Alert] = []
    W, B = dt.timedelta(days=rule.window_days), dt.timedelta(days=rule.baseline_days)
    for t in sorted({r.known for r in rows}):
        if (since and t < since) or (until and t > until):
            continue
        known = [r for r in rows if r.known <= t]
        window = [r for r in known if t - W < r.day <= t]
        new = {r.event_id for r in window if r.known == t}
        if not new:
            continue  # only events dated before the window arrived: nothing new to say
        base = [r for r in known if t - W - B < r.day <= t - W]
        reasons: list[Reason] = []
        for reason in (_surge(window, base, rule), _tone(window, base, rule)):
            if reason is not None:
                reasons.append(reason)
        conflict = [r for r in window if any(_is(r, f, states=False) for f in firsts)]
        if len(conflict) >= rule.first_min_events and rows[0].scope == "dyad":
            lookback = dt.timedelta(days=rule.first_lookback_days)
            for f in firsts:
                hits = [r for r in window if _is(r, f)]
                before = [r for r in known if t - W - lookback < r.day <= t - W and _is(r, f)]
                if hits and not before:
                    reasons.append(
                        Reason(
                            rule=f"first:{f.name}",
                            summary=f"first in a year: {f.name}",
                            figures={
                                "events_of_kind": len(hits),
                                "escalating_events_in_window": len(conflict),
                                "lookback_days": rule.first_lookback_days,
                            },
                            events=tuple(r.event_id for r in _by_day(hits + conflict)),
                        )
                    )
        fresh = [
            r
            for r in reasons
            if (r.rule not in last or (t - last[r.rule]).days >= rule.cooldown_days)
            and set(r.events) - cited[r.rule]  # not the same evidence again
        ]
        if not fresh:
            continue
        for r in fresh:
            last[r.rule] = t
            cited[r.rule] |= set(r.events)
        ids = tuple(dict.fromkeys(i for r in fresh for i in r.events))
        day_of = {r.event_id: r.day for r in window}
        key = rows[0].key
        out.append(
            Alert(
                alert_id=hashlib.sha256(
                    f"{key}|{t}|{[r.rule for r in fresh]}".encode()
                ).hexdigest()[:16],
                day=t,
                key=key,
                scope=rows[0].scope,
                reasons=tuple(fresh),
                first_event=min(day_of[i] for i in ids if i in day_of),
                events=ids,
            )
        )
    return out


def _is(r: Watched, f: First, states: bool = True) -> bool:
    return r.cameo.startswith(f.cameo) and (r.states or not f.states or not states)


def _by_day(rows: Iterable[Watched]) -> list[Watched]:
    return sorted({r.event_id: r for r in rows}.values(), key=lambda r: (r.day, r.event_id))


def _surge(window: list[Watched], base: list[Watched], rule: AlertRule) -> Reason | None:
    hits = [r for r in window if r.quad == 4]
    n, b = len(hits), sum(1 for r in base if r.quad == 4)
    if n < rule.min_events or len({r.article for r in hits}) < rule.min_articles:
        return None
    expected = (b + rule.prior_events) * rule.window_days / rule.baseline_days
    p = poisson_tail(n, expected)
    if p >= rule.p_value:
        return None
    return Reason(
        rule="surge",
        summary=f"{n} material-conflict events in {rule.window_days} days "
        f"(expected {expected:.2f}, p={p:.1e})",
        figures={
            "window_events": n,
            "baseline_events": b,
            "expected": round(expected, 3),
            "p_value": p,
            "window_days": rule.window_days,
            "baseline_days": rule.baseline_days,
        },
        events=tuple(r.event_id for r in _by_day(hits)),
    )


def _tone(window: list[Watched], base: list[Watched], rule: AlertRule) -> Reason | None:
    if len(window) < rule.tone_min_window or len(base) < rule.tone_min_baseline:
        return None
    mw = sum(r.goldstein for r in window) / len(window)
    mb = sum(r.goldstein for r in base) / len(base)
    sd = math.sqrt(sum((r.goldstein - mb) ** 2 for r in base) / (len(base) - 1)) or 1.0
    z = (mb - mw) / (sd * math.sqrt(1 / len(window) + 1 / len(base)))
    if mw > mb - rule.tone_drop or z < rule.tone_z:
        return None
    worse = _by_day(r for r in window if r.goldstein < mb)
    if len({r.article for r in worse}) < rule.min_articles:
        return None
    return Reason(
        rule="tone",
        summary=f"mean Goldstein fell from {mb:+.1f} to {mw:+.1f}",
        figures={
            "goldstein_window": round(mw, 2),
            "goldstein_baseline": round(mb, 2),
            "z": round(z, 2),
            "window_events": len(window),
            "baseline_events": len(base),
        },
        events=tuple(r.event_id for r in worse),
    )


def store_alerts(
    cur: Any,
    rule: AlertRule | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[Alert]:
    """The alerts of a stored database (a DuckDB connection or cursor), oldest first."""
    return find_alerts(watched_events(cur, since), rule, since, until)


def evidence(cur: Any, event_ids: Sequence[str]) -> list[dict[str, Any]]:
    """The events behind an alert, each with its first report's sentence: why it fired."""
    if not event_ids:
        return []
    marks = ", ".join("?" for _ in event_ids)
    rows = cur.execute(
        f"SELECT event_id, record FROM events WHERE event_id IN ({marks})", list(event_ids)
    ).fetchall()
    found = {eid: json.loads(rec) for eid, rec in rows}
    out = []
    for eid in event_ids:
        rec = found.get(eid)
        if rec is None:
            continue
        first = (rec.get("mentions") or [{}])[0]
        out.append(
            {
                "event_id": eid,
                "date": rec.get("date"),
                "source": (rec.get("source") or {}).get("name"),
                "source_code": (rec.get("source") or {}).get("code"),
                "cameo": rec["cameo"]["code"],
                "action": rec["cameo"]["name"],
                "plover": (rec.get("plover") or {}).get("type"),
                "target": (rec.get("target") or {}).get("name"),
                "target_code": (rec.get("target") or {}).get("code"),
                "num_articles": rec.get("num_articles", 1),
                "sentence": first.get("sentence"),
                "article_id": first.get("article_id"),
            }
        )
    return out


def alert_records(cur: Any, alerts: Sequence[Alert]) -> list[dict[str, Any]]:
    """Alerts as JSON-ready records, each with the evidence of its events."""
    return [a.to_dict() | {"evidence": evidence(cur, a.events)} for a in alerts]
