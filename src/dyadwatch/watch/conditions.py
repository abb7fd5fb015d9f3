"""Evaluating alert rules on the events the views count: each condition reads one analysis
(:mod:`dyadwatch.analysis`) and turns what it finds into alerts with deterministic ids."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pandas as pd

from ..analysis.mixed import mixed_signals
from ..analysis.relation import change_points, relation_index
from ..analysis.series import dyad_events, dyad_series
from ..analysis.signals import deadlines
from .alerts import Alert
from .rules import Rule

__all__ = ["evaluate", "watched_pairs"]


def watched_pairs(df: pd.DataFrame, rule: Rule) -> list[tuple[str, str]]:
    """The directed pairs in ``df`` (a coded, distinct target) that ``rule`` watches, sorted."""
    ev = df[df.target_code.notna() & (df.source_code != df.target_code)]
    pairs = ev[["source_code", "target_code"]].drop_duplicates().itertuples(index=False)
    return sorted((s, t) for s, t in pairs if rule.matches(s, t))


def _ids(ev: pd.DataFrame, n: int = 5) -> tuple[str, ...]:
    return tuple(ev.event_id.head(n).tolist())


def _deterioration(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    found = change_points(df, s, t, rule.per)
    for c in found if isinstance(found, list) else []:
        if c.direction != "deterioration":
            continue
        ev = dyad_events(df, s, t)
        after = ev[ev.event_date >= c.since].sort_values("goldstein")
        yield Alert.of(rule.name, rule.when, s, t, f"{s}:{t}:change:{c.since.date()}", f"{s}\u2192{t}: {c.describe()}",
                       _ids(after), as_of)


def _index_drop(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    """One alert per drop: the first period whose index is more than ``drop`` under the highest
    of the ``window`` periods before it (a fall that goes on from the same high is the same drop)."""
    points = relation_index(df, s, t, rule.per, n_boot=1)
    span = pd.Timedelta(days={"day": 1, "week": 7, "month": 31}[rule.per] * rule.window)
    ev = dyad_events(df, s, t)
    highs_alerted: set[pd.Timestamp] = set()
    for j, late in enumerate(points):
        earlier = [p for p in points[:j] if late.period - p.period <= span]
        if not earlier:
            continue
        high = max(earlier, key=lambda p: p.index)
        if high.index - late.index <= (rule.drop or 0) or high.period in highs_alerted:
            continue
        highs_alerted.add(high.period)
        hit = ev[ev.event_date >= late.period].sort_values("goldstein")
        yield Alert.of(rule.name, rule.when, s, t, f"{s}:{t}:drop-from:{high.period.date()}",
                       f"{s}\u2192{t}: relation index fell from {high.index:+.1f} ({high.period.date()}) to {late.index:+.1f} "
                       f"({late.period.date()}), a drop of {high.index - late.index:.1f} > {rule.drop:g} within {rule.window} {rule.per}s",
                       _ids(hit), as_of)


def _mixed(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    if rule.side and rule.side != s:
        return
    for m in mixed_signals(df, s, t):
        yield Alert.of(rule.name, rule.when, s, t, f"{s}:{t}:mixed:{m.start.date()}", m.describe(),
                       _ids(m.conflictual, 3) + _ids(m.cooperative, 3), as_of)


def _deadline_alerts(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    for d in deadlines(dyad_events(df, s, t)):
        if rule.when == "deadline_within":
            if as_of is None or not 0 <= d.days_left(as_of) <= (rule.days or 0):
                continue
            what = f"due within {rule.days} days: {d.countdown(as_of)} (as of {as_of})"
        else:
            what = f"new {d.kind}"
        yield Alert.of(rule.name, rule.when, s, t, f"{s}:{t}:deadline:{d.event_id}:{d.due}",
                       f"{s}\u2192{t} {d.kind} '{d.text}' due {d.due}, {what}: {d.sentence}", (d.event_id,), as_of)


def _goldstein_below(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    series = dyad_series(df, s, t, rule.per)
    ev = dyad_events(df, s, t)
    for period, row in series.iterrows():
        if row.n >= rule.min_events and row.goldstein_mean < (rule.value or 0):
            in_period = ev[(ev.event_date >= period) & (ev.event_date < period + _length(rule.per))].sort_values("goldstein")
            yield Alert.of(rule.name, rule.when, s, t, f"{s}:{t}:{rule.per}:{period.date()}",
                           f"{s}\u2192{t}: mean Goldstein {row.goldstein_mean:+.1f} over {int(row.n)} events in the {rule.per} of "
                           f"{period.date()}, below {rule.value:g}", _ids(in_period), as_of)


def _length(per: str) -> pd.DateOffset:
    return {"day": pd.DateOffset(days=1), "week": pd.DateOffset(days=7), "month": pd.DateOffset(months=1)}[per]


def _event_type(rule: Rule, df: pd.DataFrame, s: str, t: str, as_of: date | None) -> Iterator[Alert]:
    ev = dyad_events(df, s, t)
    for r in ev[ev.plover_type.isin(rule.types)].itertuples():
        yield Alert.of(rule.name, rule.when, s, t, f"event:{r.event_id}",
                       f"{s}\u2192{t} {r.plover_type} on {r.event_date.date()} ({r.cameo} {r.cameo_name}): {r.sentence}",
                       (r.event_id,), as_of)


_EVALUATORS: dict[str, Callable[[Rule, pd.DataFrame, str, str, date | None], Iterator[Alert]]] = {
    "deterioration": _deterioration,
    "index_drop": _index_drop,
    "mixed_signals": _mixed,
    "new_deadline": _deadline_alerts,
    "deadline_within": _deadline_alerts,
    "goldstein_below": _goldstein_below,
    "event_type": _event_type,
}


def evaluate(rules: list[Rule] | tuple[Rule, ...], df: pd.DataFrame, as_of: date | None) -> list[Alert]:
    """Every alert the rules give on ``df`` (events as :func:`~dyadwatch.analysis.frame.load_events`
    loads them), in rule order, then pair order."""
    out: list[Alert] = []
    for rule in rules:
        for s, t in watched_pairs(df, rule):
            out.extend(_EVALUATORS[rule.when](rule, df, s, t, as_of))
    return out
