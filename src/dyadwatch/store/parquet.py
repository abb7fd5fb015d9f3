"""Parquet as the exchange and scale-out format: coded batches written as files that
DuckDB reads, events partitioned by date (``events/event_date=YYYY-MM-DD/…``), articles and
quarantine beside them; and loading such a folder into the DuckDB store."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as pads

from ..records import Article, Event, Rejection
from .tables import ARTICLE_SCHEMA, EVENT_SCHEMA, coded_tables

__all__ = ["EVENT_SCHEMA", "ARTICLE_SCHEMA", "write_coded_parquet", "write_rejections_parquet"]  # schemas re-exported

QUARANTINE_SCHEMA = pa.schema([("rejection_id", pa.string()), ("origin", pa.string()), ("reason", pa.string()),
                               ("detail", pa.string()), ("raw", pa.binary()), ("size_bytes", pa.int64())])


def _name(ids: list[str]) -> str:
    return hashlib.sha256("|".join(ids).encode()).hexdigest()[:16]


def write_coded_parquet(out_dir: str | Path, coded: list[tuple[Article, list[Event], int, int]]) -> None:
    """Write one batch: deterministic file names, so re-running a batch overwrites itself."""
    if not coded:
        return
    out = Path(out_dir)
    part = _name([a.article_id for a, *_ in coded])
    arts, events = coded_tables(coded)
    (out / "articles").mkdir(parents=True, exist_ok=True)
    pads.write_dataset(arts, out / "articles", format="parquet", basename_template=f"part-{part}-{{i}}.parquet",
                       existing_data_behavior="overwrite_or_ignore")
    if events.num_rows:
        pads.write_dataset(events, out / "events", format="parquet",
                           partitioning=pads.partitioning(pa.schema([("event_date", pa.date32())]), flavor="hive"),
                           basename_template=f"part-{part}-{{i}}.parquet", existing_data_behavior="overwrite_or_ignore")


def write_rejections_parquet(out_dir: str | Path, rejections: list[Rejection]) -> None:
    if not rejections:
        return
    d = Path(out_dir) / "quarantine"
    d.mkdir(parents=True, exist_ok=True)
    tbl = pa.Table.from_pylist([{"rejection_id": r.rejection_id, "origin": r.origin, "reason": r.reason, "detail": r.detail,
                                 "raw": r.raw, "size_bytes": len(r.raw)} for r in rejections], schema=QUARANTINE_SCHEMA)
    pads.write_dataset(tbl, d, format="parquet", basename_template=f"part-{_name([r.rejection_id for r in rejections])}-{{i}}.parquet",
                       existing_data_behavior="overwrite_or_ignore")
