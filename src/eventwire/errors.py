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
