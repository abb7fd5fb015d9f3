"""JSON Lines articles: one object per line, by default with ``id, url, title, published, text``.

A field map (see :mod:`.fields`) names other keys, e.g. ``{"text": "body", "published": "date"}``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from datetime import date
from pathlib import Path

from ..errors import InputError
from ..records import Article, Rejection
from .fields import FieldMap


def parse_jsonl(
    text: str,
    origin: str,
    default_date: date | None,
    field_map: Mapping[str, str] | FieldMap | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an article per good line and a rejection per bad one (with its line number)."""
    fmap = field_map if isinstance(field_map, FieldMap) else FieldMap.of(field_map)
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{origin}:{lineno}"
        try:
            yield _article(line, where, default_date, fmap)
        except InputError as exc:
            yield Rejection(where, exc.reason, exc.detail, line.encode("utf-8"))


def _article(line: str, where: str, default_date: date | None, fmap: FieldMap) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, "malformed JSON line", f"{exc.msg} at column {exc.colno}") from None
    if not isinstance(obj, dict):
        raise InputError(where, "malformed JSON line", f"expected an object, got {type(obj).__name__}")
    return fmap.article(obj.get, where, default_date)


def read_jsonl_file(
    path: Path,
    default_date: date | None,
    field_map: Mapping[str, str] | FieldMap | None = None,
) -> Iterator[Article | Rejection]:
    """Stream a JSON Lines file line by line: memory does not grow with the file.

    A line that is not UTF-8 is rejected on its own; an empty file is rejected whole."""
    fmap = field_map if isinstance(field_map, FieldMap) else FieldMap.of(field_map)
    origin = str(path)
    seen = False
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            seen = True
            where = f"{origin}:{lineno}"
            try:
                line = raw.decode("utf-8").lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                yield Rejection(where, "invalid UTF-8", f"byte 0x{raw[exc.start]:02x} at column {exc.start + 1}", raw)
                continue
            try:
                yield _article(line, where, default_date, fmap)
            except InputError as exc:
                yield Rejection(where, exc.reason, exc.detail, raw.rstrip(b"\r\n"))
    if not seen:
        yield Rejection(origin, "empty", "no text in it")
