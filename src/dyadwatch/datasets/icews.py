"""ICEWS coded event data (Harvard Dataverse, doi:10.7910/DVN/28075): ``events.2019.*.tab`` and
the weekly ``*.tab`` / ``.tsv`` files, tab-separated with a header line.

Columns (read by name, so their order may differ): Event ID, Event Date, Source Name, Source
Sectors, Source Country, Event Text, CAMEO Code, Intensity, Target Name, Target Sectors, Target
Country, Story ID, Sentence Number, Publisher, City, District, Province, Country, Latitude, Longitude.

- CAMEO Code drops leading zeros ("42" for 042, "231" for 0231): it is padded back.
- "Event ID" alone is not unique (the same id recurs with another Event Date); the event is
  keyed by Event ID and Event Date.
- Sectors are a list ("Government,Executive,Executive Office", ';' in some files): the CAMEO
  sector is the first listed in ``data/icews_sectors.tsv`` order. An actor whose name is its
  country ("China") is the state itself: the country with no sector. An actor with no country
  whose name is an IGO's in the project's table (actors/data/igos.tsv: "United Nations") takes its code.
- Intensity is ICEWS's Goldstein-scale value and is taken as the event's Goldstein value.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import ActorRef, Rejection
from .countries import igo, iso3
from .events import actor, make_event, place
from .fields import Imported, RowError, parse_date, to_float, to_int
from .mapping import cameo_code, icews_sector
from .rows import FileError, Header, Line, Parsed, cell, map_lines, tsv_lines

__all__ = ["read_icews", "ICEWS_COLUMNS"]

ICEWS_COLUMNS = ("Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
                 "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
                 "City", "District", "Province", "Country", "Latitude", "Longitude")


def _side(h: Header, f: list[str], side: str) -> ActorRef | None:
    name = cell(f, h.find(f"{side} Name"))
    country_name = cell(f, h.find(f"{side} Country"))
    sectors = cell(f, h.find(f"{side} Sectors"))
    code = iso3(country_name)
    sector = icews_sector(sectors)
    if sector is None and name.split(" (")[0].strip().casefold() == "citizen":
        sector = "CVL"  # "Citizen (India)": ICEWS's unnamed people of a country
    if code is None and (org := igo(name)):
        return actor(name, org[0], sector or org[1], "igo")  # "United Nations": no country
    return actor(name, code, sector, "country" if code else None)


def _row(h: Header):
    def row(ln: Line) -> Imported:
        f = ln.fields
        h.check_width(f)
        eid = cell(f, h.find("Event ID"))
        if not eid:
            raise RowError("no Event ID")
        when = parse_date(cell(f, h.find("Event Date")), "Event Date")
        cameo = cameo_code(cell(f, h.find("CAMEO Code")))
        key = f"{eid}:{when.isoformat()}"
        story = cell(f, h.find("Story ID")) or None
        where = place(cell(f, h.find("City")) or cell(f, h.find("District")), iso3(cell(f, h.find("Country"))),
                      cell(f, h.find("Province")), to_float(cell(f, h.find("Latitude")), "Latitude"),
                      to_float(cell(f, h.find("Longitude")), "Longitude"))
        ev = make_event(origin="icews", dataset_id=key, story_id=story, event_date=when,
                        source=_side(h, f, "Source"), target=_side(h, f, "Target"), cameo=cameo,
                        goldstein=to_float(cell(f, h.find("Intensity")), "Intensity"), text="", version="icews",
                        location=where)
        extra = {
            "sentence_number": to_int(cell(f, h.find("Sentence Number")), "Sentence Number"),
            "publisher": cell(f, h.find("Publisher")) or None,
            "event_text": cell(f, h.find("Event Text")) or None,
        }
        return Imported(ev, "icews", key, story, extra)

    return row


def read_icews(path: Path) -> Iterator[Parsed]:
    """Events of an ICEWS event file; the header line names the columns."""
    lines = tsv_lines(path)
    for first in lines:
        if isinstance(first, Rejection):
            yield first
            continue
        h = Header(first.fields)
        for col in ("Event ID", "Event Date", "CAMEO Code"):
            h.require("an ICEWS event file", col)
        yield from map_lines(lines, _row(h))
        return
    raise FileError("empty file")
