"""Field mappings for tabular input (CSV, JSONL): which column holds the text, the date …

A mapping names, for an article field, the column that holds it, e.g.
``{"text": "body", "published": "date", "title": "headline", "url": "link"}``. Fields
left out are looked up under their usual names (``published`` also under ``date``).
Columns named in an explicit mapping are required; the usual names are optional.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date

from ..errors import InputError, UsageError
from ..records import Article
from .checks import NUL_REASON
from .dates import parse_loose_date

__all__ = ["FieldMap", "ARTICLE_FIELDS"]

#: The article fields a mapping may name.
ARTICLE_FIELDS = ("text", "title", "url", "published", "publisher")
_USUAL = {"text": ("text",), "title": ("title",), "url": ("url",), "published": ("published", "date"),
          "publisher": ("publisher",)}


@dataclass(frozen=True)
class FieldMap:
    """Resolved mapping: candidate column names per field, and the ones the user named."""

    columns: Mapping[str, tuple[str, ...]]
    required: frozenset[str]

    @classmethod
    def of(cls, field_map: Mapping[str, str] | None) -> "FieldMap":
        """Build from a user mapping (``None`` for the usual names); raises :class:`UsageError`."""
        field_map = dict(field_map or {})
        unknown = sorted(set(field_map) - set(ARTICLE_FIELDS))
        if unknown:
            raise UsageError(f"unknown field(s) in the mapping: {', '.join(unknown)}; "
                             f"fields are {', '.join(ARTICLE_FIELDS)}")
        bad = [k for k, v in field_map.items() if not isinstance(v, str) or not v]
        if bad:
            raise UsageError(f"the mapping gives no column name for: {', '.join(bad)}")
        columns = {f: ((field_map[f],) if f in field_map else _USUAL[f]) for f in ARTICLE_FIELDS}
        return cls(columns, frozenset(field_map.values()))

    @property
    def text_column(self) -> str:
        return self.columns["text"][0]

    def missing(self, header: list[str]) -> list[str]:
        """Required columns absent from ``header`` (the text column always counts)."""
        names = set(header)
        needed = [self.text_column] + sorted(self.required - {self.text_column})
        return [c for c in needed if c not in names]

    def article(self, get: Callable[[str], object], where: str, default_date: date | None) -> Article:
        """Make an article from one row/object; ``get(column)`` returns a value or ``None``.

        Raises :class:`InputError` ("no text", "bad date") for a row that cannot be one.
        """

        def first(fld: str) -> tuple[str, object]:
            for col in self.columns[fld]:
                value = get(col)
                if value not in (None, ""):
                    return col, value
            return self.columns[fld][0], None

        col, text = first("text")
        if not isinstance(text, str) or not text.strip():
            raise InputError(where, "no text", f"field '{col}' is empty or missing")
        nul = text.find("\0")
        if nul >= 0:
            raise InputError(where, NUL_REASON, f"field '{col}' holds a NUL character at character {nul:,},"
                             " so it is not plain text")
        dcol, raw_date = first("published")
        try:
            published = parse_loose_date(raw_date) or default_date
        except ValueError:
            raise InputError(where, "bad date", f"'{dcol}': {raw_date!r} is not a date") from None

        def opt(fld: str) -> str | None:
            value = first(fld)[1]
            s = " ".join(str(value).split()) if value is not None else ""
            return s or None

        return Article.from_text(text.strip(), title=opt("title"), url=opt("url"), publisher=opt("publisher"),
                                 published=published, origin=where)
