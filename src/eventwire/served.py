"""Which server holds a database file. ``eventwire serve`` keeps its database open for as long as
it runs, and DuckDB lets no other process open that file meanwhile, not even to read. The server
writes a small record beside the file (``<db>.serve.json``: its address and process id) and removes
it when it stops; a reader that finds the file locked reads the record, and goes through the
server's API instead of waiting on a lock that will not be released."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Served:
    url: str
    pid: int


def record_path(db: str | Path) -> Path:
    return Path(f"{db}.serve.json")


def announce(db: str | Path, host: str, port: int) -> Path:
    """Record that this process serves ``db`` at host:port (a wildcard address is reached on the
    loopback address)."""
    local = "127.0.0.1" if host in ("0.0.0.0", "", "::") else host
    local = f"[{local}]" if ":" in local else local
    path = record_path(db)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_text(json.dumps({"url": f"http://{local}:{port}", "pid": os.getpid()}))
    tmp.replace(path)
    return path


def withdraw(db: str | Path) -> None:
    """Remove this process's record (not another server's)."""
    found = _read(record_path(db))
    if found is not None and found.pid == os.getpid():
        record_path(db).unlink(missing_ok=True)


def holder(db: str | Path) -> Served | None:
    """The running server that holds ``db``, or None (no record, or its process is gone)."""
    found = _read(record_path(db))
    if found is None or not _alive(found.pid):
        return None
    return found


def _read(path: Path) -> Served | None:
    try:
        obj = json.loads(path.read_text())
        return Served(str(obj["url"]), int(obj["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, another user's
        return True
    return True
