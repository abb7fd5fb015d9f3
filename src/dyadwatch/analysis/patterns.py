"""Repeated patterns: recurring sequences in one sender's behaviour, e.g. missile tests
followed by offers of talks.

For each sender, its events (any target) are put in date order and reduced to one CAMEO
root per day. A pattern "X then Y within ``max_gap`` days" is reported when it recurs at
least ``min_count`` times and more often than the two roots' frequencies alone would
make it (lift ≥ ``min_lift``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pandas as pd

from ..coding.codebook import Codebook

__all__ = ["RepeatedPattern", "repeated_patterns"]


@dataclass(frozen=True, slots=True)
class RepeatedPattern:
    source: str
    first: str  # CAMEO root
    then: str
    count: int
    lift: float
    median_gap_days: float
    dates: tuple[pd.Timestamp, ...]

    def describe(self) -> str:
        cb = Codebook.bundled()
        a, b = cb.get(self.first).name.lower(), cb.get(self.then).name.lower()
        return (f"{self.source}: '{a}' followed by '{b}' {self.count} times "
                f"(median gap {self.median_gap_days:.0f} days, lift {self.lift:.1f})")


def repeated_patterns(df: pd.DataFrame, source: str | None = None, max_gap: int = 14, min_count: int = 3,
                      min_lift: float = 1.5) -> list[RepeatedPattern]:
    ev = df if source is None else df[df.source_code == source]
    out = []
    for s, grp in ev.groupby("source_code"):
        days = grp.sort_values("event_date").groupby(grp.event_date.dt.normalize()).cameo_root.agg(lambda r: r.value_counts().index[0])
        seq = list(days.items())
        if len(seq) < 2 * min_count:
            continue
        freq = Counter(r for _, r in seq)
        pairs: dict[tuple[str, str], list[tuple[pd.Timestamp, float]]] = {}
        for (d1, r1), (d2, r2) in zip(seq, seq[1:]):
            gap = (d2 - d1).days
            if r1 != r2 and gap <= max_gap:
                pairs.setdefault((r1, r2), []).append((d1, gap))
        n = len(seq) - 1
        for (r1, r2), hits in pairs.items():
            expected = n * (freq[r1] / len(seq)) * (freq[r2] / len(seq))
            lift = len(hits) / expected if expected else 0.0
            if len(hits) >= min_count and lift >= min_lift:
                gaps = sorted(g for _, g in hits)
                out.append(RepeatedPattern(s, r1, r2, len(hits), lift, float(pd.Series(gaps).median()), tuple(d for d, _ in hits)))
    return sorted(out, key=lambda p: (-p.count, -p.lift))
