"""Events from the store as a pandas DataFrame: the one input of every analysis."""

from __future__ import annotations

from datetime import date

import pandas as pd

from ..store.duck import Store, date_range, has_table
from .counting import DEFAULT_COUNTING, Counting

__all__ = ["load_events", "FREQS", "period_index"]

#: period names accepted by the CLI → pandas offsets (periods start on Monday for weeks)
FREQS = {"day": "D", "week": "W-MON", "month": "MS"}

_COLUMNS = """
    e.event_id, e.article_id, e.event_date, e.source_code, e.source_sector, e.source_actor_id, e.source_text,
    e.target_code, e.target_sector, e.target_actor_id, e.target_text, e.target_via, e.cameo, e.cameo_root, e.cameo_name,
    e.plover_type, e.quad_class, e.goldstein, e.mood, e.negated, e.confidence, e.sentence, e.trigger_text, e.url,
    e.lat, e.lon, e.location_name, e.location_country, e.location_precision,
    a.publisher, a.title, a.published, coalesce(a.story_id, a.article_id) AS story_id, s.n_articles AS story_articles, s.n_outlets AS story_outlets
"""


def load_events(store: Store, since: date | None = None, until: date | None = None, codes: tuple[str, ...] | None = None,
                counting: Counting = DEFAULT_COUNTING) -> pd.DataFrame:
    """Dated events with a coded source (optionally only those whose source or target is in
    ``codes``), of those that ``counting`` counts (by default: asserted, confident, no statements)."""
    where, params = date_range(since, until, "e.event_date")
    where += ["e.event_date IS NOT NULL", "e.source_code IS NOT NULL"]
    more, more_params = counting.where("e", imported=has_table(store.con, "imported"))
    where += more
    params += more_params
    if codes:
        where.append("(e.source_code IN (SELECT unnest(?)) OR e.target_code IN (SELECT unnest(?)))")
        params += [list(codes), list(codes)]
    sql = (f"SELECT {_COLUMNS} FROM events e LEFT JOIN articles a USING (article_id) "
           f"LEFT JOIN stories s ON s.story_id = coalesce(a.story_id, a.article_id) "
           f"WHERE {' AND '.join(where)} ORDER BY e.event_date, e.event_id")
    df = store.con.execute(sql, params).df()
    df["event_date"] = pd.to_datetime(df["event_date"])
    df["published"] = pd.to_datetime(df["published"])
    df["outlet"] = df["publisher"].fillna(df["url"].str.extract(r"^[a-z]+://([^/]+)", expand=False)).fillna("unknown")
    return df


def period_index(start: pd.Timestamp, end: pd.Timestamp, freq: str) -> pd.DatetimeIndex:
    """All periods from the one holding ``start`` to the one holding ``end``."""
    f = FREQS[freq]
    first = start.to_period(_PERIOD[freq]).start_time
    return pd.date_range(first, end, freq=f if freq != "week" else "W-MON")


_PERIOD = {"day": "D", "week": "W-SUN", "month": "M"}
