"""Directed dyad summaries: events, quad-class counts and Goldstein per (source, target)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date

from ..errors import UsageError
from ..store.duck import Store, date_range, has_table
from .counting import DEFAULT_COUNTING, Counting

__all__ = ["DyadSummary", "dyad_summary", "parse_dyad"]

_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")


def parse_dyad(spec: str) -> tuple[str, str]:
    """``"USA:PRK"`` → ``("USA", "PRK")``; raises :class:`UsageError` on anything else,
    including a code that is neither a country, an IGO nor an armed-group code."""
    parts = spec.upper().split(":")
    if len(parts) != 2 or not all(_CODE.match(p) for p in parts):
        raise UsageError(f"bad dyad {spec!r}: write SOURCE:TARGET with actor codes, e.g. USA:PRK")
    known = known_codes()
    for p in parts:
        if p not in known:
            raise UsageError(f"bad dyad {spec!r}: {p!r} is not a known actor code (ISO 3166 alpha-3, an IGO code such as UN or NATO, or IMG)")
    return parts[0], parts[1]


@functools.lru_cache(maxsize=1)
def known_codes() -> frozenset[str]:
    """Every code the bundled dictionary can give (computed once: the API checks it per request)."""
    from ..actors.dictionary import ActorDictionary

    d = ActorDictionary.bundled()
    return frozenset(e.code for e in d.entries.values() if e.code) | frozenset(r.code for e in d.entries.values() for r in e.roles)


@dataclass(frozen=True, slots=True)
class DyadSummary:
    source: str
    target: str
    events: int
    articles: int
    q1: int  # verbal cooperation
    q2: int  # material cooperation
    q3: int  # verbal conflict
    q4: int  # material conflict
    goldstein_sum: float
    goldstein_mean: float
    first: date | None
    last: date | None


def dyad_summary(store: Store, since: date | None = None, until: date | None = None, min_events: int = 1,
                 counting: Counting = DEFAULT_COUNTING) -> list[DyadSummary]:
    """Directed dyads with coded source and target, most events first (of the events ``counting`` counts)."""
    where, params = date_range(since, until)
    where += ["source_code IS NOT NULL", "target_code IS NOT NULL", "source_code <> target_code"]
    more, more_params = counting.where("events", imported=has_table(store.con, "imported"))
    where += more
    params += more_params
    sql = f"""
        SELECT source_code, target_code, count(*) AS n, count(DISTINCT article_id) AS arts,
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
               sum(goldstein), avg(goldstein), min(event_date), max(event_date)
        FROM events WHERE {' AND '.join(where)}
        GROUP BY source_code, target_code HAVING count(*) >= ?
        ORDER BY n DESC, source_code, target_code
    """
    rows = store.con.execute(sql, [*params, min_events]).fetchall()
    return [
        DyadSummary(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], round(r[8], 2), round(r[9], 2), r[10], r[11])
        for r in rows
    ]
