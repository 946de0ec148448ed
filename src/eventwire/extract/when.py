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
from dataclasses import replace
from typing import Any

from eventwire.extract.clauses import entity_at
from eventwire.extract.toll import NUMBER_WORDS
from eventwire.model import Mention, When

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
# a decade ("the 1970s": its first year) or a span of years ("between 2008 and 2011", "from 1942
# to 1945": its last year), both at year precision
_SPAN = re.compile(
    r"^(?:the )?(?:(?:early|late|mid)[- ])?((?:19|20)\d)0s$"
    r"|^(?:between |from )?(?:19|20)\d\d(?: and| to| until| -|-|–) ?((?:19|20)\d\d)$"
    r"|^(19|20)\d\d[-–](\d\d)$"  # "1984-85": the later year, in the same century
)
_YEARISH = re.compile(r"^(?:19|20)\d\d(?:[-–](?:(?:19|20)?\d\d))?$")  # "1994", "1984-85"
_MONTH_YEAR = re.compile(r"^(?:in )?([a-z]+)(?:,? ((?:19|20)\d\d))?$")
_SAME_DAY = re.compile(r"\b(same day|that day|the day)\b")
_COUNT = r"(a|an|one|two|three|four|five|six|seven|\d{1,2})"
# "two days ago", "a day earlier", "three days later", "the previous day", "the day after"
_DAYS_OFF = re.compile(
    rf"^(?:{_COUNT} days? (ago|earlier|before|later|after)|the (previous|next|following) day|the day (before|after)|(hours|minutes) (earlier|later|before|after))$"
)
# "three years ago", "decades ago", "a few months ago": counted back from publication, at the
# precision of the unit (weeks are days); a bare plural counts as the least it can mean
_UNITS_AGO = re.compile(
    r"^(?:(?P<n>a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}|a few|a couple of"
    r"|several|some|many) )?(?P<unit>weeks?|months?|years?|decades?|centur(?:y|ies)) ago$"
)
_UNIT_DAYS = {"week": 7, "month": 30, "year": 365, "decade": 3652, "century": 36524}
_COUNTS = {"a": 1, "an": 1, **NUMBER_WORDS}
_TEMPORAL_PREPS = {
    "on", "in", "at", "during", "since", "last", "earlier", "by", "from", "over", "between",
}  # fmt: skip


def resolve_text(
    text: str, published: dt.date | None, last: str | None = None
) -> tuple[str, str] | None:
    """(ISO date or year or year-month, precision) for a date phrase, or None."""
    t = re.sub(r"['’]s$", "", re.sub(r"[.,]", " ", text.lower()).strip()).strip()
    t = re.sub(r"\s+", " ", re.sub(r"^(on|in|at|during|since|by|from|of) ", "", t))
    t = re.sub(r"^(early|late|mid|earlier|later) ", "", t)
    # "nearly three years ago", "more than a decade ago": the span, however hedged
    t = re.sub(
        r"^(?:nearly|almost|about|around|roughly|some|over|just over|more than|less than"
        r"|barely|only|at least) (?=.* ago$)",
        "",
        t,
    )
    # "in May": the month (after a preposition "May" is no modal); "last June": the latest June
    # before the month of publication
    month_named = bool(re.match(r"^(?:in|last) [a-z]+$", text.lower().strip()))
    t = re.sub(r"^last (?=[a-z]+$)", "", t) if t.startswith("last ") and t[5:] in _MONTHS else t
    t = re.sub(r"^(?:the )?(?:night|morning|evening|afternoon) of ", "", t)
    # "Tuesday, May 27", "Monday 15 September 2025", "Sept. 11 (Thursday)": the date decides
    bare = re.sub(r"\(?\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b\)?", "", t)
    bare = re.sub(r"\s+", " ", bare).strip()
    if bare != t and _DAY_MONTH.match(bare):
        t = bare
    span = _SPAN.match(t)  # "the 1970s", "the early 1990s", "between 2008 and 2011"
    if span:
        if span.group(4):
            return span.group(3) + span.group(4), "year"
        return span.group(2) or span.group(1) + "0", "year"
    ago = _UNITS_AGO.match(t)
    if ago and published is not None:
        return _ago(ago, published)
    off = _DAYS_OFF.match(t)
    if off:
        return _days_off(off, published, last)
    if _SAME_DAY.search(t) and last:
        return last, "day"
    if published is None:
        m = _YEAR.match(t)
        return (m.group(1), "year") if m else None
    if t in ("today", "this morning", "tonight", "this evening", "this afternoon"):
        return published.isoformat(), "day"
    if t in ("weekend", "the weekend", "this weekend", "last weekend", "over the weekend"):
        back = (published.weekday() - 5) % 7  # the Saturday of this or the last weekend
        back = 7 if back == 0 and t == "last weekend" else back
        return (published - dt.timedelta(days=back)).isoformat(), "day"
    if t in ("yesterday", "last night", "overnight"):  # the night before the report
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
    if m and m.group(1) in _MONTHS and (m.group(1) != "may" or month_named) or (m and m.group(2)):
        assert m is not None
        if m.group(1) in _MONTHS:
            month = _MONTHS[m.group(1)]
            year = int(m.group(2)) if m.group(2) else published.year
            if not m.group(2) and month > published.month:
                year -= 1
            if not m.group(2) and month == published.month and text.lower().startswith("last"):
                year -= 1  # "last January" in a January article: a year before
            return f"{year:04d}-{month:02d}", "month"
    if t == "this month":  # also "earlier this month" (the prefix is dropped above)
        return f"{published.year:04d}-{published.month:02d}", "month"
    if t == "last month":
        first = published.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}", "month"
    return None


