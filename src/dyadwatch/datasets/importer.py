"""``import_files``: read dataset files into the store, a batch at a time, and say what happened."""

from __future__ import annotations

import gzip
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UsageError
from ..records import Rejection
from ..store.duck import Store
from ..store.schema import KEYED_BY_ANTI_JOIN
from .acled import read_acled
from .gdelt import read_gdelt
from .icews import read_icews
from .fields import Imported, Skipped
from .phoenix import read_phoenix
from .polecat import read_polecat
from .rows import FileError, Parsed
from .tables import ensure_imported, write_imported

__all__ = ["import_files", "ImportSummary", "FileSummary", "READERS", "DATASET_FORMATS"]

#: ``--from`` name → reader of one file
READERS: dict[str, Callable[[Path], Iterator[Parsed]]] = {
    "gdelt": read_gdelt, "gdelt1": read_gdelt, "icews": read_icews, "polecat": read_polecat,
    "phoenix": read_phoenix, "acled": read_acled,
}
DATASET_FORMATS = tuple(READERS)

#: events written to the store at a time (memory stays flat whatever the file's size)
BATCH = 5000

#: DuckDB's memory limit while an import writes (the store's own where that is lower). An import's
#: statements need little: a batch's rows, their one-per-id and the anti-join of their ids against
#: the stored ones (:func:`dyadwatch.store.duck.insert_new`, spilled to disk past the limit); what
#: more DuckDB would take is its cache of the store's blocks, which grows with the store. Not
#: lowered for a store made before whose ``events`` or ``imported`` has a primary key (an index
#: DuckDB holds whole in memory): see :meth:`dyadwatch.store.duck.Store.memory_capped`.
IMPORT_MEMORY_LIMIT = "64MB"


@dataclass
class FileSummary:
    path: str
    rows: int = 0
    events: int = 0
    new: int = 0
    rejected: int = 0
    skipped: Counter = field(default_factory=Counter)
    #: why the file as a whole could not be read (or stopped early), else None
    problem: str | None = None


@dataclass
class ImportSummary:
    fmt: str
    files: list[FileSummary] = field(default_factory=list)
    #: the first rejections (file:line: reason), for a message; every one is in the quarantine table
    messages: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files)

    @property
    def events(self) -> int:
        return sum(f.events for f in self.files)

    @property
    def new(self) -> int:
        return sum(f.new for f in self.files)

    @property
    def rejected(self) -> int:
        return sum(f.rejected for f in self.files)

    @property
    def skipped(self) -> int:
        return sum(sum(f.skipped.values()) for f in self.files)


_MESSAGES = 20


def _events_count(store: Store) -> int:
    return int(store.con.execute("SELECT count(*) FROM imported").fetchone()[0])


def _import_one(store: Store, path: Path, reader: Callable[[Path], Iterator[Parsed]], summary: ImportSummary) -> FileSummary:
    fs = FileSummary(str(path))
    before = _events_count(store)
    batch: list[Imported] = []
    rejects: list[Rejection] = []

    def flush() -> None:
        write_imported(store, batch)
        store.add_rejections(rejects)
        batch.clear()
        rejects.clear()

    try:
        for item in reader(path):
            fs.rows += 1
            if isinstance(item, Imported):
                fs.events += 1
                batch.append(item)
            elif isinstance(item, Rejection):
                fs.rejected += 1
                rejects.append(item)
                if len(summary.messages) < _MESSAGES:
                    summary.messages.append(item.message)
            elif isinstance(item, Skipped):
                fs.skipped[item.reason] += 1
            if len(batch) >= BATCH or len(rejects) >= BATCH:
                flush()
    except FileError as exc:
        problem = (exc.reason, exc.detail)
    except (zipfile.BadZipFile, gzip.BadGzipFile, EOFError, OSError) as exc:
        problem = ("cannot be read to the end", f"after {fs.rows:,} rows: {exc}")
    else:
        problem = None
    flush()
    if problem:
        rej = Rejection(str(path), *problem)
        fs.problem = rej.message
        store.add_rejections([rej])
        fs.rejected += 1
        if len(summary.messages) < _MESSAGES:
            summary.messages.append(rej.message)
    fs.new = _events_count(store) - before
    return fs


def import_files(paths: Iterable[str | Path], store: Store, fmt: str) -> ImportSummary:
    """Import dataset files (``fmt``: one of :data:`DATASET_FORMATS`) into ``store``.

    Rows that cannot be read go to the quarantine table with ``file:line``, the reason and the
    row, and the import goes on; a file that cannot be read at all is quarantined under its
    name. Events already stored (the same dataset id) are left alone, so importing a file twice
    changes nothing. Returns what was read, imported, skipped and rejected, file by file."""
    reader = READERS.get(fmt)
    if reader is None:
        raise UsageError(f"unknown dataset format {fmt!r}; use one of {', '.join(DATASET_FORMATS)}")
    ensure_imported(store)
    summary = ImportSummary(fmt)
    with store.memory_capped(IMPORT_MEMORY_LIMIT, unless_indexed=tuple(KEYED_BY_ANTI_JOIN)):
        for p in paths:
            summary.files.append(_import_one(store, Path(p), reader, summary))
    return summary
