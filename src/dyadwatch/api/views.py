"""From rows and analysis results to response models."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import pandas as pd

from ..analysis.asof import resolve_as_of
from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..analysis.frame import load_events
from ..analysis.mixed import MixedSignal, mixed_signals
from ..analysis.relation import NotEnoughData, change_points, relation_index
from ..analysis.series import dyad_events, dyad_series
from ..analysis.signals import deadlines
from . import models
from .db import CursorView
from .queries import dyad_frame

__all__ = ["series", "event_detail", "signals", "deadline_list"]


def _period_end(start: pd.Timestamp, per: str) -> date:
    if per == "day":
        return start.date()
    if per == "week":
        return (start + pd.Timedelta(days=6)).date()
    return (start + pd.offsets.MonthEnd(0)).date()


def _num(x: object) -> float | None:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else float(x)  # type: ignore[arg-type]


#: the columns mixed_signals reads; a narrow frame makes its row loops several times faster
_MIXED_COLUMNS = ["event_id", "event_date", "source_code", "target_code", "source_actor_id", "source_sector", "quad_class", "goldstein"]


def series(cur: duckdb.DuckDBPyConnection, source: str, target: str, per: str, since: date | None,
           until: date | None, counting: Counting = DEFAULT_COUNTING) -> models.Series:
    """Counts per quad class, Goldstein, the relation index with its band, change points and
    mixed-signal windows of one directed dyad, one row per period (of the events ``counting`` counts)."""
    df = dyad_frame(cur, source, target, since, until, counting)
    if df.empty:
        return models.Series(source=source, target=target, per=per, events=0, periods=[], change_points=[],
                             change_points_note="no events", mixed_signals=[])
    table = dyad_series(df, source, target, per, start=pd.Timestamp(since) if since else None,
                        end=pd.Timestamp(until) if until else None)
    index = {p.period: p for p in relation_index(df, source, target, per)}
    periods = []
    for row in table.itertuples():
        start = row.Index
        point = index.get(start)
        periods.append(models.Period(
            start=start.date(), end=_period_end(start, per), n=int(row.n), q1=int(row.q1), q2=int(row.q2),
            q3=int(row.q3), q4=int(row.q4), goldstein_sum=round(float(row.goldstein_sum), 3),
            goldstein_mean=_num(row.goldstein_mean),
            index=point.index if point else None, low=point.low if point else None, high=point.high if point else None,
        ))
    found = change_points(df, source, target, per)
    changes, note = ([], found.reason) if isinstance(found, NotEnoughData) else (found, None)
    return models.Series(
        source=source, target=target, per=per, events=len(df), periods=periods,
        change_points=[models.ChangePointOut(since=c.since.date(), direction=c.direction, before=c.before, after=c.after,
                                             p_value=c.p_value, n_before=c.n_before, n_after=c.n_after,
                                             description=c.describe()) for c in changes],
        change_points_note=note,
        mixed_signals=[models.MixedWindow(start=m.start.date(), end=m.end.date(), index=m.index, cooperative=len(m.cooperative),
                                          conflictual=len(m.conflictual), description=m.describe())
                       for m in sorted(mixed_signals(df[_MIXED_COLUMNS], source, target), key=lambda m: m.start)],
    )


def _within(sentence: str, offset: int, text: object, start: object, end: object) -> tuple[int, int] | None:
    """Article offsets → sentence offsets, only when they slice the sentence to ``text``."""
    if not isinstance(start, int) or not isinstance(end, int):
        return None
    s, e = start - offset, end - offset
    if 0 <= s <= e <= len(sentence) and sentence[s:e] == text:
        return s, e
    return None


def _actor(row: dict[str, object], prefix: str) -> models.Actor | None:
    text = row[f"{prefix}_text"]
    if text is None:
        return None
    span = _within(row["sentence"] or "", row["sentence_start"] or 0, text, row[f"{prefix}_start"], row[f"{prefix}_end"])
    return models.Actor(text=str(text), start=span[0] if span else None, end=span[1] if span else None,
                        code=row[f"{prefix}_code"], sector=row[f"{prefix}_sector"], kind=row[f"{prefix}_kind"],
                        via=row[f"{prefix}_via"])


def event_detail(row: dict[str, object]) -> models.EventDetail:
    sentence = str(row["sentence"] or "")
    trigger = None
    if row["trigger_text"] is not None:
        span = _within(sentence, row["sentence_start"] or 0, row["trigger_text"], row["trigger_start"], row["trigger_end"])
        trigger = models.Span(text=str(row["trigger_text"]), start=span[0] if span else None, end=span[1] if span else None)
    return models.EventDetail(
        **{k: row[k] for k in ("event_id", "article_id", "event_date", "date_precision", "url", "article_title", "publisher",
                               "sentence_index", "cameo", "cameo_root", "cameo_name", "plover_type", "plover_mode",
                               "quad_class", "goldstein", "pattern", "confidence", "notes", "coder_version",
                               "dictionary_version")},
        sentence=sentence, source=_actor(row, "source"), target=_actor(row, "target"), trigger=trigger,
        modality=models.Modality(mood=row["mood"], negated=row["negated"], reported_by_text=row["reported_by_text"],
                                 reported_by_code=row["reported_by_code"]),
        location=_location(row),
    )


def _location(row: dict[str, object]) -> models.Location | None:
    """The event's place, or None where the locator found none."""
    if not (row.get("location_name") or row.get("location_country")):
        return None
    return models.Location(**{k: row.get(f"location_{k}") for k in ("text", "name", "country", "admin1", "precision", "via")},
                           lat=row.get("lat"), lon=row.get("lon"))


