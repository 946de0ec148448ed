"""RSS, Atom and RDF feeds → items, through feedparser; unsafe XML refused first (defusedxml).

feedparser reads every dialect and many broken feeds, but it expands the entities a document
declares, so a document that declares any (the "billion laughs" and external-entity attacks) is
refused before feedparser sees it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import time
from dataclasses import dataclass
from typing import Any
from xml.etree.ElementTree import ParseError

from eventwire.errors import InputError

_DECLARES = re.compile(rb"<!\s*(ENTITY|DOCTYPE[^>\[]*\[)", re.IGNORECASE)


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its title, body (HTML or text), link, stated date and id."""

    n: int
    title: str
    body: str
    link: str | None
    date_text: str | None  # as the feed states it
    date: dt.date | None  # as feedparser read it, None if it could not
    guid: str | None


def check_safe_xml(data: bytes, origin: str) -> None:
    """Refuse XML that declares entities or a DTD: what feedparser would expand."""
    import defusedxml.ElementTree as safe_et
    from defusedxml import DefusedXmlException

    try:
        safe_et.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            origin, f"is unsafe XML ({type(exc).__name__}: it declares entities)"
        ) from exc
    except (ParseError, ValueError, RecursionError):
        # not well-formed: feedparser's lenient parser may still read it, but only if it
        # declares nothing that the lenient parser would expand
        if _DECLARES.search(data):
            raise InputError(origin, "is unsafe XML (it declares entities)") from None


def parse_feed(data: bytes, origin: str) -> list[FeedItem]:
    """The items of a feed, in document order; an error if it is unsafe or holds no item."""
    import feedparser

    check_safe_xml(data, origin)
    try:
        parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise InputError(origin, f"is not a valid RSS/Atom feed ({type(exc).__name__})") from exc
    entries: list[Any] = list(parsed.get("entries") or [])
    items = [_item(n, e) for n, e in enumerate(entries, start=1)]
    items = [i for i in items if i.title or i.body or i.link]
    if not items:
        why = parsed.get("bozo_exception")
        detail = f" ({why})" if why else " (no items)"
        raise InputError(origin, f"is not a valid RSS/Atom feed{detail}")
    return items


def _item(n: int, e: Any) -> FeedItem:
    contents = [c.get("value", "") for c in e.get("content") or [] if c.get("value")]
    body = max(contents, key=len) if contents else str(e.get("summary") or "")
    said = next((k for k in ("published", "updated", "created") if e.get(k)), None)
    date_text = e.get(said) if said else None
    stamp = e.get(f"{said}_parsed") if said else None
    return FeedItem(
        n=n,
        title=re.sub(r"\s+", " ", str(e.get("title") or "")).strip(),
        body=body,
        link=str(e.get("link")) if e.get("link") else None,
        date_text=str(date_text) if date_text else None,
        date=_day(stamp),
        guid=str(e.get("id")) if e.get("id") else None,
    )


def _day(stamp: time.struct_time | None) -> dt.date | None:
    if stamp is None:
        return None
    try:
        return dt.datetime.fromtimestamp(calendar.timegm(stamp), dt.UTC).date()
    except (OverflowError, ValueError, OSError):
        return None
