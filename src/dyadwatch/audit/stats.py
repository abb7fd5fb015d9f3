"""Proportions with a Wilson score interval."""

from __future__ import annotations

import math
from dataclasses import dataclass

__all__ = ["Proportion", "wilson_interval", "Z95"]

#: the standard normal quantile for a two-sided 95% interval
Z95 = 1.959963984540054


def wilson_interval(right: int, n: int, z: float = Z95) -> tuple[float, float] | None:
    """The Wilson score interval of ``right`` successes in ``n`` trials (None when n is 0).

    Unlike the normal ("Wald") interval it stays inside [0, 1] and keeps close to its
    nominal coverage for small samples and for proportions near 0 or 1 — the usual case
    of a hand-audited sample. 8 of 10 gives (0.490, 0.943).
    """
    if n < 0 or right < 0 or right > n:
        raise ValueError(f"wilson_interval: need 0 <= right <= n, got right={right}, n={n}")
    if n == 0:
        return None
    p = right / n
    z2 = z * z
    denom = 1 + z2 / n
    centre = (p + z2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    lo = 0.0 if right == 0 else max(0.0, centre - half)  # exact at the ends, not 1 - 1e-16
    hi = 1.0 if right == n else min(1.0, centre + half)
    return lo, hi


@dataclass(frozen=True, slots=True)
class Proportion:
    """``right`` of ``n`` judged, with its 95% Wilson interval (None when nothing was judged)."""

    right: int
    n: int

    @property
    def precision(self) -> float | None:
        return self.right / self.n if self.n else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson_interval(self.right, self.n)

    def as_dict(self) -> dict[str, object]:
        ci = self.interval
        return {
            "right": self.right,
            "n": self.n,
            "precision": self.precision,
            "ci95": list(ci) if ci else None,
        }

    def describe(self) -> str:
        """``0.800 [0.490, 0.943] (8 of 10)``, or ``– (0 judged)``."""
        if not self.n:
            return "– (0 judged)"
        lo, hi = self.interval  # type: ignore[misc]
        return f"{self.precision:.3f} [{lo:.3f}, {hi:.3f}] ({self.right} of {self.n})"
