"""Parquet as the exchange and scale-out format: coded batches written as files that
DuckDB reads, events partitioned by date (``events/event_date=YYYY-MM-DD/…``), articles and
quarantine beside them; and loading such a folder into the DuckDB store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..records import Article, Event, Rejection
from .tables import ARTICLE_SCHEMA, EVENT_SCHEMA, coded_tables

__all__ = ["EVENT_SCHEMA", "ARTICLE_SCHEMA", "write_coded_parquet", "write_rejections_parquet"]  # schemas re-exported

QUARANTINE_SCHEMA = pa.schema([("rejection_id", pa.string()), ("origin", pa.string()), ("reason", pa.string()),
                               ("detail", pa.string()), ("raw", pa.binary()), ("size_bytes", pa.int64())])


#: the directory Hive partitioning (and pyarrow) uses for a null partition value
_NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"


def _name(ids: list[str]) -> str:
    return hashlib.sha256("|".join(ids).encode()).hexdigest()[:16]


def _write(table: pa.Table, path: Path) -> None:
    # pyarrow.parquet, not pyarrow.dataset: the latter imports pandas (~60 MB in every Ray actor)
    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(table, path)


def write_coded_parquet(out_dir: str | Path, coded: list[tuple[Article, list[Event], int, int]]) -> None:
    """Write one batch: deterministic file names, so re-running a batch overwrites itself."""
    if not coded:
        return
    out = Path(out_dir)
    part = _name([a.article_id for a, *_ in coded])
    arts, events = coded_tables(coded)
    _write(arts, out / "articles" / f"part-{part}-0.parquet")
    if events.num_rows:
        # Hive partitions by event date: the date is the directory, not a column of the file
        rows: dict[object, list[int]] = {}
        for i, d in enumerate(events.column("event_date").to_pylist()):
            rows.setdefault(d, []).append(i)
        body = events.drop_columns(["event_date"])
        for d, idx in rows.items():
            name = d.isoformat() if d is not None else _NULL_PARTITION
            _write(body.take(idx), out / "events" / f"event_date={name}" / f"part-{part}-0.parquet")


def write_rejections_parquet(out_dir: str | Path, rejections: list[Rejection]) -> None:
    if not rejections:
        return
    d = Path(out_dir) / "quarantine"
    tbl = pa.Table.from_pylist([{"rejection_id": r.rejection_id, "origin": r.origin, "reason": r.reason, "detail": r.detail,
                                 "raw": r.raw, "size_bytes": len(r.raw)} for r in rejections], schema=QUARANTINE_SCHEMA)
    _write(tbl, d / f"part-{_name([r.rejection_id for r in rejections])}-0.parquet")
