"""One exception hierarchy. Messages say what went wrong, where (file, line, field) and the fix."""

from __future__ import annotations


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input (file, line, field) cannot be read as an article."""

    def __init__(self, origin: str, problem: str, fix: str = "") -> None:
        self.origin = origin
        self.problem = problem
        message = f"{origin}: {problem}"
        if fix:
            message += f" ({fix})"
        super().__init__(message)


class ModelNotFoundError(EventwireError):
    """The spaCy pipeline is not installed."""


class DataFileError(EventwireError):
    """A shipped or user-supplied data file (lexicon, dictionary, table) is malformed."""


class StoreError(EventwireError):
    """The event database cannot be opened or written."""


class StoreServedError(StoreError):
    """The database file is held by a running ``eventwire serve``: read it through its API."""

    def __init__(self, path: str, url: str, pid: int) -> None:
        self.path, self.url, self.pid = path, url, pid
        super().__init__(
            f"{path}: the database is held by `eventwire serve` (pid {pid}) at {url}; read it "
            f"through the server (`eventwire query --server {url}`; `query` does this by itself) "
            f"or stop the server to open the file"
        )
