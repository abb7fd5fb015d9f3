"""Export events to CSV, JSON Lines or Parquet, with DuckDB's own writers; and to GDELT 2.0 TSV and
PLOVER JSON lines (written by :mod:`dyadwatch.datasets.export`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from ..errors import UsageError
from .duck import Store

__all__ = ["export_events", "EXPORT_FORMATS", "EXPORT_COLUMNS", "iter_event_json", "export_rows"]

EXPORT_FORMATS = ("csv", "json", "parquet", "gdelt", "plover")
#: every event column, then its article's title and outlet (the publisher; else the URL's host)
EXPORT_COLUMNS = ("*, (SELECT a.title FROM articles a WHERE a.article_id = events.article_id) AS article_title, "
                  "(SELECT coalesce(a.publisher, regexp_extract(a.url, '^[a-z]+://([^/]+)', 1)) FROM articles a "
                  "WHERE a.article_id = events.article_id) AS outlet")
_COPY_OPTIONS = {"csv": "FORMAT CSV, HEADER TRUE", "json": "FORMAT JSON", "parquet": "FORMAT PARQUET"}


def export_events(
    store: Store,
    out: str | Path,
    fmt: str,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
    **where: object,
) -> int:
    """Write the selected events to ``out``; returns how many were written (``gdelt`` leaves out
    events with no CAMEO code, ``plover`` those with no PLOVER type). ``where`` takes the store's
    other filters (``country``, ``near``, ``bbox``: see :meth:`Store.events_query`)."""
    if fmt not in EXPORT_FORMATS:
        raise UsageError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
    if fmt in ("gdelt", "plover"):
        from ..datasets.export import write_gdelt, write_plover

        sql, params = store.events_query(dyad=dyad, since=since, until=until, **where)  # type: ignore[arg-type]
        return (write_gdelt if fmt == "gdelt" else write_plover)(store, out, sql, params)
    sql, params = store.events_query(dyad=dyad, since=since, until=until, columns=EXPORT_COLUMNS, **where)  # type: ignore[arg-type]
    n = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
    target = str(out).replace("'", "''")
    store.con.execute(f"COPY ({sql}) TO '{target}' ({_COPY_OPTIONS[fmt]})", params)
    return int(n)


def export_rows(store: Store, **filters: object) -> list[dict[str, object]]:
    """The selected events as dicts of the exported fields (with ``article_title`` and ``outlet``)."""
    return store.events(**filters, columns=EXPORT_COLUMNS)


def iter_event_json(store: Store, **filters: object) -> Iterator[str]:
    """One JSON object per event, as lines (dates as ISO strings)."""
    for row in export_rows(store, **filters):
        yield json.dumps(row, default=_default, ensure_ascii=False)


def _default(o: object) -> str:
    if isinstance(o, date):
        return o.isoformat()
    return str(o)
