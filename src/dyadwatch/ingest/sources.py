"""Walk the paths a user gives and yield articles and rejections, one at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..records import Article, Rejection
from .checks import decode_text
from .jsonl import parse_jsonl
from .text import parse_text_article

#: The largest single article accepted (a JSONL file may be larger: its limit is per line).
DEFAULT_MAX_BYTES = 5_000_000
_JSONL_MAX_BYTES = 2_000_000_000
_SKIP_NAMES = {".DS_Store"}


def read_sources(
    paths: Iterable[str | Path],
    default_date: date | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Article | Rejection]:
    """Yield an :class:`Article` or a :class:`Rejection` for every item under ``paths``.

    Directories are walked in sorted order; ``.jsonl``/``.ndjson`` files hold one article
    per line, every other file is one plain-text article. Nothing is collected in memory.
    """
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.name not in _SKIP_NAMES and not child.name.startswith("."):
                    yield from _read_file(child, default_date, max_bytes)
        elif path.is_file():
            yield from _read_file(path, default_date, max_bytes)
        else:
            yield Rejection(str(path), "not found", "no such file or directory")


def _read_file(path: Path, default_date: date | None, max_bytes: int) -> Iterator[Article | Rejection]:
    origin = str(path)
    is_jsonl = path.suffix.lower() in {".jsonl", ".ndjson"}
    try:
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(origin, "unreadable", exc.strerror or str(exc))
        return
    try:
        text = decode_text(data, origin, _JSONL_MAX_BYTES if is_jsonl else max_bytes)
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, data)
        return
    if is_jsonl:
        for item in parse_jsonl(text, origin, default_date):
            if isinstance(item, Article) and len(item.text.encode("utf-8")) > max_bytes:
                yield Rejection(item.origin or origin, "too large", f"text is over the {max_bytes / 1e6:.1f} MB limit", item.text.encode())
            else:
                yield item
        return
    try:
        yield parse_text_article(text, origin, default_date)
    except InputError as exc:
        yield Rejection(origin, exc.reason, exc.detail, data)
