"""The store as the API sees it: one shared read-only DuckDB connection, a cursor per request.

DuckDB connections are not thread-safe; cursors (``con.cursor()``) are independent
connections to the same database and may each be used by one request thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..store.duck import Store

__all__ = ["Database", "CursorView"]


class CursorView:
    """What the analysis functions need of a :class:`Store`: a ``con`` to run SQL on."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con


class Database:
    """A DuckDB store opened read-only; raises :class:`~dyadwatch.errors.StoreError` if it is missing."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        # a truncated store is served all the same: /api/health says what is wrong with it
        self._store = Store(path, read_only=True, check_size=False)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self._store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self._store.close()
