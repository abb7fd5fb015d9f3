"""Build the brief from the signals: :func:`~dyadwatch.analysis.signals.assess_dyad` reads the
pair, the templates of :mod:`.sides`, :mod:`.messages` and :mod:`.timing` say what it found."""

from __future__ import annotations

import dataclasses
from datetime import date

import pandas as pd

from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..analysis.frame import load_events
from ..analysis.series import dyad_events
from ..analysis.signals import DyadAssessment, assess_dyad
from ..store.duck import Store
from .evidence import evidence_of
from .leftout import LEFT_OUT_FLOOR, left_out_claims
from .messages import mixed_claims
from .model import Brief, Section
from .render import brief_html_section
from .sides import asymmetry_claim, direction_claim, reciprocity_claims
from .timing import deadline_claims, intense_claims, watch_next_claims

__all__ = ["build_brief", "brief_from_assessment", "brief_for_store", "report_section"]


def brief_from_assessment(res: DyadAssessment, df: pd.DataFrame, counting: str = DEFAULT_COUNTING.describe(),
                          below: pd.DataFrame | None = None, min_confidence: float | None = None) -> Brief:
    """The brief of an assessment already made (what the report calls); ``df`` is the frame it was made from
    and ``counting`` says which events that frame holds; ``below``: the pair's asserted acts under the
    confidence threshold ``min_confidence``, for what the reading leaves out (:mod:`.leftout`)."""
    left = (Section("Left out of the reading", tuple(left_out_claims(res, df, below, min_confidence))),) \
        if below is not None and min_confidence else ()
    sections = (
        Section("State and direction", (direction_claim(res.forward, df, res.freq), direction_claim(res.backward, df, res.freq))),
        *left,
        Section("Asymmetry", (asymmetry_claim(res, df),)),
        Section("Mixed messages", tuple(mixed_claims(res))),
        Section("Deadlines and ultimatums", tuple(deadline_claims(res))),
        Section("Reciprocity", tuple(reciprocity_claims(res))),
        Section("Most intense events", tuple(intense_claims(res, df))),
        Section("What to watch next", tuple(watch_next_claims(res, df))),
    )
    pair = dyad_events(df, res.a, res.b, undirected=True)
    cited = {c for s in sections for claim in s.claims for c in claim.evidence}
    rows = df if below is None else pd.concat([df, below[~below.event_id.isin(df.event_id)]], ignore_index=True)
    evidence = {r.event_id: evidence_of(r) for r in rows[rows.event_id.isin(cited)].itertuples()}
    return Brief(res.a, res.b, res.as_of, _day(res.start), _day(res.end), len(pair), counting, sections, evidence)


def _day(ts: pd.Timestamp | None) -> date | None:
    return None if ts is None or pd.isna(ts) else ts.date()


def build_brief(df: pd.DataFrame, a: str, b: str, as_of: date | None = None, freq: str = "week",
                counting: str = DEFAULT_COUNTING.describe(), below: pd.DataFrame | None = None,
                min_confidence: float | None = None) -> Brief:
    """The brief of ``a``–``b`` from an events frame (:func:`~dyadwatch.analysis.frame.load_events`).
    ``as_of`` defaults to the latest article date in ``df``; ``below`` and ``min_confidence``: see
    :func:`brief_from_assessment`."""
    return brief_from_assessment(assess_dyad(df, a, b, freq, as_of=as_of), df, counting, below, min_confidence)


def brief_for_store(store: Store, a: str, b: str, as_of: date | None = None, since: date | None = None,
                    until: date | None = None, counting: Counting = DEFAULT_COUNTING, freq: str = "week") -> Brief:
    """The brief of ``a``–``b`` from a store, of the events ``counting`` counts (by default asserted,
    confident events, no statements). With ``as_of``, events dated after it are left out: the
    brief reads the pair as it stood that day."""
    last = min(until, as_of) if until and as_of else (until or as_of)
    df = load_events(store, since, last, (a, b), counting)
    below = None
    if counting.min_confidence > LEFT_OUT_FLOOR:
        below = load_events(store, since, last, (a, b), dataclasses.replace(counting, min_confidence=LEFT_OUT_FLOOR))
        below = below[below.confidence < counting.min_confidence]
    return build_brief(df, a, b, as_of, freq, counting.describe(), below, counting.min_confidence)



def report_section(res: DyadAssessment, df: pd.DataFrame, as_of: date | None = None, counting: str | None = None) -> str:
    """The brief as an HTML ``<section>`` for the top of the report (:func:`dyadwatch.report.html.render_html`):
    ``as_of`` overrides the assessment's own, ``counting`` says what the frame holds."""
    if as_of is not None and as_of != res.as_of:
        res = dataclasses.replace(res, as_of=as_of)
    return brief_html_section(brief_from_assessment(res, df, counting or DEFAULT_COUNTING.describe()), level=2)
