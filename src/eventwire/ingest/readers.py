"""Readers: text files, JSON lines, HTML pages and RSS/Atom/RDF feeds → :class:`Article`.

Each reader yields articles or :class:`InputError` values (never raises for one bad article), so a
batch goes on past a bad input and the caller decides how to report it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from eventwire.errors import InputError
from eventwire.ingest.checks import (
    MAX_LINE_BYTES,
    MAX_TEXT_BYTES,
    check_text,
    check_unicode,
    decode,
    encoding_of,
    parse_date,
)
from eventwire.ingest.feeds import FeedItem, parse_feed
from eventwire.ingest.pages import fragment_text, read_page
from eventwire.model import Article, article_id

Item = Article | InputError


def checked_article(text: str, origin: str, published: dt.date | None, **f: str | None) -> Item:
    """An article with its text and fields checked (an :class:`InputError` if they fail)."""
    try:
        text = check_text(text, origin)
        for name, value in f.items():
            if value is not None:
                check_unicode(value, origin, name)
    except InputError as exc:
        return exc
    return Article(
        id=f.get("id") or article_id(text),
        text=text,
        title=f.get("title"),
        url=f.get("url"),
        published=published,
        source=f.get("source"),
        origin=origin,
    )


def _sidecar_date(path: Path) -> dt.date | None:
    meta = path.with_name(path.name.split(".")[0] + ".meta.json")
    if meta.exists():
        try:
            return parse_date(
                json.loads(meta.read_text(encoding="utf-8")).get("published"), str(meta)
            )
        except (json.JSONDecodeError, InputError, AttributeError):
            return None
    return None


def read_text(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    """A plain-text article; its first line is the headline."""
    origin = str(path)
    try:
        text = decode(data, origin)
    except InputError as exc:
        yield exc
        return
    first = text.strip().split("\n", 1)[0].strip()
    yield checked_article(text, origin, published or _sidecar_date(path), title=first[:300] or None)


def read_jsonl(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    """One article a line: {"id", "title", "text", "url", "published", "source"}; text required."""
    try:
        content = decode(data, str(path))
    except InputError as exc:
        yield exc
        return
    for n, raw in enumerate(content.splitlines(), start=1):
        yield from _jsonl_line(raw, f"{path}:{n}", published)


def read_jsonl_stream(path: Path, stream: BinaryIO, published: dt.date | None) -> Iterator[Item]:
    """JSON lines read one line at a time, so a file of any size holds only one line in memory;
    a line longer than an article may be is skipped unread, with an error naming it."""
    head = stream.peek(4)[:4] if hasattr(stream, "peek") else b""
    if encoding_of(head) not in ("utf-8", "utf-8-sig"):  # UTF-16/32: not splittable on b"\n"
        data = stream.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            yield InputError(
                str(path), f"is UTF-16/32 JSON lines over {MAX_TEXT_BYTES:,} bytes",
                "re-encode it as UTF-8",
            )  # fmt: skip
            return
        yield from read_jsonl(path, data, published)
        return
    n = 0
    while True:
        line = stream.readline(MAX_LINE_BYTES + 1)
        if not line:
            return
        n += 1
        origin = f"{path}:{n}"
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass  # the rest of the over-long line, dropped as it is read
            yield InputError(origin, f"is too long (over {MAX_LINE_BYTES:,} bytes)")
            continue
        try:
            raw = decode(line.removeprefix(codecs.BOM_UTF8) if n == 1 else line, origin)
        except InputError as exc:
            yield exc
            continue
        yield from _jsonl_line(raw, origin, published)


def _jsonl_line(raw: str, origin: str, published: dt.date | None) -> Iterator[Item]:
    if not raw.strip():
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        yield InputError(origin, f"is not valid JSON ({exc.msg} at column {exc.colno})")
        return
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        yield InputError(origin, f"is not valid JSON ({exc})")
        return
    except RecursionError:
        yield InputError(origin, "is not an article (JSON nested too deeply)")
        return
    if not isinstance(obj, dict) or not isinstance(obj.get("text"), str):
        yield InputError(origin, "needs a JSON object with a string field 'text'")
        return
    try:
        date = parse_date(obj.get("published"), origin) or published
    except InputError as exc:
        yield exc
        return
    title = obj.get("title")
    text = obj["text"]
    if isinstance(title, str) and title.strip() and not text.lstrip().startswith(title.strip()):
        text = f"{title.strip()}\n{text}"
    yield checked_article(
        text,
        origin,
        date,
        id=_s(obj.get("id")),
        title=_s(title),
        url=_s(obj.get("url")),
        source=_s(obj.get("source")),
    )


def _s(v: object) -> str | None:
    return None if v is None else str(v)


def read_html(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    """A saved web page: its main text (no navigation, captions, related stories or comments),
    title, publication date, site name and canonical URL (see :mod:`eventwire.ingest.pages`)."""
    origin = str(path)
    try:
        page = read_page(decode(data, origin), origin)
        date = published or _sidecar_date(path) or parse_date(page.published, origin)
    except InputError as exc:
        yield exc
        return
    text = page.text
    if page.title and not text.startswith(page.title):
        text = f"{page.title}\n{text}"
    yield checked_article(text, origin, date, title=page.title, url=page.url, source=page.site)


def read_feed(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    """RSS, Atom and RDF items (see :mod:`eventwire.ingest.feeds`); HTML in a body is reduced
    to its text. An item whose date cannot be read is an error naming the item."""
    try:
        items = parse_feed(data, str(path))
    except InputError as exc:
        yield exc
        return
    for item in items:
        yield feed_article(item, f"{path}#item{item.n}", published)


def feed_article(item: FeedItem, origin: str, published: dt.date | None) -> Item:
    """The article a feed item carries in itself (title and body)."""
    try:
        _, body, _ = fragment_text(item.body, origin)
        date = item.date or parse_date(item.date_text, origin) or published
    except InputError as exc:
        return exc
    text = f"{item.title}\n{body}" if item.title and not body.startswith(item.title) else body
    return checked_article(text, origin, date, title=item.title or None, url=item.link)


READERS = {
    ".txt": read_text,
    ".text": read_text,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".html": read_html,
    ".htm": read_html,
    ".xml": read_feed,
    ".rss": read_feed,
    ".atom": read_feed,
}
