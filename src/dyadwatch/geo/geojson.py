"""Events as GeoJSON (RFC 7946): one Feature per event, a Point at its place, the event record
as its properties. An event located only to a country, or not at all, has a null geometry (RFC
7946 §3.2): no point is made up for it."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date, datetime

__all__ = ["feature", "feature_collection", "iter_geojson"]


def _plain(v: object) -> object:
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    return v


def feature(row: dict[str, object]) -> dict[str, object]:
    """One event row (a dict of the events table) as a GeoJSON Feature."""
    lat, lon = row.get("lat"), row.get("lon")
    geometry = {"type": "Point", "coordinates": [float(lon), float(lat)]} if lat is not None and lon is not None else None
    return {"type": "Feature", "id": row.get("event_id"), "geometry": geometry,
            "properties": {k: _plain(v) for k, v in row.items()}}


def iter_geojson(rows: Iterable[dict[str, object]]) -> Iterator[str]:
    """A FeatureCollection written piece by piece (no list of every event held as text)."""
    yield '{"type": "FeatureCollection", "features": ['
    for i, row in enumerate(rows):
        yield ("," if i else "") + "\n" + json.dumps(feature(row), ensure_ascii=False)
    yield "\n]}\n"


def feature_collection(rows: Iterable[dict[str, object]]) -> dict[str, object]:
    return {"type": "FeatureCollection", "features": [feature(r) for r in rows]}
