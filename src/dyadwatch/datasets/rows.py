"""Reading a dataset file a line at a time: plain, ``.zip`` (every member, in order) or ``.gz``.

Nothing here holds a file whole: lines are read from the (decompressing) stream as they are
needed. A reader gets ``(origin, raw bytes, fields)`` per line, where ``origin`` is ``file:line``
(``file!member:line`` inside a zip with several members), the name every quarantine row carries.
"""

from __future__ import annotations

import csv
import gzip
import io
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..records import Rejection
from .fields import Imported, RowError, Skipped
__all__ = ["Line", "open_members", "tsv_lines", "csv_lines", "Header", "map_lines", "Parsed"]

#: what a reader yields for one row
Parsed = Imported | Rejection | Skipped

#: a line longer than this is not a row of any of these datasets (a binary file, a file with no newlines)
MAX_LINE_BYTES = 1 << 20


@dataclass(frozen=True, slots=True)
class Line:
    origin: str
    raw: bytes
    fields: list[str]


class FileError(Exception):
    """A whole file cannot be read (missing, not a zip, not the dataset's format)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(reason)


@contextmanager
def _opened(path: Path) -> Iterator[list[tuple[str, BinaryIO]]]:
    name = path.name.lower()
    try:
        if name.endswith(".zip"):
            with zipfile.ZipFile(path) as zf:
                members = [m for m in zf.infolist() if not m.is_dir()]
                if not members:
                    raise FileError("empty zip archive")
                many = len(members) > 1
                streams = [(f"{path}!{m.filename}" if many else str(path), zf.open(m)) for m in members]
                yield streams
                return
        if name.endswith(".gz"):
            with gzip.open(path, "rb") as fh:
                yield [(str(path), fh)]  # type: ignore[list-item]
                return
        with open(path, "rb") as fh:
            yield [(str(path), fh)]
    except zipfile.BadZipFile as exc:
        raise FileError("not a readable zip archive", str(exc)) from None
    except FileNotFoundError:
        raise FileError("no such file") from None
    except IsADirectoryError:
        raise FileError("a folder, not a file") from None
    except PermissionError:
        raise FileError("permission denied") from None


def open_members(path: Path) -> Iterator[tuple[str, BinaryIO]]:
    """(name, binary stream) of each member of the file, opened one after another."""
    with _opened(path) as streams:
        yield from streams


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RowError("not UTF-8 text", f"byte {exc.start}") from None


def tsv_lines(path: Path) -> Iterator[Line | Rejection]:
    """Tab-separated lines (no quoting, as GDELT, ICEWS, POLECAT and Phoenix write them); a line that
    is not UTF-8 or is too long becomes a :class:`Rejection` and the reading goes on."""
    for name, fh in open_members(path):
        n = 0
        while True:
            raw = fh.readline(MAX_LINE_BYTES + 1)
            if not raw:
                break
            n += 1
            origin = f"{name}:{n}"
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                while (more := fh.readline(MAX_LINE_BYTES)) and not more.endswith(b"\n"):
                    pass  # skip the rest of the line, a piece at a time
                yield Rejection(origin, "line too long", f"over {MAX_LINE_BYTES:,} bytes; its first 4 KB kept", raw[:4096])
                continue
            line = raw.rstrip(b"\r\n")
            if not line.strip():
                continue
            try:
                text = _decode(line)
            except RowError as exc:
                yield Rejection(origin, exc.reason, exc.detail, line)
                continue
            yield Line(origin, line, text.split("\t"))


def csv_lines(path: Path) -> Iterator[Line | Rejection]:
    """Rows of a CSV file with quoting (ACLED's exports; a quoted field may hold newlines); each row's
    origin is the line it starts on."""
    for name, fh in open_members(path):
        text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = csv.reader(text)
        start = 1
        while True:
            try:
                fields = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                yield Rejection(f"{name}:{start}", "malformed CSV row", str(exc))
                start = reader.line_num + 1
                continue
            origin = f"{name}:{start}"
            start = reader.line_num + 1
            if not any(f.strip() for f in fields):
                continue
            buf = io.StringIO()
            csv.writer(buf, lineterminator="").writerow(fields)
            raw = buf.getvalue().encode("utf-8", "surrogateescape")
            if any("\udc80" <= ch <= "\udcff" for f in fields for ch in f):
                yield Rejection(origin, "not UTF-8 text", "", raw)
                continue
            yield Line(origin, raw, fields)


def _norm(name: str) -> str:
    return "".join(ch for ch in name.casefold() if ch.isalnum())


class Header:
    """A header line's column positions, looked up by any of a column's names (case, spaces and
    punctuation ignored: "Event ID", "event_id" and "EventID" are one name)."""

    def __init__(self, fields: list[str]) -> None:
        self.names = [f.strip().strip('"') for f in fields]
        self.index: dict[str, int] = {}
        self._found: dict[tuple[str, ...], int | None] = {}
        for i, f in enumerate(self.names):
            self.index.setdefault(_norm(f), i)

    def find(self, *names: str) -> int | None:
        """The position of the first of ``names`` the header has, else None (remembered per names:
        a reader asks for the same columns on every row)."""
        if names in self._found:
            return self._found[names]
        found = next((self.index[_norm(n)] for n in names if _norm(n) in self.index), None)
        self._found[names] = found
        return found

    def check_width(self, fields: list[str]) -> None:
        """A row must have the header's fields: fewer, or more that are not empty (a tab inside a
        field shifts every field after it), is a :class:`RowError`."""
        n = len(self.names)
        if len(fields) < n or any(v.strip() for v in fields[n:]):
            raise RowError("wrong number of fields", f"{len(fields)}, the header has {n}")

    def require(self, what: str, *names: str) -> int:
        i = self.find(*names)
        if i is None:
            raise FileError(f"not {what}: no {names[0]!r} column", f"columns: {', '.join(self.names[:12])}")
        return i


def cell(fields: list[str], i: int | None) -> str:
    """Field ``i`` of a row, without surrounding quotes; "" where the row has no such field."""
    if i is None or i >= len(fields):
        return ""
    v = fields[i].strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        v = v[1:-1]
    return v


def map_lines(lines: Iterator[Line | Rejection], row: Callable[[Line], Imported | Skipped]) -> Iterator[Parsed]:
    """Apply a dataset's row function to each line; a :class:`RowError` becomes a quarantine row
    with the line's origin, reason and raw bytes, and the reading goes on."""
    for ln in lines:
        if isinstance(ln, Rejection):
            yield ln
            continue
        try:
            yield row(ln)
        except RowError as exc:
            yield Rejection(ln.origin, exc.reason, exc.detail, ln.raw)
