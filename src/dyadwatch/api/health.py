"""Is the store readable, all of it? ``/api/health``, the data requests and ``serve`` ask; the
answer is kept until the store is written again (its stamp, :func:`dyadwatch.api.db.store_stamp`)."""

from __future__ import annotations

import threading

import duckdb

from .db import Database, StoreDamaged

__all__ = ["check_store", "TABLES"]

TABLES = ("articles", "events", "quarantine")
_lock = threading.Lock()


def check_store(db: Database) -> str | None:
    """None where every column of every table reads back; else what is wrong, in a few words
    (never the store's path). The verdict is kept on ``db`` with the store's stamp: read again
    after each write."""
    stamp = db.stamp()  # (before reading: a write after it changes the stamp, so the verdict is not kept past it)
    with _lock:
        kept = getattr(db, "health_verdict", None)
        if kept is None or kept[0] != stamp:
            kept = (stamp, _read_everything(db))
            db.health_verdict = kept  # type: ignore[attr-defined]
        return kept[1]


def _read_everything(db: Database) -> str | None:
    from ..store.duck import truncation_problem

    try:
        with db.cursor() as cur:
            short = truncation_problem(cur, db.path)
    except StoreDamaged as exc:
        return str(exc)
    if short:
        return short.replace(f"{db.path}: ", "")
    # hashing every column makes DuckDB read (and checksum) every block of the table;
    # count(*) alone can be answered from metadata, even when the blocks are gone
    try:
        with db.cursor() as cur:
            for table in TABLES:
                cur.execute(f"SELECT count(*), sum(hash(COLUMNS(*))) FROM {table}").fetchall()
    except duckdb.Error as exc:
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        return f"the store cannot be read; it may be damaged or truncated ({type(exc).__name__}: {_without_paths(first)})"
    return None


def _without_paths(message: str) -> str:
    """DuckDB's message less any file path in it (health must not tell where the store is)."""
    import re

    return re.sub(r"(\"|')?/[^\s\"']+(\"|')?", "<store>", message)
