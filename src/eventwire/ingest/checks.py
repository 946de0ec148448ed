"""Checks every reader applies: the text is readable, not empty, not too big, and English."""

from __future__ import annotations

import codecs
import datetime as dt
import re

from eventwire.errors import InputError
from eventwire.nlp import MAX_RUN, RUN

# An article's text: about 16,000 words, past the longest long-form news story. Parsing takes
# about 6 s per 100,000 characters on one core, so this also bounds what one article costs.
MAX_CHARS = 100_000
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



# Bytes a file may have before it is read: past these it cannot be an article within MAX_CHARS
# (UTF-8 takes at most 4 bytes a character), or a page or feed of sane size, so it is refused
# from its size alone and never loaded.
MAX_TEXT_BYTES = 4 * MAX_CHARS
MAX_LINE_BYTES = 8 * MAX_CHARS  # a JSON line: escapes ("\u00e9") take up to 6 bytes a character
MAX_MARKUP_BYTES = 20_000_000  # HTML pages and feeds: scripts and markup around the text

# byte-order marks, longest first (UTF-32's little-endian mark begins with UTF-16's)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def encoding_of(data: bytes) -> str:
    """The encoding a byte-order mark names, else UTF-8."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")


def decode(data: bytes, origin: str) -> str:
    """UTF-8 text, or UTF-16/32 text that starts with a byte-order mark; else a clear error."""
    encoding = encoding_of(data)
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise InputError(
            origin,
            "looks binary (contains NUL bytes)",
            "give a UTF-8 text file (UTF-16 needs a byte-order mark)",
        )
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        raise InputError(
            origin, f"is not {name} text (byte {exc.start})", "re-encode it as UTF-8"
        ) from exc


def check_size(size: int, limit: int, origin: str) -> None:
    """Refuse a file from its size, before reading it."""
    if size > limit:
        raise InputError(
            origin,
            f"is too large ({size:,} bytes, limit {limit:,})",
            "split it into articles (JSON lines have no file limit)",
        )


def check_length(text: str, origin: str) -> str:
    if len(text) > MAX_CHARS:
        raise InputError(
            origin,
            f"is too large ({len(text):,} characters, limit {MAX_CHARS:,})",
            "split it into articles",
        )
    return text


def check_text(text: str, origin: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "is empty", "give an article with text")
    check_length(text, origin)
    check_unicode(text, origin)
    runs = sum(len(m) for m in RUN.findall(text))
    if runs > 0.5 * len(text):
        raise InputError(
            origin,
            f"is not prose: {runs:,} of its {len(text):,} characters are in stretches of over "
            f"{MAX_RUN:,} characters with no sentence end (. ! ?)",
            "give news text in sentences",
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


# Publication dates eventwire accepts: news archives reach back to the 1800s; a date far outside
# is a typo or garbage, and date arithmetic near the calendar's ends would overflow.
FIRST_DATE = dt.date(1800, 1, 1)
LAST_DATE = dt.date(2199, 12, 31)


def check_date(day: dt.date, origin: str, field: str = "published") -> dt.date:
    if not FIRST_DATE <= day <= LAST_DATE:
        raise InputError(
            origin,
            f"field {field!r} is out of range: {day.isoformat()}",
            f"give a date from {FIRST_DATE.year} to {LAST_DATE.year}",
        )
    return day


def parse_date(value: object, origin: str, field: str = "published") -> dt.date | None:
    """An ISO date or datetime (or an RFC 2822 date from feeds) from 1800 to 2199, else a clear
    error."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return check_date(value, origin, field)
    s = str(value).strip()
    try:
        return check_date(dt.date.fromisoformat(s[:10]), origin, field)
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime

        return check_date(parsedate_to_datetime(s).date(), origin, field)
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    raise InputError(origin, f"field {field!r} is not a date: {s[:40]!r}", "use YYYY-MM-DD")


def check_unicode(text: str, origin: str, field: str = "text") -> str:
    """Text that can be written as UTF-8 (no lone surrogates, which JSON's \\ud800 can make)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            origin, f"field {field!r} has invalid Unicode at character {exc.start}",
            "remove the lone surrogate",
        ) from exc  # fmt: skip
    return text
