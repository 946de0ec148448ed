"""Readers: text files, JSON lines, HTML pages and RSS/Atom feeds → :class:`Article`.

Each reader yields articles or :class:`InputError` values (never raises for one bad article), so a
batch goes on past a bad input and the caller decides how to report it.
"""

from __future__ import annotations

import codecs
import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
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
from eventwire.model import Article, article_id

Item = Article | InputError


def _article(text: str, origin: str, published: dt.date | None, **f: str | None) -> Item:
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
    yield _article(text, origin, published or _sidecar_date(path), title=first[:300] or None)


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
    yield _article(
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


class _HTMLText(HTMLParser):
    BLOCK = {"p", "h1", "h2", "h3", "h4", "li", "blockquote", "title", "br", "div", "tr"}
    # not the page's text: code, page furniture, and fallback or embedded content a reader does
    # not see as the article (a frame's or object's fallback, a template, a form's controls)
    SKIP = {
        "script", "style", "nav", "footer", "header", "aside", "noscript", "form",
        "iframe", "frame", "frameset", "noframes", "noembed", "object", "embed", "applet",
        "template", "svg", "math", "canvas", "video", "audio", "picture", "map",
        "select", "button", "textarea", "dialog",
    }  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title = ""
        self.published: str | None = None
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "meta" and (a.get("property") or a.get("name") or "") in (
            "article:published_time",
            "datePublished",
            "pubdate",
            "date",
        ):
            self.published = a.get("content")
        if tag in self.SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        elif not self._skip:
            self.parts.append(data)

    def text(self) -> str:
        lines = (re.sub(r"\s+", " ", ln).strip() for ln in "".join(self.parts).split("\n"))
        return "\n".join(ln for ln in lines if ln)


def html_to_text(html: str, origin: str = "<html>") -> tuple[str, str, str | None]:
    """(title, text, published meta) of an HTML page or fragment."""
    p = _HTMLText()
    try:
        p.feed(html)
        p.close()
    except AssertionError as exc:  # html.parser gives up on some malformed declarations
        raise InputError(origin, f"is not HTML that can be read ({exc})") from exc
    return p.title.strip(), p.text(), p.published


def read_html(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    origin = str(path)
    try:
        title, text, pub = html_to_text(decode(data, origin), origin)
        date = published or parse_date(pub, origin)
    except InputError as exc:
        yield exc
        return
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    yield _article(text, origin, date, title=title or None)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def read_feed(path: Path, data: bytes, published: dt.date | None) -> Iterator[Item]:
    """RSS 2.0 <item>s and Atom <entry>s; HTML in descriptions is reduced to text."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        yield InputError(str(path), f"is not a valid RSS/Atom feed ({exc})")
        return
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    for n, item in enumerate(items, start=1):
        origin = f"{path}#item{n}"
        fields = {_local(c.tag): (c.text or "").strip() for c in item}
        link = fields.get("link") or next(
            (c.get("href", "") for c in item if _local(c.tag) == "link"), ""
        )
        body = (
            fields.get("encoded")
            or fields.get("content")
            or fields.get("description")
            or fields.get("summary", "")
        )
        title = fields.get("title", "")
        try:
            _, body_text, _ = html_to_text(body, origin)
            date = (
                parse_date(
                    fields.get("pubDate") or fields.get("published") or fields.get("updated"),
                    origin,
                )
                or published
            )
        except InputError as exc:
            yield exc
            continue
        yield _article(
            f"{title}\n{body_text}" if title else body_text,
            origin,
            date,
            title=title or None,
            url=link or None,
            id=None,
        )


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
