"""The SQL behind the API: events with filters and paging, one event, one article, one dyad's
events as a DataFrame. Every function takes a DuckDB cursor and returns plain Python data."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from dataclasses import dataclass
from datetime import date

import duckdb
import pandas as pd

from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..store.duck import has_table
from .db import store_stamp

__all__ = ["EventFilter", "count_events", "list_events", "get_event", "get_article", "article_events", "dyad_frame", "store_counts"]

SUMMARY_COLUMNS = (
    "event_id", "article_id", "event_date", "source_code", "source_text", "target_code", "target_text",
    "cameo", "cameo_name", "plover_type", "quad_class", "goldstein", "mood", "negated", "trigger_text", "sentence",
    "location_name", "location_country", "location_precision", "lat", "lon",
)
_ORDER = "ORDER BY event_date NULLS LAST, article_id, sentence_index, trigger_start, event_id"


@dataclass(frozen=True, slots=True)
class EventFilter:
    source: str | None = None
    target: str | None = None
    since: date | None = None
    until: date | None = None
    plover_type: str | None = None
    quad_class: int | None = None
    q: str | None = None
    country: str | None = None  # where it happened (ISO3), not who did it
    bbox: tuple[float, float, float, float] | None = None  # west, south, east, north
    located: bool = False  # only events with a position
    origins: tuple[str, ...] = ()  # only events of these origins ("dyadwatch", "gdelt" …); all if empty
    imported: bool = False  # the store has an ``imported`` table (which says an imported event's origin)

    def where(self) -> tuple[str, list[object]]:
        """A ``WHERE`` clause (or ``""``) and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.origins:  # the condition analysis.counting writes for --origin, and nothing else of it
            more, more_params = Counting(0.0, all_moods=True, statements=True, origins=self.origins).where("events", self.imported)
            clauses += more
            params += more_params
        for column, value in (("source_code", self.source), ("target_code", self.target), ("plover_type", self.plover_type),
                              ("quad_class", self.quad_class), ("location_country", self.country)):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value)
        if self.since:
            clauses.append("event_date >= ?")
            params.append(self.since)
        if self.until:
            clauses.append("event_date <= ?")
            params.append(self.until)
        if self.located:
            clauses.append("lat IS NOT NULL AND lon IS NOT NULL")
        if self.bbox:
            west, south, east, north = self.bbox
            lon = "lon BETWEEN ? AND ?" if west <= east else "(lon >= ? OR lon <= ?)"  # a box across the antimeridian
            clauses.append(f"lat BETWEEN ? AND ? AND {lon}")
            params += [south, north, west, east]
        if self.q:
            clauses.append("sentence ILIKE ? ESCAPE '\\'")
            params.append("%" + _escape_like(self.q) + "%")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def store_counts(cur: duckdb.DuckDBPyConnection) -> dict[str, int]:
    row = cur.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events)").fetchone()
    return {"articles": int(row[0]), "events": int(row[1])}


def count_events(cur: duckdb.DuckDBPyConnection, f: EventFilter) -> int:
    where, params = f.where()
    return int(cur.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])


#: above this many matching events a page is found by sorting ids alone, then its rows are fetched
_NARROW_SORT_FROM = 20_000


def list_events(cur: duckdb.DuckDBPyConnection, f: EventFilter, limit: int, offset: int,
                total: int | None = None) -> list[dict[str, object]]:
    """One page of events, oldest first (``total``: how many match, when already counted)."""
    where, params = f.where()
    cols = ", ".join(SUMMARY_COLUMNS)
    if total is not None and total > _NARROW_SORT_FROM:
        # a page of a long list: its ids from the list sorted once (kept until the store is
        # written again), then its rows by id
        ids = _sorted_ids(cur, where, params)[offset: offset + limit]
        cur.execute(f"SELECT {cols} FROM events WHERE event_id IN (SELECT unnest(?)) {_ORDER}", [ids])
    else:
        cur.execute(f"SELECT {cols} FROM events{where} {_ORDER} LIMIT ? OFFSET ?", [*params, limit, offset])
    return _rows(cur)


