"""Confidence reliability: of the produced events in each confidence bin, the fraction right.

``confidence`` is meant to be calibrated (of the events at 0.8, about 80% right); this table
is how that claim is checked against gold data. What "right" means is the format's own
judgement (see each scorer); the bins are [0, 0.5), [0.5, 0.8) and [0.8, 1.0].
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["BINS", "ReliabilityBin", "reliability", "reliability_dicts"]

#: (low, high) edges; the last bin includes 1.0
BINS: tuple[tuple[float, float], ...] = ((0.0, 0.5), (0.5, 0.8), (0.8, 1.0))


@dataclass(frozen=True, slots=True)
class ReliabilityBin:
    low: float
    high: float
    count: int
    right: int

    @property
    def label(self) -> str:
        return f"[{self.low:.1f}, {self.high:.1f}{']' if self.high >= 1.0 else ')'}"

    @property
    def fraction(self) -> float | None:
        return self.right / self.count if self.count else None


def _bin_of(confidence: float) -> int:
    for i, (_, high) in enumerate(BINS[:-1]):
        if confidence < high:
            return i
    return len(BINS) - 1


def reliability(judged: Iterable[tuple[float, bool]]) -> list[ReliabilityBin]:
    """Bin ``(confidence, right)`` pairs into :data:`BINS`."""
    counts = [0] * len(BINS)
    rights = [0] * len(BINS)
    for conf, ok in judged:
        i = _bin_of(conf)
        counts[i] += 1
        rights[i] += bool(ok)
    return [ReliabilityBin(lo, hi, c, r) for (lo, hi), c, r in zip(BINS, counts, rights)]


def reliability_dicts(bins: list[ReliabilityBin]) -> list[dict]:
    """The bins as JSON-ready dicts."""
    return [{"bin": b.label, "count": b.count, "right": b.right,
             "fraction_right": None if b.fraction is None else round(b.fraction, 4)} for b in bins]
