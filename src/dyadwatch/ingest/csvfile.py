"""CSV (and TSV) files with a header row: one article per row, columns named by a field map."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from datetime import date

from ..errors import InputError
from ..records import Article, Rejection
from .fields import FieldMap

__all__ = ["read_csv", "sniff_dialect"]

_DELIMITERS = ",\t;|"


def sniff_dialect(sample: str) -> type[csv.Dialect] | csv.Dialect | None:
    """The dialect of a CSV ``sample`` with a header row, or ``None`` if it does not look like one."""
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS)
    except csv.Error:
        return None
    return dialect


def read_csv(
    text: str,
    origin: str,
    default_date: date | None = None,
    field_map: Mapping[str, str] | FieldMap | None = None,
) -> Iterator[Article | Rejection]:
    """Yield an article per row and a rejection per bad row (``origin:line``).

    A header without the mapped text column (or another column the mapping names) rejects
    the whole file, since every row would be lost the same way.
    """
    fmap = field_map if isinstance(field_map, FieldMap) else FieldMap.of(field_map)
    lines = text.splitlines(keepends=True)
    sample = "".join(lines[:50])
    dialect = sniff_dialect(sample) or (csv.excel_tab if origin.lower().endswith(".tsv") else csv.excel)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    try:
        header = [h.strip() for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        yield Rejection(origin, "malformed CSV", f"no header row: {exc}" if str(exc) else "no header row",
                        text.encode("utf-8"))
        return
    missing = fmap.missing(header)
    if missing:
        yield Rejection(origin, "missing column",
                        f"column '{missing[0]}' not in header: {', '.join(header)}", text.encode("utf-8"))
        return
    index = {name: i for i, name in enumerate(header)}
    prev_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            where = f"{origin}:{prev_line + 1}"
            yield Rejection(where, "malformed CSV row", str(exc), "".join(lines[prev_line:]).encode("utf-8"))
            return
        start, prev_line = prev_line + 1, reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        where = f"{origin}:{start}"
        raw = "".join(lines[start - 1 : prev_line]).encode("utf-8")

        def get(col: str, row: list[str] = row) -> str | None:
            i = index.get(col)
            return row[i] if i is not None and i < len(row) else None

        try:
            yield fmap.article(get, where, default_date)
        except InputError as exc:
            yield Rejection(where, exc.reason, exc.detail, raw)
