"""ACLED exports (the export tool's or the API's ``*.csv``): comma-separated with quoting and a header.

Columns used (by name): event_id_cnty, event_date (2023-02-16, or 16 February 2023 in older
exports), time_precision (1 day, 2 week, 3 month), event_type, sub_event_type, actor1,
assoc_actor_1, inter1, actor2, assoc_actor_2, inter2, interaction, iso (ISO 3166 numeric),
country, admin1, admin2, location, latitude, longitude, source, notes, fatalities.

- The event's PLOVER type, mode and CAMEO code come from ``data/acled_events.tsv``; a sub-event
  type that is no interaction between two parties is skipped (counted, not quarantined).
- actor1 is read as the source, actor2 as the target (ACLED says they imply no direction).
- An actor's country is the country its name gives ("Military Forces of Russia (2000-)"), else,
  for every actor type but external forces (inter 8), the event's country; its sector comes
  from its inter code (``data/acled_actors.tsv``).
- fatalities: 0 is kept as 0, an empty field as unknown (NULL).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from ..records import ActorRef, Rejection
from .countries import iso3, iso3_numeric
from .events import actor, make_event, place
from .fields import Imported, RowError, Skipped, parse_date, to_float, to_int
from .mapping import acled_event, acled_sector
from .rows import FileError, Header, Line, Parsed, cell, csv_lines, map_lines

__all__ = ["read_acled"]

_OF_COUNTRY = re.compile(r"\b(?:of|in)\s+(?:the\s+)?([A-Z][^()]*?)\s*(?:\(|$)")
_PRECISION = {"1": "day", "2": "week", "3": "month"}
#: geo_precision → location precision (1 the place itself, 2 near it or a part of a region, 3 a larger region)
_GEO_PRECISION = {"1": "place", "2": "place", "3": "admin1"}


def _country_in_name(name: str) -> str | None:
    m = _OF_COUNTRY.search(name)
    return iso3(m.group(1)) if m else None


def _side(h: Header, f: list[str], n: int, event_country: str | None) -> ActorRef | None:
    name = cell(f, h.find(f"actor{n}"))
    if not name:
        return None
    inter = cell(f, h.find(f"inter{n}"))
    code = _country_in_name(name)
    if code is None and acled_sector(inter) is not None:
        code = event_country
    return actor(name, code, acled_sector(inter), "country" if code else "group")


def _row(h: Header):
    def row(ln: Line) -> Imported | Skipped:
        f = ln.fields
        h.check_width(f)
        eid = cell(f, h.find("event_id_cnty"))
        if not eid:
            raise RowError("no event_id_cnty")
        when = parse_date(cell(f, h.find("event_date")), "event_date")
        etype, sub = cell(f, h.find("event_type")), cell(f, h.find("sub_event_type"))
        mapped = acled_event(etype, sub)
        if mapped is None:
            if not etype:
                raise RowError("no event_type")
            return Skipped(f"{etype}: {sub}")
        country = iso3_numeric(cell(f, h.find("iso"))) or iso3(cell(f, h.find("country")))
        fatalities = to_int(cell(f, h.find("fatalities")), "fatalities")
        if fatalities is not None and fatalities < 0:
            raise RowError("bad fatalities", repr(fatalities))
        where = place(cell(f, h.find("location")), country, cell(f, h.find("admin1")),
                      to_float(cell(f, h.find("latitude")), "latitude"), to_float(cell(f, h.find("longitude")), "longitude"),
                      _GEO_PRECISION.get(cell(f, h.find("geo_precision"))))
        ev = make_event(origin="acled", dataset_id=eid, story_id=None, event_date=when,
                        source=_side(h, f, 1, country), target=_side(h, f, 2, country), cameo=mapped["cameo"],
                        plover_type=mapped["plover_type"], plover_mode=mapped["plover_mode"] or None,
                        quad_class=None if mapped["cameo"] else int(mapped["quad_class"]),
                        precision=_PRECISION.get(cell(f, h.find("time_precision")), "day"),
                        text=cell(f, h.find("notes")), version="acled", location=where)
        extra = {
            "fatalities": fatalities,
            "event_type": etype, "sub_event_type": sub,
            "interaction": cell(f, h.find("interaction")) or None,
            "assoc_actor_1": cell(f, h.find("assoc_actor_1")) or None,
            "assoc_actor_2": cell(f, h.find("assoc_actor_2")) or None,
            "publisher": cell(f, h.find("source")) or None,
            "admin2": cell(f, h.find("admin2")) or None,
        }
        return Imported(ev, "acled", eid, None, extra)

    return row


def read_acled(path: Path) -> Iterator[Parsed]:
    """Events of an ACLED CSV export; the header line names the columns."""
    lines = csv_lines(path)
    for first in lines:
        if isinstance(first, Rejection):
            yield first
            continue
        h = Header(first.fields)
        for col in ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1"):
            h.require("an ACLED export", col)
        yield from map_lines(lines, _row(h))
        return
    raise FileError("empty file")
