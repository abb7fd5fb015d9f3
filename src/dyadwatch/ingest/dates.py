"""Publication dates as written in headers and feeds."""

from __future__ import annotations

from datetime import date, datetime


def parse_date(value: object) -> date | None:
    """Parse an ISO date or datetime (``2019-12-17``, ``2019-12-17T08:00:00Z``); ``None`` if empty.

    Raises ``ValueError`` for a value that is present but not a date.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    try:
        return datetime.fromisoformat(s).date()
    except ValueError:
        return date.fromisoformat(s[:10])
