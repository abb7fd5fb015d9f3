"""WARC files (warcio): HTTP responses with an HTML content type become articles.

Each response is read by the HTML reader with the WARC-Target-URI as its url and the
WARC-Date as the date when the page has none; it is named ``path#N`` (the Nth record).
Other records (requests, metadata, non-HTML responses) are skipped. A file that breaks
off — a truncated gzip member (its trailer too), a record shorter than its Content-Length
or without one, garbage between records — yields what was read before the break and then
one rejection naming the file, the record number and the byte offset where it broke, with
the bytes from there on. A page over ``max_bytes`` (decompressed) is rejected with its
head, size and hash; memory does not grow with what a record decompresses to.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import date
from typing import BinaryIO

from ..records import Article, Rejection
from .dates import parse_date
from .html import read_html
from .limits import DEFAULT_MAX_BYTES, DRAIN_MAX_BYTES, Overflow

__all__ = ["read_warc_stream"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_RAW = 1_000_000  # most bytes kept in the rejection of a broken WARC


def read_warc_stream(fh: BinaryIO, origin: str, size: int, default_date: date | None = None,
                     max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Article | Rejection]:
    """Read a seekable WARC stream of ``size`` bytes; ``origin`` names it in every record.

    Memory is bounded by ``max_bytes``, whatever a record decompresses to: an HTML body over
    it is read past (counted and hashed) and rejected with its head."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    end = 0  # where the last complete record ended
    last_start = 0  # where it began
    n = 0
    it = ArchiveIterator(fh)
    try:
        for record in it:
            n += 1
            if record.format != "warc":  # warcio reads anything with spaces as an ARC header
                yield _broken(fh, origin, end, f"record {n} at byte {end} is not a WARC record", "malformed WARC")
                return
            item, state = _record(record, f"{origin}#{n}", default_date, max_bytes)
            if item is not None and (state == "complete" or isinstance(item, Rejection)):
                yield item  # not a page that was cut off
            if state != "complete":
                offset = it.get_record_offset()
                yield _broken(fh, origin, offset, f"record {n} at byte {offset} {_STATES[state]}",
                              "too large" if state == "endless" else "truncated WARC")
                return
            last_start, end = it.get_record_offset(), it.get_record_offset() + it.get_record_length()
    # warcio meets broken input with all of these (AttributeError for a record without a URI …)
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, KeyError, IndexError,
            TypeError) as exc:
        yield _broken(fh, origin, end, f"record {n + 1} after byte {end} cannot be read: {exc}", "malformed WARC")
        return
    if not _only_padding(fh, end):
        yield _broken(fh, origin, end, f"record {n + 1} at byte {end} is cut off ({size - end} bytes left unread)")
    elif n and _is_gzip(fh) and not _gzip_member_ends(fh, last_start, end):
        yield _broken(fh, origin, last_start, f"record {n} at byte {last_start} is cut off: its gzip member"
                      " has no end (the file stops inside it)")


_STATES = {
    "short": "is shorter than its Content-Length",
    "headless": "is cut off: it has no Content-Length (or an empty one)",
    "endless": f"decompresses to over {DRAIN_MAX_BYTES:,} bytes; the rest of the file is not read",
}


def _record(record, where: str, default_date: date | None, max_bytes: int) -> tuple[Article | Rejection | None, str]:  # noqa: ANN001
    """Read one record through: its article or rejection (None if skipped) and its state:
    ``complete``, ``short`` (cut off), ``headless`` (no Content-Length), ``endless`` (read
    past :data:`DRAIN_MAX_BYTES` without an end)."""
    is_html = False
    if record.rec_type == "response" and record.http_headers is not None:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        is_html = ctype.startswith(_HTML_TYPES)
    if not is_html:
        return None, _skip(record)
    stream = record.content_stream()
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        over = Overflow(body)
        del body
        over.drain(stream)
        rejected = over.rejection(where, max_bytes, "one record's page")
        return rejected, (_state(record) if over.complete else "endless")
    uri = record.rec_headers.get_header("WARC-Target-URI")
    try:
        warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
    except ValueError:
        warc_date = None
    state = _state(record)
    return read_html(body, where, default_date, url=uri, fallback_date=warc_date), state


def _skip(record) -> str:  # noqa: ANN001
    """Read past a record that is not an HTML response (at most :data:`DRAIN_MAX_BYTES`)."""
    read = 0
    while chunk := record.raw_stream.read(65536):
        read += len(chunk)
        if read > DRAIN_MAX_BYTES:
            return "endless"
    return _state(record)


def _state(record) -> str:  # noqa: ANN001
    """``complete`` when all of the record's Content-Length was read, else why not."""
    declared = (record.rec_headers.get_header("Content-Length") or "").strip()
    limit = getattr(record.raw_stream, "limit", None)  # warcio reads a record by its Content-Length
    if limit is None or not declared.isdigit():
        return "headless"
    return "complete" if limit <= 0 else "short"


def _is_gzip(fh: BinaryIO) -> bool:
    fh.seek(0)
    return fh.read(2) == b"\x1f\x8b"


def _gzip_member_ends(fh: BinaryIO, start: int, end: int) -> bool:
    """True when the gzip member(s) between bytes ``start`` and ``end`` end where they should
    (their trailer is there); decompressed a MB at a time, the output dropped."""
    fh.seek(start)
    member = zlib.decompressobj(wbits=31)
    left = end - start
    while left > 0:
        data = fh.read(min(65536, left))
        if not data:
            return False
        left -= len(data)
        while data:
            member.decompress(data, 1 << 20)
            if member.eof:
                if not member.unused_data.strip(b"\r\n\t \0"):
                    data = b""
                    continue
                data, member = member.unused_data, zlib.decompressobj(wbits=31)
            else:
                data = member.unconsumed_tail
    return member.eof


def _only_padding(fh: BinaryIO, start: int) -> bool:
    """True when nothing but whitespace (record separators) follows ``start``."""
    fh.seek(start)
    while chunk := fh.read(65536):
        if chunk.strip(b"\r\n\t \0"):
            return False
    return True


def _broken(fh: BinaryIO, origin: str, offset: int, detail: str, reason: str = "truncated WARC") -> Rejection:
    """The rejection for a WARC that breaks at ``offset``, with the bytes from there on
    (at most :data:`_MAX_RAW`)."""
    fh.seek(offset)
    raw = fh.read(_MAX_RAW)
    if fh.read(1):
        detail += f"; kept: the first {_MAX_RAW:,} bytes from there on"
    return Rejection(origin, reason, detail, raw)