def _days_off(
    m: re.Match[str], published: dt.date | None, last: str | None
) -> tuple[str, str] | None:
    """A day counted from another: "two days ago" from publication; "a day earlier", "the
    next day", "hours later" from the last date the article gave (None without one)."""
    count, way, rel, side, _, small = m.groups()
    if small:
        return (last, "day") if last and len(last) == 10 else None
    n = _COUNTS.get(count, 0) if count and not count.isdigit() else int(count or 1)
    back = (way in ("ago", "earlier", "before")) or rel == "previous" or side == "before"
    if way == "ago":
        if published is None:
            return None
        return (published - dt.timedelta(days=n)).isoformat(), "day"
    if not last or len(last) != 10:
        return None
    anchor = dt.date.fromisoformat(last)
    return (anchor + dt.timedelta(days=-n if back else n)).isoformat(), "day"


def _ago(m: re.Match[str], published: dt.date) -> tuple[str, str]:
    count, word = m.group("n"), m.group("unit")
    unit = "century" if word.startswith("centur") else word.rstrip("s")
    if count is not None and count.isdigit():
        n = int(count)
    elif count in _COUNTS:
        n = _COUNTS[count]
    else:  # "years ago", "a few months ago": at least two; "a century ago": one
        n = 2 if word.endswith("s") else 1
    day = published - dt.timedelta(days=n * _UNIT_DAYS[unit])
    if unit == "week":
        return day.isoformat(), "day"
    if unit == "month":
        return f"{day.year:04d}-{day.month:02d}", "month"
    return str(day.year), "year"


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
    """DATE phrases attached to ``tok``: "on Tuesday", "Tuesday", "in 2019", and the possessive
    of an event noun: "Tuesday's strike", "last night's attack"."""
    out = []
    if tok.pos_ in ("NOUN", "PROPN"):
        # an event noun dated by its year: "the 1994 genocide", "the strike of 1984-85"
        for c in tok.children:
            if c.dep_ in ("nummod", "compound", "amod") and _YEARISH.match(c.text):
                out.append(c)
            elif c.dep_ == "prep" and c.lower_ == "of":
                out.extend(g for g in c.children if g.dep_ == "pobj" and _YEARISH.match(g.text))
    for c in tok.children:
        adverbial = c.dep_ in ("npadvmod", "tmod", "nmod", "advmod", "obl")
        # "Overnight, drones attacked", "late on Monday night": a time of day that names its day
        if (c.ent_type_ in ("DATE", "TIME") and adverbial) or (
            c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME")
        ):
            out.append(c)
        elif c.dep_ == "prep" and c.lower_ in _TEMPORAL_PREPS:
            for g in c.children:
                if g.dep_ != "pobj":
                    continue
                # "on the night of July 9": the day the time of day is of
                of = [
                    d
                    for cc in g.children
                    if cc.dep_ == "prep" and cc.lower_ == "of"
                    for d in cc.children
                    if d.dep_ == "pobj" and d.ent_type_ == "DATE"
                ]
                if of and g.lemma_.lower() in _TIMES_OF_DAY:
                    out.extend(of)
                elif _dated(g):
                    out.append(g)
            # "In a separate incident on Thursday, a drone strike killed ...": the day of the
            # occasion the act happened in
            if c.lower_ in ("in", "during"):
                out.extend(
                    d
                    for g in c.children
                    if g.dep_ == "pobj" and g.pos_ == "NOUN"
                    for cc in g.children
                    if cc.dep_ == "prep" and cc.lower_ == "on"
                    for d in cc.children
                    if d.dep_ == "pobj" and _dated(d)
                )
        elif c.dep_ == "advcl":
            out.extend(_participle_days(c))
        elif c.dep_ == "nsubj" and tok.pos_ in ("VERB", "AUX"):
            out.extend(d for a in c.children if a.dep_ == "acl" for d in _participle_days(a))
    return out


def _participle_days(part: Any) -> list[Any]:
    """'Leaders, meeting in Accra on Sunday, agreed to ...': a participle of the same occasion
    (on the verb or on its subject) dates the act it goes with; not "after meeting on Sunday"."""
    if part.tag_ != "VBG" or any(m.dep_ in ("mark", "aux") for m in part.children):
        return []
    return [
        g
        for cc in part.children
        if cc.dep_ == "prep" and cc.lower_ == "on"
        for g in cc.children
        if g.dep_ == "pobj" and _dated(g)
    ]


_TIMES_OF_DAY = {"night", "morning", "evening", "afternoon", "day", "eve", "weekend"}