#: the sorted ids of recent long lists: (store file, its stamp, filter) → ids, most recent last
_ORDERS: OrderedDict[tuple, list[str]] = OrderedDict()
_ORDERS_KEPT = 4
_ORDERS_LOCK = threading.Lock()  # (requests run on several threads)


def _sorted_ids(cur: duckdb.DuckDBPyConnection, where: str, params: list[object]) -> list[str]:
    """Every matching event id in list order (profile, 100k events, 20 clients: sorting 100k rows
    for every page took most of each request's 0.6 s)."""
    path = cur.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchone()
    # the store's stamp, taken while this request holds it open (so no one writes it meanwhile)
    stamp = (path[0], store_stamp(path[0])) if path and path[0] else None
    key = (stamp, where, tuple(map(repr, params))) if stamp else None
    with _ORDERS_LOCK:
        hit = _ORDERS.get(key) if key is not None else None
        if hit is not None:
            _ORDERS.move_to_end(key)
            return hit
    ids = [r[0] for r in cur.execute(f"SELECT event_id FROM events{where} {_ORDER}", params).fetchall()]
    if key is not None:
        with _ORDERS_LOCK:
            _ORDERS[key] = ids
            while len(_ORDERS) > _ORDERS_KEPT:
                _ORDERS.popitem(last=False)
    return ids


def get_event(cur: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, object] | None:
    cur.execute(
        "SELECT e.*, a.title AS article_title, a.publisher FROM events e LEFT JOIN articles a USING (article_id) WHERE e.event_id = ?",
        [event_id],
    )
    rows = _rows(cur)
    if not rows:
        return None
    row = rows[0]
    try:
        notes = json.loads(row["notes"]) if row["notes"] else []
    except json.JSONDecodeError:
        notes = [str(row["notes"])]
    row["notes"] = [str(n) for n in notes] if isinstance(notes, list) else [str(notes)]
    return row


def get_article(cur: duckdb.DuckDBPyConnection, article_id: str) -> dict[str, object] | None:
    cur.execute(
        "SELECT article_id, url, title, publisher, published, origin, text, n_sentences, n_events FROM articles WHERE article_id = ?",
        [article_id],
    )
    rows = _rows(cur)
    return rows[0] if rows else None


def article_events(cur: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, object]]:
    cols = ", ".join(SUMMARY_COLUMNS)
    cur.execute(f"SELECT {cols} FROM events WHERE article_id = ? {_ORDER}", [article_id])
    return _rows(cur)


#: what the series, relation index, change points and mixed signals read (fewer columns: faster frames)
_FRAME_COLUMNS = (
    "e.event_id, e.article_id, e.event_date, e.source_code, e.source_sector, e.source_actor_id, e.target_code, "
    "e.cameo, e.cameo_root, e.plover_type, e.quad_class, e.goldstein, e.url, a.publisher"
)


def dyad_frame(cur: duckdb.DuckDBPyConnection, source: str, target: str, since: date | None = None,
               until: date | None = None, counting: Counting = DEFAULT_COUNTING) -> pd.DataFrame:
    """The dated events of one directed dyad, with the columns of
    :func:`dyadwatch.analysis.frame.load_events` that the dyad analyses read (only that dyad's rows)."""
    where = ["e.event_date IS NOT NULL", "e.source_code = ?", "e.target_code = ?"]
    params: list[object] = [source, target]
    more, more_params = counting.where("e", imported=has_table(cur, "imported"))  # what every view counts (analysis.counting)
    where += more
    params += more_params
    if since:
        where.append("e.event_date >= ?")
        params.append(since)
    if until:
        where.append("e.event_date <= ?")
        params.append(until)
    sql = (f"SELECT {_FRAME_COLUMNS} FROM events e LEFT JOIN articles a USING (article_id) "
           f"WHERE {' AND '.join(where)} ORDER BY e.event_date, e.event_id")
    df = cur.execute(sql, params).df()
    df["event_date"] = pd.to_datetime(df["event_date"], cache=False)  # (the cache's uniqueness check cost more than it saved)
    df["outlet"] = df["publisher"].fillna(df["url"].str.extract(r"^[a-z]+://([^/]+)", expand=False)).fillna("unknown")
    return df
