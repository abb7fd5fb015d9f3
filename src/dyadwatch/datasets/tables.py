"""Where imported events are stored: in the store's ``events`` table like coded ones (so every view
reads them; the dataset's place is the event's location), and the dataset's own fields in an
``imported`` table keyed by event id.

``imported`` is created by the importer when first needed; a store that never imported anything
has none. An event with no ``imported`` row is one dyadwatch coded itself: origin ``dyadwatch``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..store.duck import Store, has_table, insert_new
from ..store.schema import EVENT_COLUMNS, event_row
from ..store.tables import EVENT_SCHEMA
from .fields import Imported
__all__ = ["IMPORTED", "ensure_imported", "write_imported", "has_imported", "ORIGIN_SQL", "IMPORTED_COLUMNS", "origin_where"]

#: dataset fields of every imported event; ``extra`` holds the rest as a JSON object
IMPORTED_COLUMNS: list[tuple[str, str]] = [
    ("event_id", "VARCHAR NOT NULL"),  # one row per id, without a primary key (store.schema.KEYED_BY_ANTI_JOIN)
    ("origin", "VARCHAR NOT NULL"),
    ("dataset_id", "VARCHAR NOT NULL"),
    ("story_id", "VARCHAR"),
    ("url", "VARCHAR"),
    ("num_mentions", "INTEGER"),
    ("num_sources", "INTEGER"),
    ("num_articles", "INTEGER"),
    ("avg_tone", "DOUBLE"),
    ("fatalities", "INTEGER"),
    ("intensity", "DOUBLE"),
    ("place_code", "VARCHAR"),
    ("extra", "VARCHAR"),
]
IMPORTED = "CREATE TABLE IF NOT EXISTS imported (\n    " + ",\n    ".join(f'"{n}" {t}' for n, t in IMPORTED_COLUMNS) + "\n)"

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int64(), "DOUBLE": pa.float64()}
_SCHEMA = pa.schema([(n, _ARROW[t.split()[0]]) for n, t in IMPORTED_COLUMNS])
_KNOWN = {n for n, _ in IMPORTED_COLUMNS}
_EVENT_NAMES = [n for n, _ in EVENT_COLUMNS]
_IMPORTED_NAMES = [n for n, _ in IMPORTED_COLUMNS]

#: an event's origin, in SQL over ``events e LEFT JOIN imported i USING (event_id)``
ORIGIN_SQL = "coalesce(i.origin, 'dyadwatch')"


def origin_where(store: Store, origins: Sequence[str], alias: str = "e") -> tuple[str, list[object]]:
    """An SQL condition (and its parameter) on the ``events`` table (as ``alias``) that keeps the
    events of these origins ("dyadwatch" for the coded ones): the one a view's ``--origin`` adds
    (:meth:`dyadwatch.analysis.counting.Counting.where` writes it)."""
    from ..analysis.counting import Counting

    where, params = Counting(0.0, all_moods=True, statements=True, origins=tuple(origins)).where(alias, has_imported(store))
    return where[0], params


def ensure_imported(store: Store) -> None:
    try:
        store.con.execute(IMPORTED)
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot create the imported table ({exc})") from None


def has_imported(store: Store) -> bool:
    return has_table(store.con, "imported")


def _imported_row(item: Imported) -> dict[str, object]:
    extra = dict(item.extra)
    row: dict[str, object] = {"event_id": item.event.event_id, "origin": item.origin, "dataset_id": item.dataset_id,
                              "story_id": item.story_id, "url": extra.pop("url", None) or item.event.url}
    for k in list(extra):
        if k in _KNOWN:
            row[k] = extra.pop(k)
    rest = {k: v for k, v in extra.items() if v is not None}
    row["extra"] = json.dumps(rest, ensure_ascii=False, sort_keys=True) if rest else None
    return row


def write_imported(store: Store, items: Iterable[Imported]) -> None:
    """Insert a batch of imported events (events and their ``imported`` rows) in one transaction;
    an event already stored is left as it is."""
    unique = {it.event.event_id: it for it in items}
    if not unique:
        return
    events = pa.Table.from_pylist([event_row(it.event) for it in unique.values()], schema=EVENT_SCHEMA)
    extras = pa.Table.from_pylist([_imported_row(it) for it in unique.values()], schema=_SCHEMA)
    con = store.con
    try:
        con.execute("BEGIN TRANSACTION")
        con.register("_imp_events", events)
        con.register("_imp_rows", extras)
        insert_new(con, "events", "event_id", _EVENT_NAMES, "_imp_events")
        insert_new(con, "imported", "event_id", _IMPORTED_NAMES, "_imp_rows")
        con.execute("COMMIT")
    except duckdb.Error as exc:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:
            pass  # a failed COMMIT has ended the transaction already; the first error is the one to report
        raise StoreError(f"{store.path}: cannot write imported events ({str(exc).splitlines()[0]})") from None
    finally:
        for name in ("_imp_events", "_imp_rows"):
            try:
                con.unregister(name)
            except duckdb.Error:
                pass