def _dated(tok: Any) -> bool:
    """A preposition's object that can name a day: a date, a time that carries its day ("on
    Monday evening"), or the word "day"."""
    return bool(tok.ent_type_ in ("DATE", "TIME") or tok.lower_ == "day")


def _with_prep(d: Any) -> str:
    """A date phrase's words with its preposition ("on Tuesday", "between 2008 and 2011")."""
    text = _ent_text(d)
    if d.head.dep_ == "prep" and not text.lower().startswith(f"{d.head.lower_} "):
        text = f"{d.head.lower_} {text}"
    return text


def _ent_text(tok: Any) -> str:
    if tok.lower_ == "ago":  # "two years ago": its own words, whatever the entity took in
        return " ".join(t.text for t in tok.subtree)
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
    """The nearest date phrase governing ``pred`` and its resolution: (token, date, precision).

    A clause "a day after X did" or "two days before X did" is dated from the date of the clause
    it hangs on, moved by that gap ("On Wednesday Pakistan recalled its envoy, a day after Iran
    launched strikes": the strikes were on Tuesday)."""
    tok = pred
    shift = 0
    own = True  # the predicate's verb, or one it is conjoined with
    for _ in range(8):
        for d in [*_date_phrases(tok), *(_subject_dates(tok) if own else [])]:
            if shift and d.lower_ in ("day", "days"):
                continue  # the gap itself, not a date
            text = _with_prep(d)
            try:
                r = resolve_text(text, published, last)
            except (OverflowError, ValueError):  # a date past the calendar's ends: no date
                r = None
            if r:
                if shift and r[1] == "day":
                    day = dt.date.fromisoformat(r[0]) + dt.timedelta(days=shift)
                    return d, day.isoformat(), "day"
                if shift:
                    return None
                return d, r[0], r[1]
        if tok.dep_ == "advcl":
            shift += _gap_days(tok)
        if tok.dep_ not in _CLIMB or tok.head.i == tok.i:
            break
        own = own and tok.dep_ == "conj"
        tok = tok.head
    # "fought a series of clashes between 2008 and 2011": a year the parse hung on the object
    objs = [c for c in pred.children if c.dep_ == "dobj"]
    objs += [g for o in objs for c in o.children if c.lower_ == "of" for g in c.children]
    for obj in objs:  # the object, and its "of" noun ("a series of clashes between ...")
        for d in _date_phrases(obj):
            text = _with_prep(d)
            try:
                r = resolve_text(text, published, last)
            except (OverflowError, ValueError):
                r = None
            if r and r[1] == "year":
                return d, r[0], r[1]
    return None


def _subject_dates(verb: Any) -> list[Any]:
    """'Duque on Friday called off the talks', 'Iraq's Foreign Ministry on Tuesday summoned ...':
    a day between the subject and its verb, which the parse hangs on the subject, dates the
    verb."""
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    return [
        g
        for s in verb.children
        if s.dep_ in ("nsubj", "nsubjpass") and s.i < verb.i
        for c in s.children
        if c.dep_ == "prep" and c.lower_ == "on" and s.i < c.i < verb.i
        for g in c.children
        if g.dep_ == "pobj" and g.ent_type_ in ("DATE", "TIME") and g.i < verb.i
    ]


def _gap_days(clause: Any) -> int:
    """For a clause "a day after ..." or "two days before ...": the days from the clause it
    hangs on to this one's event (-1, +2); 0 for any other clause."""
    mark = next((c.lower_ for c in clause.children if c.dep_ == "mark"), None)
    if mark not in ("after", "before"):
        return 0
    for holder in (clause, clause.head):
        for c in holder.children:
            if c.dep_ == "npadvmod" and c.lemma_.lower() == "day" and c.i < clause.i:
                n = next((g.lower_ for g in c.children if g.dep_ in ("det", "nummod")), "a")
                if n in _COUNTS:
                    return -_COUNTS[n] if mark == "after" else _COUNTS[n]
    return 0


def is_headline(doc: Any, max_tokens: int) -> bool:
    """A first line that reads as a headline: short, with no final stop."""
    text = doc.text.rstrip()
    return bool(text) and len(doc) <= max_tokens and text[-1] not in ".!?:;\"'”’"


def date_headline(mentions: list[Mention], headline: bool) -> list[Mention]:
    """'Estonia expels Russian diplomat' over a lead that says 'Estonia expelled a Russian
    diplomat on Wednesday': a headline tells the news its lead dates, so an act the headline
    reports with no date of its own takes the lead's day (the first day-precision date of a
    current act on line 2). Other undated acts keep the publication date."""
    if not headline:
        return mentions
    dated = [
        m for m in mentions if m.line == 2 and m.when.precision == "day" and not m.when.historical
    ]
    if not dated:
        return mentions

    def lead_for(m: Mention) -> When:  # the lead's act of the same kind first, else its first
        same = [x for x in dated if x.action.root == m.action.root]
        return (same or dated)[0].when

    out = []
    for m in mentions:
        if m.line == 1 and m.when.precision == "article":
            lead = lead_for(m)
            m = replace(m, when=When(lead.date, "day", False, lead.text))
        out.append(m)
    return out
