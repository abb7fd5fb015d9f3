"""The DuckDB store: one file with ``articles``, ``events`` and ``quarantine`` tables.

Writes are batched through Arrow tables; re-coding an article that is already stored
changes nothing (article ids are content hashes, event ids are deterministic).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..records import Article, Event, Rejection
from .schema import ARTICLES, EVENT_COLUMNS, EVENTS, META, MIGRATIONS, QUARANTINE, SCHEMA_VERSION, STATE, STORIES_VIEW, STORY_BANDS, STORY_SIGNATURES
from .tables import coded_tables

__all__ = ["Store", "date_range", "truncation_problem", "has_table", "is_lock_conflict", "is_short_read", "connect_waiting", "first_line", "duckdb_size",
           "size_bytes", "insert_new", "insert_new_sql", "has_index", "LOCK_WAIT_S"]

_EVENT_NAMES = [n for n, _ in EVENT_COLUMNS]


def date_range(since: date | None, until: date | None, column: str = "event_date") -> tuple[list[str], list[object]]:
    """WHERE clauses and parameters for an inclusive date range (either end optional)."""
    where: list[str] = []
    params: list[object] = []
    if since:
        where.append(f"{column} >= ?")
        params.append(since)
    if until:
        where.append(f"{column} <= ?")
        params.append(until)
    return where, params


#: DuckDB's buffer pool (its cache of the file's blocks, and working memory beyond which
#: it spills to disk) for one store: without a limit it takes up to 80% of the machine's
#: memory and keeps every block a run has read, so a run's memory would grow with the store
DEFAULT_MEMORY_LIMIT = "512MB"


def first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def is_lock_conflict(exc: BaseException) -> bool:
    """DuckDB's "Could not set lock on file …: Conflicting lock is held in …": another process
    has the file open (a writer, or ``dyadwatch serve`` reading it for a moment)."""
    text = str(exc)
    return isinstance(exc, duckdb.IOException) and ("Could not set lock" in text or "Conflicting lock" in text)


def is_short_read(exc: BaseException) -> bool:
    """DuckDB's "Could not read enough bytes from file …": a block the file's header points to lies
    past its end (the file was cut short). Opening the file fails so where the cut reaches the
    blocks of its catalog; a cut that spares them is found by :func:`truncation_problem`."""
    return isinstance(exc, duckdb.IOException) and "Could not read enough bytes" in str(exc)


#: how long opening a store waits for another process to let go of the file: ``serve`` holds it
#: open only while it answers requests (and 0.1 s after), so a writer that finds it locked
#: tries again with a growing pause
LOCK_WAIT_S = 15.0
_FIRST_PAUSE_S, _MAX_PAUSE_S = 0.02, 0.5


def connect_waiting(path: str, read_only: bool, wait_s: float, first_pause_s: float = _FIRST_PAUSE_S,
                    max_pause_s: float = _MAX_PAUSE_S) -> duckdb.DuckDBPyConnection:
    """Open a DuckDB file, trying again with a growing pause while another process holds its
    lock; after ``wait_s`` (or on any other error) DuckDB's error is raised."""
    deadline = time.monotonic() + wait_s
    pause = first_pause_s
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.Error as exc:
            if not is_lock_conflict(exc) or time.monotonic() + pause > deadline:
                raise
            time.sleep(pause)
            pause = min(pause * 2, max_pause_s)


def duckdb_size(limit: str) -> str:
    """A DuckDB size such as "512MB" (checked here: it is spliced into a SET statement)."""
    if not re.fullmatch(r"\s*\d+(\.\d+)?\s*[KMGT]i?B\s*", limit, flags=re.IGNORECASE):
        raise StoreError(f"memory limit {limit!r}: expected a size such as 512MB or 4GB")
    return limit.strip()


_UNITS = {"K": 1, "M": 2, "G": 3, "T": 4}


