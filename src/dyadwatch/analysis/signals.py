"""Everything dyadwatch reads out of a pair of actors, in one place: the net tone of each
direction, the relation index and its change points and trend, mixed signals, reciprocity,
deadlines and ultimatums, and repeated patterns — each with the events behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from .asof import resolve_as_of
from .deadlines import find_deadlines
from .mixed import MixedSignal, mixed_signals
from .patterns import RepeatedPattern, repeated_patterns
from .reciprocity import Reciprocity, reciprocity
from .relation import ChangePoint, NotEnoughData, RelationPoint, Trend, change_points, relation_index, trend
from .series import dyad_events

__all__ = ["Deadline", "deadlines", "DirectionAssessment", "DyadAssessment", "assess_dyad"]

#: roots whose sentences may carry a deadline: demands, threats, ultimatums, appeals, rejections
_DEADLINE_ROOTS = {"02", "10", "12", "13", "16", "17"}


@dataclass(frozen=True, slots=True)
class Deadline:
    source: str | None
    target: str | None
    due: date
    text: str
    kind: str
    precision: str
    event_id: str
    cameo: str
    sentence: str
    published: date
    url: str | None

    def status(self, as_of: date) -> str:
        days = (self.due - as_of).days
        if days < 0:
            return f"expired {-days} day(s) ago"
        return "due today" if days == 0 else f"open: {days} day(s) left"

    def is_open(self, as_of: date) -> bool:
        return self.due >= as_of

    def days_left(self, as_of: date) -> int:
        """Days from ``as_of`` to the due date (negative once it has passed)."""
        return (self.due - as_of).days

    def countdown(self, as_of: date) -> str:
        """``"due in 14 days"``, ``"due today"`` or ``"expired 3 days before as-of"``, counted from ``as_of``."""
        days = self.days_left(as_of)
        if days == 0:
            return "due today"
        n = abs(days)
        unit = "day" if n == 1 else "days"
        return f"due in {n} {unit}" if days > 0 else f"expired {n} {unit} before as-of"


def deadlines(df: pd.DataFrame, source: str | None = None, target: str | None = None) -> list[Deadline]:
    """Deadlines and ultimatums named in the sentences of demands, threats and ultimatums."""
    ev = df[df.cameo_root.isin(_DEADLINE_ROOTS) | (df.cameo == "139")]
    if source:
        ev = ev[ev.source_code == source]
    if target:
        ev = ev[ev.target_code == target]
    out: dict[tuple, Deadline] = {}
    # one deadline per sentence and date, credited to the event that best carries it:
    # an ultimatum, then a threat, a demand, an appeal, anything else
    ev = ev.assign(_rank=ev.cameo.map(lambda c: 0 if c == "139" else {"13": 1, "10": 2, "02": 3}.get(c[:2], 4)))
    for r in ev.sort_values("_rank").itertuples():
        published = r.event_date.date()
        for m in find_deadlines(r.sentence, published):
            key = (r.article_id, r.sentence, m.due)
            if key in out:
                continue
            out[key] = Deadline(r.source_code, r.target_code if isinstance(r.target_code, str) else None, m.due, m.text,
                                "ultimatum" if r.cameo == "139" else m.kind, m.precision, r.event_id, r.cameo, r.sentence,
                                published, r.url if isinstance(r.url, str) else None)
    return sorted(out.values(), key=lambda d: (d.due, d.source or ""))


@dataclass(slots=True)
class DirectionAssessment:
    source: str
    target: str
    events: int
    goldstein_sum: float
    goldstein_mean: float | None
    quad_counts: dict[int, int]
    index: list[RelationPoint]
    changes: list[ChangePoint] | NotEnoughData
    trend: Trend | NotEnoughData
    mixed: list[MixedSignal]

    @property
    def tone(self) -> str:
        if not self.events:
            return "no events"
        conflict = self.quad_counts.get(3, 0) + self.quad_counts.get(4, 0)
        coop = self.quad_counts.get(1, 0) + self.quad_counts.get(2, 0)
        if self.goldstein_sum < 0 and conflict >= coop:
            return "net-conflictual"
        if self.goldstein_sum > 0 and coop >= conflict:
            return "net-cooperative"
        return "mixed"


@dataclass(slots=True)
class DyadAssessment:
    a: str
    b: str
    freq: str
    forward: DirectionAssessment
    backward: DirectionAssessment
    reciprocity_ab: Reciprocity | NotEnoughData  # does B answer A?
    reciprocity_ba: Reciprocity | NotEnoughData
    deadlines: list[Deadline]
    patterns: list[RepeatedPattern]
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    notes: list[str] = field(default_factory=list)
    #: the day the countdowns count from: the one given, else the latest article date of the selection
    as_of: date | None = None

    def open_deadlines(self) -> list[Deadline]:
        """The deadlines not yet due on :attr:`as_of`, soonest first (all of them where there is no as-of)."""
        if self.as_of is None:
            return list(self.deadlines)
        return [d for d in self.deadlines if d.is_open(self.as_of)]


def _direction(df: pd.DataFrame, s: str, t: str, freq: str, window_days: int) -> DirectionAssessment:
    ev = dyad_events(df, s, t)
    return DirectionAssessment(
        s, t, len(ev), float(ev.goldstein.sum()), float(ev.goldstein.mean()) if len(ev) else None,
        {int(q): int(n) for q, n in ev.quad_class.value_counts().items()},
        relation_index(df, s, t, freq),
        change_points(df, s, t, freq),
        trend(df, s, t, freq),
        mixed_signals(df, s, t, window_days=window_days),
    )


def assess_dyad(df: pd.DataFrame, a: str, b: str, freq: str = "week", window_days: int = 30,
                as_of: date | None = None) -> DyadAssessment:
    """Read the relation between ``a`` and ``b`` in both directions. ``as_of`` (the day the
    countdowns count from) defaults to the latest article date in ``df``, never the wall clock."""
    pair = dyad_events(df, a, b, undirected=True)
    return DyadAssessment(
        a, b, freq,
        _direction(df, a, b, freq, window_days),
        _direction(df, b, a, freq, window_days),
        reciprocity(df, a, b, freq),
        reciprocity(df, b, a, freq),
        deadlines(pair),
        [p for p in repeated_patterns(df[df.source_code.isin([a, b])]) if p.source in (a, b)],
        pair.event_date.min() if len(pair) else None,
        pair.event_date.max() if len(pair) else None,
        as_of=resolve_as_of(df, as_of),
    )


