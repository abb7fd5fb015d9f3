"""The process-pool engine: batches of articles coded in N worker processes, written to
the store by the parent in input order. At most ``2 × workers`` batches are in flight, so
memory does not grow with the corpus."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import date
from pathlib import Path

import pyarrow as pa

from ..ingest import DEFAULT_MAX_BYTES
from ..records import Article
from ..store.duck import Store
from .local import ProgressFn, RunSummary
from .intake import new_articles
from .stories import StoryLinker
from .worker import CoderSpec, code_batch_tables, make_coder

__all__ = ["code_sources_processes"]


def _warm(spec: CoderSpec) -> bool:
    make_coder(spec)
    return True


def code_sources_processes(
    paths: Iterable[str | Path],
    store: Store,
    default_date: date | None = None,
    spec: CoderSpec | None = None,
    workers: int = 2,
    batch_size: int = 16,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: ProgressFn | None = None,
    read_options: dict | None = None,
    link_stories: bool = True,
    store_batch: int = 64,
) -> RunSummary:
    """Code every article under ``paths`` into ``store`` with ``workers`` processes; the
    parent reads, skips what is stored, links wire copies and inserts the workers' Arrow
    tables, ``store_batch`` articles at a time."""
    spec = spec or CoderSpec()
    summary = RunSummary()
    linker = StoryLinker(store) if link_stories else None
    dupes: list = []
    stories: dict[str, str] = {}
    ctx = multiprocessing.get_context("spawn")
    inflight: deque[tuple[Future, list[Article]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx, initializer=_warm, initargs=(spec,)) as pool:

        done: list[tuple[pa.Table, pa.Table, list, list[Article]]] = []

        def write() -> None:
            """Insert what the workers sent back, as one transaction (fewer, larger inserts:
            a DuckDB insert costs about the same for 16 articles as for 64)."""
            if not done:
                return
            if linker is not None:
                linker.save()
            store.add_tables(pa.concat_tables([d[0] for d in done]), pa.concat_tables([d[1] for d in done]))
            if dupes:
                store.add_coded(list(dupes), dict(stories))
                dupes.clear()
                stories.clear()
            for _, _, counts, arts in done:
                for a, (_, n_events, ns, npz) in zip(arts, counts):
                    summary.coded += 1
                    summary.sentences += ns
                    summary.parsed += npz
                    summary.events += n_events
                    if on_item:
                        on_item("coded", a, summary)
            done.clear()

        def drain(keep: int) -> None:
            while len(inflight) > keep:
                fut, arts = inflight.popleft()
                art_tbl, ev_tbl, counts = fut.result()
                done.append((art_tbl, ev_tbl, counts, arts))
                if sum(len(d[3]) for d in done) >= store_batch:
                    write()
            if keep == 0:
                write()

        batch: list[Article] = []
        pending: set[str] = set()
        for item, story in new_articles(paths, store, summary, pending, linker, default_date, max_bytes, read_options, on_item):
            if story != item.article_id:
                stories[item.article_id] = story
                dupes.append((item, [], 0, 0))
                continue
            batch.append(item)
            if len(batch) >= batch_size:
                inflight.append((pool.submit(code_batch_tables, spec, batch), batch))
                batch = []
                drain(2 * workers)
                if len(pending) > 4 * workers * batch_size + store_batch:  # keep only what is not yet written
                    pending.intersection_update({a.article_id for _, arts in inflight for a in arts} | {a.article_id for d in done for a in d[3]})
        if batch:
            inflight.append((pool.submit(code_batch_tables, spec, batch), batch))
        drain(0)
        if dupes:
            store.add_coded(list(dupes), dict(stories))
        if linker is not None:
            linker.save()
    return summary