def size_bytes(limit: str) -> int:
    """The bytes of a DuckDB size, as DuckDB reads it: "512MB" is 512 * 1000², "512MiB" 512 * 1024²."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([KMGT])(i?)B", duckdb_size(limit), flags=re.IGNORECASE)
    assert m is not None  # duckdb_size has checked it
    return int(float(m.group(1)) * (1024 if m.group(3) else 1000) ** _UNITS[m.group(2).upper()])


def insert_new_sql(table: str, key: str, names: Sequence[str], source: str) -> str:
    """An INSERT into ``table`` of the rows of ``source`` (a registered table's name, or a query in
    parentheses) whose ``key`` is not stored yet, one row per key (an arbitrary one of a key's
    rows in ``source``): what ``INSERT OR IGNORE`` does on a primary key, without the index that
    DuckDB must hold in memory for one (see :data:`~dyadwatch.store.schema.KEYED_BY_ANTI_JOIN`).
    A table that has the primary key (a store made before) takes the same statement."""
    cols = ", ".join(f'"{n}"' for n in names)
    return (f'INSERT INTO {table} ({cols}) SELECT {cols} FROM (SELECT DISTINCT ON ("{key}") {cols} FROM {source}) AS b '
            f'WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WHERE t."{key}" = b."{key}")')


def insert_new(con: duckdb.DuckDBPyConnection, table: str, key: str, names: Sequence[str], source: str) -> None:
    """Run :func:`insert_new_sql`."""
    con.execute(insert_new_sql(table, key, names, source))


def has_index(con: duckdb.DuckDBPyConnection, tables: Sequence[str]) -> bool:
    """Whether any of these tables has a primary key, a unique constraint or an index: an ART,
    which DuckDB holds whole in memory, so a memory limit below its size fails."""
    if not tables:
        return False
    rows = con.execute("SELECT (SELECT count(*) FROM duckdb_constraints() WHERE database_name = current_database() "
                      "AND table_name IN (SELECT unnest(?)) AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')) + "
                      "(SELECT count(*) FROM duckdb_indexes() WHERE database_name = current_database() AND table_name IN (SELECT unnest(?)))",
                      [list(tables), list(tables)]).fetchall()
    return bool(rows[0][0])  # fetchall: a result left unfinished would block a register() on the connection


#: Parquet files merged by one statement of :meth:`Store.load_parquet`: at most this many, and
#: at most :data:`LOAD_GROUP_BYTES` of them. DuckDB's memory for an ``INSERT … FROM
#: read_parquet`` grows with the files it reads: a Ray run over 10,000 articles wrote 15,352
#: files (290 MB); merged in one statement the process peaked at 748 MB, at 3,000 files a
#: statement 574 MB, at 1,000 471 MB, at 300 421 MB (10.6, 10.8, 10.5, 11.4 s).
LOAD_GROUP_FILES = 1000
LOAD_GROUP_BYTES = 32 * 1024 * 1024


def _file_groups(files: list[Path]) -> Iterator[list[str]]:
    group: list[str] = []
    size = 0
    for f in files:
        n = f.stat().st_size
        if group and (len(group) >= LOAD_GROUP_FILES or size + n > LOAD_GROUP_BYTES):
            yield group
            group, size = [], 0
        group.append(str(f))
        size += n
    if group:
        yield group


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the store has a table of that name (one a later feature adds: ``imported``, ``alerts``)."""
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
    return bool(row and row[0])


def truncation_problem(con: duckdb.DuckDBPyConnection, path: str) -> str | None:
    """What is wrong where the file is shorter than the blocks its header says it holds (a copy
    or a download cut short, a full disk), else None. DuckDB itself finds out only when a
    query reads a missing block, and a query that reads only the blocks still there succeeds."""
    try:
        row = con.execute("SELECT block_size, total_blocks FROM pragma_database_size() WHERE database_name = current_database()").fetchone()
        size = os.path.getsize(path)
    except (duckdb.Error, OSError):
        return None  # an in-memory store, or one the queries will report on
    if row is None:
        return None
    needed = int(row[0]) * int(row[1])
    if size < needed:
        return f"the store is truncated or damaged: the file has {size:,} bytes of the {needed:,} its blocks need"
    return None


