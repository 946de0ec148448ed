"""Frozen values that flow through the pipeline: Article → Mention → Event.

The JSON form of an :class:`Event` (``Event.to_dict``) is the project's record contract; every
export and the HTTP API keep it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]  # character offsets [start, end) into the article text


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` has the headline as its first line when there is one."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: dt.date | None = None
    source: str | None = None
    origin: str = "<text>"  # where it came from, for error messages: file path and line


@dataclass(frozen=True)
class Actor:
    """A coded actor: the words in the text, a canonical name, a country and a sector."""

    text: str
    name: str
    country: str | None = None  # ISO 3166-1 alpha-3
    sector: str | None = None  # CAMEO-style agent code: GOV, MIL, REB, ...
    rule: str = ""  # which dictionary entry or pattern gave it

    @property
    def code(self) -> str:
        return f"{self.country or ''}{self.sector or ''}" or "---"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
        }


@dataclass(frozen=True)
class Action:
    """A coded action: CAMEO code with its class and weight, and the PLOVER type and mode."""

    cameo: str
    name: str
    quad_class: int
    goldstein: float
    plover_type: str | None
    plover_mode: str | None

    @property
    def root(self) -> str:
        return self.cameo[:2]

    def cameo_dict(self) -> dict[str, Any]:
        return {
            "code": self.cameo,
            "root": self.root,
            "name": self.name,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
        }

    def plover_dict(self) -> dict[str, Any]:
        return {"type": self.plover_type, "mode": self.plover_mode}


@dataclass(frozen=True)
class When:
    date: str | None  # ISO date, "YYYY-MM", "YYYY" or None
    precision: str  # day | month | year | article | none
    historical: bool = False
    text: str | None = None  # the words that gave the date


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    admin1: str | None = None
    city: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "country"  # city | admin1 | region | country | area
    # where in the text it came from: the event's own clause, another phrase of its sentence, or
    # the article's dateline (a mention's ``filed_from``, never an event's location)
    basis: str = "clause"  # clause | sentence | dateline | actors (a country's own, at home)

    @property
    def rank(self) -> float:
        """How specific it is: a city 3, a division 2 (and a region inside one country, "Darfur"),
        a country 1 (and a region across countries, "the Sahel", "Kashmir"), an area (a
        continent, an ocean, a group of countries: "Europe", "the Red Sea") 0.5."""
        if self.precision == "region":
            return 2.0 if self.country else 1.0
        return {"city": 3.0, "admin1": 2.0, "country": 1.0, "area": 0.5}.get(self.precision, 0.0)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "city": self.city,
            "lat": self.lat,
            "lon": self.lon,
            "precision": self.precision,
            "basis": self.basis,
        }


@dataclass(frozen=True)
class Mention:
    """One sentence's report of one event, with its evidence."""

    article_id: str
    sentence: str
    sentence_start: int
    line: int  # 1-based line of the article
    source: Actor | None
    target: Actor | None
    action: Action
    when: When
    place: Place | None
    killed: int | None
    injured: int | None
    spans: dict[str, Span | None]
    rule: str
    attribution: str | None = None  # who said it, when the event is reported speech
    refers_to: int | None = None  # index of the mention this one points back to ("the strikes")
    # where its article was filed from (the dateline: "KYIV, Ukraine (AP) —"), which is not the
    # event's location: the event's sentence says that, or nothing does
    filed_from: Place | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "line": self.line,
            "sentence": self.sentence,
            "sentence_start": self.sentence_start,
            "spans": {k: list(v) if v else None for k, v in self.spans.items()},
            "rule": self.rule,
            "actor_rules": {
                "source": self.source.rule if self.source else None,
                "target": self.target.rule if self.target else None,
            },
            "attribution": self.attribution,
            "filed_from": self.filed_from.to_dict() if self.filed_from else None,
        }


@dataclass(frozen=True)
class Event:
    """One real-world event: the merged record of one or more mentions."""

    event_id: str
    source: Actor | None
    target: Actor | None
    action: Action
    when: When
    place: Place | None
    killed: int | None
    injured: int | None
    mentions: tuple[Mention, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "cameo": self.action.cameo_dict(),
            "plover": self.action.plover_dict(),
            "date": self.when.date,
            "date_precision": self.when.precision,
            "historical": self.when.historical,
            "location": self.place.to_dict() if self.place else None,
            "killed": self.killed,
            "injured": self.injured,
            "num_mentions": len(self.mentions),
            "mentions": [m.to_dict() for m in self.mentions],
        }


def article_id(text: str) -> str:
    """Content hash of the normalised text: the same article always gets the same id."""
    norm = " ".join(text.split()).lower()
    return hashlib.sha256(norm.encode()).hexdigest()[:16]
