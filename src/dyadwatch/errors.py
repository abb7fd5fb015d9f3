"""Exceptions raised by dyadwatch.

Every error the package raises on purpose derives from :class:`DyadwatchError`::

    DyadwatchError
    ├── InputError          one input item cannot be read (it goes to quarantine, the run goes on)
    ├── ModelNotFoundError  no spaCy English pipeline is installed
    ├── DictionaryError     an actor or lexicon data file is malformed
    ├── StoreError          the DuckDB store cannot be opened or written
    └── UsageError          a bad argument: a dyad spec, a date, an export format

Library code raises these; only the CLI turns them into messages and exit codes.
"""

from __future__ import annotations

__all__ = [
    "DyadwatchError",
    "InputError",
    "ModelNotFoundError",
    "DictionaryError",
    "StoreError",
    "UsageError",
]


class DyadwatchError(Exception):
    """Base class of every error dyadwatch raises on purpose."""


class InputError(DyadwatchError):
    """An input item (a file, a JSONL line) cannot be turned into an article.

    ``source`` names the input (path, or path:line), ``reason`` says what is wrong in
    a few words that also serve as the quarantine reason.
    """

    def __init__(self, source: str, reason: str, detail: str = "") -> None:
        self.source = source
        self.reason = reason
        self.detail = detail
        msg = f"{source}: {reason}"
        if detail:
            msg += f" ({detail})"
        super().__init__(msg)


class ModelNotFoundError(DyadwatchError):
    """No spaCy English pipeline is installed."""


class DictionaryError(DyadwatchError):
    """An actor dictionary or lexicon file is malformed."""


class StoreError(DyadwatchError):
    """The DuckDB store cannot be opened, read or written."""


class UsageError(DyadwatchError):
    """A bad argument from the caller (dyad spec, date, format)."""
