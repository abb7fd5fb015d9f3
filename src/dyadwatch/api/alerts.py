"""The SQL behind ``/api/alerts``: the alerts ``dyadwatch watch`` wrote to the store
(:mod:`dyadwatch.watch.alerts`), filtered, newest first, paged. A store that no watch has
written to has no ``alerts`` table: its list is empty, and says so."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from ..store.duck import has_table

__all__ = ["AlertFilter", "alert_page"]

_COLUMNS = "alert_id, rule, condition, source, target, subject, message, event_ids, as_of, created_at"
#: newest first: the last written, then the latest data they are about
_ORDER = "ORDER BY created_at DESC NULLS LAST, as_of DESC NULLS LAST, alert_id"


@dataclass(frozen=True, slots=True)
class AlertFilter:
    dyad: tuple[str, str] | None = None  # between these two, either direction
    since: date | None = None  # about data of this day or later (as_of; else the day it was written)

    def where(self) -> tuple[str, list[object]]:
        clauses: list[str] = []
        params: list[object] = []
        if self.dyad:
            a, b = self.dyad
            clauses.append("((source = ? AND target = ?) OR (source = ? AND target = ?))")
            params += [a, b, b, a]
        if self.since:
            clauses.append("coalesce(as_of, CAST(created_at AS DATE)) >= ?")
            params.append(self.since)
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def alert_page(cur: duckdb.DuckDBPyConnection, f: AlertFilter, limit: int, offset: int) -> tuple[bool, int, list[dict[str, object]]]:
    """(whether the store has an alerts table, how many alerts match, one page of them)."""
    if not has_table(cur, "alerts"):
        return False, 0, []
    where, params = f.where()
    total = int(cur.execute(f"SELECT count(*) FROM alerts{where}", params).fetchone()[0])
    if offset >= total:
        return True, total, []
    cur.execute(f"SELECT {_COLUMNS} FROM alerts{where} {_ORDER} LIMIT ? OFFSET ?", [*params, limit, offset])
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, r)) for r in cur.fetchall()]
    for r in rows:
        r["event_ids"] = [str(e) for e in (r["event_ids"] or [])]
    return True, total, rows
