"""Deadlines and ultimatums in news sentences, resolved to calendar dates.

:func:`find_deadlines` finds expressions such as "until the end of the year", "by March 1",
"within 48 hours" or "a 30-day ultimatum" and resolves each one to the last day it allows,
counted from the article's publication date.

A date only counts when it carries a deadline cue: by, until, till, before, no later than,
within, "has/given N days to", or the words deadline / ultimatum. Plain dates ("on March 1",
"since 2010", "in 1998") are not deadlines. "in N days" counts only in a sentence that already
reads as an ultimatum or speaks of something due or expiring ("talks resume in two weeks" does not).

Resolution rules:

* dates without a year take their next occurrence on or after the publication date;
* weekdays ("by Friday") take the next such day strictly after it;
* "the end of the week" is the Sunday that closes the publication date's week;
* hour spans round up to whole days (48 hours → two days after publication).
"""

from __future__ import annotations

import calendar
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

__all__ = ["DeadlineMention", "find_deadlines"]


@dataclass(frozen=True, slots=True)
class DeadlineMention:
    """One deadline in a sentence; ``text == sentence[start:end]`` and ``due`` is the last day allowed."""

    text: str
    start: int
    end: int
    due: date
    precision: str  # "day" | "week" | "month" | "year" | "hours"
    kind: str  # "ultimatum" | "deadline"


# --- vocabulary -------------------------------------------------------------------------------

_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: i for i, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_WEEKDAYS = {name: i for i, name in enumerate("monday tuesday wednesday thursday friday saturday sunday".split())}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "forty-eight": 48, "sixty": 60,
    "seventy-two": 72, "ninety": 90,
}


def _alternation(words: dict[str, int]) -> str:
    """Longest first, so "march" wins over "mar"; a hyphen may also be written as a space."""
    return "|".join(w.replace("-", "[- ]") for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?:{_alternation(_MONTHS)})\b"
_YEAR = r"(?:19|20)\d\d\b"
_NUM = rf"(?P<n>\d{{1,3}}|{_alternation(_NUMBERS)})"
_UNIT = r"(?P<unit>hour|day|week|month|year)"
_CUE = r"\b(?:by|until|till|before|no\s+later\s+than|not\s+later\s+than)\s+"
# a calendar day or a weekday: "March 1", "Mar. 1st, 2020", "1 March", "the 1st of March", "Friday"
_DATE = (
    rf"(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>{_YEAR}))?"
    rf"|(?:the\s+)?(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m2>{_MONTH})(?:,?\s+(?P<y2>{_YEAR}))?"
    rf"|(?P<wd>{_alternation(_WEEKDAYS)})\b)"
)

# sentence-level cues: the kind of every mention, and the gate for the looser "in N days"
_ULTIMATUM = re.compile(
    r"\bultimat\w*|\bdeadlines?\b|\bor\s+(?:face|else)\b|\bdemand\w*|\bwarn\w*"
    r"|\b(?:give[sn]?|giving|gave)\b.*\buntil\b|\bmust\b.*\b(?:by|before|until|within)\b",
    re.IGNORECASE,
)
_DUE = re.compile(r"\b(?:due|expir\w*)\b", re.IGNORECASE)


# --- date arithmetic --------------------------------------------------------------------------

