"""Time in the brief: the deadlines and ultimatums with their countdown from as-of, the most
intense events of the period, and what to watch next (the next due dates, and the
repeated patterns of either side, with how often they came shortly before a deadline)."""

from __future__ import annotations

from datetime import date, timedelta

import pandas as pd

from ..analysis.patterns import RepeatedPattern
from ..analysis.series import dyad_events
from ..analysis.signals import Deadline, DyadAssessment
from .evidence import ids_of, most_intense
from .model import Claim
from .wording import arrow, plural, signed, snippet

__all__ = ["countdown", "deadline_claims", "intense_claims", "watch_next_claims", "BEFORE_DEADLINE_DAYS", "INTENSE_SHOWN"]

#: a pattern occurrence this many days or fewer before a deadline's due date counts as "before the deadline"
BEFORE_DEADLINE_DAYS = 30
#: the most intense events listed
INTENSE_SHOWN = 3


def countdown(d: Deadline, as_of: date) -> str:
    """``"14 days left as of 2019-12-17"``, ``"due on the as-of day, …"``, ``"expired 3 days before as-of (…)"``."""
    days = d.days_left(as_of)
    if days > 0:
        return f"{plural(days, 'day')} left as of {as_of}"
    if days == 0:
        return f"due on the as-of day, {as_of}"
    return f"expired {plural(-days, 'day')} before as-of ({as_of})"


def _deadline_claim(d: Deadline, as_of: date) -> Claim:
    return Claim(f"{arrow(d.source, d.target)} {d.kind} \u201c{d.text}\u201d (stated {d.published}, CAMEO {d.cameo}): "
                 f"due {d.due}, {countdown(d, as_of)}. \u201c{snippet(d.sentence, d.text)}\u201d", (d.event_id,))


def deadline_claims(res: DyadAssessment) -> list[Claim]:
    """The open deadlines first (soonest first), then those that have run out."""
    if not res.deadlines or res.as_of is None:
        return [Claim("No deadline or ultimatum is named in the counted events.")]
    still = [d for d in res.deadlines if d.is_open(res.as_of)]
    gone = [d for d in res.deadlines if not d.is_open(res.as_of)]
    return [_deadline_claim(d, res.as_of) for d in still + gone[::-1]]


def intense_claims(res: DyadAssessment, df: pd.DataFrame) -> list[Claim]:
    pair = dyad_events(df, res.a, res.b, undirected=True)
    out = []
    for r in most_intense(pair, INTENSE_SHOWN).itertuples():
        out.append(Claim(f"{r.event_date.date()} {arrow(r.source_code, r.target_code)}: {r.cameo_name} (CAMEO {r.cameo}, "
                         f"Goldstein {signed(r.goldstein)}) \u2014 \u201c{snippet(r.sentence, r.trigger_text)}\u201d", (r.event_id,)))
    return out or [Claim("No counted events between the two sides.")]


def _pattern_events(df: pd.DataFrame, p: RepeatedPattern) -> tuple[str, ...]:
    days = {d.normalize() for d in p.dates}
    ev = df[(df.source_code == p.source) & (df.cameo_root == p.first) & df.event_date.dt.normalize().isin(days)]
    return ids_of(ev.head(5))


def _before_deadlines(p: RepeatedPattern, dues: list[date]) -> int:
    window = timedelta(days=BEFORE_DEADLINE_DAYS)
    return sum(1 for d in p.dates if any(timedelta(0) <= pd.Timestamp(due) - d <= window for due in dues))


def watch_next_claims(res: DyadAssessment, df: pd.DataFrame) -> list[Claim]:
    out = []
    upcoming = res.open_deadlines()
    if upcoming and res.as_of is not None:
        nxt = upcoming[0]
        rest = f"; then {', '.join(str(d.due) for d in upcoming[1:4])}" if len(upcoming) > 1 else ""
        out.append(Claim(f"Next due: {nxt.due} ({arrow(nxt.source, nxt.target)} {nxt.kind}, {countdown(nxt, res.as_of)}){rest}.",
                         tuple(d.event_id for d in upcoming[:4])))
    else:
        out.append(Claim("No open deadline as of the as-of day."))
    dues = [d.due for d in res.deadlines]
    for p in res.patterns:
        before = _before_deadlines(p, dues)
        extra = (f"; {before} of the {p.count} came within {BEFORE_DEADLINE_DAYS} days before a deadline's due date"
                 if before else "")
        out.append(Claim(f"Repeated pattern: {p.describe()}{extra}.", _pattern_events(df, p)))
    if not res.patterns:
        out.append(Claim("No repeated pattern in these data (a pattern needs the same sequence at least 3 times)."))
    return out
