"""Readers that turn files, folders and standard input into :class:`~eventwire.model.Article`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.checks import MAX_MARKUP_BYTES, MAX_TEXT_BYTES, check_size
from eventwire.ingest.readers import (
    READERS,
    Item,
    read_feed,
    read_html,
    read_jsonl,
    read_jsonl_stream,
    read_text,
)

__all__ = ["iter_inputs", "Item"]


def _files(paths: Iterable[str]) -> Iterator[Path | InputError]:
    for p in paths:
        path = Path(p)
        if p == "-":
            yield Path("-")
        elif path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in READERS and ".expected" not in f.name:
                    yield f
        elif path.is_file():
            yield path
        else:
            yield InputError(p, "no such file or folder")


def iter_inputs(paths: Iterable[str], published: dt.date | None = None) -> Iterator[Item]:
    """Articles (or the error for each input that is not one), in input order. JSON lines are
    streamed; any other file is refused from its size before it is read."""
    for f in _files(paths):
        if isinstance(f, InputError):
            yield f
            continue
        if str(f) == "-":
            yield from _stdin(published)
            continue
        reader = READERS.get(f.suffix.lower(), read_text)
        try:
            if reader is read_jsonl:
                with f.open("rb") as stream:
                    yield from read_jsonl_stream(f, stream, published)
                continue
            check_size(f.stat().st_size, _LIMITS.get(reader, MAX_TEXT_BYTES), str(f))
            data = f.read_bytes()
        except InputError as exc:
            yield exc
            continue
        except OSError as exc:
            yield InputError(str(f), f"cannot be read: {exc.strerror}")
            continue
        yield from reader(f, data, published)


_LIMITS = {read_html: MAX_MARKUP_BYTES, read_feed: MAX_MARKUP_BYTES}


def _stdin(published: dt.date | None) -> Iterator[Item]:
    """Standard input: JSON lines (streamed) when it starts with "{", else one text article."""
    stream = sys.stdin.buffer
    where = Path("<stdin>")
    head = stream.peek(64).lstrip()[:1] if hasattr(stream, "peek") else b""
    if head == b"{":
        yield from read_jsonl_stream(where, stream, published)
        return
    data = stream.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        yield InputError("<stdin>", f"is too large (over {MAX_TEXT_BYTES:,} bytes)",
                         "split it into articles, or send JSON lines")  # fmt: skip
        return
    yield from read_text(where, data, published)
