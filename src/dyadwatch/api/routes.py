"""The read-only JSON API under ``/api``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request, Response
from fastapi.responses import JSONResponse

from .. import __version__
from ..analysis.counting import DEFAULT_COUNTING
from ..analysis.dyads import parse_dyad
from ..datasets.compare import origins as store_origins
from ..errors import UsageError
from ..store.duck import has_table
from . import models, queries, views
from .alerts import AlertFilter, alert_page
from .db import CursorView
from .health import check_store
from .names import actor_name
from .params import (counting_of, parse_bbox, parse_code, parse_country, parse_date, parse_dyad_param, parse_origins,
                     parse_plover_type)

router = APIRouter(prefix="/api", responses={422: {"model": models.Error, "description": "a bad code, dyad, date or parameter"}})

Cursor = duckdb.DuckDBPyConnection
#: the country outlines npm installs (web/vendor.mjs); the dashboard draws the map without them where absent
OUTLINES = FilePath(__file__).parent / "static" / "vendor" / "countries-110m.json"


def readable(request: Request) -> None:
    """Data requests on a store that cannot be read whole fail at once, with what /api/health says."""
    problem = check_store(request.app.state.db)
    if problem is not None:
        raise HTTPException(500, f"{problem} (see /api/health)")


def cursor(request: Request) -> Iterator[Cursor]:
    """A read-only cursor for one request (the store is open only while requests read it)."""
    with request.app.state.db.cursor() as cur:
        yield cur


Cur = Annotated[Cursor, Depends(cursor)]
Since = Annotated[str | None, Query(description="first day, YYYY-MM-DD", examples=["2025-01-01"])]
Until = Annotated[str | None, Query(description="last day, YYYY-MM-DD", examples=["2025-03-31"])]
DyadQ = Annotated[str | None, Query(description="a directed dyad SOURCE:TARGET, e.g. USA:PRK")]
Per = Literal["day", "week", "month"]
OriginQ = Annotated[list[str] | None, Query(description="only events of this origin: dyadwatch (coded here) or an imported "
                                                        "dataset (gdelt, icews, polecat, phoenix, acled); repeatable")]
_READABLE = [Depends(readable)]
_NOT_FOUND = {404: {"model": models.Error, "description": "no such id"}}


@router.get("/health", response_model=models.Health, summary="Is the store readable?",
            responses={503: {"model": models.Unhealthy, "description": "the store cannot be read (damaged or truncated)"}})
def health(request: Request) -> Response | models.Health:
    """Reads every column of every table once after each write of the store, so a damaged store is
    reported here, not first by a failing data request. The store's path is not told."""
    problem = check_store(request.app.state.db)
    if problem is not None:
        return JSONResponse(models.Unhealthy(status="error", version=__version__, detail=problem).model_dump(), status_code=503)
    with request.app.state.db.cursor() as cur:
        counts = queries.store_counts(cur)
    return models.Health(status="ok", version=__version__, counting=DEFAULT_COUNTING.describe(), outlines=OUTLINES.is_file(),
                          **counts)


@router.get("/dyads", dependencies=_READABLE, response_model=list[models.Dyad], summary="The most active directed dyads")
def dyads(request: Request, since: Since = None, until: Until = None,
          limit: Annotated[int, Query(ge=1, le=1000, description="at most this many dyads")] = 50,
          min_events: Annotated[int, Query(ge=1)] = 1, origin: OriginQ = None) -> list[models.Dyad]:
    db = request.app.state.db
    rows = request.app.state.dyads.at(db.stamp(), parse_date(since, "since"), parse_date(until, "until"), min_events,
                                      parse_origins(origin))
    return [models.Dyad(source=d.source, target=d.target, source_name=actor_name(d.source), target_name=actor_name(d.target),
                        events=d.events, articles=d.articles, q1=d.q1, q2=d.q2, q3=d.q3,
                        q4=d.q4, goldstein_sum=d.goldstein_sum, goldstein_mean=d.goldstein_mean, first=d.first, last=d.last)
            for d in rows[:limit]]


@router.get("/dyads/{source}/{target}/series", dependencies=_READABLE, response_model=models.Series, summary="One directed dyad over time")
def dyad_series(request: Request, source: Annotated[str, Path(description="source actor code, e.g. USA")],
                target: Annotated[str, Path(description="target actor code, e.g. PRK")],
                per: Per = "week", since: Since = None, until: Until = None, origin: OriginQ = None) -> Response:
    """Counts per quad class, Goldstein sum and mean, the relation index (mean Goldstein) with a 95%
    bootstrap band, significant change points and mixed-signal windows, one row per period."""
    s, t = parse_dyad(f"{source}:{target}")
    db = request.app.state.db
    body = request.app.state.series.at(db.stamp(), s, t, per, parse_date(since, "since"), parse_date(until, "until"),
                                       parse_origins(origin))
    return Response(body, media_type="application/json")  # validated and serialised once, when cached


