"""A coding run for ``code`` and ``demo``: the engine chosen, a progress bar, the closing summary."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.text import Text

from ..errors import UsageError
from .app import out, plural, spinner, warn_line
from .tables import cells

__all__ = ["RunPlan", "plan_run", "run_code", "count_items", "AUTO_MIN_ITEMS", "WORKER_BYTES"]

#: inputs from which ``--engine auto`` codes in a process pool on a machine with more than
#: one core (below it, starting the workers, each loading spaCy, costs more than it saves)
AUTO_MIN_ITEMS = 200
#: memory one process-pool worker holds (its spaCy pipeline, dictionaries and batches):
#: ``--workers`` is capped at what the machine's available memory can hold
WORKER_BYTES = 600 * 1024 * 1024
ENGINE_CHOICES = ("auto", "local", "processes", "ray")


@dataclass(frozen=True, slots=True)
class RunPlan:
    engine: str  # local | processes | ray
    workers: int
    why: str  # how the engine and the number of workers were chosen, for the summary


def _available_memory() -> int | None:
    """Bytes the machine can give without swapping (Linux's MemAvailable, which counts the page
    cache it can drop; elsewhere the free pages), or None where neither is known."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def _cores() -> int:
    return os.cpu_count() or 1


def machine_workers() -> int:
    """The most workers this machine can hold: one per core, and as many as its free memory allows."""
    cores = _cores()
    memory = _available_memory()
    by_memory = max(1, memory // WORKER_BYTES) if memory else cores
    return max(1, min(cores, by_memory))


def plan_run(engine: str, workers: int | None, n_items: int | None) -> RunPlan:
    """The engine and workers for a run of ``n_items`` inputs (None: not known)."""
    if engine not in ENGINE_CHOICES:
        raise UsageError(f"--engine {engine!r}: use auto, local, processes or ray")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    most = machine_workers()
    if workers is not None and workers > most and engine != "ray":
        warn_line(f"--workers {workers}: this machine can hold {most} (cores and free memory); using {most}")
        workers = most
    if engine == "auto":
        cores = _cores()
        if cores > 1 and (n_items or 0) >= AUTO_MIN_ITEMS:
            n = workers or most
            return RunPlan("processes", n, f"auto: {plural(n_items or 0, 'input')} on {cores} cores; --engine local codes in-process")
        reason = "one core" if cores == 1 else f"{plural(n_items or 0, 'input')}, under {AUTO_MIN_ITEMS}"
        return RunPlan("local", 1, f"auto: {reason}; --engine processes uses a process pool")
    n = workers or (most if engine == "processes" else 2)
    return RunPlan(engine, 1 if engine == "local" else n, f"--engine {engine}")


def count_items(paths: list[Path | str]) -> int | None:
    """About how many inputs the paths hold (files, and lines of JSONL files), for the progress bar;
    a URL (a string) counts as one."""
    n = 0
    for p in paths:
        if isinstance(p, str):
            n += 1
        elif p.is_dir():
            n += sum(1 for c in p.rglob("*") if c.is_file() and not c.name.startswith(".") and c.suffix not in (".jsonl", ".ndjson"))
            for c in p.rglob("*.jsonl"):
                n += _lines(c)
        elif p.suffix in (".jsonl", ".ndjson") and p.is_file():
            n += _lines(p)
        else:
            n += 1
    return n or None


def _lines(p: Path) -> int:
    try:
        with p.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


@dataclass(frozen=True, slots=True)
class CodeRequest:
    paths: list[Path | str]  # a string is a URL
    db: Path
    on: date | None
    options: object  # CodingOptions
    max_bytes: int
    actors: tuple[str, ...] = ()
    read_options: dict | None = None
    address: str | None = None
    parquet: Path | None = None
    quiet: bool = False


def run_code(req: CodeRequest, plan: RunPlan):
    """Code ``req.paths`` into the store as ``plan`` says; prints progress and the summary."""
    from ..engines.worker import CoderSpec

    spec = CoderSpec(req.options, req.actors)
    req.db.parent.mkdir(parents=True, exist_ok=True)  # a new store's folder, as for every output
    if plan.engine == "ray":
        return _run_ray(req, plan, spec)
    return _run_here(req, plan, spec)


def _run_ray(req: CodeRequest, plan: RunPlan, spec):
    from ..engines.ray_engine import code_sources_ray
    from ..store.duck import Store

    target = req.parquet or Path(f"{req.db}.parquet")
    with spinner(f"coding on Ray with {plan.workers} workers into {target}…"):
        summary = code_sources_ray(req.paths, target, req.on, spec, plan.workers, req.address, max_bytes=req.max_bytes,
                                   read_options=req.read_options)
    with Store(req.db) as store:
        added = store.load_parquet(target)
        counts = store.counts()
    print_summary(summary, req.db, counts, f"ray ({plan.workers} workers) → {target} → loaded "
                  f"{plural(added['articles'], 'new article')}, {plural(added['events'], 'event')}")
    return summary


def _local_coder(req: CodeRequest):
    from ..actors.user import dictionary_with
    from ..coding.article import ArticleCoder

    with spinner("loading the spaCy pipeline and dictionaries…"):
        return ArticleCoder(req.options, dictionary=dictionary_with([Path(a) for a in req.actors]))


def _run_here(req: CodeRequest, plan: RunPlan, spec):
    from ..engines.local import code_sources
    from ..store.duck import Store

    coder = _local_coder(req) if plan.engine == "local" else None
    console = out()
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[stats]}"), TimeElapsedColumn())
    with Store(req.db) as store, Progress(*columns, console=console, transient=req.quiet) as progress:
        task = progress.add_task("coding", total=count_items(req.paths), stats="")

        def on_item(kind, item, s):
            if kind == "rejected":
                progress.console.print(Text.assemble(("quarantined ", "yellow"), item.message))
            progress.update(task, advance=1, stats=f"{plural(s.events, 'event')}, {s.quarantined} quarantined")

        if plan.engine == "processes":
            from ..engines.processes import code_sources_processes

            summary = code_sources_processes(req.paths, store, req.on, spec, plan.workers, max_bytes=req.max_bytes,
                                             on_item=on_item, read_options=req.read_options)
        else:
            summary = code_sources(req.paths, store, req.on, coder=coder, max_bytes=req.max_bytes, on_item=on_item,
                                   read_options=req.read_options)
        progress.update(task, total=progress.tasks[0].completed)
        counts = store.counts()
    workers = f" ({plural(plan.workers, 'worker')})" if plan.engine == "processes" else ""
    print_summary(summary, req.db, counts, f"{plan.engine}{workers} — {plan.why}")
    return summary


def print_summary(summary, db: Path, counts: dict, engine: str) -> None:
    from rich.table import Table

    table = Table(title="dyadwatch code", show_header=False)
    table.add_column("what", no_wrap=True)
    table.add_column("count", overflow="fold")
    for label, value in (
        ("engine", engine),
        ("articles read", str(summary.articles)),
        ("  newly coded", str(summary.coded)),
        ("  already in the store", str(summary.already)),
        ("  wire copies of a story already coded", str(summary.duplicates)),
        ("sentences", f"{summary.sentences} ({summary.parsed} parsed)"),
        ("events", str(summary.events)),
        ("quarantined", str(summary.quarantined)),
        ("store", f"{db} — {plural(counts['articles'], 'article')}, {plural(counts['events'], 'event')}, "
                  f"{counts['quarantine']} quarantined"),
    ):
        table.add_row(*cells((label, value)))
    out().print(table)
