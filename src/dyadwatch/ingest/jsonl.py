"""JSON Lines articles: one object per line with ``id, url, title, published, text``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

from ..errors import InputError
from ..records import Article, Rejection
from .dates import parse_date


def parse_jsonl(text: str, origin: str, default_date: date | None) -> Iterator[Article | Rejection]:
    """Yield an article per good line and a rejection per bad one (with its line number)."""
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            yield _article(line, where, default_date)
        except InputError as exc:
            yield Rejection(where, exc.reason, exc.detail, line.encode("utf-8"))


def _article(line: str, where: str, default_date: date | None) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, "malformed JSON line", f"{exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise InputError(where, "malformed JSON line", f"expected an object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, "no text", "the object has no non-empty 'text' field")
    raw_date = obj.get("published") or obj.get("date")
    try:
        published = parse_date(raw_date) or default_date
    except ValueError:
        raise InputError(where, "bad date", f"'published': {raw_date!r} is not an ISO date") from None

    def opt(key: str) -> str | None:
        v = obj.get(key)
        return str(v) if v not in (None, "") else None

    return Article.from_text(
        text.strip(),
        title=opt("title"),
        url=opt("url"),
        publisher=opt("publisher"),
        published=published,
        origin=where,
    )
