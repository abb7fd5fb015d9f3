"""The state and direction of each side, the asymmetry between them, and reciprocity.

State (per direction, of the counted events): *conflictual* where the Goldstein sum is
negative and conflict events (quad 3–4) are at least as many as cooperative ones,
*cooperative* the other way round, else *mixed*; a direction with a mixed-signal window is
*mixed* whatever its balance. Direction: the latest significant change point (PELT + Welch
test, :func:`~dyadwatch.analysis.relation.change_points`) gives "worsening/improving since …",
else a significant trend, else "stable"; too few periods say so.
"""

from __future__ import annotations

import pandas as pd

from ..analysis.relation import NotEnoughData, Trend
from ..analysis.series import dyad_events
from ..analysis.signals import DirectionAssessment, DyadAssessment
from .evidence import ids_of, most_intense
from .model import Claim
from .wording import arrow, plural, signed

__all__ = ["MIN_EVENTS", "state_of", "direction_claim", "asymmetry_claim", "reciprocity_claims"]

#: a direction with fewer counted events than this gets "not enough data"
MIN_EVENTS = 2
#: mean Goldstein gap (points) under which the two sides count as alike
ALIKE_GAP = 1.0

_TONE = {"net-conflictual": "conflictual", "net-cooperative": "cooperative", "mixed": "mixed"}


def state_of(d: DirectionAssessment) -> str:
    """``conflictual``, ``cooperative`` or ``mixed`` (see the module's docstring)."""
    tone = _TONE.get(d.tone, "mixed")
    if d.mixed and tone != "mixed":
        return f"mixed (on balance {tone})"
    return tone


def _band(d: DirectionAssessment, freq: str) -> str:
    last = d.index[-1]
    return (f"latest {freq} with events ({last.period.date()}) {signed(last.index)}, 95% band {signed(last.low)} to "
            f"{signed(last.high)}, {plural(last.n, 'event')}")


def _movement(d: DirectionAssessment, freq: str) -> str:
    """"worsening since …", "improving over …", "stable …" or why it cannot be told."""
    if isinstance(d.changes, list) and d.changes:
        c = d.changes[-1]
        word = "worsening" if c.direction == "deterioration" else "improving"
        return (f"{word} since {c.since.date()} (index from {signed(c.before)} to {signed(c.after)}, "
                f"Welch p={c.p_value:.2g}; {_band(d, freq)})")
    if isinstance(d.trend, Trend):
        if d.trend.label == "no clear trend":
            return f"stable (no significant trend over its last {plural(d.trend.periods, freq)} with events; {_band(d, freq)})"
        return (f"{d.trend.label} over its last {plural(d.trend.periods, freq)} with events "
                f"({signed(d.trend.slope, 2)} per {freq}, p={d.trend.p_value:.2g}; {_band(d, freq)})")
    return f"direction not known ({plural(len(d.index), freq)} with events; a trend needs at least 4)"


def direction_claim(d: DirectionAssessment, df: pd.DataFrame, freq: str) -> Claim:
    """``"PRK→USA: conflictual and worsening since …"``, or ``"not enough data (1 event)"``."""
    label = arrow(d.source, d.target)
    ev = dyad_events(df, d.source, d.target)
    if d.events < MIN_EVENTS:
        return Claim(f"{label}: not enough data ({plural(d.events, 'event')}; a state needs {MIN_EVENTS})", ids_of(ev))
    movement = _movement(d, freq)
    joiner = " and " if not movement.startswith("direction not known") else "; "
    mean = signed(d.goldstein_mean or 0.0)
    counts = f"{plural(d.events, 'event')}, mean Goldstein {mean}, {_quads(d.quad_counts)}"
    return Claim(f"{label}: {state_of(d)}{joiner}{movement}. [{counts}]", ids_of(most_intense(ev)))


def _quads(counts: dict[int, int]) -> str:
    coop = counts.get(1, 0) + counts.get(2, 0)
    conflict = counts.get(3, 0) + counts.get(4, 0)
    return f"{coop} cooperative, {conflict} conflictual"


def asymmetry_claim(res: DyadAssessment, df: pd.DataFrame) -> Claim:
    """How far apart the two sides' tones are (mean Goldstein per event) and who sends more."""
    f, b = res.forward, res.backward
    cited = ids_of(most_intense(dyad_events(df, f.source, f.target), 2)) + ids_of(most_intense(dyad_events(df, b.source, b.target), 2))
    volume = f"{f.source} sent {plural(f.events, 'counted event')} to {f.target}, {b.source} {b.events} to {b.target}"
    if f.events < MIN_EVENTS or b.events < MIN_EVENTS:
        return Claim(f"Asymmetry: not enough data to compare the sides ({volume}).", cited)
    fm, bm = f.goldstein_mean or 0.0, b.goldstein_mean or 0.0
    if abs(fm - bm) < ALIKE_GAP:
        return Claim(f"Asymmetry: the two sides are alike in tone (mean Goldstein {signed(fm)} for {arrow(f.source, f.target)}, "
                     f"{signed(bm)} for {arrow(b.source, b.target)}); {volume}.", cited)
    (harsher, hm), (softer, sm) = sorted(((f, fm), (b, bm)), key=lambda side: side[1])
    return Claim(f"Asymmetry: {arrow(harsher.source, harsher.target)} is more conflictual than "
                 f"{arrow(softer.source, softer.target)} (mean Goldstein {signed(hm)} against {signed(sm)}, "
                 f"a gap of {sm - hm:.1f} points); {volume}.", cited)


def reciprocity_claims(res: DyadAssessment) -> list[Claim]:
    """Whether each side answers the other in kind, where the series are long enough; else one line saying so."""
    out = []
    reasons = []
    for rec, x, y in ((res.reciprocity_ab, res.a, res.b), (res.reciprocity_ba, res.b, res.a)):
        if isinstance(rec, NotEnoughData):
            reasons.append(f"does {y} answer {x}? {rec.reason}")
        else:
            out.append(Claim(f"Reciprocity: {rec.describe(x, y, res.freq)}."))
    if reasons and not out:
        return [Claim("Reciprocity: not enough data to tell (" + "; ".join(reasons) + ").")]
    return out + [Claim(f"Reciprocity: not enough data for the other direction ({r}).") for r in reasons]
