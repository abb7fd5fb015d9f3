"""Which reader a file needs, told from its first bytes (and, failing that, its name).

Strong signs in the content win over the extension (a ``.txt`` that is really RSS is
read as a feed); the extension decides between the weak ones; plain text is the rest.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib

from ..errors import UsageError
from .csvfile import sniff_dialect

__all__ = ["FORMATS", "detect_format", "normalise_format", "HEAD_BYTES"]

#: The formats :func:`detect_format` returns and ``read_sources(fmt=...)`` accepts.
FORMATS = ("text", "jsonl", "csv", "html", "feed", "warc")
_ALIASES = {"txt": "text", "plain": "text", "ndjson": "jsonl", "json": "jsonl", "tsv": "csv", "htm": "html",
            "rss": "feed", "atom": "feed", "xml": "feed", "warc.gz": "warc"}
_EXTENSIONS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv", ".html": "html",
               ".htm": "html", ".xhtml": "html", ".rss": "feed", ".atom": "feed", ".xml": "feed",
               ".warc": "warc"}
#: How much of a file detection looks at.
HEAD_BYTES = 65536


def normalise_format(fmt: str | None) -> str | None:
    """``fmt`` as one of :data:`FORMATS` (aliases such as ``rss`` accepted); raises :class:`UsageError`."""
    if fmt is None:
        return None
    f = fmt.strip().lower().lstrip(".")
    f = _ALIASES.get(f, f)
    if f not in FORMATS:
        raise UsageError(f"unknown input format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return f


def detect_format(head: bytes, name: str = "") -> str:
    """The format of a file whose first bytes are ``head`` and whose name is ``name``."""
    if head[:2] == b"\x1f\x8b":
        return "warc" if _gunzip_head(head).lstrip().startswith(b"WARC/") else "text"
    if head.startswith(b"WARC/1.") or head.startswith(b"WARC/0."):
        return "warc"
    lower_name = name.lower()
    if lower_name.endswith(".warc.gz"):
        return "warc"
    if b"\0" in head[:8192]:
        return "text"  # binary: the text reader rejects it with its reason
    sample = _text_sample(head)
    markup = _markup_kind(sample)
    if markup:
        return markup
    for ext, fmt in _EXTENSIONS.items():
        if lower_name.endswith(ext):
            return fmt
    if _looks_like_jsonl(sample):
        return "jsonl"
    if _looks_like_csv(sample):
        return "csv"
    return "text"


def _gunzip_head(head: bytes) -> bytes:
    try:
        return zlib.decompressobj(wbits=31).decompress(head, 4096)
    except (zlib.error, gzip.BadGzipFile):
        return b""


def _text_sample(head: bytes) -> str:
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    return head[:HEAD_BYTES].decode("utf-8", "replace")


def _markup_kind(sample: str) -> str | None:
    """``feed`` or ``html`` when the text starts like one (after an XML prolog and comments)."""
    start = sample.lstrip()[:4096].lower()
    if not start.startswith("<"):
        return None
    feed_at = min((i for i in (start.find("<rss"), start.find("<feed"), start.find("<rdf:rdf")) if i >= 0), default=-1)
    html_at = min((i for i in (start.find("<!doctype html"), start.find("<html")) if i >= 0), default=-1)
    if feed_at >= 0 and (html_at < 0 or feed_at < html_at):
        return "feed"
    if html_at >= 0:
        return "html"
    return None


def _looks_like_jsonl(sample: str) -> bool:
    first = next((line.strip() for line in sample.split("\n") if line.strip()), "")
    if not first.startswith("{"):
        return False
    try:
        return isinstance(json.loads(first), dict)
    except json.JSONDecodeError:
        return False


def _looks_like_csv(sample: str) -> bool:
    """A header of column names, at least one row, and the same number of fields (≥ 2) on every line.

    ``csv.Sniffer`` finds the delimiter; its ``has_header`` vote is taken, but a header of
    distinct identifier-like names is enough (the vote abstains on free-text columns).
    """
    import csv

    lines = [line for line in sample.split("\n")[:21] if line.strip()]
    if len(sample) >= HEAD_BYTES - 4:  # the last line may be cut off
        lines = lines[:-1]
    if len(lines) < 2:
        return False
    snippet = "\n".join(lines)
    dialect = sniff_dialect(snippet)
    if dialect is None:
        return False
    try:
        rows = list(csv.reader(lines, dialect))
    except csv.Error:
        return False
    header = rows[0]
    if len({len(r) for r in rows}) != 1 or len(header) < 2:
        return False
    if _header_like(header):
        return True
    try:
        return csv.Sniffer().has_header(snippet)
    except csv.Error:
        return False


_NAME = re.compile(r"^[^\W\d][\w .\-/]{0,39}$")


def _header_like(cells: list[str]) -> bool:
    names = [c.strip() for c in cells]
    return len(set(names)) == len(names) and all(_NAME.match(n) for n in names)