@router.get("/events", dependencies=_READABLE, response_model=models.EventPage, summary="Events, filtered and paged")
def events(cur: Cur, dyad: DyadQ = None,
           source: Annotated[str | None, Query(description="source actor code")] = None,
           target: Annotated[str | None, Query(description="target actor code")] = None,
           since: Since = None, until: Until = None,
           plover_type: Annotated[str | None, Query(description="PLOVER event type, e.g. THREATEN")] = None,
           quad_class: Annotated[int | None, Query(ge=1, le=4, description="1–4: verbal/material cooperation/conflict")] = None,
           q: Annotated[str | None, Query(max_length=200, description="text that the sentence contains (any case)")] = None,
           country: Annotated[str | None, Query(description="where it happened (ISO 3166-1 alpha-3), not who did it")] = None,
           bbox: Annotated[str | None, Query(description="west,south,east,north in degrees: events located inside the box")] = None,
           located: Annotated[bool, Query(description="only events with a position (lat/lon)")] = False,
           origin: OriginQ = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           offset: Annotated[int, Query(ge=0)] = 0) -> models.EventPage:
    pair = parse_dyad_param(dyad)
    if pair and (source or target):
        raise UsageError("give either dyad=SOURCE:TARGET or source/target, not both")
    src, tgt = pair or (parse_code(source, "source"), parse_code(target, "target"))
    origins = parse_origins(origin)
    f = queries.EventFilter(src, tgt, parse_date(since, "since"), parse_date(until, "until"), parse_plover_type(plover_type),
                            quad_class, q or None, parse_country(country), parse_bbox(bbox), located,
                            origins, bool(origins) and has_table(cur, "imported"))
    total = queries.count_events(cur, f)
    items = queries.list_events(cur, f, limit, offset, total) if offset < total else []
    return models.EventPage(total=total, limit=limit, offset=offset, items=[models.EventSummary(**r) for r in items])


@router.get("/events/{event_id}", dependencies=_READABLE, response_model=models.EventDetail, responses=_NOT_FOUND, summary="One event, and why it was coded")
def event(cur: Cur, event_id: str) -> models.EventDetail:
    """The event with its sentence; actor and trigger spans are offsets within ``sentence``
    (null where a span lies outside it, e.g. an actor carried over from an earlier sentence)."""
    row = queries.get_event(cur, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return views.event_detail(row)


@router.get("/articles/{article_id}", dependencies=_READABLE, response_model=models.Article, responses=_NOT_FOUND, summary="One article with its events")
def article(cur: Cur, article_id: str) -> models.Article:
    row = queries.get_article(cur, article_id)
    if row is None:
        raise HTTPException(404, f"no article {article_id!r}")
    evs = [models.EventSummary(**r) for r in queries.article_events(cur, article_id)]
    return models.Article(**row, events=evs)


@router.get("/signals", dependencies=_READABLE, response_model=list[models.Signal], summary="Mixed-signal windows with their events")
def signals(cur: Cur, dyad: DyadQ = None, since: Since = None, until: Until = None, origin: OriginQ = None) -> list[models.Signal]:
    return views.signals(cur, parse_dyad_param(dyad), parse_date(since, "since"), parse_date(until, "until"),
                         counting_of(parse_origins(origin)))


@router.get("/deadlines", dependencies=_READABLE, response_model=models.Deadlines, summary="Deadlines and ultimatums with a countdown")
def deadlines(cur: Cur, dyad: Annotated[str | None, Query(description="A:B: deadlines between A and B, either direction")] = None,
              since: Since = None, until: Until = None,
              as_of: Annotated[str | None, Query(description="count down from this day (default: the latest article date of the selection)")] = None,
              origin: OriginQ = None) -> models.Deadlines:
    day = parse_date(as_of, "as_of")
    return views.deadline_list(cur, parse_dyad_param(dyad), parse_date(since, "since"), parse_date(until, "until"), day,
                               counting_of(parse_origins(origin)))


@router.get("/origins", dependencies=_READABLE, response_model=list[models.Origin], summary="The origins of the store's events")
def origin_list(cur: Cur) -> list[models.Origin]:
    """``dyadwatch`` for the events coded here, a dataset's name for those imported from it; the
    ``origin`` parameter of the other endpoints takes these."""
    return [models.Origin(origin=o, events=n) for o, n in store_origins(CursorView(cur)).items()]  # type: ignore[arg-type]


@router.get("/alerts", dependencies=_READABLE, response_model=models.AlertPage, summary="The alerts dyadwatch watch wrote, newest first")
def alerts(cur: Cur, dyad: Annotated[str | None, Query(description="A:B: alerts about A and B, either direction")] = None,
           since: Annotated[str | None, Query(description="alerts about data of this day or later (YYYY-MM-DD)")] = None,
           limit: Annotated[int, Query(ge=1, le=500)] = 50,
           offset: Annotated[int, Query(ge=0)] = 0) -> models.AlertPage:
    """An empty page with ``table: false`` where no watch has written to the store."""
    f = AlertFilter(parse_dyad_param(dyad), parse_date(since, "since"))
    table, total, rows = alert_page(cur, f, limit, offset)
    items = [models.Alert(**r, source_name=actor_name(r["source"]), target_name=actor_name(r["target"])) for r in rows]  # type: ignore[arg-type]
    return models.AlertPage(table=table, total=total, limit=limit, offset=offset, items=items)
