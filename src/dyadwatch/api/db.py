"""The store as the API sees it: opened read-only only while requests read it, so that another
process (``dyadwatch code``, ``import``, ``watch``) can write it while ``serve`` runs.

DuckDB lets one process write a file or several read it, never both at once: a read-only
connection held open would keep every writer out (and a writer that finds the file locked fails
at once; it does not wait). So the first request opens the file, the requests running beside it
share that connection (a cursor each: cursors are independent connections to one database
instance), and it is closed ``hold_s`` after the last one finishes (0.1 s by default: opening
the file costs 15–25 ms, so a burst of requests, such as a dashboard's, opens it once). A request
that finds a writer holding the file waits for it with a growing back-off, up to ``busy_wait_s``,
then fails with :class:`StoreBusy`.

:func:`store_stamp` says when the store was last written (the file's and its write-ahead log's
size and time, read without opening it); the API's caches are keyed to it, so a request after a
write never gets an answer computed before it.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..errors import StoreError
from ..store.duck import DEFAULT_MEMORY_LIMIT, connect_waiting, duckdb_size, first_line, is_lock_conflict, is_short_read

__all__ = ["Database", "CursorView", "StoreBusy", "StoreDamaged", "store_stamp", "Stamp", "DEFAULT_BUSY_WAIT_S", "DEFAULT_HOLD_S"]

#: (size, mtime in ns, inode) of the store file and of its write-ahead log (None where absent)
Stamp = tuple[tuple[int, int, int] | None, tuple[int, int, int] | None]

#: how long a request waits for a writer by default before answering 503
DEFAULT_BUSY_WAIT_S = 3.0
#: how long the file stays open after the last request by default (a writer is kept out meanwhile)
DEFAULT_HOLD_S = 0.1
_FIRST_BACKOFF_S = 0.005
_MAX_BACKOFF_S = 0.25


class StoreBusy(StoreError):
    """Another process is writing the store (DuckDB lets no one read it meanwhile)."""


class StoreDamaged(StoreError):
    """The store's file is cut short or damaged where DuckDB reads its catalog: it cannot be
    opened at all (``/api/health`` and every data request say so; ``serve`` still starts)."""


class CursorView:
    """What the analysis functions need of a :class:`Store`: a ``con`` to run SQL on."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con


def _file_stamp(path: str) -> tuple[int, int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns, st.st_ino


def store_stamp(path: str | Path) -> Stamp:
    """When the store at ``path`` was last written, as far as the file system tells: the same
    value while nothing writes it. Every DuckDB write goes to the file or to its ``.wal`` log,
    so a write changes one of them (their size or their modification time)."""
    return _file_stamp(str(path)), _file_stamp(f"{path}.wal")


class Database:
    """A DuckDB store read in short read-only visits; raises :class:`~dyadwatch.errors.StoreError`
    if it is missing or not a DuckDB file. ``busy_wait_s``: how long a request waits while another
    process writes the store before :class:`StoreBusy`; ``hold_s``: how long the file stays open
    after the last request (0: closed at once)."""

    def __init__(self, path: str | Path, busy_wait_s: float = DEFAULT_BUSY_WAIT_S, hold_s: float = DEFAULT_HOLD_S) -> None:
        self.path = str(path)
        self.busy_wait_s = busy_wait_s
        self.hold_s = hold_s
        self._memory_limit = duckdb_size(os.environ.get("DYADWATCH_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT)
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)  # the closer waits on it
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._idle_since = 0.0
        self._closed = False
        self._closer: threading.Thread | None = None
        self.opened = 0  # how many times the file was opened (the visits that found it closed)
        if not Path(self.path).exists():
            raise StoreError(f"{self.path}: no such store; code some articles first (dyadwatch code PATH --db {self.path})")
        try:
            with self.cursor():
                pass  # not a DuckDB file: said now, not at the first request
        except StoreBusy:
            pass  # a writer has it now; requests will wait for it
        except StoreDamaged:
            pass  # a file cut short: /api/health and the data requests say so

    def stamp(self) -> Stamp:
        """The store's :func:`store_stamp`."""
        return store_stamp(self.path)

    @property
    def is_open(self) -> bool:
        """Whether a request holds the file open now (between requests it is closed)."""
        with self._lock:
            return self._con is not None

    def _connect(self) -> duckdb.DuckDBPyConnection:
        """Open the file read-only, waiting with a growing back-off while a writer holds it."""
        try:
            con = connect_waiting(self.path, True, self.busy_wait_s, _FIRST_BACKOFF_S, _MAX_BACKOFF_S)
        except duckdb.Error as exc:
            if is_lock_conflict(exc):
                raise StoreBusy(f"the store is being written by another process (dyadwatch code, import or watch); "
                                f"waited {self.busy_wait_s:g} s; try again in a moment") from None
            if is_short_read(exc):
                raise StoreDamaged("the store is truncated or damaged: DuckDB cannot read its catalog") from None
            raise StoreError(f"{self.path}: cannot open the store ({first_line(exc)})") from None
        try:
            con.execute(f"SET memory_limit = '{self._memory_limit}'")
        except duckdb.Error:
            con.close()
            raise
        self.opened += 1
        return con

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; the file stays open while any request holds one."""
        with self._lock:
            if self._con is None:
                self._con = self._connect()  # (others wait here: they would wait for the writer too)
            self._users += 1
            con = self._con
        try:
            cur = con.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0 and self._con is not None:
                    if self.hold_s <= 0 or self._closed:
                        self._close_now()  # the last reader out lets a writer in
                    else:
                        self._idle_since = time.monotonic()
                        self._start_closer()
                        self._idle.notify()

    def _close_now(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def _start_closer(self) -> None:
        if self._closer is None:
            self._closer = threading.Thread(target=self._close_when_idle, name="dyadwatch-store-closer", daemon=True)
            self._closer.start()

    def _close_when_idle(self) -> None:
        """Closes the file once no request has used it for ``hold_s`` (runs in its own thread)."""
        with self._lock:
            while not self._closed:
                if self._con is None or self._users:
                    self._idle.wait()
                    continue
                left = self._idle_since + self.hold_s - time.monotonic()
                if left > 0:
                    self._idle.wait(left)
                    continue
                self._close_now()

    def close(self) -> None:
        """Close the file (now if no request reads it, else when the last one ends); no more holding."""
        with self._lock:
            self._closed = True
            if self._users == 0:
                self._close_now()
            self._idle.notify_all()
