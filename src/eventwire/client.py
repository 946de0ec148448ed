"""Reading a running eventwire server over HTTP: what the CLI does when ``eventwire serve`` holds
the database file (see :mod:`eventwire.served`). Standard library only."""

from __future__ import annotations

import dataclasses
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from eventwire.errors import StoreError
from eventwire.query import Filters

MAX_PAGE = 1000  # the API's largest page


def params_of(f: Filters) -> dict[str, str]:
    """The API's query parameters for a :class:`Filters`."""
    out: dict[str, str] = {}
    for field in dataclasses.fields(f):
        value = getattr(f, field.name)
        if value is None:
            continue
        if isinstance(value, tuple):
            value = ",".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = str(value).lower()
        out[field.name] = str(value)
    return out


def events(url: str, f: Filters, timeout: float = 30) -> tuple[list[dict[str, Any]], int]:
    """The event records matching ``f`` (all of ``f.limit``, fetched in pages) and their total."""
    records: list[dict[str, Any]] = []
    total = 0
    while len(records) < f.limit:
        page = dataclasses.replace(
            f, offset=f.offset + len(records), limit=min(MAX_PAGE, f.limit - len(records))
        )
        body = _get(url, "/api/events", params_of(page), timeout)
        total = int(body["total"])
        records += body["events"]
        if not body["events"]:
            break
    return records, total


def _get(url: str, path: str, params: dict[str, str], timeout: float) -> dict[str, Any]:
    full = f"{url.rstrip('/')}{path}?{urllib.parse.urlencode(params)}"
    try:
        with urllib.request.urlopen(full, timeout=timeout) as r:  # noqa: S310 - a user's server
            body: dict[str, Any] = json.loads(r.read())
            return body
    except urllib.error.HTTPError as exc:
        detail = exc.read().decode("utf-8", "replace")[:300]
        raise StoreError(f"{url}: the server refused the query ({exc.code}): {detail}") from exc
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        raise StoreError(f"{url}: cannot reach the server ({exc})") from exc
