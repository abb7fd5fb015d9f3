"""Dyad time series: events of one directed (or undirected) dyad per day, week or month."""

from __future__ import annotations

import pandas as pd

from ..coding.codebook import PLOVER_TYPES
from ..errors import UsageError
from .frame import FREQS, _PERIOD

__all__ = ["dyad_series", "period_of", "top_dyads", "dyad_events"]


def period_of(dates: pd.Series, freq: str) -> pd.Series:
    if freq not in FREQS:
        raise UsageError(f"unknown period {freq!r}; use day, week or month")
    return dates.dt.to_period(_PERIOD[freq]).dt.start_time


def dyad_events(df: pd.DataFrame, source: str, target: str, undirected: bool = False) -> pd.DataFrame:
    m = (df.source_code == source) & (df.target_code == target)
    if undirected:
        m |= (df.source_code == target) & (df.target_code == source)
    return df[m]


def dyad_series(df: pd.DataFrame, source: str, target: str, freq: str = "week", undirected: bool = False,
                start: pd.Timestamp | None = None, end: pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per period (all periods between ``start`` and ``end``, zero where nothing happened):
    ``n``, ``q1``..``q4``, one column per PLOVER type, ``goldstein_sum``, ``goldstein_mean``
    (NaN where there were no events), ``articles`` and ``outlets``."""
    ev = dyad_events(df, source, target, undirected).copy()
    start = start if start is not None else (df.event_date.min() if len(df) else None)
    end = end if end is not None else (df.event_date.max() if len(df) else None)
    if start is None:
        return pd.DataFrame()
    periods = pd.Index(period_of(pd.Series(pd.date_range(start, end, freq="D")), freq).drop_duplicates().sort_values(),
                       name="period")
    ev["period"] = period_of(ev.event_date, freq)
    g = ev.groupby("period")
    out = pd.DataFrame(index=periods)
    out["n"] = g.size()
    for q in (1, 2, 3, 4):
        out[f"q{q}"] = ev[ev.quad_class == q].groupby("period").size()
    for t in PLOVER_TYPES:
        out[t] = ev[ev.plover_type == t].groupby("period").size()
    out["goldstein_sum"] = g.goldstein.sum()
    out["articles"] = g.article_id.nunique()
    out["outlets"] = g.outlet.nunique()
    out = out.fillna(0)
    out["goldstein_mean"] = g.goldstein.mean()  # NaN: no events, not a neutral period
    ints = ["n", "q1", "q2", "q3", "q4", "articles", "outlets", *PLOVER_TYPES]
    out[ints] = out[ints].astype(int)
    return out


def top_dyads(df: pd.DataFrame, n: int = 10, undirected: bool = False) -> pd.DataFrame:
    """The most active dyads (with a coded target that is not the source) of a period."""
    ev = df[df.target_code.notna() & (df.source_code != df.target_code)].copy()
    if undirected:
        pair = ev[["source_code", "target_code"]].apply(lambda r: tuple(sorted(r)), axis=1)
        ev["a"], ev["b"] = pair.str[0], pair.str[1]
    else:
        ev["a"], ev["b"] = ev.source_code, ev.target_code
    g = ev.groupby(["a", "b"])
    out = pd.DataFrame({
        "events": g.size(),
        "articles": g.article_id.nunique(),
        "conflict_share": g.quad_class.apply(lambda q: float((q >= 3).mean())),
        "goldstein_sum": g.goldstein.sum().round(1),
        "goldstein_mean": g.goldstein.mean().round(2),
        "first": g.event_date.min().dt.date,
        "last": g.event_date.max().dt.date,
    })
    return out.sort_values(["events", "articles"], ascending=False).head(n).reset_index()
