"""When an event happened, resolved against the article's publication date.

"on Tuesday" is the latest Tuesday on or before publication (so "on Wednesday" in a Wednesday
article is that day); "January 4" is the latest January 4 not after publication; "in 2019" has year
precision. Events dated more than ``HISTORICAL_DAYS`` before publication are historical: background,
not news of the day. With no date in the clause, an event takes the publication date with precision
"article".
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from eventwire.extract.clauses import entity_at

HISTORICAL_DAYS = 31

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTHS.update({m[:3]: i for m, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9
_YEAR = re.compile(r"^(?:in |since |during |by )?(?:the year )?((?:19|20)\d\d)$")
_DAY_MONTH = re.compile(
    r"^(?:on )?(?:(\d{1,2})(?:st|nd|rd|th)? (?:of )?([a-z]+)|([a-z]+) (\d{1,2})(?:st|nd|rd|th)?)"
    r"(?:,? ((?:19|20)\d\d))?$"
)
_MONTH_YEAR = re.compile(r"^(?:in )?([a-z]+)(?:,? ((?:19|20)\d\d))?$")
_SAME_DAY = re.compile(r"\b(same day|that day|the day)\b")
_TEMPORAL_PREPS = {"on", "in", "at", "during", "since", "last", "earlier", "by", "from", "over"}


def resolve_text(
    text: str, published: dt.date | None, last: str | None = None
) -> tuple[str, str] | None:
    """(ISO date or year or year-month, precision) for a date phrase, or None."""
    t = re.sub(r"[.,]", " ", text.lower()).strip()
    t = re.sub(r"\s+", " ", re.sub(r"^(on|in|at|during|since|by|from) ", "", t))
    t = re.sub(r"^(early|late|mid|earlier|later) ", "", t)
    if _SAME_DAY.search(t) and last:
        return last, "day"
    if published is None:
        m = _YEAR.match(t)
        return (m.group(1), "year") if m else None
    if t in ("today", "this morning", "tonight", "this evening", "this afternoon"):
        return published.isoformat(), "day"
    if t in ("yesterday", "last night"):
        return (published - dt.timedelta(days=1)).isoformat(), "day"
    for w in t.split():
        if w in _WEEKDAYS and len(t.split()) <= 3 and not any(x in t for x in ("next", "coming")):
            back = (published.weekday() - _WEEKDAYS.index(w)) % 7
            if "last" in t.split() and back == 0:
                back = 7
            return (published - dt.timedelta(days=back)).isoformat(), "day"
    m = _YEAR.match(t)
    if m:
        return m.group(1), "year"
    if t == "last year":
        return str(published.year - 1), "year"
    if t in ("this year", "earlier this year"):
        return str(published.year), "year"
    m = _DAY_MONTH.match(t)
    if m:
        day, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
        if month in _MONTHS:
            year = int(m.group(5)) if m.group(5) else published.year
            try:
                d = dt.date(year, _MONTHS[month], int(day))
            except ValueError:
                return None
            if not m.group(5) and d > published:
                d = d.replace(year=year - 1)
            return d.isoformat(), "day"
    m = _MONTH_YEAR.match(t)
    if m and m.group(1) in _MONTHS and m.group(1) != "may" or (m and m.group(2)):
        assert m is not None
        if m.group(1) in _MONTHS:
            month = _MONTHS[m.group(1)]
            year = int(m.group(2)) if m.group(2) else published.year
            if not m.group(2) and month > published.month:
                year -= 1
            return f"{year:04d}-{month:02d}", "month"
    if t == "this month":  # also "earlier this month" (the prefix is dropped above)
        return f"{published.year:04d}-{published.month:02d}", "month"
    if t == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", "month"
    return None


def is_historical(date: str, precision: str, published: dt.date | None) -> bool:
    if published is None:
        return False
    if precision == "year":
        return int(date) < published.year
    if precision == "month":
        y, m = int(date[:4]), int(date[5:7])
        return (published.year - y) * 12 + published.month - m > 1
    if precision == "day":
        return (published - dt.date.fromisoformat(date)).days > HISTORICAL_DAYS
    return False


def _date_phrases(tok: Any) -> list[Any]:
    """DATE phrases attached to ``tok``: "on Tuesday", "Tuesday", "in 2019"."""
    out = []
    for c in tok.children:
        if c.ent_type_ == "DATE" and c.dep_ in ("npadvmod", "tmod", "nmod", "advmod", "obl"):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _TEMPORAL_PREPS:
            out.extend(
                g
                for g in c.children
                if g.dep_ == "pobj" and (g.ent_type_ == "DATE" or g.lower_ in ("day",))
            )
    return out


def _ent_text(tok: Any) -> str:
    ent = entity_at(tok)
    if ent is not None and ent.label_ == "DATE":
        return str(ent.text)
    return " ".join(t.text for t in tok.subtree)


_CLIMB = {
    "conj",
    "xcomp",
    "ccomp",
    "advcl",
    "acl",
    "relcl",
    "pcomp",
    "pobj",
    "prep",
    "dobj",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "appos",
}


def find_when(
    pred: Any, published: dt.date | None, last: str | None
) -> tuple[Any, str, str] | None:
    """The nearest date phrase governing ``pred`` and its resolution: (token, date, precision)."""
    tok = pred
    for _ in range(8):
        for d in _date_phrases(tok):
            text = _ent_text(d)
            if d.head.dep_ == "prep":
                text = f"{d.head.lower_} {text}"
            try:
                r = resolve_text(text, published, last)
            except (OverflowError, ValueError):  # a date past the calendar's ends: no date
                r = None
            if r:
                return d, r[0], r[1]
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        tok = tok.head
    return None
