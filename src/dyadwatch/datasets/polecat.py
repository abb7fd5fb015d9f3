"""POLECAT (PLOVER-coded events, Harvard Dataverse): the weekly ``ngecEvents.*.txt`` files,
tab-separated with a header line.

Columns are read by name, and each is looked for under the names POLECAT's files and its users'
conversions give it: the event (Event ID, Event Date, Event Type, Event Mode, Contexts, Event
Intensity, Quad Code), the actor (Actor Name, Actor Country, Primary Actor Sector; also Source …),
the recipient (Recipient Name, Recipient Country, Primary Recipient Sector; also Target …), the
story (Story ID, Source / Publisher, Publication Date) and the place (Placename, State, Country,
Latitude, Longitude, GeoNames ID). Some published files have a header with excess names or
excess empty columns; trailing empty fields are ignored.

The event keeps its PLOVER type and mode; its CAMEO code comes from ``data/plover_cameo.tsv``
(empty where the codebook gives none). The quad class is POLECAT's own Quad Code where the row
has one (1–4, or its name), else the mapping's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..coding.codebook import PLOVER_TYPES
from ..records import ActorRef, Rejection
from .countries import igo, iso3
from .events import actor, make_event, place
from .fields import Imported, RowError, parse_date, to_float
from .mapping import QUADS, icews_sector, plover_to_cameo
from .rows import FileError, Header, Line, Parsed, cell, map_lines, tsv_lines

__all__ = ["read_polecat"]

#: POLECAT's PLOVER names that the project's codebook spells otherwise (the older PLOVER categories)
_TYPE_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

_SIDES = {
    "actor": (("Actor Name", "Source Actor", "Source Name", "Actor"), ("Actor Country", "Source Country"),
              ("Primary Actor Sector", "Actor Sector", "Source Agent", "Source Sector", "Actor Sectors")),
    "recipient": (("Recipient Name", "Target Actor", "Target Name", "Recipient"), ("Recipient Country", "Target Country"),
                  ("Primary Recipient Sector", "Recipient Sector", "Target Agent", "Target Sector", "Recipient Sectors")),
}


def _sector(raw: str) -> str | None:
    """A CAMEO sector: the first three-letter code of the field ("GOV", "MIL;GOV"), else the
    sector of the names it lists, read as ICEWS's ("Military")."""
    codes = [p.strip() for p in raw.replace(",", ";").split(";") if p.strip()]
    if codes and all(len(c) == 3 and c.isalpha() for c in codes):
        return codes[0].upper()
    return icews_sector(raw)


def _side(h: Header, f: list[str], side: str) -> ActorRef | None:
    names, countries, sectors = _SIDES[side]
    country = cell(f, h.find(*countries))
    name, sector = cell(f, h.find(*names)), _sector(cell(f, h.find(*sectors)))
    code = iso3(country)
    if not country and (org := igo(name)):
        return actor(name, org[0], org[1] or sector, "igo")  # "UN Secretary-General": no country
    return actor(name, code or (country or None), sector, "country" if code else None)


def _quad(raw: str) -> int | None:
    v = raw.strip().casefold()
    if v in ("1", "2", "3", "4"):
        return int(v)
    return QUADS.get(" ".join(v.replace("_", " ").split()))


def _row(h: Header):
    def row(ln: Line) -> Imported:
        f = ln.fields
        h.check_width(f)
        eid = cell(f, h.find("Event ID", "id"))
        if not eid:
            raise RowError("no Event ID")
        when = parse_date(cell(f, h.find("Event Date", "Story Date", "Publication Date")), "Event Date")
        ptype = cell(f, h.find("Event Type")).upper()
        ptype = _TYPE_ALIASES.get(ptype, ptype)
        if ptype not in PLOVER_TYPES:
            raise RowError("unknown PLOVER event type" if ptype else "no Event Type", repr(ptype) if ptype else "")
        mode = cell(f, h.find("Event Mode", "Mode")).lower() or None
        cameo, quad = plover_to_cameo(ptype, mode)
        own_quad = _quad(cell(f, h.find("Quad Code", "Quad Class")))
        story = cell(f, h.find("Story ID")) or None
        geonames = cell(f, h.find("GeoNames ID", "Geonames ID"))
        where = place(cell(f, h.find("Placename", "Place Name", "City", "Raw Placename")),
                      iso3(cell(f, h.find("Country", "Location Country"))), cell(f, h.find("State", "Admin1", "Province")),
                      to_float(cell(f, h.find("Latitude", "Lat")), "Latitude"),
                      to_float(cell(f, h.find("Longitude", "Long", "Lon")), "Longitude"),
                      geonames_id=int(geonames) if geonames.isdigit() else None)
        ev = make_event(origin="polecat", dataset_id=eid, story_id=story, event_date=when,
                        source=_side(h, f, "actor"), target=_side(h, f, "recipient"), cameo=cameo,
                        plover_type=ptype, plover_mode=mode, quad_class=own_quad or quad,
                        url=cell(f, h.find("URL", "Url")) or None, version="polecat", location=where)
        extra = {
            "contexts": cell(f, h.find("Contexts", "Context")) or None,
            "intensity": to_float(cell(f, h.find("Event Intensity", "Intensity")), "Event Intensity"),
            "publisher": cell(f, h.find("Publisher", "Source")) or None,
            "place_code": geonames or None,
        }
        return Imported(ev, "polecat", eid, story, extra)

    return row


def read_polecat(path: Path) -> Iterator[Parsed]:
    """Events of a POLECAT weekly file; the header line names the columns."""
    lines = tsv_lines(path)
    for first in lines:
        if isinstance(first, Rejection):
            yield first
            continue
        fields = list(first.fields)
        while fields and not fields[-1].strip():
            fields.pop()  # a header with excess empty columns
        if fields and fields[0].startswith("#"):
            fields[0] = fields[0].lstrip("#!").strip()  # a header written as a comment ("#!Event ID …")
        h = Header(fields)
        h.require("a POLECAT event file", "Event ID")
        h.require("a POLECAT event file", "Event Type")
        yield from map_lines(lines, _row(h))
        return
    raise FileError("empty file")
