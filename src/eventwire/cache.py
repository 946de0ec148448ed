"""The cache folder: data eventwire builds from shipped files (the checked actor dictionary, the
city index) kept between runs under a hash of what it was built from, so a later process loads
it in a fraction of the time. Any change to the sources makes a new key; a cache that cannot be
read or written is rebuilt or skipped, never an error."""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    """EVENTWIRE_CACHE, else the user cache folder."""
    if os.environ.get("EVENTWIRE_CACHE"):
        return Path(os.environ["EVENTWIRE_CACHE"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "eventwire"


def cached(name: str, key: str, kind: type[T], build: Callable[[], T]) -> T:
    """The ``kind`` object cached as ``name-key``, else ``build()`` (then cached)."""
    path = cache_dir() / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as f:
            loaded = pickle.load(f)  # our own file, written below from data we built
        if isinstance(loaded, kind):
            return loaded
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ImportError):
        pass
    built = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(built, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only home: no cache, the same data
    return built
