"""The Ray engine: the driver reads the inputs lazily with the same ingest readers as the
local engine (so the same ``--max-bytes`` limit and the same quarantine records: an item over
the limit is kept as its head, size and sha256, never whole), ships batches of articles,
bounded in count and in bytes, to a pool of Ray actors (one spaCy model each) with at most
``in_flight`` batches per actor waiting (``ray.wait`` on that window: back-pressure, so a
fast reader never piles articles up), and writes each result as Parquet (events partitioned
by date) as it comes back; ``Store.load_parquet`` / ``dyadwatch load`` merges the folder into
DuckDB. No process reads a whole input file: a 200 MB text file or a gzip bomb costs the
driver what it costs the local engine. Parquet inputs are read a row group at a time.

Runs on a local Ray started on the fly (``address=None``) or on a cluster (``address``); only
the driver touches the inputs and the output folder, so the workers need neither.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from ..errors import UsageError
from ..ingest import DEFAULT_MAX_BYTES
from .local import RunSummary
from .ray_actor import RayCoder
from .ray_driver import RayDriver
from .ray_inputs import batches, read_items
from .worker import CoderSpec

__all__ = ["code_sources_ray", "BATCH_BYTES", "IN_FLIGHT_PER_WORKER"]

#: a local Ray for one run: no idle workers started ahead, none kept once idle, a small
#: object store (batches of article text are small; the default takes 30% of the machine's memory)
_SYSTEM_CONFIG = {"enable_worker_prestart": False, "prestart_worker_first_driver": False, "num_workers_soft_limit": 0}
_OBJECT_STORE_BYTES = 128 * 1024 * 1024
#: the most text in one batch sent to an actor (an article larger than this goes alone; none is
#: larger than ``max_bytes``)
BATCH_BYTES = 1024 * 1024
#: batches in flight per actor: one being coded, one waiting, so no actor idles between batches
IN_FLIGHT_PER_WORKER = 2


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
    batch_bytes: int = BATCH_BYTES,
    in_flight: int = IN_FLIGHT_PER_WORKER,
    on_item: Callable | None = None,
) -> RunSummary:
    """Code every article under ``paths`` on Ray into Parquet files under ``out_dir``; bad
    items (and items over ``max_bytes``) are written to its ``quarantine/`` with their reason.

    ``read_options`` are :func:`~dyadwatch.ingest.read_sources`'s (``fmt``, ``field_map``,
    ``fetch``, ``allow_private``); ``on_item(kind, item, summary)`` is told of each item as the
    local engine tells it (``rejected``, ``already``, ``coded``). An article repeated before its
    first copy is written is skipped (``already``); one repeated later is coded again and
    merged once by the load. Wire copies are not linked to their story here."""
    if workers < 1 or batch_size < 1 or batch_bytes < 1 or in_flight < 1:
        raise UsageError(f"workers ({workers}), batch_size ({batch_size}), batch_bytes ({batch_bytes}) and in_flight"
                         f" ({in_flight}) must each be at least 1")
    items = read_items(paths, default_date, max_bytes, read_options)  # a bad option is refused before Ray starts
    import ray

    _start_ray(ray, workers, address)
    spec = spec or CoderSpec()
    summary = RunSummary()
    coder_actor = ray.remote(num_cpus=1)(RayCoder)
    actors = [coder_actor.remote(spec) for _ in range(workers)]
    try:
        driver = RayDriver(ray, actors, out_dir, summary, in_flight * workers, on_item)
        for batch in batches(driver.articles(items), batch_size, batch_bytes):
            driver.submit(batch)
        driver.finish()
    finally:
        for actor in actors:
            ray.kill(actor)
    return summary


def _start_ray(ray, workers: int, address: str | None) -> None:  # noqa: ANN001 - the ray module
    if ray.is_initialized():
        return
    if address:
        ray.init(address=address, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    else:
        ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING,
                 object_store_memory=_OBJECT_STORE_BYTES, _system_config=_SYSTEM_CONFIG)
