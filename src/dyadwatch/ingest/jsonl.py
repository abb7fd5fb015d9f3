"""JSON Lines articles: one object per line, by default with ``id, url, title, published, text``.

A field map (see :mod:`.fields`) names other keys, e.g. ``{"text": "body", "published": "date"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Article, Rejection
from .fields import FieldMap
from .limits import DEFAULT_MAX_BYTES, Overflow


def _article(line: str, where: str, default_date: date | None, fmap: FieldMap) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, "malformed JSON line", f"{exc.msg} at column {exc.colno}") from None
    except RecursionError:  # the C scanner gives up on deep nesting (about 1,000 levels)
        raise InputError(where, "malformed JSON line", "nested too deeply to be read (arrays or objects"
                         " inside each other about a thousand deep)") from None
    except ValueError as exc:  # e.g. an integer of more digits than Python converts
        raise InputError(where, "malformed JSON line", str(exc)) from None
    if not isinstance(obj, dict):
        raise InputError(where, "malformed JSON line", f"expected an object, got {type(obj).__name__}")
    return fmap.article(obj.get, where, default_date)


def line_max_bytes(max_bytes: int) -> int:
    """The longest line read for articles of at most ``max_bytes``: JSON escapes can double a
    text (``\\u00e9`` for the two bytes of é), and the other fields need room."""
    return 2 * max_bytes + 65536


def _empty(path: Path) -> Rejection:
    return Rejection(str(path), "empty", "no text in it")


def read_jsonl_range(
    path: Path,
    start: int,
    end: int | None,
    first_line: int,
    default_date: date | None,
    field_map: Mapping[str, str] | FieldMap | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Rejection]:
    """The lines of a JSON Lines file from byte ``start`` (a line's first byte) up to byte
    ``end`` (just after a line's end; ``None``: the end of the file), the first of them
    numbered ``first_line``, as :func:`read_jsonl_stream` reads them: one part of a file split
    by :func:`jsonl_ranges` among workers. Blank lines yield nothing."""
    with path.open("rb") as fh:
        fh.seek(start)
        yield from read_jsonl_stream(fh, str(path), default_date, field_map, max_bytes,
                                     None if end is None else end - start, first_line)


def read_jsonl_stream(
    fh: BinaryIO,
    origin: str,
    default_date: date | None,
    field_map: Mapping[str, str] | FieldMap | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    length: int | None = None,
    first_line: int = 1,
) -> Iterator[Article | Rejection]:
    """The lines of a binary stream (``length`` bytes of it, or all), numbered from
    ``first_line``: an article per good line, a rejection per bad one (``origin:line``).
    Memory does not grow with the stream, nor with a line: a line over
    :func:`line_max_bytes` is rejected with its head, size and hash. A line that is not
    UTF-8 is rejected on its own."""
    fmap = field_map if isinstance(field_map, FieldMap) else FieldMap.of(field_map)
    line_limit = line_max_bytes(max_bytes)
    pos, lineno = 0, first_line
    while length is None or pos < length:
        raw = fh.readline(line_limit + 2)  # the longest line and its newline ("\r\n" is counted once)
        if not raw:
            break
        where = f"{origin}:{lineno}"
        lineno += 1
        if len(raw.rstrip(b"\r\n")) > line_limit:
            over = Overflow(raw)
            if not raw.endswith(b"\n"):
                over.drain(fh, until_newline=True)
            pos += over.size
            yield over.rejection(where, line_limit, "one line")
            continue
        pos += len(raw)
        if not raw.strip():
            continue
        try:
            line = raw.decode("utf-8").lstrip("\ufeff")
        except UnicodeDecodeError as exc:
            yield Rejection(where, "invalid UTF-8", f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1}", raw)
            continue
        try:
            yield _article(line, where, default_date, fmap)
        except InputError as exc:
            yield Rejection(where, exc.reason, exc.detail, raw.rstrip(b"\r\n"))


@dataclass(frozen=True)
class LineRange:
    """A part of a JSON Lines file: bytes ``start`` to ``end``, whole lines, the first of them
    line ``first_line``; ``blank`` when it holds nothing but whitespace."""

    start: int
    end: int
    first_line: int
    blank: bool


#: how far past a part's nominal end the scan reads at a time, looking for the line's end
_SCAN_BYTES = 1 << 16


def jsonl_ranges(path: Path, size: int) -> Iterator[LineRange]:
    """Split a JSON Lines file into parts of about ``size`` bytes that begin and end at line
    boundaries (a line longer than ``size`` is a part of its own), numbering their first
    lines: one sequential read of the file, ``size`` bytes at a time. The parts tile the
    file; :func:`read_jsonl_range` reads each as the whole file's lines are read."""
    if size < 1:
        raise ValueError(f"a part of a JSON Lines file must be at least 1 byte, not {size}")
    start, line = 0, 1
    with path.open("rb") as fh:
        while True:
            block = fh.read(size)
            if not block:
                return
            end = start + len(block)
            newlines = block.count(b"\n")
            blank = not block.strip()
            if not block.endswith(b"\n"):  # the part ends where the line it cut ends
                while True:
                    more = fh.read(_SCAN_BYTES)
                    if not more:
                        break
                    cut = more.find(b"\n")
                    tail = more if cut < 0 else more[: cut + 1]
                    end += len(tail)
                    blank = blank and not tail.strip()
                    if cut >= 0:
                        newlines += 1
                        fh.seek(end)
                        break
            yield LineRange(start, end, line, blank)
            start, line = end, line + newlines


def jsonl_parts(path: Path, size: int) -> tuple[list[LineRange], Rejection | None]:
    """The parts of :func:`jsonl_ranges` that hold text, for workers to read; and the file's
    rejection ``empty`` when none does."""
    parts = [r for r in jsonl_ranges(path, size) if not r.blank]
    return parts, (None if parts else _empty(path))
