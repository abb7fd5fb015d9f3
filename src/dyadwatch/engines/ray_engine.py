"""The Ray engine: Ray Data reads directories, JSONL or Parquet inputs, a pool of Ray
actors (one spaCy model each) codes batches of articles and writes them as Parquet
files (events partitioned by date); ``Store.load_parquet`` / ``dyadwatch load`` merges the
folder into DuckDB. A JSON Lines file is split into parts of whole lines that the actors
read, so no process holds a whole file.

Runs on a local Ray started on the fly (``address=None``) or on a cluster (``address``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pyarrow as pa

from ..ingest.dates import parse_date
from ..ingest.jsonl import jsonl_parts
from ..ingest.sources import read_bytes, read_jsonl_part, screen
from ..records import Article, Rejection
from ..store.parquet import write_coded_parquet, write_rejections_parquet
from .local import RunSummary
from .worker import CoderSpec, code_batch

__all__ = ["code_sources_ray"]

#: a local Ray for one run: no idle workers started ahead, none kept once idle (the worker
#: that ran the read tasks held ~200 MB for the rest of the run; at 5,000 articles the
#: throughput was the same within 2% either way), a small object store (batches of article
#: text are small; the default takes 30% of the machine's memory)
_SYSTEM_CONFIG = {"enable_worker_prestart": False, "prestart_worker_first_driver": False, "num_workers_soft_limit": 0}
_OBJECT_STORE_BYTES = 128 * 1024 * 1024
#: Ray Data blocks of at most this size: one block goes to one actor, so small blocks are
#: what spreads a file over the actor pool
_BLOCK_BYTES = 1024 * 1024
#: A JSON Lines file is read in parts of about this size (whole lines), in the coding actors:
#: Ray Data fuses the map that reads them into the actors' and gives an actor ``batch_size``
#: parts a task (16 parts of 64 KB: ~230 VOA articles). Ray's read_text read a file whole in
#: one task: on a 228.6 MB file (50,000 articles) that task held 942 MB while the actors
#: coded. A Ray Data source reading a part per block (tried) left one of two actors mostly
#: idle: 3,000 articles in 171 s (actors' CPU 65 / 130 s) against 117 s (92 / 103 s) here.
JSONL_PART_BYTES = 64 * 1024

_STATS = pa.schema([("articles", pa.int64()), ("events", pa.int64()), ("sentences", pa.int64()),
                    ("parsed", pa.int64()), ("quarantined", pa.int64())])


def _item(obj: Article | Rejection) -> dict:
    if isinstance(obj, Rejection):
        return {"kind": "rejection", "article_id": None, "text": None, "title": None, "url": None, "publisher": None,
                "published": None, "origin": obj.origin, "reason": obj.reason, "detail": obj.detail, "raw": obj.raw}
    return {"kind": "article", "article_id": obj.article_id, "text": obj.text, "title": obj.title, "url": obj.url,
            "publisher": obj.publisher, "published": obj.published.isoformat() if obj.published else None,
            "origin": obj.origin, "reason": None, "detail": None, "raw": None}


def _d(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _parse_files(batch: dict, default_date: str | None, max_bytes: int) -> pa.Table:
    """bytes + path rows (Ray's read_binary_files) → article / rejection rows, read as the
    local engine reads a file (every format, the language check, the size limit)."""
    rows = []
    for data, path in zip(batch["bytes"], batch["path"]):
        rows.extend(_item(i) for i in read_bytes(bytes(data), path, _d(default_date), max_bytes))
    return _columns(rows)


def _read_parts(batch: dict, default_date: str | None, max_bytes: int) -> pa.Table:
    """Parts of JSON Lines files (path, start, end, first line), a row each → article /
    rejection rows, read as the local engine reads those lines (origins with line numbers)."""
    rows = []
    for path, start, end, line in zip(batch["path"], batch["start"], batch["end"], batch["line"]):
        rows.extend(_item(i) for i in read_jsonl_part(str(path), int(start), int(end), int(line), _d(default_date), max_bytes))
    return _columns(rows)


def _parse_parquet(batch: dict, default_date: str | None) -> pa.Table:
    """Parquet rows with text (and url, title, publisher, published) → article rows."""
    rows = []
    for i in range(len(batch["text"])):
        def col(k):
            return batch[k][i] if k in batch and batch[k][i] not in (None, "") else None

        text = col("text")
        if not isinstance(text, str) or not text.strip():
            rows.append(_item(Rejection(f"parquet:{col('id') or i}", "no text", "the row has no text", json.dumps({k: str(col(k)) for k in batch}).encode())))
            continue
        try:
            published = parse_date(col("published")) or _d(default_date)
        except ValueError:
            published = _d(default_date)
        article = Article.from_text(text.strip(), title=col("title"), url=col("url"), publisher=col("publisher"),
                                    published=published, origin=str(col("id") or "parquet"))
        rows.extend(_item(i) for i in screen([article]))
    return _columns(rows)


_ITEMS = pa.schema([("kind", pa.string()), ("article_id", pa.string()), ("text", pa.string()), ("title", pa.string()),
                    ("url", pa.string()), ("publisher", pa.string()), ("published", pa.string()), ("origin", pa.string()),
                    ("reason", pa.string()), ("detail", pa.string()), ("raw", pa.binary())])


def _columns(rows: list[dict]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=_ITEMS)


class _CodeAndWrite:
    """A Ray actor: one coder (one spaCy model) for its lifetime; writes Parquet, returns counts."""

    def __init__(self, spec: CoderSpec, out_dir: str) -> None:
        # Arrow's default allocator (jemalloc) kept memory the actor's Parquet writes had freed:
        # over a 2,500-article run the two actors grew 812 -> 870 MB and still rising; with the
        # system allocator 785 -> 826 and 790 -> 839 MB, flat for the second half (not yet
        # measured at 50,000 articles, where the actors had grown by ~1.1 GB)
        pa.set_memory_pool(pa.system_memory_pool())
        self.spec = spec
        self.out_dir = out_dir
        from .worker import make_coder

        make_coder(spec)

    def __call__(self, batch: pa.Table) -> dict:
        arts, rejs = [], []
        for r in batch.to_pylist():
            if r["kind"] == "rejection":
                rejs.append(Rejection(r["origin"], r["reason"], r["detail"] or "", r["raw"] or b""))
            else:
                arts.append(Article(r["article_id"], r["text"], r["title"], r["url"], r["publisher"],
                                    date.fromisoformat(r["published"]) if r["published"] else None, r["origin"]))
        coded = code_batch(self.spec, arts)
        write_coded_parquet(self.out_dir, coded)
        write_rejections_parquet(self.out_dir, rejs)
        return {"articles": [len(coded)], "events": [sum(len(e) for _, e, _, _ in coded)], "sentences": [sum(c[2] for c in coded)],
                "parsed": [sum(c[3] for c in coded)], "quarantined": [len(rejs)]}


def code_sources_ray(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    default_date: date | None = None,
    spec: CoderSpec | None = None,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 16,
    max_bytes: int = 5_000_000,
    jsonl_part_bytes: int = JSONL_PART_BYTES,
) -> RunSummary:
    """Code ``paths`` on Ray into Parquet files under ``out_dir``. A JSON Lines file is split
    into parts of about ``jsonl_part_bytes`` (whole lines), which the coding actors read."""
    import ray

    spec = spec or CoderSpec()
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=workers + 1, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                     object_store_memory=_OBJECT_STORE_BYTES, _system_config=_SYSTEM_CONFIG)
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    ctx.target_max_block_size = _BLOCK_BYTES
    dd = default_date.isoformat() if default_date else None
    paths = [Path(p) for p in paths]
    missing = [Rejection(str(p), "not found", "no such file or directory") for p in paths if not p.exists()]
    files, jsonls, parquets = _classify([p for p in paths if p.exists()])
    line_parts = []
    for j in jsonls:  # the driver reads each file once to find the parts' line boundaries
        ranges, empty = jsonl_parts(j, jsonl_part_bytes)
        if empty:
            missing.append(empty)
        line_parts.extend({"path": str(j), "start": r.start, "end": r.end, "line": r.first_line} for r in ranges)
    write_rejections_parquet(out_dir, missing)
    parts = []
    if files:
        parts.append(ray.data.read_binary_files([str(f) for f in files], include_paths=True)
                     .map_batches(_parse_files, fn_kwargs={"default_date": dd, "max_bytes": max_bytes}, batch_size=8))
    if line_parts:
        # Ray Data fuses this map into the coding actors' and hands an actor ``batch_size``
        # parts a task: parts are small (JSONL_PART_BYTES), so that is a task's worth
        parts.append(ray.data.from_items(line_parts, override_num_blocks=len(line_parts))
                     .map_batches(_read_parts, fn_kwargs={"default_date": dd, "max_bytes": max_bytes}, batch_size=1))
    for p in parquets:
        parts.append(ray.data.read_parquet(str(p)).map_batches(_parse_parquet, fn_kwargs={"default_date": dd}, batch_size=256))
    summary = RunSummary(quarantined=len(missing))
    if not parts:
        return summary
    ds = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    out = str(Path(out_dir).resolve())
    # two batches in flight per actor (one coded, one waiting): with the default (4) the
    # first actor takes the first blocks of a small input and the others wait
    pool = ray.data.ActorPoolStrategy(size=workers, max_tasks_in_flight_per_actor=2)
    stats = ds.map_batches(_CodeAndWrite, fn_constructor_kwargs={"spec": spec, "out_dir": out}, compute=pool,
                           num_cpus=1, batch_size=batch_size, batch_format="pyarrow")
    for row in stats.iter_rows():
        summary.coded += row["articles"]
        summary.articles += row["articles"]
        summary.events += row["events"]
        summary.sentences += row["sentences"]
        summary.parsed += row["parsed"]
        summary.quarantined += row["quarantined"]
    return summary


def _classify(paths: Iterable[str | Path]) -> tuple[list[Path], list[Path], list[Path]]:
    files, jsonls, parquets = [], [], []
    for p in map(Path, paths):
        if p.is_dir():
            children = sorted(c for c in p.rglob("*") if c.is_file() and not c.name.startswith("."))
        else:
            children = [p]
        for c in children:
            suffix = c.suffix.lower()
            if suffix in (".jsonl", ".ndjson"):
                jsonls.append(c)
            elif suffix == ".parquet":
                parquets.append(c)
            else:
                files.append(c)
    return files, jsonls, parquets
