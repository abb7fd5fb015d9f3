"""Event dates from what a sentence says ("on Wednesday", "two weeks ago", "last month").

:func:`resolve_event_date` resolves the first date expression of a sentence against the
article's publication date and says how precise the answer is:

=========  ==============================================================================
``day``    the day itself: "yesterday", "on Wednesday", "last Friday", "three days ago",
           "on May 1", "May 1, 2024"
``week``   the Monday of the week: "last week", "earlier this week", "two weeks ago"
``month``  the first of the month: "last month", "earlier this month", "in March",
           "three months ago"
``year``   the first of January: "last year", "two years ago", "earlier this year"
=========  ==============================================================================

Dates are taken from the past, as news reports what happened: "on Friday" in an article
of Friday 2024-05-03 is that day, "last Friday" is 2024-04-26, "Wednesday" is
2024-05-01, "in June" is June of the year before. Future words ("tomorrow", "next
week", "next Friday") go forward. Rules are plain regular expressions, so the result is
the same on every machine and needs no model.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from datetime import date, timedelta

__all__ = ["resolve_event_date", "PRECISIONS"]

#: Precisions, finest first.
PRECISIONS = ("day", "week", "month", "year")

Result = tuple[date, str]

_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "several": 3,
            "a few": 3}
_WD = "(?P<wd>" + "|".join(_WEEKDAYS) + ")"
_MON = "(?P<mon>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUM = r"\b(?P<n>\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_UNIT = r"(?P<unit>day|week|month|year)s?"


def _monday(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _add_months(d: date, months: int) -> date:
    """The first of the month ``months`` after (or before, if negative) the month of ``d``."""
    index = d.year * 12 + (d.month - 1) + months
    return date(index // 12, index % 12 + 1, 1)


def _day_of(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday(m: re.Match[str], pub: date) -> Result:
    target = _WEEKDAYS[m.group("wd").lower()]
    mod = (m.group("mod") or "").lower()
    back = (pub.weekday() - target) % 7
    if mod == "next":
        ahead = (target - pub.weekday()) % 7 or 7
        return pub + timedelta(days=ahead), "day"
    if mod.startswith(("last", "this past", "past")) and back == 0:
        back = 7
    return pub - timedelta(days=back), "day"


def _ago(m: re.Match[str], pub: date) -> Result | None:
    raw = m.group("n").lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = m.group("unit").lower()
    sign = 1 if (m.group("dir") or "").lower() in {"from now", "later"} else -1
    if unit == "day":
        return pub + timedelta(days=sign * n), "day"
    if unit == "week":
        return _monday(pub + timedelta(weeks=sign * n)), "week"
    if unit == "month":
        return _add_months(pub, sign * n), "month"
    return date(pub.year + sign * n, 1, 1), "year"


def _relative_unit(m: re.Match[str], pub: date) -> Result:
    mod = m.group("mod").lower().split()[0]
    unit = m.group("unit").lower()
    step = -1 if mod in {"last", "past", "previous"} else (1 if mod == "next" else 0)
    if unit == "week":
        return _monday(pub) + timedelta(weeks=step), "week"
    if unit == "month":
        return _add_months(pub, step), "month"
    return date(pub.year + step, 1, 1), "year"


def _month_day(m: re.Match[str], pub: date) -> Result | None:
    month = _MONTHS[m.group("mon").lower()]
    day = int(m.group("d"))
    if m.group("y"):
        found = _day_of(int(m.group("y")), month, day)
        return (found, "day") if found else None
    found = _day_of(pub.year, month, day)
    if found and found > pub:
        found = _day_of(pub.year - 1, month, day)
    return (found, "day") if found else None


def _in_month(m: re.Match[str], pub: date) -> Result:
    month = _MONTHS[m.group("mon").lower()]
    if m.group("y"):
        return date(int(m.group("y")), month, 1), "month"
    year = pub.year if month <= pub.month else pub.year - 1
    return date(year, month, 1), "month"


def _fixed(days: int) -> Callable[[re.Match[str], date], Result]:
    return lambda m, pub: (pub + timedelta(days=days), "day")


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], date], Result | None]]] = [
    (re.compile(r"\bthe day before yesterday\b", re.I), _fixed(-2)),
    (re.compile(r"\bthe day after tomorrow\b", re.I), _fixed(2)),
    (re.compile(r"\b(?:yesterday|last night)\b", re.I), _fixed(-1)),
    (re.compile(r"\btomorrow\b", re.I), _fixed(1)),
    (re.compile(r"\b(?:today|tonight|this morning|this afternoon|this evening|earlier today)\b", re.I), _fixed(0)),
    (re.compile(_NUM + r"\s+" + _UNIT + r"\s+(?P<dir>ago|earlier|before|from now|later)\b", re.I), _ago),
    (re.compile(r"\b(?P<mod>last|past|previous|this|next|earlier this|later this)\s+(?P<unit>week|month|year)\b",
                re.I), _relative_unit),
    (re.compile(r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I),
     _month_day),
    (re.compile(r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MON + r"(?:,?\s+(?P<y>(?:19|20)\d\d)\b)?", re.I),
     _month_day),
    (re.compile(r"\b(?:in|during|since|early|late|mid-?|earlier in|last)\s+" + _MON
                + r"(?!\.?\s+\d{1,2}(?:st|nd|rd|th)?\b)(?:\s+(?P<y>(?:19|20)\d\d))?\b",
                re.I), _in_month),
    (re.compile(r"\b(?P<mod>last|this past|past|next|on|this|earlier on)?\s*" + _WD + r"\b", re.I), _weekday),
]


def resolve_event_date(sentence: str, published: date) -> tuple[date, str] | None:
    """The date a sentence speaks of, resolved against ``published``, with its precision.

    Returns ``(date, precision)`` for the first date expression in ``sentence`` — the one
    that comes first in the text — or ``None`` when it has none.

    >>> resolve_event_date("The ministers met on Wednesday.", date(2024, 5, 3))
    (datetime.date(2024, 5, 1), 'day')
    """
    best: tuple[int, Result] | None = None
    for pattern, rule in _RULES:
        for m in pattern.finditer(sentence):
            if best is not None and m.start() >= best[0]:
                break
            found = rule(m, published)
            if found is not None:
                best = (m.start(), found)
                break
    return best[1] if best else None

