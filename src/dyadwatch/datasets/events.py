"""How a dataset's row becomes the project's records: its actors (:class:`ActorRef`), its place
(:class:`EventLocation`) and the :class:`Event` itself, with a deterministic id."""

from __future__ import annotations

import hashlib
from datetime import date

from ..coding.codebook import Codebook
from ..records import ActorRef, Event, EventLocation
from .countries import iso3
from .fields import RowError

__all__ = ["actor", "place", "event_id_for", "make_event"]


def actor(name: str | None, code: str | None, sector: str | None, kind: str | None = None) -> ActorRef | None:
    """An actor as a dataset gives it (no span in a text: ``start`` and ``end`` are 0); None where
    the dataset names no actor at all."""
    name = (name or "").strip()
    code = (code or "").strip() or None
    sector = (sector or "").strip() or None
    if not (name or code or sector):
        return None
    if kind is None:
        kind = "country" if code and iso3(code) == code else ("agent" if sector and not code else ("group" if code else "unknown"))
    return ActorRef(text=name or code or sector or "", code=code, sector=sector, actor_id=None, kind=kind,
                    start=0, end=0, via="dataset")


def place(name: str | None, country: str | None, admin1: str | None = None, lat: float | None = None,
          lon: float | None = None, precision: str | None = None, geonames_id: int | None = None) -> EventLocation | None:
    """Where an event happened, as the dataset gives it (``via`` "dataset", no span in a text), or
    None where it gives nothing. ``precision`` ("place", "admin1", "country") defaults to the
    finest level given; coordinates out of range are a :class:`RowError`."""
    name, admin1 = (name or "").strip() or None, (admin1 or "").strip() or None
    if (lat is None) != (lon is None):
        raise RowError("latitude without longitude" if lon is None else "longitude without latitude")
    if lat is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):  # type: ignore[operator]
        raise RowError("coordinates out of range", f"{lat}, {lon}")
    if not (name or admin1 or country or lat is not None):
        return None
    level = precision or ("place" if name else "admin1" if admin1 else "country")
    label = name or admin1 or country or ""
    return EventLocation(text=label, start=None, end=None, geonames_id=geonames_id, name=label,
                         country=country, admin1=admin1, lat=lat, lon=lon, precision=level, via="dataset")  # type: ignore[arg-type]


def event_id_for(origin: str, dataset_id: str) -> str:
    """The event id of a dataset's event: the same dataset id gives the same event, so a re-import changes nothing."""
    return hashlib.sha256(f"{origin}\0{dataset_id}".encode("utf-8")).hexdigest()[:20]


def make_event(
    *, origin: str, dataset_id: str, story_id: str | None, event_date: date, source: ActorRef | None,
    target: ActorRef | None, cameo: str, plover_type: str | None = None, plover_mode: str | None = None,
    quad_class: int | None = None, goldstein: float | None = None, url: str | None = None, text: str = "",
    precision: str = "day", version: str = "", location: EventLocation | None = None,
) -> Event:
    """An :class:`Event` for a dataset's row. Quad class, Goldstein value, PLOVER type and mode come
    from the codebook where the dataset lacks them; an imported event is ``asserted`` with
    confidence 1 (the dataset's own coding is taken as it is), and its pattern names the dataset."""
    cb = Codebook.bundled()
    entry = cb.codes.get(cameo) if cameo else None
    quad = quad_class if quad_class is not None else (entry.quad_class if entry else None)
    if quad is None:
        raise RowError("no quad class", f"CAMEO {cameo!r}, PLOVER {plover_type!r}")
    return Event(
        event_id=event_id_for(origin, dataset_id),
        article_id=f"{origin}:{story_id or dataset_id}",
        sentence_index=0, sentence_start=0, sentence_end=len(text), sentence=text,
        event_date=event_date, date_precision=precision,
        source=source, target=target,
        cameo=cameo, cameo_root=cameo[:2], cameo_name=entry.name if entry else "",
        plover_type=plover_type or (entry.plover_type if entry else None),
        plover_mode=plover_mode or (entry.plover_mode if entry else None),
        quad_class=quad,
        goldstein=goldstein if goldstein is not None else (entry.goldstein if entry else None),  # type: ignore[arg-type]
        negated=False, mood="asserted", reported_by=None,
        trigger_text="", trigger_start=0, trigger_end=0,
        pattern=f"import:{origin}", confidence=1.0,
        coder_version=version or origin, dictionary_version="",
        url=url or None,
        location=location,
    )
