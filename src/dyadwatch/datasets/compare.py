"""Two origins of events side by side (dyadwatch's coding and GDELT's; GDELT and ACLED): counts by
quad class per period, their correlation, and the periods where they disagree most, with the
events behind them.

Both sides are counted alike: the same dyads (the one asked for, else every directed dyad that
both origins have), the same periods (those from the period of the later first event to that of the earlier last
event of the two, so that a side's missing years do not read as disagreement), and the same
:class:`~dyadwatch.analysis.counting.Counting` (imported events are asserted, with confidence 1).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..errors import UsageError
from ..store.duck import Store
from .tables import ORIGIN_SQL, has_imported

__all__ = ["compare_origins", "Comparison", "PeriodCounts", "origins", "PERIODS"]

PERIODS = ("day", "week", "month")
QUAD_NAMES = ("verbal cooperation", "material cooperation", "verbal conflict", "material conflict")


@dataclass(frozen=True, slots=True)
class PeriodCounts:
    start: date
    a: tuple[int, int, int, int]
    b: tuple[int, int, int, int]

    @property
    def gap(self) -> int:
        """How far the two disagree: the sum over quad classes of the difference in counts."""
        return sum(abs(x - y) for x, y in zip(self.a, self.b))


@dataclass
class Comparison:
    origin_a: str
    origin_b: str
    per: str
    dyads: list[tuple[str, str]]
    periods: list[PeriodCounts] = field(default_factory=list)
    #: Pearson correlation of the per-period counts: "total" and each quad class (1–4); None where
    #: there are fewer than 3 periods or a side's counts do not vary
    correlation: dict[str, float | None] = field(default_factory=dict)
    #: the periods where they disagree most, each with (up to a few of) both sides' events
    disagreements: list[tuple[PeriodCounts, list[dict[str, object]], list[dict[str, object]]]] = field(default_factory=list)
    #: why there is nothing to compare, where there is not
    note: str | None = None

    @property
    def totals(self) -> tuple[int, int]:
        return sum(sum(p.a) for p in self.periods), sum(sum(p.b) for p in self.periods)


def _from(store: Store) -> str:
    if has_imported(store):
        return "events e LEFT JOIN imported i USING (event_id)"
    return "events e LEFT JOIN (SELECT NULL::VARCHAR AS event_id, NULL::VARCHAR AS origin) i USING (event_id)"


def origins(store: Store) -> dict[str, int]:
    """Every origin in the store with its number of events."""
    rows = store.con.execute(f"SELECT {ORIGIN_SQL} AS o, count(*) FROM {_from(store)} GROUP BY o ORDER BY o").fetchall()
    return {r[0]: int(r[1]) for r in rows}


def _pearson(x: list[int], y: list[int]) -> float | None:
    n = len(x)
    if n < 3:
        return None
    mx, my = sum(x) / n, sum(y) / n
    sxx = sum((v - mx) ** 2 for v in x)
    syy = sum((v - my) ** 2 for v in y)
    if sxx == 0 or syy == 0:
        return None
    sxy = sum((u - mx) * (v - my) for u, v in zip(x, y))
    return sxy / math.sqrt(sxx * syy)


def _where(store: Store, a: str, b: str, dyad: tuple[str, str] | None, counting: Counting) -> tuple[list[str], list[object]]:
    where, params = counting.where("e")
    where += ["e.event_date IS NOT NULL", "e.source_code IS NOT NULL", "e.target_code IS NOT NULL",
              f"{ORIGIN_SQL} IN (?, ?)"]
    params += [a, b]
    if dyad:
        where.append("e.source_code = ? AND e.target_code = ?")
        params += list(dyad)
    return where, params


def _shared_dyads(store: Store, where: list[str], params: list[object]) -> list[tuple[str, str]]:
    rows = store.con.execute(
        f"SELECT e.source_code, e.target_code FROM {_from(store)} WHERE {' AND '.join(where)} "
        f"GROUP BY 1, 2 HAVING count(DISTINCT {ORIGIN_SQL}) = 2 ORDER BY count(*) DESC, 1, 2", params).fetchall()
    return [(r[0], r[1]) for r in rows]


def _events_in(store: Store, where: list[str], params: list[object], origin: str, start: date, per: str, limit: int) -> list[dict[str, object]]:
    sql = (f"SELECT e.event_date, e.source_code, e.source_sector, e.source_text, e.target_code, e.target_sector, e.target_text, "
           f"e.cameo, e.cameo_name, e.quad_class, e.url, e.sentence FROM {_from(store)} "
           f"WHERE {' AND '.join(where)} AND {ORIGIN_SQL} = ? AND date_trunc('{per}', e.event_date) = ? "
           f"ORDER BY e.event_date, e.event_id LIMIT ?")
    cur = store.con.execute(sql, [*params, origin, start, limit])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]


def compare_origins(store: Store, origin_a: str, origin_b: str, dyad: tuple[str, str] | None = None, per: str = "week",
                    counting: Counting = DEFAULT_COUNTING, top: int = 5, events_per_period: int = 5) -> Comparison:
    """Compare two origins of events ("dyadwatch", "gdelt", "acled" …) on the same dyads and periods."""
    if per not in PERIODS:
        raise UsageError(f"per {per!r}: use day, week or month")
    if origin_a == origin_b:
        raise UsageError(f"compare needs two different origins, not {origin_a!r} twice")
    known = origins(store)
    for o in (origin_a, origin_b):
        if o not in known:
            have = ", ".join(f"{k} ({v:,})" for k, v in known.items()) or "none"
            raise UsageError(f"origin {o!r}: no events of that origin in the store (origins: {have})")
    where, params = _where(store, origin_a, origin_b, dyad, counting)
    dyads = [dyad] if dyad else _shared_dyads(store, where, params)
    out = Comparison(origin_a, origin_b, per, dyads)
    if not dyads:
        out.note = "the two origins have no directed dyad in common"
        return out
    if not dyad:
        where.append("e.source_code || ':' || e.target_code IN (SELECT unnest(?))")
        params.append([f"{s}:{t}" for s, t in dyads])
    span = store.con.execute(
        f"SELECT {ORIGIN_SQL} AS o, min(e.event_date), max(e.event_date) FROM {_from(store)} WHERE {' AND '.join(where)} GROUP BY o",
        params).fetchall()
    spans = {r[0]: (r[1], r[2]) for r in span}
    if len(spans) < 2:
        missing = origin_a if origin_a not in spans else origin_b
        out.note = f"{missing} has no counted events for {'this dyad' if dyad else 'these dyads'}"
        return out
    first, last = max(s[0] for s in spans.values()), min(s[1] for s in spans.values())
    if first > last:
        out.note = f"the two origins' events do not overlap in time ({origin_a} {spans[origin_a][0]}–{spans[origin_a][1]}, {origin_b} {spans[origin_b][0]}–{spans[origin_b][1]})"
        return out
    where += [f"date_trunc('{per}', e.event_date) >= date_trunc('{per}', ?::DATE)", f"date_trunc('{per}', e.event_date) <= date_trunc('{per}', ?::DATE)"]
    params += [first, last]
    rows = store.con.execute(
        f"SELECT date_trunc('{per}', e.event_date)::DATE AS p, {ORIGIN_SQL} AS o, e.quad_class, count(*) "
        f"FROM {_from(store)} WHERE {' AND '.join(where)} GROUP BY 1, 2, 3", params).fetchall()
    starts = [r[0] for r in store.con.execute(
        f"SELECT unnest(generate_series(date_trunc('{per}', ?::DATE), date_trunc('{per}', ?::DATE), INTERVAL 1 {per}))::DATE",
        [first, last]).fetchall()]
    counts = {(p, o): [0, 0, 0, 0] for p in starts for o in (origin_a, origin_b)}
    for p, o, q, n in rows:
        if (p, o) in counts and q in (1, 2, 3, 4):
            counts[(p, o)][q - 1] += int(n)
    out.periods = [PeriodCounts(p, tuple(counts[(p, origin_a)]), tuple(counts[(p, origin_b)])) for p in starts]  # type: ignore[arg-type]
    out.correlation = {"total": _pearson([sum(p.a) for p in out.periods], [sum(p.b) for p in out.periods])}
    for q in range(4):
        out.correlation[str(q + 1)] = _pearson([p.a[q] for p in out.periods], [p.b[q] for p in out.periods])
    worst = sorted((p for p in out.periods if p.gap), key=lambda p: (-p.gap, p.start))[:top]
    for p in worst:
        out.disagreements.append((p, _events_in(store, where, params, origin_a, p.start, per, events_per_period),
                                  _events_in(store, where, params, origin_b, p.start, per, events_per_period)))
    return out
