"""Checks every reader applies: the text is readable, not empty, not too big, and English."""

from __future__ import annotations

import datetime as dt
import re

from eventwire.errors import InputError

MAX_CHARS = 2_000_000
_STOPWORDS = {
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "on",
    "was",
    "with",
    "said",
    "by",
    "as",
    "it",
    "at",
    "from",
    "his",
    "her",
    "has",
    "have",
    "be",
    "are",
    "its",
    "an",
}
_WORD = re.compile(r"[A-Za-z']+")


def decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(origin, "looks binary (contains NUL bytes)", "give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin, f"is not UTF-8 text (byte {exc.start})", "re-encode it as UTF-8"
        ) from exc


def check_text(text: str, origin: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "is empty", "give an article with text")
    if len(text) > MAX_CHARS:
        raise InputError(
            origin,
            f"is too large ({len(text):,} characters, limit {MAX_CHARS:,})",
            "split it into articles",
        )
    words = _WORD.findall(text[:20_000].lower())
    letters = sum(ch.isalpha() for ch in text[:20_000])
    latin = sum(ch.isascii() and ch.isalpha() for ch in text[:20_000])
    if letters and latin / letters < 0.7:
        raise InputError(
            origin,
            "does not look like English text (mostly non-Latin script)",
            "eventwire codes English news",
        )
    if len(words) >= 30 and sum(w in _STOPWORDS for w in words) / len(words) < 0.08:
        raise InputError(
            origin,
            "does not look like English text (too few English words)",
            "eventwire codes English news",
        )
    return text


def parse_date(value: object, origin: str, field: str = "published") -> dt.date | None:
    """An ISO date or datetime (or an RFC 2822 date from feeds), else a clear error."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    raise InputError(origin, f"field {field!r} is not a date: {s[:40]!r}", "use YYYY-MM-DD")
