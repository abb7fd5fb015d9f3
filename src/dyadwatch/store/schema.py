"""Table definitions of the DuckDB store, and how an Event becomes a row."""

from __future__ import annotations

import json

from ..records import ActorRef, Event

SCHEMA_VERSION = 2

ARTICLES = """
CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR PRIMARY KEY,
    url          VARCHAR,
    title        VARCHAR,
    publisher    VARCHAR,
    published    DATE,
    origin       VARCHAR,
    text         VARCHAR NOT NULL,
    n_sentences  INTEGER,
    n_parsed     INTEGER,
    n_events     INTEGER,
    coded_at     TIMESTAMP DEFAULT current_timestamp
)"""

_ACTOR_COLS = ["text", "code", "sector", "actor_id", "kind", "start", "end", "via"]
_ACTOR_TYPES = ["VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER", "INTEGER", "VARCHAR"]

EVENT_COLUMNS: list[tuple[str, str]] = [
    # unique, but not a PRIMARY KEY: see KEYED_BY_ANTI_JOIN
    ("event_id", "VARCHAR NOT NULL"),
    ("article_id", "VARCHAR NOT NULL"),
    ("url", "VARCHAR"),
    ("event_date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("sentence_start", "INTEGER"),
    ("sentence_end", "INTEGER"),
    ("sentence", "VARCHAR"),
    *[(f"source_{c}", t) for c, t in zip(_ACTOR_COLS, _ACTOR_TYPES)],
    *[(f"target_{c}", t) for c, t in zip(_ACTOR_COLS, _ACTOR_TYPES)],
    ("cameo", "VARCHAR NOT NULL"),
    ("cameo_root", "VARCHAR NOT NULL"),
    ("cameo_name", "VARCHAR"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("quad_class", "TINYINT"),
    ("goldstein", "DOUBLE"),
    ("negated", "BOOLEAN"),
    ("mood", "VARCHAR"),
    ("reported_by_text", "VARCHAR"),
    ("reported_by_code", "VARCHAR"),
    ("trigger_text", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("pattern", "VARCHAR"),
    ("confidence", "DOUBLE"),
    ("coder_version", "VARCHAR"),
    ("dictionary_version", "VARCHAR"),
    ("notes", "VARCHAR"),
    # where it happened (geo.locate); empty where the text supports no place
    ("location_text", "VARCHAR"),
    ("location_start", "INTEGER"),
    ("location_end", "INTEGER"),
    ("location_id", "BIGINT"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"),
    ("lat", "DOUBLE"),
    ("lon", "DOUBLE"),
    ("location_precision", "VARCHAR"),
    ("location_via", "VARCHAR"),
]

#: the location columns, added to a store made before them (MIGRATIONS)
LOCATION_COLUMNS = [c for c in EVENT_COLUMNS if c[0].startswith("location_") or c[0] in ("lat", "lon")]

EVENTS = "CREATE TABLE IF NOT EXISTS events (\n    " + ",\n    ".join(f'"{n}" {t}' for n, t in EVENT_COLUMNS) + "\n)"

QUARANTINE = """
CREATE TABLE IF NOT EXISTS quarantine (
    rejection_id VARCHAR PRIMARY KEY,
    origin       VARCHAR NOT NULL,
    reason       VARCHAR NOT NULL,
    detail       VARCHAR,
    raw          BLOB,
    size_bytes   BIGINT,
    created_at   TIMESTAMP DEFAULT current_timestamp
)"""

META = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)
"""

#: run state that must survive an interrupted run
STATE = """
CREATE TABLE IF NOT EXISTS state (key VARCHAR PRIMARY KEY, value BLOB)
"""

#: the duplicate-story index (ingest/dedup.py): each article's MinHash signature and story,
#: and its LSH band keys; kept here, not in memory, so a run's memory does not grow with it
STORY_SIGNATURES = """
CREATE TABLE IF NOT EXISTS story_signatures (article_id VARCHAR NOT NULL, story_id VARCHAR NOT NULL, signature BLOB NOT NULL)
"""
STORY_BANDS = """
CREATE TABLE IF NOT EXISTS story_bands (band BIGINT NOT NULL, article_id VARCHAR NOT NULL)
"""

#: ``events`` (and the importer's ``imported``) are kept one row per ``event_id`` without a
#: PRIMARY KEY or any other index: DuckDB holds an index (an ART) whole in memory, so a store's
#: memory grew with its events (inserting 1,000,000 events and their ``imported`` rows left 135 MiB
#: of indexes; under a limit of 128 MB it failed at a checkpoint). Every insert into them goes
#: through :func:`dyadwatch.store.duck.insert_new` instead, which keeps one row per id of a batch
#: and leaves out the ids already stored (an anti-join that DuckDB runs, and spills, within its
#: memory limit). The price: a lookup of one event by id scans the column (11 ms at 1,000,000
#: events, 1.6 ms with the key), and each insert scans the stored ids. A store made before keeps
#: its primary key; the same insert works on it. (docs/datasets.md, "Speed", has the figures.)
KEYED_BY_ANTI_JOIN = {"events": "event_id", "imported": "event_id"}

#: the secondary indexes stores made before had on ``events`` ("events_dyad" on (source_code,
#: target_code, event_date), "events_article" on article_id): at 1,000,000 events the first made
#: a dyad's events no faster (84 ms with it, 78 without), the second a lookup by article 1.6 ms
#: instead of 3.1, and both were memory held for the whole store; dropped on opening
DROPPED_INDEXES = ["events_dyad", "events_article"]

MIGRATIONS = [
    "ALTER TABLE articles ADD COLUMN IF NOT EXISTS story_id VARCHAR",
    *[f'ALTER TABLE events ADD COLUMN IF NOT EXISTS "{n}" {t}' for n, t in LOCATION_COLUMNS],
    *[f"DROP INDEX IF EXISTS {name}" for name in DROPPED_INDEXES],
]

#: one row per story: the articles and outlets that carried it (GDELT's NumArticles, NumSources)
STORIES_VIEW = """
CREATE OR REPLACE VIEW stories AS
SELECT coalesce(story_id, article_id) AS story_id, count(*) AS n_articles,
       count(DISTINCT coalesce(publisher, regexp_extract(url, '^[a-z]+://([^/]+)', 1), origin)) AS n_outlets,
       min(published) AS first_published
FROM articles GROUP BY 1
"""


def _actor(prefix: str, a: ActorRef | None) -> dict[str, object]:
    if a is None:
        return {f"{prefix}_{c}": None for c in _ACTOR_COLS}
    return {f"{prefix}_{c}": getattr(a, c) for c in _ACTOR_COLS}


def event_row(e: Event) -> dict[str, object]:
    row: dict[str, object] = {
        "event_id": e.event_id,
        "article_id": e.article_id,
        "url": e.url,
        "event_date": e.event_date,
        "date_precision": e.date_precision,
        "sentence_index": e.sentence_index,
        "sentence_start": e.sentence_start,
        "sentence_end": e.sentence_end,
        "sentence": e.sentence,
    }
    row.update(_actor("source", e.source))
    row.update(_actor("target", e.target))
    row.update(
        {
            "cameo": e.cameo,
            "cameo_root": e.cameo_root,
            "cameo_name": e.cameo_name,
            "plover_type": e.plover_type,
            "plover_mode": e.plover_mode,
            "quad_class": e.quad_class,
            "goldstein": e.goldstein,
            "negated": e.negated,
            "mood": e.mood,
            "reported_by_text": e.reported_by.text if e.reported_by else None,
            "reported_by_code": e.reported_by.code if e.reported_by else None,
            "trigger_text": e.trigger_text,
            "trigger_start": e.trigger_start,
            "trigger_end": e.trigger_end,
            "pattern": e.pattern,
            "confidence": e.confidence,
            "coder_version": e.coder_version,
            "dictionary_version": e.dictionary_version,
            "notes": json.dumps(list(e.notes)) if e.notes else None,
        }
    )
    row.update(_location(e))
    return row


def _location(e: Event) -> dict[str, object]:
    loc = e.location
    if loc is None:
        return {n: None for n, _ in LOCATION_COLUMNS} | {"location_precision": "none"}
    return {"location_text": loc.text, "location_start": loc.start, "location_end": loc.end, "location_id": loc.geonames_id,
            "location_name": loc.name, "location_country": loc.country, "location_admin1": loc.admin1, "lat": loc.lat,
            "lon": loc.lon, "location_precision": loc.precision, "location_via": loc.via}
