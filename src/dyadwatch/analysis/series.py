"""Dyad time series: events of one directed (or undirected) dyad per day, week or month."""

from __future__ import annotations

import numpy as np
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
    ev = dyad_events(df, source, target, undirected)
    start = start if start is not None else (df.event_date.min() if len(df) else None)
    end = end if end is not None else (df.event_date.max() if len(df) else None)
    if start is None:
        return pd.DataFrame()
    periods = pd.Index(period_of(pd.Series(pd.date_range(start, end, freq="D")), freq).drop_duplicates().sort_values(),
                       name="period")
    # each event's row in ``periods`` (-1: outside the range asked for), then counts by bincount
    row = periods.get_indexer(period_of(ev.event_date, freq))
    inside = row >= 0
    row, ev = row[inside], ev[inside]
    size = len(periods)

    def count(mask: np.ndarray | None = None, weights: np.ndarray | None = None) -> np.ndarray:
        r = row if mask is None else row[mask]
        w = weights if (weights is None or mask is None) else weights[mask]
        return np.bincount(r, weights=w, minlength=size)

    def distinct(column: str) -> np.ndarray:
        pairs = pd.DataFrame({"r": row, "v": ev[column].to_numpy()}).dropna().drop_duplicates()
        return np.bincount(pairs.r.to_numpy(dtype=np.int64), minlength=size)

    def equal(column: str, value: object) -> np.ndarray:
        return (ev[column] == value).fillna(False).to_numpy(dtype=bool)  # (a missing value is no match)

    gold = ev.goldstein.astype(float).to_numpy()
    n = count()
    cols: dict[str, np.ndarray] = {"n": n}
    for q in (1, 2, 3, 4):
        cols[f"q{q}"] = count(equal("quad_class", q))
    for t in PLOVER_TYPES:
        cols[t] = count(equal("plover_type", t))
    has_gold = ~np.isnan(gold)
    cols["goldstein_sum"] = count(has_gold, np.where(has_gold, gold, 0.0))
    cols["articles"] = distinct("article_id")
    cols["outlets"] = distinct("outlet")
    out = pd.DataFrame(cols, index=periods)
    n_gold = count(has_gold)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["goldstein_mean"] = np.where(n_gold > 0, out["goldstein_sum"].to_numpy() / np.maximum(n_gold, 1), np.nan)  # NaN: no events, not a neutral period
    ints = ["n", "q1", "q2", "q3", "q4", "articles", "outlets", *PLOVER_TYPES]
    out[ints] = out[ints].astype(int)
    return out[["n", "q1", "q2", "q3", "q4", *PLOVER_TYPES, "goldstein_sum", "articles", "outlets", "goldstein_mean"]]


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
