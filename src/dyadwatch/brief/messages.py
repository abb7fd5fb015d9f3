"""Mixed messages: one side's cooperative and conflictual signals in the same window, naming
who sent which (:func:`~dyadwatch.analysis.mixed.mixed_signals` finds the windows)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..analysis.mixed import MixedSignal, speaker_of
from ..analysis.signals import DyadAssessment
from .evidence import CITED_PER_CLAIM, ids_of
from .model import Claim
from .wording import arrow, plural, snippet, verb_of

__all__ = ["mixed_claims", "who_said_what"]

#: acts quoted per speaker and side
ACTS_PER_SPEAKER = 2


def _acts(ev: pd.DataFrame) -> list[str]:
    """``"Donald Trump threatened (“a verbal threat by …”)"``, one per speaker, in date order."""
    out = []
    by_speaker: dict[str, list] = {}
    for r in ev.sort_values(["event_date", "event_id"]).itertuples():
        by_speaker.setdefault(speaker_of(r), []).append(r)
    for speaker, rows in by_speaker.items():
        quotes = [f"{verb_of(r.cameo)} ({r.cameo}, {r.event_date.date()}: \u201c{snippet(r.sentence, r.trigger_text, 60)}\u201d)"
                  for r in rows[:ACTS_PER_SPEAKER]]
        more = f" and {plural(len(rows) - ACTS_PER_SPEAKER, 'more act')}" if len(rows) > ACTS_PER_SPEAKER else ""
        out.append(f"{speaker} " + ", ".join(quotes) + more)
    return out


def who_said_what(m: MixedSignal) -> str:
    """The conflictual side, then the cooperative side, each speaker with what they did."""
    return ("conflictual: " + "; ".join(_acts(m.conflictual)) + " \u2014 cooperative: " + "; ".join(_acts(m.cooperative)))


def _claim(m: MixedSignal, as_of: date | None) -> Claim:
    end = min(m.end.date(), as_of) if as_of else m.end.date()  # a window is not read past the as-of day
    when = f"on {end}" if end == m.start.date() else f"from {m.start.date()} to {end}"
    head = (f"{arrow(m.source, m.target)} sent mixed messages {when} "
            f"(mixed-signal index {m.index:.2f}; {len(m.cooperative)} cooperative against {len(m.conflictual)} conflictual events)")
    cited = ids_of(m.conflictual.head(CITED_PER_CLAIM)) + ids_of(m.cooperative.head(CITED_PER_CLAIM))
    return Claim(f"{head}. {who_said_what(m)}.", cited)


def mixed_claims(res: DyadAssessment) -> list[Claim]:
    windows = sorted(res.forward.mixed + res.backward.mixed, key=lambda m: (m.start, m.source))
    if not windows:
        return [Claim("No mixed messages: neither side sent cooperative and conflictual signals of like weight in one window.")]
    return [_claim(m, res.as_of) for m in windows]