def _add_months(day: date, months: int) -> date:
    """Same day ``months`` later, clamped to the end of a shorter month (Jan 31 + 1 → Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _upcoming(published: date, month: int, day: int | None, year: str | None) -> date | None:
    """The given day (``None`` = last of the month) in ``year``, or its next occurrence from ``published``."""
    years = [int(year)] if year else range(published.year, published.year + 9)  # 9 years reach a Feb 29
    for y in years:
        try:
            candidate = date(y, month, day or calendar.monthrange(y, month)[1])
        except ValueError:  # April 31, or Feb 29 outside a leap year
            continue
        if year or candidate >= published:
            return candidate
    return None


def _end_of(unit: str, offset: int, published: date) -> date:
    """Last day of this (offset 0) or the next (offset 1) week, month or year."""
    if unit == "year":
        return date(published.year + offset, 12, 31)
    if unit == "month":
        first = _add_months(published.replace(day=1), offset)
        return first.replace(day=calendar.monthrange(first.year, first.month)[1])
    return published + timedelta(days=6 - published.weekday() + 7 * offset)  # Sunday


# --- resolvers: match → (due, precision), or None when the words name no real day -----------

_Resolved = tuple[date, str] | None


def _resolve_end(m: re.Match[str], published: date) -> _Resolved:
    """ "end of the year / this month / next week / March / 2026", "year's end", "year-end deadline"."""
    g = m.groupdict()
    if g.get("year"):
        return date(int(g["year"]), 12, 31), "year"
    if g.get("month"):
        due = _upcoming(published, _MONTHS[g["month"].lower()], None, g.get("myear"))
        return (due, "month") if due else None
    unit = (g.get("unit") or g["unit2"]).lower()
    offset = 1 if (g.get("rel") or "").lower() == "next" else 0
    return _end_of(unit, offset, published), unit


def _resolve_date(m: re.Match[str], published: date) -> _Resolved:
    """ "March 1", "1 March 2020", "Friday"."""
    if m["wd"]:
        ahead = (_WEEKDAYS[m["wd"].lower()] - published.weekday() - 1) % 7 + 1
        return published + timedelta(days=ahead), "day"
    month = _MONTHS[(m["m1"] or m["m2"]).lower()]
    due = _upcoming(published, month, int(m["d1"] or m["d2"]), m["y1"] or m["y2"])
    return (due, "day") if due else None


def _resolve_span(m: re.Match[str], published: date) -> _Resolved:
    """ "within 48 hours", "in two weeks", "has 30 days to", "a 30-day ultimatum"."""
    word = re.sub(r"[- ]+", "-", m["n"].lower())
    n = int(word) if word.isdigit() else _NUMBERS[word]
    unit = m["unit"].lower()
    if unit == "hour":
        return published + timedelta(days=math.ceil(n / 24)), "hours"
    if unit in ("day", "week"):
        return published + timedelta(days=n * (7 if unit == "week" else 1)), "day"
    return _add_months(published, n * (12 if unit == "year" else 1)), "day"


@dataclass(frozen=True, slots=True)
class _Rule:
    pattern: re.Pattern[str]
    resolve: Callable[[re.Match[str], date], _Resolved]
    gated: bool = False  # only in sentences that read as an ultimatum or speak of something due


def _rule(pattern: str, resolve: Callable[[re.Match[str], date], _Resolved], gated: bool = False) -> _Rule:
    return _Rule(re.compile(pattern, re.IGNORECASE), resolve, gated)


_RULES = (
    _rule(
        _CUE + r"(?:the\s+)?(?:very\s+)?end\s+of\s+(?:(?P<rel>the|this|next)\s+(?P<unit>year|month|week)"
        rf"|(?P<month>{_MONTH})(?:,?\s+(?P<myear>{_YEAR}))?|(?P<year>{_YEAR}))",
        _resolve_end,
    ),
    _rule(
        _CUE + r"(?:the\s+)?(?:(?P<rel>this|next)\s+)?(?P<unit>year|month|week)(?:['’]s\s+|[- ]|\s+)end\b",
        _resolve_end,
    ),
    _rule(
        r"\b(?:(?P<unit>year|month|week)-end|end-of-(?:the-)?(?P<unit2>year|month|week))\s+(?:deadline|ultimatum)\b",
        _resolve_end,
    ),
    _rule(_CUE + _DATE, _resolve_date),
    _rule(r"\b" + _DATE + r"\s+(?:deadline|ultimatum)\b", _resolve_date),
    _rule(rf"\bwithin\s+(?:the\s+(?:next|coming)\s+)?{_NUM}\s+{_UNIT}s?\b", _resolve_span),
    _rule(  # "has 48 hours to", "gave the army a week to": up to three words in between
        rf"\b(?:has|have|had|given|giving|gave|granted)\b(?:\s+[\w'’.-]+){{0,3}}?\s+{_NUM}\s+{_UNIT}s?(?=\s+to\b)",
        _resolve_span,
    ),
    _rule(rf"\b{_NUM}[- ]{_UNIT}\s+(?:deadline|ultimatum)\b", _resolve_span),
    _rule(rf"\bin\s+(?:the\s+next\s+)?{_NUM}\s+{_UNIT}s?\b", _resolve_span, gated=True),
)


def find_deadlines(sentence: str, published: date) -> list[DeadlineMention]:
    """Deadlines in ``sentence``, resolved against the article's ``published`` date, in reading order.

    Overlapping matches keep the one that starts first (then the longest). ``kind`` is
    ``"ultimatum"`` when the sentence has ultimatum words (ultimatum, deadline, demand, warn,
    "or face", "or else", "give ... until", "must ... by"), else ``"deadline"``.
    """
    if isinstance(published, datetime):
        published = published.date()
    ultimatum = bool(_ULTIMATUM.search(sentence))
    gate_open = ultimatum or bool(_DUE.search(sentence))
    found: list[tuple[re.Match[str], date, str]] = []
    for rule in _RULES:
        if rule.gated and not gate_open:
            continue
        for m in rule.pattern.finditer(sentence):
            resolved = rule.resolve(m, published)
            if resolved:
                found.append((m, *resolved))
    found.sort(key=lambda item: (item[0].start(), -item[0].end()))

    kind = "ultimatum" if ultimatum else "deadline"
    mentions: list[DeadlineMention] = []
    for m, due, precision in found:
        if mentions and m.start() < mentions[-1].end:
            continue
        mentions.append(DeadlineMention(m.group(), m.start(), m.end(), due, precision, kind))
    return mentions
