"""Walk the paths a user gives and yield articles and rejections, one at a time.

Each file's format is told from its content (see :mod:`.detect`) unless the caller names
one: plain text with headers, JSON Lines, CSV, HTML, RSS/Atom feeds, WARC. Every
article then passes a language check (English only); every bad item becomes a
:class:`~dyadwatch.records.Rejection` and the run goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..records import Article, Rejection
from . import fetch as _fetch
from .checks import check_bytes, decode_text
from .csvfile import read_csv
from .detect import HEAD_BYTES, detect_format, normalise_format
from .feeds import read_feed
from .fields import FieldMap
from .html import read_html
from .jsonl import parse_jsonl, read_jsonl_file, read_jsonl_range
from .language import language_rejection
from .text import parse_text_article
from .warc import read_warc, read_warc_bytes

#: The largest single article accepted (a JSONL, CSV or feed file may be larger: its limit is per item).
DEFAULT_MAX_BYTES = 5_000_000
_CONTAINER_MAX_BYTES = 2_000_000_000
_JSONL_MAX_BYTES = _CONTAINER_MAX_BYTES  # kept for callers of the old name
_CONTAINERS = {"jsonl", "csv", "feed"}
_SKIP_NAMES = {".DS_Store"}


@dataclass(frozen=True)
class _Options:
    default_date: date | None
    max_bytes: int
    fmt: str | None
    fields: FieldMap
    fetch: bool


def read_sources(
    paths: Iterable[str | Path],
    default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    fmt: str | None = None,
    field_map: Mapping[str, str] | None = None,
    fetch: bool = False,
) -> Iterator[Article | Rejection]:
    """Yield an :class:`Article` or a :class:`Rejection` for every item under ``paths``.

    Directories are walked in sorted order. A file's format is detected from its content
    (then its extension) unless ``fmt`` names one of ``text, jsonl, csv, html, feed, warc``
    (aliases: ``rss``, ``atom``, ``ndjson``, ``tsv`` …). ``field_map`` names the CSV/JSONL
    columns, e.g. ``{"text": "body", "published": "date"}``. ``max_bytes`` limits one
    article. With ``fetch=True`` an ``http(s)://`` path is downloaded and read, and feed
    entries without a body are read from their linked page; without it nothing touches
    the network. Nothing is collected in memory beyond one file.

    A bad ``fmt`` or ``field_map`` raises :class:`~dyadwatch.errors.UsageError` at once;
    bad input never raises.
    """
    opts = _Options(default_date, max_bytes, normalise_format(fmt), FieldMap.of(field_map), fetch)
    return _read_all(paths, opts)


def read_bytes(
    data: bytes, origin: str, default_date: date | None = None, max_bytes: int = DEFAULT_MAX_BYTES, fmt: str | None = None
) -> Iterator[Article | Rejection]:
    """Read one file's bytes as :func:`read_sources` reads a file (format detection, every
    format, the language check, the size limit): for engines that fetch bytes themselves."""
    opts = _Options(default_date, max_bytes, normalise_format(fmt), FieldMap.of(None), False)
    fmt = opts.fmt or detect_format(data[:HEAD_BYTES], origin)
    items = read_warc_bytes(data, origin, default_date, max_bytes) if fmt == "warc" else _read_bytes(data, origin, fmt, opts)
    return screen(items)


def read_jsonl_part(
    path: str | Path, start: int, end: int | None, first_line: int, default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Rejection]:
    """Read one part of a JSON Lines file (see :func:`~dyadwatch.ingest.jsonl.jsonl_ranges`)
    as :func:`read_sources` reads those lines of the whole file (the same origins, with line
    numbers; the size limit; the language check): for engines that split a file among workers."""
    opts = _Options(default_date, max_bytes, "jsonl", FieldMap.of(None), False)
    return screen(_limited(read_jsonl_range(Path(path), start, end, first_line, default_date, opts.fields), opts))


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
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name not in _SKIP_NAMES and not child.name.startswith("."):
                    yield from _read_file(child, opts)
        elif path.is_file():
            yield from _read_file(path, opts)
        else:
            yield Rejection(str(path), "not found", "no such file or directory")


def _read_url(url: str, opts: _Options) -> Iterator[Article | Rejection]:
    if not opts.fetch:
        yield Rejection(url, "not fetched", "a URL is read only with fetch=True (--fetch)")
        return
    try:
        data = _fetch.fetch_url(url, _CONTAINER_MAX_BYTES if opts.fmt in _CONTAINERS | {"warc"} else opts.max_bytes)
    except InputError as exc:
        yield Rejection(url, exc.reason, exc.detail)
        return
    fmt = opts.fmt or detect_format(data[:HEAD_BYTES], url.split("?", 1)[0])
    if fmt == "warc":
        yield from read_warc_bytes(data, url, opts.default_date, opts.max_bytes)
    else:
        yield from _read_bytes(data, url, fmt, opts, url=url)


def _read_file(path: Path, opts: _Options) -> Iterator[Article | Rejection]:
    origin = str(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(HEAD_BYTES)
        fmt = opts.fmt or detect_format(head, path.name)
        if fmt == "warc":
            yield from read_warc(path, opts.default_date, opts.max_bytes)
            return
        if fmt == "jsonl" and b"\0" not in head:
            yield from _limited(read_jsonl_file(path, opts.default_date, opts.fields), opts)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(origin, "unreadable", exc.strerror or str(exc))
        return
    yield from _read_bytes(data, origin, fmt, opts)


def _read_bytes(
    data: bytes, origin: str, fmt: str, opts: _Options, url: str | None = None
) -> Iterator[Article | Rejection]:
    """Read one file's (or download's) bytes in format ``fmt``."""
    limit = _CONTAINER_MAX_BYTES if fmt in _CONTAINERS else opts.max_bytes
    try:
        if fmt in {"html", "feed"}:  # these parsers read the declared encoding themselves
            check_bytes(data, origin, limit)
            text = ""
        else:
            text = decode_text(data, origin, limit)
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, data)
        return
    if fmt == "html":
        yield read_html(data, origin, opts.default_date, url=url)
    elif fmt == "feed":
        entries = read_feed(data, origin, opts.default_date, fetch=opts.fetch, max_bytes=opts.max_bytes)
        yield from _limited(entries, opts)
    elif fmt == "jsonl":
        yield from _limited(parse_jsonl(text, origin, opts.default_date, opts.fields), opts)
    elif fmt == "csv":
        yield from _limited(read_csv(text, origin, opts.default_date, opts.fields), opts)
    else:
        try:
            article = parse_text_article(text, origin, opts.default_date)
        except InputError as exc:
            yield Rejection(origin, exc.reason, exc.detail, data)
            return
        yield article if url is None or article.url else _with_url(article, url)


def _limited(items: Iterable[Article | Rejection], opts: _Options) -> Iterator[Article | Rejection]:
    """Reject the articles of a multi-article file whose text is over ``max_bytes``."""
    for item in items:
        if isinstance(item, Article) and len(item.text.encode("utf-8")) > opts.max_bytes:
            yield Rejection(item.origin or "", "too large", f"text is over the {opts.max_bytes / 1e6:.1f} MB limit",
                            item.text.encode("utf-8"))
        else:
            yield item


def _with_url(article: Article, url: str) -> Article:
    return Article(article.article_id, article.text, article.title, url, article.publisher, article.published,
                   article.origin)