def _signal_events(ev: pd.DataFrame) -> list[models.SignalEvent]:
    return [
        models.SignalEvent(event_id=r.event_id, event_date=r.event_date.date(), source_code=r.source_code,
                           target_code=r.target_code if isinstance(r.target_code, str) else None, cameo=r.cameo,
                           cameo_name=r.cameo_name if isinstance(r.cameo_name, str) else None, quad_class=int(r.quad_class),
                           goldstein=float(r.goldstein), trigger_text=r.trigger_text if isinstance(r.trigger_text, str) else None,
                           sentence=r.sentence)
        for r in ev.itertuples()
    ]


def _signal(m: MixedSignal) -> models.Signal:
    return models.Signal(source=m.source, target=m.target, start=m.start.date(), end=m.end.date(), index=m.index,
                         speakers_cooperative=list(m.speakers_coop), speakers_conflictual=list(m.speakers_conflict),
                         description=m.describe(), cooperative=_signal_events(m.cooperative),
                         conflictual=_signal_events(m.conflictual))


def signals(cur: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None, since: date | None,
            until: date | None, counting: Counting = DEFAULT_COUNTING) -> list[models.Signal]:
    """Mixed-signal windows (of one directed dyad, or of every dyad), strongest first."""
    df = load_events(CursorView(cur), since, until, codes=dyad, counting=counting)  # type: ignore[arg-type]
    found = mixed_signals(df, *(dyad or (None, None)))
    return [_signal(m) for m in found]


def deadline_list(cur: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None, since: date | None, until: date | None,
                  as_of: date | None, counting: Counting = DEFAULT_COUNTING) -> models.Deadlines:
    """Deadlines and ultimatums (between the two sides of a dyad, either direction, or all),
    counted down from ``as_of`` (default: the latest article date of the selection)."""
    df = load_events(CursorView(cur), since, until, codes=dyad, counting=counting)  # type: ignore[arg-type]
    if dyad:
        a, b = dyad
        df = dyad_events(df, a, b, undirected=True)
    # (the wall clock only where there is nothing to count down from)
    as_of = resolve_as_of(df, as_of) or date.today()
    items = [
        models.DeadlineOut(source=d.source, target=d.target, due=d.due, text=d.text, kind=d.kind, precision=d.precision,
                           status=d.status(as_of), days_left=(d.due - as_of).days, open=d.is_open(as_of),
                           event_id=d.event_id, cameo=d.cameo, sentence=d.sentence, published=d.published, url=d.url)
        for d in deadlines(df)
    ]
    return models.Deadlines(as_of=as_of, items=items)
