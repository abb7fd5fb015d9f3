"""What the views count: by default only the events a reader can take as news.

Signals, reports, the dashboard and the API read a relationship out of events. A false event
becomes a false signal, so by default they count only events that the sentence **asserts**
(not intended, hypothetical, demanded, negated or background), with a confidence of at least
:data:`DEFAULT_MIN_CONFIDENCE` (guessed targets and unnamed authors are kept under it), and
leave out plain statements (CAMEO 01x, "said", "commented"), which GDELT users filter too.
Every view says what it counted (:meth:`Counting.describe`); the CLI's ``--min-confidence``,
``--all-moods`` and ``--statements`` change it.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Counting", "DEFAULT_MIN_CONFIDENCE", "DEFAULT_COUNTING"]

#: the default confidence threshold of the views. The confidence is calibrated (coding.confidence):
#: on the development set (bench/calibrate.py, two-fold CV over stories), produced events at
#: ≥ 0.2 were fully right 56% of the time (all events: 35%), at ≥ 0.4 70%, at ≥ 0.5 70%; of the
#: events the views count (asserted acts, no statements), 65% at ≥ 0.2 and 75% at ≥ 0.4 in the
#: sample. 0.4 keeps nearly every right event that 0.2 keeps (44 of 46) and drops a third of the
#: wrong ones; the coder keeps guesses (a target the sentence does not name) far under it (0.15)
DEFAULT_MIN_CONFIDENCE = 0.4


@dataclass(frozen=True, slots=True)
class Counting:
    """Which stored events a view counts."""

    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    all_moods: bool = False
    statements: bool = False
    #: only events of these origins ("dyadwatch": coded here; "gdelt", "acled" …: imported); all if empty
    origins: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not 0.0 <= self.min_confidence <= 1.0:
            raise ValueError(f"min_confidence {self.min_confidence}: must be between 0 and 1")

    def where(self, alias: str = "e", imported: bool = False) -> tuple[list[str], list[object]]:
        """SQL conditions on the ``events`` table (as ``alias``) and their parameters;
        ``imported``: the store has an ``imported`` table (datasets/), which says each imported
        event's origin."""
        p = f"{alias}." if alias else ""
        where: list[str] = []
        params: list[object] = []
        if self.origins:
            origin = (f"coalesce((SELECT i.origin FROM imported i WHERE i.event_id = {p}event_id), 'dyadwatch')"
                      if imported else "'dyadwatch'")
            where.append(f"{origin} IN (SELECT unnest(?))")
            params.append(list(self.origins))
        if not self.all_moods:
            where.append(f"{p}mood = 'asserted' AND NOT coalesce({p}negated, false)")
        if self.min_confidence > 0:
            where.append(f"{p}confidence >= ?")
            params.append(self.min_confidence)
        if not self.statements:
            where.append(f"{p}cameo_root <> '01'")
        return where, params

    def counts(self, mood: str, negated: bool, confidence: float, cameo_root: str) -> bool:
        """Whether an event with these fields is counted: the test :meth:`where` writes in SQL."""
        return ((self.all_moods or (mood == "asserted" and not negated))
                and confidence >= self.min_confidence
                and (self.statements or cameo_root != "01"))

    def describe(self) -> str:
        """One line for a view's header: what it counts and what it leaves out."""
        what = "asserted events" if not self.all_moods else "events of every mood"
        parts = [f"counting {what}"]
        if self.min_confidence > 0:
            parts.append(f"with confidence ≥ {self.min_confidence:g}")
        if self.origins:
            parts.append("from " + ", ".join(self.origins))
        out = " ".join(parts)
        left = []
        if not self.all_moods:
            left.append("intended, hypothetical, demanded, negated and background events")
        if not self.statements:
            left.append("statements (CAMEO 01x)")
        if left:
            out += "; left out: " + " and ".join(left)
        return out


#: what the views count unless told otherwise
DEFAULT_COUNTING = Counting()
