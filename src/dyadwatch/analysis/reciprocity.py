"""Reciprocity: does B answer A in kind, and with what lag?

The two directed series (A→B and B→A, summed Goldstein per period) are compared by
cross-correlation at lags 0..max_lag (B at t+k against A at t) and by a Granger test
(statsmodels) of whether A's past helps predict B. Short or nearly empty series give
:class:`NotEnoughData`, never a number.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .relation import NotEnoughData
from .series import dyad_series

__all__ = ["Reciprocity", "reciprocity", "reciprocity_arrays"]


@dataclass(frozen=True, slots=True)
class Reciprocity:
    lag: int  # periods between A's move and B's answer
    correlation: float  # cross-correlation at that lag (positive: in kind)
    granger_p: float  # p-value that A's past predicts B (F test at that lag)
    periods: int
    correlations: tuple[float, ...]  # by lag 0..max_lag

    @property
    def in_kind(self) -> bool:
        return self.correlation > 0 and self.granger_p < 0.05

    def describe(self, a: str = "A", b: str = "B", unit: str = "period") -> str:
        verdict = "answers in kind" if self.in_kind else ("no significant answer" if self.granger_p >= 0.05 else "answers, but not in kind")
        return (f"{b} {verdict} to {a}: strongest at lag {self.lag} {unit}(s), r={self.correlation:+.2f}, "
                f"Granger p={self.granger_p:.3g} over {self.periods} {unit}s")


def reciprocity_arrays(x: np.ndarray, y: np.ndarray, max_lag: int = 4, min_periods: int = 24, min_active: int = 8) -> Reciprocity | NotEnoughData:
    """Does ``y`` answer ``x``? Both are aligned per-period series."""
    n = len(x)
    if n < max(min_periods, 4 * max_lag + 8):
        return NotEnoughData(f"{n} period{'' if n == 1 else 's'}; reciprocity needs at least {max(min_periods, 4 * max_lag + 8)}")
    if np.count_nonzero(x) < min_active or np.count_nonzero(y) < min_active:
        return NotEnoughData(f"too few active periods ({np.count_nonzero(x)} and {np.count_nonzero(y)}; need {min_active} each)")
    if np.std(x) == 0 or np.std(y) == 0:
        return NotEnoughData("a series is constant")
    corrs = []
    for k in range(max_lag + 1):
        a, b = x[: n - k], y[k:]
        corrs.append(float(np.corrcoef(a, b)[0, 1]) if np.std(a) and np.std(b) else 0.0)
    lag = int(np.argmax(np.abs(corrs[1:])) + 1)  # an answer comes after the move
    from statsmodels.tsa.stattools import grangercausalitytests

    data = np.column_stack([y, x])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = grangercausalitytests(data, maxlag=[lag])  # statsmodels 0.15: no printing
    p = float(res[lag][0]["ssr_ftest"][1])
    return Reciprocity(lag, corrs[lag], p, n, tuple(corrs))


def reciprocity(df: pd.DataFrame, a: str, b: str, freq: str = "week", max_lag: int = 4) -> Reciprocity | NotEnoughData:
    """Does B answer A's moves (summed Goldstein per period)?"""
    start, end = df.event_date.min(), df.event_date.max()
    if pd.isna(start):
        return NotEnoughData("no events")
    ab = dyad_series(df, a, b, freq, start=start, end=end)
    ba = dyad_series(df, b, a, freq, start=start, end=end)
    return reciprocity_arrays(ab.goldstein_sum.to_numpy(float), ba.goldstein_sum.to_numpy(float), max_lag)
