"""A dataset row's fields read as values, and what reading a row gives: an :class:`Imported` event,
a :class:`Skipped` row (well-formed, but no event between two parties) or a :class:`RowError`,
which :mod:`.rows` turns into a quarantine row naming the file and line."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date, datetime

from ..records import Event

__all__ = ["RowError", "Imported", "Skipped", "parse_date", "to_float", "to_int"]


class RowError(Exception):
    """One row cannot be imported: ``reason`` (a few words, the quarantine reason) and ``detail``."""

    def __init__(self, reason: str, detail: str = "") -> None:
        self.reason = reason
        self.detail = detail
        super().__init__(reason + (f" ({detail})" if detail else ""))


@dataclass(frozen=True, slots=True)
class Imported:
    """One imported event, and the dataset's own fields kept beside it (a row of ``imported``)."""

    event: Event
    origin: str
    dataset_id: str
    story_id: str | None = None
    extra: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Skipped:
    """A well-formed row that holds no event between two parties (an ACLED 'Headquarters established')."""

    reason: str


_DATE_FORMATS = ("%Y-%m-%d", "%Y%m%d", "%d %B %Y", "%d-%B-%Y", "%d %b %Y", "%d-%b-%Y", "%Y/%m/%d")


@functools.lru_cache(maxsize=65536)
def _date(v: str) -> date | None:
    """The date a field writes, or None (cached: a file's events fall on few distinct days)."""
    if len(v) == 8 and v.isdigit():
        try:
            return date(int(v[:4]), int(v[4:6]), int(v[6:]))
        except ValueError:
            return None
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(v, fmt).date()
        except ValueError:
            continue
    return None


def parse_date(raw: str, what: str = "date") -> date:
    v = (raw or "").strip()
    found = _date(v) if v else None
    if found is None:
        raise RowError(f"bad {what}" if v else f"no {what}", repr(v) if v else "")
    return found


def to_float(raw: str, what: str) -> float | None:
    v = (raw or "").strip()
    if not v:
        return None
    try:
        return float(v)
    except ValueError:
        raise RowError(f"bad {what}", repr(v)) from None


def to_int(raw: str, what: str) -> int | None:
    v = (raw or "").strip()
    if not v:
        return None
    try:
        return int(float(v)) if "." in v else int(v)
    except ValueError:
        raise RowError(f"bad {what}", repr(v)) from None
