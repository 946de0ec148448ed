"""Polite HTTP fetching for the watcher: a user agent, timeouts, conditional GET (ETag and
Last-Modified), a minimum interval between requests to one host, and retries with exponential
backoff for what may pass (timeouts, refused connections, 429 and 5xx, honouring Retry-After).

Standard library only (urllib): one GET at a time, which is what a polite watcher does.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from eventwire import __version__
from eventwire.errors import InputError
from eventwire.ingest.checks import MAX_MARKUP_BYTES

USER_AGENT = f"eventwire/{__version__} (news event coder; +https://pypi.org/project/eventwire/)"
_RETRY_STATUS = {408, 425, 429, 500, 502, 503, 504}


class FetchError(InputError):
    """A URL that could not be had: ``transient`` when trying later may help (timeouts, refused
    connections, 429, 5xx), not when the server said no (404, 410, 403) or sent too much."""

    def __init__(self, url: str, problem: str, transient: bool) -> None:
        super().__init__(url, problem)
        self.transient = transient


@dataclass(frozen=True)
class Fetched:
    """One answer: 304 means unchanged since the validators given (``body`` is empty)."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None


@dataclass
class Fetcher:
    """GETs with manners. ``per_host`` seconds between two requests to one host; ``retries``
    more tries after the first, waiting ``backoff`` × 2^n seconds (or what Retry-After says,
    up to ``max_wait``)."""

    timeout: float = 10.0
    per_host: float = 1.0
    retries: int = 3
    backoff: float = 1.0
    max_wait: float = 60.0
    max_bytes: int = MAX_MARKUP_BYTES
    user_agent: str = USER_AGENT
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """The answer for ``url``; a :class:`FetchError` naming it when it cannot be had."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(url, "is not an http(s) URL", transient=False)
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        why = ""
        for attempt in range(self.retries + 1):
            self._wait_turn(parts.hostname)
            try:
                return self._once(url, headers)
            except _Retry as exc:
                why = exc.why
                if attempt == self.retries:
                    break
                wait = exc.after if exc.after is not None else self.backoff * 2**attempt
                self.sleep(min(wait, self.max_wait))
        raise FetchError(
            url, f"could not be fetched after {self.retries + 1} tries ({why})", transient=True
        )

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            gap = self.per_host - (self.clock() - last)
            if gap > 0:
                self.sleep(gap)
        self._last[host] = self.clock()

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        req = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                body = resp.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(
                        url, f"is too large (over {self.max_bytes:,} bytes)", transient=False
                    )
                return Fetched(
                    url=resp.geturl(),
                    status=int(resp.status),
                    body=body,
                    content_type=resp.headers.get("Content-Type", ""),
                    etag=resp.headers.get("ETag"),
                    last_modified=resp.headers.get("Last-Modified"),
                )
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return Fetched(url, 304, b"", "", exc.headers.get("ETag"), None)
            if exc.code in _RETRY_STATUS:
                after = _retry_after(exc.headers.get("Retry-After"))
                raise _Retry(f"HTTP {exc.code}", after) from exc
            raise FetchError(url, f"answered HTTP {exc.code}", transient=False) from exc
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            raise _Retry(str(getattr(exc, "reason", exc) or type(exc).__name__), None) from exc
        except OSError as exc:  # a reset or a broken read mid-body
            raise _Retry(f"{type(exc).__name__}: {exc}", None) from exc


class _Retry(Exception):
    def __init__(self, why: str, after: float | None) -> None:
        super().__init__(why)
        self.why, self.after = why, after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
