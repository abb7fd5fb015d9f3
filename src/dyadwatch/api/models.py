"""Response models of the JSON API (pydantic lives only here, at the edge)."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    version: str
    articles: int
    events: int
    counting: str = Field(description="which events the dyads, series, signals and deadlines count "
                                      "(asserted, confident, no plain statements: dyadwatch.analysis.counting)")
    outlines: bool = Field(False, description="whether the Natural Earth country outlines (npm: world-atlas) are installed "
                                              "at /static/vendor/countries-110m.json")


class Unhealthy(BaseModel):
    status: str = Field(examples=["error"])
    version: str
    detail: str = Field(description="what is wrong with the store")


class Dyad(BaseModel):
    source: str
    target: str
    source_name: str | None = Field(None, description="the source's common name, e.g. North Korea")
    target_name: str | None = Field(None, description="the target's common name")
    events: int
    articles: int
    q1: int = Field(description="verbal cooperation")
    q2: int = Field(description="material cooperation")
    q3: int = Field(description="verbal conflict")
    q4: int = Field(description="material conflict")
    goldstein_sum: float
    goldstein_mean: float
    first: date | None
    last: date | None


class Period(BaseModel):
    start: date = Field(description="first day of the period")
    end: date = Field(description="last day of the period")
    n: int
    q1: int
    q2: int
    q3: int
    q4: int
    goldstein_sum: float
    goldstein_mean: float | None = Field(description="null: no events (not a neutral period)")
    index: float | None = Field(None, description="relation index (mean Goldstein); null without events")
    low: float | None = Field(None, description="2.5% bootstrap bound of the index")
    high: float | None = Field(None, description="97.5% bootstrap bound of the index")


class ChangePointOut(BaseModel):
    since: date
    direction: str
    before: float
    after: float
    p_value: float
    n_before: int
    n_after: int
    description: str


class MixedWindow(BaseModel):
    start: date
    end: date
    index: float
    cooperative: int
    conflictual: int
    description: str


class Series(BaseModel):
    source: str
    target: str
    per: str
    events: int
    periods: list[Period]
    change_points: list[ChangePointOut]
    change_points_note: str | None = Field(None, description="why no change points could be computed")
    mixed_signals: list[MixedWindow]


class Span(BaseModel):
    """Character offsets ``[start, end)`` within the event's sentence."""

    text: str
    start: int | None = Field(description="null when the span is not inside the sentence")
    end: int | None


class Actor(Span):
    code: str | None
    sector: str | None
    kind: str | None
    via: str | None


class EventSummary(BaseModel):
    event_id: str
    article_id: str
    event_date: date | None
    source_code: str | None
    source_text: str | None
    target_code: str | None
    target_text: str | None
    cameo: str
    cameo_name: str | None
    plover_type: str | None
    quad_class: int | None
    goldstein: float | None
    mood: str | None
    negated: bool | None
    trigger_text: str | None
    sentence: str | None
    location_name: str | None = Field(None, description="where it happened (a place, region or country)")
    location_country: str | None = Field(None, description="ISO 3166-1 alpha-3 code of where it happened")
    location_precision: str | None = Field(None, description="place, admin1, country or none")
    lat: float | None = Field(None, description="latitude (WGS 84); null unless located to a place or region")
    lon: float | None = Field(None, description="longitude (WGS 84)")


class EventPage(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[EventSummary]


class Location(BaseModel):
    """Where the event happened, and how that was found (``via``: clause, sentence, dateline, article)."""

    text: str | None
    name: str | None
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str | None
    via: str | None


class Modality(BaseModel):
    mood: str | None
    negated: bool | None
    reported_by_text: str | None
    reported_by_code: str | None


class EventDetail(BaseModel):
    event_id: str
    article_id: str
    event_date: date | None
    date_precision: str | None
    url: str | None
    article_title: str | None
    publisher: str | None
    sentence: str
    sentence_index: int | None
    source: Actor | None
    target: Actor | None
    trigger: Span | None
    cameo: str
    cameo_root: str
    cameo_name: str | None
    plover_type: str | None
    plover_mode: str | None
    quad_class: int | None
    goldstein: float | None
    pattern: str | None
    modality: Modality
    location: Location | None = Field(None, description="null where no place was found")
    confidence: float | None
    notes: list[str]
    coder_version: str | None
    dictionary_version: str | None


class Article(BaseModel):
    article_id: str
    url: str | None
    title: str | None
    publisher: str | None
    published: date | None
    origin: str | None
    text: str
    n_sentences: int | None
    n_events: int | None
    events: list[EventSummary]


class SignalEvent(BaseModel):
    event_id: str
    event_date: date
    source_code: str
    target_code: str | None
    cameo: str
    cameo_name: str | None
    quad_class: int
    goldstein: float
    trigger_text: str | None
    sentence: str


class Signal(BaseModel):
    source: str
    target: str
    start: date
    end: date
    index: float = Field(description="2·min(C, K)/(C + K) over summed |Goldstein|")
    speakers_cooperative: list[str]
    speakers_conflictual: list[str]
    description: str
    cooperative: list[SignalEvent]
    conflictual: list[SignalEvent]


class DeadlineOut(BaseModel):
    source: str | None
    target: str | None
    due: date
    text: str
    kind: str
    precision: str
    status: str = Field(examples=["open: 3 day(s) left", "expired 2 day(s) ago"])
    days_left: int = Field(description="negative once expired")
    open: bool
    event_id: str
    cameo: str
    sentence: str
    published: date
    url: str | None


class Deadlines(BaseModel):
    as_of: date
    items: list[DeadlineOut]


class Origin(BaseModel):
    origin: str = Field(description="dyadwatch (coded here) or the dataset imported (gdelt, icews, polecat, phoenix, acled)")
    events: int = Field(description="events of this origin in the store (every stored one, whatever is counted)")


class Alert(BaseModel):
    alert_id: str
    rule: str = Field(description="the rule's name (dyadwatch watch --rules)")
    condition: str = Field(description="what the rule watches for, e.g. deterioration, deadline")
    source: str | None
    target: str | None
    source_name: str | None = None
    target_name: str | None = None
    subject: str = Field(description="what the alert is about (with the rule, its identity)")
    message: str = Field(description="what fired, in words")
    event_ids: list[str] = Field(description="the events behind it (open them with /api/events/{id})")
    as_of: date | None = Field(description="the day of the data it was found in")
    created_at: datetime | None = Field(description="when the watch wrote it")


class AlertPage(BaseModel):
    table: bool = Field(description="whether the store has an alerts table (false: dyadwatch watch never ran on it)")
    total: int
    limit: int
    offset: int
    items: list[Alert]


class Error(BaseModel):
    detail: str
