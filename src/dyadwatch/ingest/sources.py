"""Walk the paths a user gives and yield articles and rejections, one at a time.

Each file's format is told from its content (see :mod:`.detect`) unless the caller names
one: plain text with headers, JSON Lines, CSV, HTML, RSS/Atom feeds, WARC. Every
article then passes a language check (English only); every bad item becomes a
:class:`~dyadwatch.records.Rejection` and the run goes on.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError
from ..records import Article, Rejection
from . import fetch as _fetch
from .checks import bom_encoding, check_bytes, decode_text, utf8_stream
from .csvfile import read_csv_stream
from .detect import HEAD_BYTES, detect_format, normalise_format
from .feeds import read_feed
from .fields import FieldMap
from .html import read_html
from .jsonl import read_jsonl_range, read_jsonl_stream
from .language import language_rejection
from .limits import DEFAULT_MAX_BYTES, Overflow, check_max_bytes, read_bounded
from .paths import NOT_FOUND, input_files
from .text import parse_text_article
from .warc import read_warc_stream

__all__ = ["read_sources", "read_bytes", "read_jsonl_part", "screen", "DEFAULT_MAX_BYTES", "NOT_FOUND",
           "FEED_MAX_BYTES"]

#: The largest feed file read (feedparser parses a feed whole, in memory).
FEED_MAX_BYTES = 20_000_000


@dataclass(frozen=True)
class _Options:
    default_date: date | None
    max_bytes: int
    fmt: str | None
    fields: FieldMap
    fetch: bool
    allow_private: bool = False


def read_sources(
    paths: Iterable[str | Path],
    default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
    fetch: bool = False,
    allow_private: bool = False,
) -> Iterator[Article | Rejection]:
    """Yield an :class:`Article` or a :class:`Rejection` for every item under ``paths``.

    Directories are walked in sorted order. A file's format is detected from its content
    (then its extension) unless ``fmt`` names one of ``text, jsonl, csv, html, feed, warc``
    (aliases: ``rss``, ``atom``, ``ndjson``, ``tsv`` …). ``field_map`` names the CSV/JSONL
    columns, e.g. ``{"text": "body", "published": "date"}``. ``max_bytes`` limits one
    article (a text or HTML file, a JSONL line, a CSV row, a WARC record's page): files are
    read as streams, and an item over the limit is rejected with its head, size and sha256,
    so memory is bounded by the limit, not by the input. With ``fetch=True`` an
    ``http(s)://`` path is downloaded and read, and feed entries without a body are read
    from their linked page, never from a loopback, private or link-local address unless
    ``allow_private=True``; without ``fetch`` nothing touches the network.

    A named path that does not exist gives a rejection with the reason :data:`NOT_FOUND`.
    A bad ``fmt``, ``field_map`` or ``max_bytes`` (negative) raises
    :class:`~dyadwatch.errors.UsageError` at once; bad input never raises.
    """
    opts = _Options(default_date, check_max_bytes(max_bytes), normalise_format(fmt), FieldMap.of(field_map), fetch,
                    allow_private)
    return _read_all(paths, opts)


def read_bytes(
    data: bytes, origin: str, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> Iterator[Article | Rejection]:
    """Read one file's bytes as :func:`read_sources` reads a file (format detection, every
    format, the language check, the size limit): for engines that fetch bytes themselves."""
    opts = _Options(default_date, check_max_bytes(max_bytes), normalise_format(fmt), FieldMap.of(None), False)
    return screen(_read_stream(io.BytesIO(data), origin, len(data), opts))


def read_jsonl_part(
    path: str | Path, start: int, end: int | None, first_line: int, default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Rejection]:
    """Read one part of a JSON Lines file (see :func:`~dyadwatch.ingest.jsonl.jsonl_ranges`)
    as :func:`read_sources` reads those lines of the whole file (the same origins, with line
    numbers; the size limit; the language check): for engines that split a file among workers."""
    opts = _Options(default_date, check_max_bytes(max_bytes), "jsonl", FieldMap.of(None), False)
    lines = read_jsonl_range(Path(path), start, end, first_line, default_date, opts.fields, opts.max_bytes)
    return screen(_limited(lines, opts))


def screen(items: Iterable[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Reject articles that are not in English (the check every reader's items go through)."""
    for item in items:
        if isinstance(item, Article):
            rejected = language_rejection(item)
            if rejected is not None:
                item = rejected
        yield item


def _read_all(paths: Iterable[str | Path], opts: _Options) -> Iterator[Article | Rejection]:
    return screen(_read_paths(paths, opts))


def _read_paths(paths: Iterable[str | Path], opts: _Options) -> Iterator[Article | Rejection]:
    for p in paths:
        if _fetch.is_url(p):
            yield from _read_url(str(p), opts)
            continue
        for found in input_files(Path(p)):
            if isinstance(found, Rejection):
                yield found
            else:
                yield from _read_file(found, opts)


