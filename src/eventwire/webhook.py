"""Posting alerts to a webhook: a JSON POST to a URL the user gives, each alert once."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Sequence
from typing import Any

from eventwire import __version__
from eventwire.errors import EventwireError


def post(url: str, alerts: Sequence[dict[str, Any]], timeout: float = 10.0) -> int:
    """POST ``{"alerts": [...]}`` to ``url``; the HTTP status, or an error naming the URL."""
    if not url.startswith(("http://", "https://")):
        raise EventwireError(f"webhook {url!r}: give an http:// or https:// URL")
    body = json.dumps({"alerts": list(alerts)}, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": f"eventwire/{__version__} (alerts)",
        },
    )
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - http(s) only
            return int(resp.status)
    except urllib.error.HTTPError as exc:
        raise EventwireError(f"webhook {url}: the server answered {exc.code}") from exc
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EventwireError(f"webhook {url}: could not post ({reason})") from exc
