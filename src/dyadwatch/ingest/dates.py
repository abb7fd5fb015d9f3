"""Publication dates as written in headers and feeds."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime


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


def parse_loose_date(value: object) -> date | None:
    """Like :func:`parse_date`, but also reads RFC 2822 (``Fri, 03 May 2024 10:00:00 GMT``)
    and written-out dates (``May 3, 2024``, ``3 May 2024``) as found in CSV exports.

    Relative words ("yesterday") are not dates here. Raises ``ValueError`` for a value
    that is present but not a date.
    """
    try:
        return parse_date(value)
    except ValueError:
        pass
    s = str(value).strip()
    try:
        return parsedate_to_datetime(s).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    found = dateparser.parse(
        s, languages=["en"], settings={"PARSERS": ["absolute-time"], "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    if found is None:
        raise ValueError(f"not a date: {s!r}")
    return found.date()


_MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], 1)}
_ISO_IN_TEXT = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MDY = re.compile(r"\b(" + "|".join(_MONTHS) + r")\.? (\d{1,2}),? (\d{4})\b", re.I)
_DMY = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r"),? (\d{4})\b", re.I)


def date_in_text(text: str, head: int = 400) -> date | None:
    """A dateline in the opening of a text ("March 5, 2024 —", "5 March 2024", "2024-03-05"),
    for articles whose metadata gives no date."""
    opening = text[:head]
    for rx, order in ((_ISO_IN_TEXT, "ymd"), (_MDY, "mdy"), (_DMY, "dmy")):
        m = rx.search(opening)
        if not m:
            continue
        g = m.groups()
        try:
            if order == "ymd":
                return date(int(g[0]), int(g[1]), int(g[2]))
            if order == "mdy":
                return date(int(g[2]), _MONTHS[g[0].lower()], int(g[1]))
            return date(int(g[2]), _MONTHS[g[1].lower()], int(g[0]))
        except ValueError:
            continue
    return None
