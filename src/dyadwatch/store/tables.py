"""Coded batches as Arrow tables: the one shape that DuckDB inserts, Parquet files hold and
worker processes send back to the parent."""

from __future__ import annotations

import pyarrow as pa

from ..records import Article, Event
from .schema import EVENT_COLUMNS, event_row

__all__ = ["EVENT_SCHEMA", "ARTICLE_SCHEMA", "coded_tables"]

_ARROW = {"VARCHAR": pa.string(), "INTEGER": pa.int32(), "DATE": pa.date32(), "DOUBLE": pa.float64(),
          "BOOLEAN": pa.bool_(), "TINYINT": pa.int8(), "BIGINT": pa.int64()}
EVENT_SCHEMA = pa.schema([(n, _ARROW[t.split()[0]]) for n, t in EVENT_COLUMNS])
ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("url", pa.string()), ("title", pa.string()), ("publisher", pa.string()),
    ("published", pa.date32()), ("origin", pa.string()), ("text", pa.string()),
    ("n_sentences", pa.int32()), ("n_parsed", pa.int32()), ("n_events", pa.int32()), ("story_id", pa.string()),
])


def coded_tables(coded: list[tuple[Article, list[Event], int, int]], stories: dict[str, str] | None = None) -> tuple[pa.Table, pa.Table]:
    """(articles, events) tables for a batch of (article, events, sentences, parsed)."""
    stories = stories or {}
    arts = pa.Table.from_pylist([
        {"article_id": a.article_id, "url": a.url, "title": a.title, "publisher": a.publisher, "published": a.published,
         "origin": a.origin, "text": a.text, "n_sentences": ns, "n_parsed": npz, "n_events": len(evs),
         "story_id": stories.get(a.article_id, a.article_id)}
        for a, evs, ns, npz in coded], schema=ARTICLE_SCHEMA)
    events = pa.Table.from_pylist([event_row(e) for _, evs, _, _ in coded for e in evs], schema=EVENT_SCHEMA)
    return arts, events
