"""WARC files (warcio): HTTP responses with an HTML content type become articles.

Each response is read by the HTML reader with the WARC-Target-URI as its url and the
WARC-Date as the date when the page has none; it is named ``path#N`` (the Nth record).
Other records (requests, metadata, non-HTML responses) are skipped. A file that breaks
off — a truncated gzip member, a record shorter than its Content-Length, garbage between
records — yields what was read
before the break and then one rejection naming the file, the record number and the byte
offset where it broke, with the bytes from there on.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..records import Article, Rejection
from .dates import parse_date
from .html import read_html

__all__ = ["read_warc", "read_warc_bytes", "read_warc_stream"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_MAX_RAW = 50_000_000  # most bytes kept in the rejection of a broken WARC


def read_warc(
    path: Path, default_date: date | None = None, max_bytes: int = 5_000_000
) -> Iterator[Article | Rejection]:
    """Yield an article or rejection per HTML response in the WARC file at ``path``."""
    with path.open("rb") as fh:
        yield from read_warc_stream(fh, str(path), path.stat().st_size, default_date, max_bytes)


def read_warc_bytes(data: bytes, origin: str, default_date: date | None = None,
                    max_bytes: int = 5_000_000) -> Iterator[Article | Rejection]:
    """:func:`read_warc` for a WARC held in memory (e.g. fetched)."""
    yield from read_warc_stream(io.BytesIO(data), origin, len(data), default_date, max_bytes)


def read_warc_stream(fh: BinaryIO, origin: str, size: int, default_date: date | None = None,
                     max_bytes: int = 5_000_000) -> Iterator[Article | Rejection]:
    """Read a seekable WARC stream of ``size`` bytes; ``origin`` names it in every record."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    end = 0  # where the last complete record ended
    n = 0
    it = ArchiveIterator(fh)
    try:
        for record in it:
            n += 1
            if record.format != "warc":  # warcio reads anything with spaces as an ARC header
                yield _broken(fh, origin, end, f"record {n} at byte {end} is not a WARC record", "malformed WARC")
                return
            item, complete = _record(record, f"{origin}#{n}", default_date, max_bytes)
            if not complete:
                offset = it.get_record_offset()
                yield _broken(fh, origin, offset, f"record {n} at byte {offset} is shorter than its Content-Length")
                return
            end = it.get_record_offset() + it.get_record_length()
            if item is not None:
                yield item
    # warcio meets broken input with all of these (AttributeError for a record without a URI …)
    except (ArchiveLoadFailed, EOFError, zlib.error, OSError, ValueError, AttributeError, KeyError, IndexError,
            TypeError) as exc:
        yield _broken(fh, origin, end, f"record {n + 1} after byte {end} cannot be read: {exc}", "malformed WARC")
        return
    if not _only_padding(fh, end):
        yield _broken(fh, origin, end, f"record {n + 1} at byte {end} is cut off ({size - end} bytes left unread)")


def _record(record, where: str, default_date: date | None, max_bytes: int) -> tuple[Article | Rejection | None, bool]:  # noqa: ANN001
    """Read one record through: (its article or rejection, or None if skipped; whether it was complete)."""
    is_html = False
    if record.rec_type == "response" and record.http_headers is not None:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        is_html = ctype.startswith(_HTML_TYPES)
    if not is_html:
        while record.raw_stream.read(65536):
            pass
        return None, getattr(record.raw_stream, "limit", 0) <= 0
    body = record.content_stream().read()
    complete = getattr(record.raw_stream, "limit", 0) <= 0
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if len(body) > max_bytes:
        detail = f"{len(body) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit"
        return Rejection(where, "too large", detail, body), complete
    try:
        warc_date = parse_date(record.rec_headers.get_header("WARC-Date"))
    except ValueError:
        warc_date = None
    return read_html(body, where, default_date, url=uri, fallback_date=warc_date), complete


def _only_padding(fh: BinaryIO, start: int) -> bool:
    """True when nothing but whitespace (record separators) follows ``start``."""
    fh.seek(start)
    while chunk := fh.read(65536):
        if chunk.strip(b"\r\n\t \0"):
            return False
    return True


def _broken(fh: BinaryIO, origin: str, offset: int, detail: str, reason: str = "truncated WARC") -> Rejection:
    """The rejection for a WARC that breaks at ``offset``, with the bytes from there on."""
    fh.seek(offset)
    return Rejection(origin, reason, detail, fh.read(_MAX_RAW))
