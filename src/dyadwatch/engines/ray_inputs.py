"""What the Ray engine's driver reads, lazily: the items of the same ingest readers the local
engine reads (:func:`~dyadwatch.ingest.read_sources`, with its ``--max-bytes`` limit and its
quarantine records), plus the rows of Parquet files (a Ray input format), a row group at a
time; and those items cut into batches bounded in count and in bytes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..ingest import read_sources
from ..ingest.dates import parse_date
from ..ingest.fetch import is_url
from ..ingest.limits import Overflow
from ..ingest.paths import input_files
from ..ingest.sources import screen
from ..records import Article, Rejection

__all__ = ["read_items", "read_parquet_rows", "batches", "text_bytes"]

#: the columns of a Parquet input that become an article's fields
PARQUET_COLUMNS = ("id", "text", "title", "url", "publisher", "published")
_PARQUET_ROWS = 256  # rows decoded at a time


def read_items(paths: Iterable[str | Path], default_date: date | None, max_bytes: int,
               read_options: dict | None = None) -> Iterator[Article | Rejection]:
    """The articles and rejections under ``paths``, one at a time, in the order the local engine
    reads them; a ``.parquet`` file (when no input format is named) is read as rows of articles.
    A bad ``max_bytes`` or read option raises :class:`~dyadwatch.errors.UsageError` at once."""
    opts = dict(read_options or {})
    read_sources([], default_date, max_bytes, **opts)  # checks the options now, not at the first file
    return _items(list(paths), default_date, max_bytes, opts)


def _items(paths: list, default_date: date | None, max_bytes: int, opts: dict) -> Iterator[Article | Rejection]:
    for p in paths:
        if is_url(p):
            yield from read_sources([p], default_date, max_bytes, **opts)
            continue
        for found in input_files(Path(p)):
            if isinstance(found, Rejection):
                yield found
            elif found.suffix.lower() == ".parquet" and not opts.get("fmt"):
                yield from screen(read_parquet_rows(found, default_date, max_bytes))
            else:
                yield from read_sources([found], default_date, max_bytes, **opts)


def read_parquet_rows(path: Path, default_date: date | None, max_bytes: int) -> Iterator[Article | Rejection]:
    """The rows of a Parquet file with a ``text`` column (and ``id, url, title, publisher,
    published``) as articles, named by their ``id`` or ``path:row``; a row without text or
    with a text over ``max_bytes`` is rejected, as a JSON line would be."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
        if "text" not in names:
            yield Rejection(str(path), "no text column", f"a Parquet file with the columns {sorted(names)}; an article"
                            " needs a 'text' column")
            return
        row = 0
        for batch in pf.iter_batches(batch_size=_PARQUET_ROWS, columns=[c for c in PARQUET_COLUMNS if c in names]):
            for rec in batch.to_pylist():
                row += 1
                yield _row_item(rec, f"{path}:{row}", default_date, max_bytes)
    except (pa.ArrowException, OSError) as exc:
        yield Rejection(str(path), "unreadable Parquet", f"{type(exc).__name__}: {exc}")


def _row_item(rec: dict, where: str, default_date: date | None, max_bytes: int) -> Article | Rejection:
    def col(k: str) -> str | None:
        v = rec.get(k)
        return None if v in (None, "") else str(v) if not isinstance(v, str) else v

    origin = col("id") or where
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return Rejection(origin, "no text", "the row has no text", json.dumps(rec, default=str).encode())
    encoded = text.encode("utf-8")
    if len(encoded) > max_bytes:
        return Overflow(encoded).rejection(origin, max_bytes, "one article's text")
    try:
        published = parse_date(col("published")) or default_date
    except ValueError:
        published = default_date
    return Article.from_text(text.strip(), title=col("title"), url=col("url"), publisher=col("publisher"),
                             published=published, origin=origin)


def text_bytes(article: Article) -> int:
    """What an article weighs in a batch: its text in UTF-8 bytes."""
    return len(article.text) if article.text.isascii() else len(article.text.encode("utf-8"))


def batches(articles: Iterable[Article], max_count: int, max_bytes: int) -> Iterator[list[Article]]:
    """``articles`` in batches of at most ``max_count`` articles and, unless one article alone
    weighs more, at most ``max_bytes`` of text (see :func:`text_bytes`)."""
    if max_count < 1 or max_bytes < 1:
        raise ValueError(f"a batch needs room for an article: max_count={max_count}, max_bytes={max_bytes}")
    batch: list[Article] = []
    size = 0
    for a in articles:
        n = text_bytes(a)
        if batch and (len(batch) >= max_count or size + n > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(a)
        size += n
    if batch:
        yield batch
