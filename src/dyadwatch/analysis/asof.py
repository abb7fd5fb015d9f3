"""The day an analysis is read "as of": by default the latest article date in the selection.

A corpus is read as of the time its newest article was written, not as of the wall clock: a
deadline "until the end of the year" in an article of 2019-12-17 is due in 14 days, whatever
year the reader runs dyadwatch in. An analyst who wants another day says so (``--as-of``).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

__all__ = ["latest_article_date", "resolve_as_of"]


def latest_article_date(df: pd.DataFrame) -> date | None:
    """The latest publication date of the articles behind ``df``'s events (a frame of
    :func:`~dyadwatch.analysis.frame.load_events`), else the latest event date; None when empty."""
    for column in ("published", "event_date"):
        if column in df.columns:
            latest = pd.to_datetime(df[column]).max()
            if not pd.isna(latest):
                return latest.date()
    return None


def resolve_as_of(df: pd.DataFrame, as_of: date | None = None) -> date | None:
    """``as_of`` where given, else the latest article date of ``df`` (None for an empty selection)."""
    return as_of if as_of is not None else latest_article_date(df)
