"""Export events to CSV, JSON Lines or Parquet, with DuckDB's own writers."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import UsageError
from .duck import Store

__all__ = ["export_events", "EXPORT_FORMATS", "iter_event_json"]

EXPORT_FORMATS = ("csv", "json", "parquet")
_COPY_OPTIONS = {"csv": "FORMAT CSV, HEADER TRUE", "json": "FORMAT JSON", "parquet": "FORMAT PARQUET"}


def export_events(
    store: Store,
    out: str | Path,
    fmt: str,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> int:
    """Write the selected events to ``out``; returns how many were written."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    sql, params = store.events_query(dyad=dyad, since=since, until=until)
    n = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    target = str(out).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({_COPY_OPTIONS[fmt]})", params)
    return int(n)


def iter_event_json(store: Store, **filters: object) -> Iterator[str]:
    """One JSON object per event, as lines (dates as ISO strings)."""
    for row in store.events(**filters):
        yield json.dumps(row, default=_default, ensure_ascii=False)


def _default(o: object) -> str:
    if isinstance(o, date):
        return o.isoformat()
    return str(o)
