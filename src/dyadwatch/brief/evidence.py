"""Events as evidence: from rows of the events frame to :class:`~.model.Evidence`, and the
events a claim cites (the most intense first, a few at most: the claim says how many there are)."""

from __future__ import annotations

import pandas as pd

from ..analysis.mixed import speaker_of
from .model import Evidence

__all__ = ["CITED_PER_CLAIM", "evidence_of", "most_intense", "ids_of"]

#: events cited under one claim (the claim itself gives the count of all of them)
CITED_PER_CLAIM = 5


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def evidence_of(row) -> Evidence:
    """One row of the events frame (``itertuples``) as evidence."""
    return Evidence(
        row.event_id, row.event_date.date(), _text(row.source_code), _text(row.target_code), row.cameo,
        _text(row.cameo_name) or row.cameo, float(row.goldstein), speaker_of(row), row.sentence or "", _text(row.url),
    )


def most_intense(ev: pd.DataFrame, n: int = CITED_PER_CLAIM) -> pd.DataFrame:
    """The ``n`` events with the largest |Goldstein| (ties: earlier first, then by id: deterministic)."""
    if ev.empty:
        return ev
    order = ev.assign(_weight=-ev.goldstein.abs()).sort_values(["_weight", "event_date", "event_id"], kind="stable")
    return order.head(n).drop(columns="_weight")


def ids_of(ev: pd.DataFrame) -> tuple[str, ...]:
    return tuple(ev.event_id.tolist())