class Store:
    """A DuckDB file. Use as a context manager, or call :meth:`close`.

    ``memory_limit`` caps DuckDB's memory for this store (a DuckDB size such as "512MB" or
    "4GB"; the environment variable ``DYADWATCH_DUCKDB_MEMORY`` overrides the default)."""

    def __init__(self, path: str | Path = "dyadwatch.duckdb", read_only: bool = False, memory_limit: str | None = None,
                 check_size: bool = True, lock_wait_s: float = LOCK_WAIT_S) -> None:
        self.path = str(path)
        self.memory_limit = limit = duckdb_size(memory_limit or os.environ.get("DYADWATCH_DUCKDB_MEMORY") or DEFAULT_MEMORY_LIMIT)
        try:
            if read_only and not Path(self.path).exists():
                raise StoreError(f"{self.path}: no such store; code some articles first (dyadwatch code PATH --db {self.path})")
            self.con = connect_waiting(self.path, read_only, lock_wait_s)
            # a setting, not a connect option: other connections to the file in this process
            # (a user's own duckdb.connect) share the database instance and may differ in options
            self.con.execute(f"SET memory_limit = '{limit}'")
        except duckdb.Error as exc:
            if is_lock_conflict(exc):
                raise StoreError(f"{self.path}: another process holds the store (a dyadwatch code, import or watch run); "
                                 f"waited {lock_wait_s:g} s") from None
            if is_short_read(exc):
                raise StoreError(f"{self.path}: the store is truncated or damaged: DuckDB cannot read its catalog "
                                 f"({first_line(exc)})") from None
            raise StoreError(f"{self.path}: cannot open the store ({first_line(exc)})") from None
        problem = truncation_problem(self.con, self.path) if read_only and check_size else None
        if problem:
            self.con.close()
            raise StoreError(f"{self.path}: {problem}")
        if not read_only:
            for ddl in (ARTICLES, EVENTS, QUARANTINE, META, STATE, STORY_SIGNATURES, STORY_BANDS, *MIGRATIONS, STORIES_VIEW):
                self.con.execute(ddl)
            self.con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(SCHEMA_VERSION)])

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def memory_capped(self, limit: str, unless_indexed: Sequence[str] = ()) -> Iterator[bool]:
        """Run the block with DuckDB's memory limit lowered to ``limit`` (never raised above the
        store's), then put the store's back; yields whether it was lowered. Not where a table of
        ``unless_indexed`` has an index (a store made before with its primary key): DuckDB must
        hold an index whole in memory, and a limit below its size fails."""
        lower = size_bytes(limit) < size_bytes(self.memory_limit) and not has_index(self.con, unless_indexed)
        if lower:
            self.con.execute(f"SET memory_limit = '{duckdb_size(limit)}'")
        try:
            yield lower
        finally:
            if lower:
                self.con.execute(f"SET memory_limit = '{self.memory_limit}'")

    # -- writing ---------------------------------------------------------------------
    def has_article(self, article_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM articles WHERE article_id = ?", [article_id]).fetchone() is not None

    def known_article_ids(self, ids: Iterable[str]) -> set[str]:
        ids = list(ids)
        if not ids:
            return set()
        rows = self.con.execute("SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]).fetchall()
        return {r[0] for r in rows}

    def get_state(self, key: str) -> bytes | None:
        row = self.con.execute("SELECT value FROM state WHERE key = ?", [key]).fetchone()
        return bytes(row[0]) if row else None

    def set_state(self, key: str, value: bytes) -> None:
        self.con.execute("INSERT OR REPLACE INTO state VALUES (?, ?)", [key, value])

    def add_coded(self, batch: list[tuple[Article, list[Event], int, int]], stories: dict[str, str] | None = None) -> int:
        """Store a batch of (article, events, n_sentences, n_parsed); returns new articles stored.
        ``stories`` maps article ids to their story (for wire copies of one story)."""
        if not batch:
            return 0
        return self.add_tables(*coded_tables(batch, stories))

    def add_tables(self, arts: pa.Table, events: pa.Table) -> int:
        """Insert Arrow tables of articles and events in one transaction; articles (and
        their events) already stored are left alone. Returns the new articles stored."""
        if arts.num_rows == 0:
            return 0
        known = self.known_article_ids(arts.column("article_id").to_pylist())
        if known:
            keep = pa.array([a not in known for a in arts.column("article_id").to_pylist()])
            arts = arts.filter(keep)
            events = events.filter(pa.array([a not in known for a in events.column("article_id").to_pylist()]))
        if arts.num_rows == 0:
            return 0
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.register("_arts", arts)
            cols = ", ".join(arts.column_names)
            self.con.execute(f"INSERT OR IGNORE INTO articles ({cols}) SELECT {cols} FROM _arts")
            self.con.unregister("_arts")
            if events.num_rows:
                self._insert_events(events)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self._rollback()
            raise StoreError(f"{self.path}: cannot write a batch ({first_line(exc)})") from None
        return len(set(arts.column("article_id").to_pylist()))

    def _rollback(self) -> None:
        """Undo the open transaction; where a failed COMMIT (a full disk) has already ended it,
        there is nothing to undo, and the error that ended it is the one to report."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.TransactionException:
            pass

    def _insert_events(self, tbl: pa.Table) -> None:
        self.con.register("_evs", tbl)
        insert_new(self.con, "events", "event_id", _EVENT_NAMES, "_evs")
        self.con.unregister("_evs")

    def add_rejections(self, rejections: list[Rejection]) -> None:
        for r in rejections:
            self.con.execute(
                "INSERT OR IGNORE INTO quarantine (rejection_id, origin, reason, detail, raw, size_bytes) VALUES (?, ?, ?, ?, ?, ?)",
                [r.rejection_id, r.origin, r.reason, r.detail, r.raw, len(r.raw)],
            )

    def load_parquet(self, folder: str | Path) -> dict[str, int]:
        """Merge a folder written by the Ray engine (``articles/``, ``events/event_date=…/``,
        ``quarantine/``) into the store; rows already there are left alone, so a load that was
        cut short can be run again. The files are read a group at a time (see
        :data:`LOAD_GROUP_FILES`): DuckDB's memory for one statement grows with the files it reads."""
        base = Path(folder)
        if not base.is_dir():
            raise StoreError(f"{folder}: no such folder of Parquet files")
        before = self.counts()
        select = ", ".join("TRY_CAST(event_date AS DATE) AS event_date" if n == "event_date" else f'"{n}"' for n in _EVENT_NAMES)
        parts = {
            "articles": ("articles/*.parquet", "INSERT OR IGNORE INTO articles (article_id, url, title, publisher, published, origin, text, n_sentences, n_parsed, n_events) "
                         "SELECT article_id, url, title, publisher, published, origin, text, n_sentences, n_parsed, n_events FROM read_parquet(?)"),
            "events": ("events/*/*.parquet", insert_new_sql("events", "event_id", _EVENT_NAMES,
                                                            f"(SELECT {select} FROM read_parquet(?, hive_partitioning = true))")),
            "quarantine": ("quarantine/*.parquet", "INSERT OR IGNORE INTO quarantine (rejection_id, origin, reason, detail, raw, size_bytes) "
                           "SELECT rejection_id, origin, reason, detail, raw, size_bytes FROM read_parquet(?)"),
        }
        try:
            for table, (pattern, sql) in parts.items():
                for group in _file_groups(sorted(base.glob(pattern))):
                    self.con.execute(sql, [group])
        except duckdb.Error as exc:
            raise StoreError(f"{folder}: cannot load the Parquet files ({exc})") from None
        after = self.counts()
        return {t: after[t] - before[t] for t in after}

    # -- reading ---------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        out = {}
        for t in ("articles", "events", "quarantine"):
            out[t] = self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
        return out

    def events_query(
        self,
        dyad: tuple[str, str] | None = None,
        since: date | None = None,
        until: date | None = None,
        columns: str = "*",
        country: str | None = None,
        near: tuple[float, float, float] | None = None,
        bbox: tuple[float, float, float, float] | None = None,
    ) -> tuple[str, list[object]]:
        """SQL (and its parameters) selecting events with the given filters, oldest first:
        ``country`` where it happened (ISO3), ``near`` (lat, lon, km) within that great-circle
        distance of a point, ``bbox`` (west, south, east, north) inside a box."""
        where, params = date_range(since, until)
        if dyad:
            where.append("source_code = ? AND target_code = ?")
            params += list(dyad)
        if country:
            where.append("location_country = ?")
            params.append(country.upper())
        if near:
            lat, lon, km = near
            # haversine, Earth radius 6371 km
            where.append("lat IS NOT NULL AND 2 * 6371 * asin(sqrt(pow(sin(radians(lat - ?) / 2), 2) + "
                         "cos(radians(?)) * cos(radians(lat)) * pow(sin(radians(lon - ?) / 2), 2))) <= ?")
            params += [lat, lat, lon, km]
        if bbox:
            west, south, east, north = bbox
            where.append("lat BETWEEN ? AND ? AND lon BETWEEN ? AND ?")
            params += [south, north, west, east]
        sql = f"SELECT {columns} FROM events"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY event_date NULLS LAST, article_id, sentence_index, trigger_start, event_id"
        return sql, params

    def events(self, **filters: object) -> list[dict[str, object]]:
        sql, params = self.events_query(**filters)  # type: ignore[arg-type]
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    def unknown_actors(self, top: int = 30) -> list[tuple[str, int, int, str, str | None]]:
        """(name, mentions, articles, an example sentence, the code guessed or None) of actor
        names the dictionary does not know: those kept with a null code, and those coded by a
        guess from the sentence (an office-holder given the sentence's one country, a named
        body coded NGO), which a user may want to put in a dictionary too."""
        guessed = "('organization', 'title+sentence')"
        return self.con.execute(
            f"""
            WITH names AS (
                SELECT source_text AS name, article_id, sentence, source_code AS code FROM events
                WHERE source_text <> '' AND ((source_code IS NULL AND source_kind = 'unknown') OR source_via IN {guessed})
                UNION ALL
                SELECT target_text, article_id, sentence, target_code FROM events
                WHERE target_text <> '' AND ((target_code IS NULL AND target_kind = 'unknown') OR target_via IN {guessed})
            )
            SELECT name, count(*) AS n, count(DISTINCT article_id), min(sentence), max(code)
            FROM names GROUP BY name ORDER BY n DESC, name LIMIT ?
            """,
            [top],
        ).fetchall()

    def quarantine(self) -> list[dict[str, object]]:
        cur = self.con.execute("SELECT rejection_id, origin, reason, detail, size_bytes, created_at FROM quarantine ORDER BY created_at, origin")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]
