"""CSV (and TSV) files with a header row: one article per row, columns named by a field map.

The file is read as a stream, a row at a time: a row over the size limit is rejected with
its head, size and hash, and the rows after it are read as usual; so are the rows after a
row that is malformed, not UTF-8 or holds a NUL character.
"""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator, Mapping
from datetime import date
from typing import BinaryIO

from ..errors import InputError
from ..records import Article, Rejection
from .checks import NUL_REASON
from .fields import FieldMap
from .limits import DEFAULT_MAX_BYTES, DRAIN_MAX_BYTES, Overflow

__all__ = ["read_csv_stream", "sniff_dialect"]

_DELIMITERS = ",\t;|"
_SNIFF_BYTES = 65536
_SNIFF_LINES = 50
_BLOCK = 1 << 16


def sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect | None:
    """The dialect of a CSV ``sample`` with a header row, or ``None`` if it does not look like one."""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return None
    return dialect


class _RowTooLarge(Exception):
    """Raised from the line feed, through :mod:`csv`, when a row passes the size limit."""


class _LineSplitter:
    """Lines of a binary stream, ended by ``\n``, ``\r\n`` or ``\r`` (spreadsheets on a Mac
    still write ``\r``), each given ending in ``\n``; at most ``limit`` bytes at a time."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.buf = bytearray()
        self.eof = False

    def readline(self, limit: int) -> bytes:
        while True:
            cut = self._line_end()
            if cut is not None and cut[0] <= limit:
                end, size = cut
                line = bytes(self.buf[:end]) + b"\n"
                del self.buf[:size]
                return line
            if len(self.buf) >= limit or (self.eof and cut is None):
                line = bytes(self.buf[:limit])
                del self.buf[:limit]
                return line
            chunk = self.fh.read(_BLOCK)
            if chunk:
                self.buf += chunk
            else:
                self.eof = True

    def _line_end(self) -> tuple[int, int] | None:
        """(where the first line's text ends, where the next line starts), if the buffer holds
        a whole line (a ``\r`` at its end may be the first half of ``\r\n``)."""
        lf = self.buf.find(b"\n")
        cr = self.buf.find(b"\r", 0, lf if lf >= 0 else len(self.buf))
        if cr < 0 or 0 <= lf < cr:
            return (lf, lf + 1) if lf >= 0 else None
        if cr + 1 < len(self.buf):
            return cr, cr + 2 if self.buf[cr + 1] == 0x0A else cr + 1
        return (cr, cr + 1) if self.eof else None


class _Lines:
    """The lines of a binary stream as text for :func:`csv.reader`, with the raw bytes of the
    row being read (the reader asks for a line only while its row is unfinished)."""

    def __init__(self, fh: BinaryIO, max_bytes: int) -> None:
        self.fh = _LineSplitter(fh)
        self.limit = max_bytes + 2  # a row of max_bytes and its line end
        self.lineno = 0  # the line the last bytes read are on
        self._line_ended = True
        self.start_row()

    def count(self, raw: bytes) -> None:
        """Keep :attr:`lineno` up to date after reading ``raw`` (a line, or a part of one)."""
        if self._line_ended:
            self.lineno += 1
        self._line_ended = raw.endswith(b"\n")

    def start_row(self) -> None:
        self.raw: list[bytes] = []
        self.size = 0
        self.first_line = self.lineno + 1
        self.bad: tuple[str, str] | None = None  # (reason, detail) that rejects the row

    def __iter__(self) -> "_Lines":
        return self

    def __next__(self) -> str:
        raw = self.fh.readline(self.limit + 1 - self.size)
        if not raw:
            raise StopIteration
        self.raw.append(raw)
        self.size += len(raw)
        self.count(raw)
        if self.size > self.limit:
            raise _RowTooLarge
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.bad = self.bad or ("invalid UTF-8", f"byte 0x{raw[exc.start]:02x} in line {self.lineno}")
            line = raw.decode("utf-8", "replace")
        if "\0" in line and self.bad is None:
            self.bad = (NUL_REASON, f"line {self.lineno} holds a NUL character, so the row is not plain text")
        if self.lineno == 1:
            line = line.lstrip("\ufeff")
        return line

    def row_bytes(self) -> bytes:
        return b"".join(self.raw)


def read_csv_stream(
    fh: BinaryIO,
    origin: str,
    default_date: date | None = None,
    field_map: Mapping[str, str] | FieldMap | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    head: bytes | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an article per row and a rejection per bad row (``origin:line``) of the UTF-8
    CSV in the binary stream ``fh``; a row holds at most ``max_bytes``. ``head`` is the
    stream's first bytes where the caller has read them (else ``fh`` must be seekable):
    the dialect is told from them.

    A header without the mapped text column (or another column the mapping names) rejects
    the whole file, since every row would be lost the same way; the rejection keeps the
    file's first 64 KB.
    """
    fmap = field_map if isinstance(field_map, FieldMap) else FieldMap.of(field_map)
    _allow_fields_up_to(max_bytes)
    if head is None:
        start = fh.tell()
        head = fh.read(_SNIFF_BYTES)
        fh.seek(start)
    dialect = _dialect(head, origin)
    lines = _Lines(fh, max_bytes)
    reader = csv.reader(lines, dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error, _RowTooLarge) as exc:
        detail = "the header row is over the size limit" if isinstance(exc, _RowTooLarge) else str(exc)
        yield Rejection(origin, "malformed CSV", f"no header row: {detail}" if detail else "no header row",
                        head)
        return
    missing = fmap.missing(header)
    if missing:
        yield Rejection(origin, "missing column",
                        f"column '{missing[0]}' not in header: {', '.join(header)}", head)
        return
    index = {name: i for i, name in enumerate(header)}
    while True:
        lines.start_row()
        try:
            row = next(reader)
        except StopIteration:
            return
        except _RowTooLarge:
            yield _skip_row(lines, dialect.quotechar or '"', f"{origin}:{lines.first_line}", max_bytes)
            reader = csv.reader(lines, dialect)
            continue
        except csv.Error as exc:
            yield Rejection(f"{origin}:{lines.first_line}", "malformed CSV row", str(exc), lines.row_bytes())
            reader = csv.reader(lines, dialect)
            continue
        if lines.bad is None and not any(cell.strip() for cell in row):
            continue
        yield _row_item(row, index, lines, f"{origin}:{lines.first_line}", default_date, fmap)


def _row_item(row: list[str], index: dict[str, int], lines: _Lines, where: str, default_date: date | None,
              fmap: FieldMap) -> Article | Rejection:
    if lines.bad is not None:
        return Rejection(where, lines.bad[0], lines.bad[1], lines.row_bytes())

    def get(col: str) -> str | None:
        i = index.get(col)
        return row[i] if i is not None and i < len(row) else None

    try:
        return fmap.article(get, where, default_date)
    except InputError as exc:
        return Rejection(where, exc.reason, exc.detail, lines.row_bytes())


def _skip_row(lines: _Lines, quotechar: str, where: str, max_bytes: int) -> Rejection:
    """Read past a row over the limit, counting and hashing it: to the end of the line where
    its quotes are balanced (where :mod:`csv` would end it, for rows quoted the usual way)."""
    over = Overflow(lines.row_bytes())
    quote = quotechar.encode("utf-8")
    quotes = sum(part.count(quote) for part in lines.raw)
    at_line_end = lines.raw[-1].endswith(b"\n")
    while not (at_line_end and quotes % 2 == 0):
        if over.size >= DRAIN_MAX_BYTES:
            over.complete = False
            break
        chunk = lines.fh.readline(1 << 16)
        if not chunk:
            break
        over.add(chunk)
        quotes += chunk.count(quote)
        at_line_end = chunk.endswith(b"\n")
        lines.count(chunk)
    return over.rejection(where, max_bytes, "one row")


def _dialect(head: bytes, origin: str) -> type[csv.Dialect] | csv.Dialect:
    """The dialect told from the first lines of a file, ``head``."""
    head = head[:_SNIFF_BYTES]
    lines = head.decode("utf-8", "replace").lstrip("\ufeff").splitlines(keepends=True)
    if len(head) == _SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last line may be cut off
    return sniff_dialect("".join(lines[:_SNIFF_LINES])) or (csv.excel_tab if origin.lower().endswith(".tsv")
                                                          else csv.excel)


def _allow_fields_up_to(max_bytes: int) -> None:
    """Let :mod:`csv` read a field as long as a row may be (its own limit is 131,072
    characters): the limit is :mod:`csv`'s, process-wide, and is only ever raised here; the
    size of a row is bounded before :mod:`csv` sees it."""
    wanted = min(max_bytes + 2, sys.maxsize)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)