def _read_url(url: str, opts: _Options) -> Iterator[Article | Rejection]:
    if not opts.fetch:
        yield Rejection(url, "not fetched", "a URL is read only with fetch=True (--fetch)")
        return
    limit = opts.max_bytes if opts.fmt in ("text", "html") else max(opts.max_bytes, FEED_MAX_BYTES)
    try:
        data = _fetch.fetch_url(url, limit, allow_private=opts.allow_private)
    except InputError as exc:
        yield Rejection(url, exc.reason, exc.detail)
        return
    yield from _read_stream(io.BytesIO(data), url, len(data), opts, name=url.split("?", 1)[0], url=url)


def _read_file(path: Path, opts: _Options) -> Iterator[Article | Rejection]:
    origin = str(path)
    try:
        with path.open("rb") as fh:
            yield from _read_stream(fh, origin, path.stat().st_size, opts, name=path.name)
    except OSError as exc:
        yield Rejection(origin, "unreadable", exc.strerror or str(exc))


def _read_stream(fh: BinaryIO, origin: str, size: int, opts: _Options, name: str | None = None,
                 url: str | None = None) -> Iterator[Article | Rejection]:
    """Read one file (or download) from the seekable stream ``fh`` of ``size`` bytes."""
    head = fh.read(HEAD_BYTES)
    fh.seek(0)
    encoding = bom_encoding(head)
    wide = encoding in ("utf-16", "utf-32")
    try:
        sample = _utf8_sample(head, encoding) if wide else head
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, head)
        return
    fmt = opts.fmt or detect_format(sample, name if name is not None else origin)
    if fmt == "warc":
        yield from read_warc_stream(fh, origin, size, opts.default_date, opts.max_bytes)
    elif fmt in ("jsonl", "csv"):
        yield from _read_table(utf8_stream(fh, encoding) if wide else fh, origin, fmt, sample, encoding, opts)
    else:
        yield from _read_whole(fh, origin, fmt, opts, url)


def _read_table(fh: BinaryIO, origin: str, fmt: str, sample: bytes, encoding: str | None,
                opts: _Options) -> Iterator[Article | Rejection]:
    """A JSON Lines or CSV file, a line or row at a time."""
    try:
        check_bytes(sample, origin)
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, read_bounded(fh, opts.max_bytes)[0] or sample)
        return
    if fmt == "jsonl":
        items = read_jsonl_stream(fh, origin, opts.default_date, opts.fields, opts.max_bytes)
    else:
        items = read_csv_stream(fh, origin, opts.default_date, opts.fields, opts.max_bytes, head=sample)
    try:
        yield from _limited(items, opts)
    except UnicodeDecodeError as exc:  # from the transcoding of a UTF-16/32 file
        yield Rejection(origin, f"invalid {(encoding or 'utf-8').upper()}", f"{exc.reason}; the rest of the file"
                        " is not read", sample)


def _read_whole(fh: BinaryIO, origin: str, fmt: str, opts: _Options, url: str | None) -> Iterator[Article | Rejection]:
    """A file that is read whole — one article (text, HTML) or a feed — if it is not too large."""
    limit = FEED_MAX_BYTES if fmt == "feed" else opts.max_bytes
    data, over = read_bounded(fh, limit)
    if over is not None:
        if fmt == "feed":
            yield over.rejection(origin, limit, "a feed file (read whole by the feed parser)", option=None)
        else:
            yield over.rejection(origin, limit)
        return
    try:
        if fmt in {"html", "feed"}:  # these parsers read the declared encoding themselves
            check_bytes(data, origin)
            text = ""
        else:
            text = decode_text(data, origin)
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, data)
        return
    if fmt == "html":
        yield read_html(data, origin, opts.default_date, url=url)
    elif fmt == "feed":
        entries = read_feed(data, origin, opts.default_date, fetch=opts.fetch, max_bytes=opts.max_bytes,
                            allow_private=opts.allow_private)
        yield from _limited(entries, opts)
    else:
        try:
            article = parse_text_article(text, origin, opts.default_date)
        except InputError as exc:
            yield Rejection(origin, exc.reason, exc.detail, data)
            return
        yield article if url is None or article.url else _with_url(article, url)


def _utf8_sample(head: bytes, encoding: str) -> bytes:
    """The start of a UTF-16/32 file as UTF-8, for format detection; :class:`InputError` if
    it is not that encoding."""
    import codecs

    try:
        return codecs.getincrementaldecoder(encoding)().decode(head, False).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError("", f"invalid {encoding.upper()}", f"byte 0x{head[exc.start]:02x} at offset {exc.start}"
                         " cannot be decoded") from None


def _limited(items: Iterable[Article | Rejection], opts: _Options) -> Iterator[Article | Rejection]:
    """Reject the articles of a multi-article file whose text is over ``max_bytes``."""
    for item in items:
        if isinstance(item, Article):
            encoded = item.text.encode("utf-8")
            if len(encoded) > opts.max_bytes:
                item = Overflow(encoded).rejection(item.origin or "", opts.max_bytes, "one article's text")
        yield item


def _with_url(article: Article, url: str) -> Article:
    return Article(article.article_id, article.text, article.title, url, article.publisher, article.published,
                   article.origin)
