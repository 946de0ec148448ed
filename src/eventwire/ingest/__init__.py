"""Readers that turn files, folders and standard input into :class:`~eventwire.model.Article`."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from eventwire.errors import InputError
from eventwire.ingest.readers import READERS, Item, read_jsonl, read_text

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
    """Articles (or the error for each input that is not one), in input order."""
    for f in _files(paths):
        if isinstance(f, InputError):
            yield f
            continue
        if str(f) == "-":
            data = sys.stdin.buffer.read()
            head = data.lstrip()[:1]
            reader = read_jsonl if head == b"{" else read_text
            yield from reader(Path("<stdin>"), data, published)
            continue
        reader = READERS.get(f.suffix.lower(), read_text)
        try:
            data = f.read_bytes()
        except OSError as exc:
            yield InputError(str(f), f"cannot be read: {exc.strerror}")
            continue
        yield from reader(f, data, published)
