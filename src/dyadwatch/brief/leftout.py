"""What the reading leaves out that goes against it: for each side read as cooperative (or
conflictual), the events of the other tone that the sentence asserts but that fall under the
confidence threshold, and how that side would read were they counted. The reading stays on the
counted events; this only says, with the events, what a lower threshold would change, so that
an analyst sees the contrary evidence the threshold holds back instead of never hearing of it."""

from __future__ import annotations

import pandas as pd

from ..analysis.series import dyad_events
from ..analysis.signals import DyadAssessment, assess_dyad
from .evidence import ids_of, most_intense
from .model import Claim
from .sides import state_of
from .wording import arrow, plural, snippet

__all__ = ["LEFT_OUT_FLOOR", "left_out_claims"]

#: events under this confidence are not mentioned at all: on the development set, of the produced
#: events from 0.2 to 0.3 one in seven was right, from 0.3 to 0.4 one in three (bench/calibrate.py's
#: threshold table); the coder keeps its guesses, a target the sentence does not name, at 0.15
LEFT_OUT_FLOOR = 0.3

_CONFLICT = (3, 4)
_COOPERATION = (1, 2)


def left_out_claims(res: DyadAssessment, counted: pd.DataFrame, below: pd.DataFrame, min_confidence: float) -> list[Claim]:
    """One claim per side whose reading events under ``min_confidence`` (``below``: the pair's
    asserted acts under the threshold) go against; one line saying so when none do."""
    out = []
    for d in (res.forward, res.backward):
        state = state_of(d)
        if state not in ("cooperative", "conflictual"):
            continue
        against = _CONFLICT if state == "cooperative" else _COOPERATION
        ev = dyad_events(below, d.source, d.target)
        ev = ev[ev.quad_class.isin(against) & (ev.confidence >= LEFT_OUT_FLOOR) & (ev.confidence < min_confidence)]
        if ev.empty:
            continue
        merged = pd.concat([counted, ev], ignore_index=True).sort_values(["event_date", "event_id"], kind="stable")
        again = assess_dyad(merged, res.a, res.b, res.freq, as_of=res.as_of)
        after = again.forward if (again.forward.source, again.forward.target) == (d.source, d.target) else again.backward
        tone = "conflictual" if state == "cooperative" else "cooperative"
        top = most_intense(ev)
        first = top.iloc[0]
        what = f"{first.cameo_name or first.cameo} (CAMEO {first.cameo}, confidence {first.confidence:.2f})"
        low, high = f"{ev.confidence.min():.2f}", f"{ev.confidence.max():.2f}"
        lead = "" if len(ev) == 1 else f"the strongest (confidence {low}{'' if low == high else f' to {high}'}): "
        out.append(Claim(
            f"{arrow(d.source, d.target)} reads {state}, but {plural(len(ev), f'{tone} event')} under the confidence "
            f"threshold ({min_confidence:g}) {'is' if len(ev) == 1 else 'are'} not counted: {lead}{what}, "
            f"“{snippet(first.sentence, first.trigger_text)}”. Counted, {arrow(d.source, d.target)} would read "
            f"{state_of(after)}.", ids_of(top)))
    if not out:
        return [Claim(f"Nothing asserted under the confidence threshold ({min_confidence:g}) goes against either side's reading.")]
    return out
