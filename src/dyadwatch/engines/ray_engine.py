"""The Ray engine: a pool of Ray actors (one coder, one spaCy model each) codes batches of
articles and writes them as Parquet files (events partitioned by date); ``Store.load_parquet``
/ ``dyadwatch load`` merges the folder into DuckDB.

Runs on a local Ray started on the fly (``address=None``) or on a cluster (``address``).

The driver reads the inputs as the other engines do (:func:`~dyadwatch.ingest.read_sources`:
files, directories, JSON Lines, CSV, HTML, feeds, WARC, with the same quarantine and language
check; Parquet files with a ``text`` column are read here, one row group at a time) and hands
batches of ``batch_size`` articles to the actors, at most two per actor in flight, so memory
does not grow with the corpus; the driver writes the quarantine.

Plain actors rather than Ray Data: measured with ``bench/throughput.py`` (2 workers, 2 cores),
Ray Data's executor added three actors of its own (``_StatsActor``, ``AutoscalingRequester``,
``ActorLocationTracker``: ~440 MB together), a worker for its read tasks (~200 MB), and sent the
one block it read from a JSONL file to one actor, so 2 workers were no faster than 1.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..ingest import DEFAULT_MAX_BYTES, read_sources
from ..ingest.dates import parse_date
from ..records import Article, Rejection
from ..store.parquet import write_coded_parquet, write_rejections_parquet
from .local import RunSummary
from .worker import CoderSpec, code_batch, make_coder

__all__ = ["code_sources_ray"]

#: batches in flight per actor: one being coded, one waiting, so an actor never idles
_PER_ACTOR = 2
#: the object store of a local Ray (batches of text are small; Ray's default is 30% of RAM)
_OBJECT_STORE_BYTES = 128 * 1024 * 1024
#: rejections buffered before the driver writes them
_REJECTIONS_BUFFER = 256
#: a local Ray starts no idle worker processes in advance (each ~80 MB): the actors are all it needs
_SYSTEM_CONFIG = {"enable_worker_prestart": False, "prestart_worker_first_driver": False}


def _parquet_items(path: Path, default_date: date | None) -> Iterator[Article | Rejection]:
    """Rows of a Parquet file with ``text`` (and ``url``, ``title``, ``publisher``,
    ``published``, ``id``), one row group at a time."""
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:
        yield Rejection(str(path), "unreadable parquet", str(exc)[:500])
        return
    for i in range(pf.num_row_groups):
        yield from _parse_parquet(pf.read_row_group(i).to_pydict(), default_date, str(path))


def _parse_parquet(batch: dict, default_date: date | None, origin: str = "parquet") -> Iterator[Article | Rejection]:
    """Parquet rows with text (and url, title, publisher, published) → articles."""
    for i in range(len(batch.get("text", ()))):
        def col(k):
            return batch[k][i] if k in batch and batch[k][i] not in (None, "") else None

        text = col("text")
        if not isinstance(text, str) or not text.strip():
            yield Rejection(f"parquet:{col('id') or i}", "no text", "the row has no text", json.dumps({k: str(col(k)) for k in batch}).encode())
            continue
        try:
            published = parse_date(col("published")) or default_date
        except ValueError:
            published = default_date
        yield Article.from_text(text.strip(), title=col("title"), url=col("url"), publisher=col("publisher"),
                                published=published, origin=str(col("id") or origin))


class _CodeAndWrite:
    """A Ray actor: one coder (one spaCy model) for its lifetime; writes Parquet, returns counts."""

    def __init__(self, spec: CoderSpec, out_dir: str) -> None:
        self.spec = spec
        self.out_dir = out_dir
        make_coder(spec)

    def code(self, articles: list[Article]) -> tuple[int, int, int, int]:
        coded = code_batch(self.spec, articles)
        write_coded_parquet(self.out_dir, coded)
        return len(coded), sum(len(e) for _, e, _, _ in coded), sum(c[2] for c in coded), sum(c[3] for c in coded)


def _items(paths: Iterable[str | Path], default_date: date | None, max_bytes: int, read_options: dict | None) -> Iterator[Article | Rejection]:
    """Every input item, in order: Parquet files here, everything else through the ingest readers."""
    for p in paths:
        path = Path(p)
        parquets = [path] if path.is_file() and path.suffix.lower() == ".parquet" else []
        others: list[str | Path] = [p]
        if path.is_dir():
            children = sorted(c for c in path.rglob("*") if c.is_file() and not c.name.startswith("."))
            parquets = [c for c in children if c.suffix.lower() == ".parquet"]
            if parquets:
                others = [c for c in children if c.suffix.lower() != ".parquet"]
        elif parquets:
            others = []
        if others:
            yield from read_sources(others, default_date, max_bytes, **(read_options or {}))
        for pq_path in parquets:
            yield from _parquet_items(pq_path, default_date)


def code_sources_ray(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    default_date: date | None = None,
    spec: CoderSpec | None = None,
    workers: int = 2,
    address: str | None = None,
    batch_size: int = 16,
    max_bytes: int = DEFAULT_MAX_BYTES,
    read_options: dict | None = None,
) -> RunSummary:
    """Code ``paths`` on Ray into Parquet files under ``out_dir``."""
    import ray

    spec = spec or CoderSpec()
    if not ray.is_initialized():
        if address:
            ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                     object_store_memory=_OBJECT_STORE_BYTES, _system_config=_SYSTEM_CONFIG)
    out = str(Path(out_dir).resolve())
    Path(out).mkdir(parents=True, exist_ok=True)
    actor_cls = ray.remote(num_cpus=1, max_restarts=0)(_CodeAndWrite)
    actors = [actor_cls.remote(spec, out) for _ in range(workers)]
    summary = RunSummary()
    inflight: dict = {}  # object ref -> actor index
    load = [0] * workers
    rejections: list[Rejection] = []

    def collect() -> None:
        done, _ = ray.wait(list(inflight), num_returns=1)
        for ref in done:
            load[inflight.pop(ref)] -= 1
            n, events, sentences, parsed = ray.get(ref)
            summary.coded += n
            summary.events += events
            summary.sentences += sentences
            summary.parsed += parsed

    def submit(batch: list[Article]) -> None:
        while min(load) >= _PER_ACTOR:
            collect()
        i = load.index(min(load))
        inflight[actors[i].code.remote(batch)] = i
        load[i] += 1

    try:
        batch: list[Article] = []
        for item in _items(paths, default_date, max_bytes, read_options):
            if isinstance(item, Rejection):
                summary.quarantined += 1
                summary.note_rejection(item)
                rejections.append(item)
                if len(rejections) >= _REJECTIONS_BUFFER:
                    write_rejections_parquet(out, rejections)
                    rejections.clear()
                continue
            summary.articles += 1
            batch.append(item)
            if len(batch) >= batch_size:
                submit(batch)
                batch = []
        if batch:
            submit(batch)
        while inflight:
            collect()
        write_rejections_parquet(out, rejections)
    finally:
        for a in actors:
            ray.kill(a)
    return summary
