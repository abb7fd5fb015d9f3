"""GDELT event files: 2.0's 61-column export (``20250301000000.export.CSV.zip``) and 1.0's daily and
historical files (58 columns from April 2013, 57 before: no SOURCEURL).

Tab-separated, no header, no quoting. Columns 0–34 are the same in both versions (GLOBALEVENTID,
SQLDATE, MonthYear, Year, FractionDate, ten fields per actor, IsRootEvent, EventCode,
EventBaseCode, EventRootCode, QuadClass, GoldsteinScale, NumMentions, NumSources, NumArticles,
AvgTone); then three geography blocks (actor 1, actor 2, action) of 8 fields in 2.0 (Type,
FullName, CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID) and of 7 in 1.0 (no ADM2Code),
then DATEADDED and SOURCEURL. The layout is told by each row's field count.

Actors: CAMEO country code (→ ISO3) or, for an actor with none, its known-group code (an IGO),
with Type1Code as the CAMEO sector. The event's location is the action's place: ActionGeo_FullName
("Pyongyang, P'yongyang-si, North Korea": its first part the name, a middle one the first-level
region, its last the country, → ISO3),
Lat, Long and Type (the precision). GDELT's geography codes are FIPS 10-4; they are kept as given
(``imported.place_code``), not turned into ISO3.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import ActorRef
from .countries import is_region, iso3
from .events import actor, make_event, place
from .fields import Imported, RowError, parse_date, to_float, to_int
from .mapping import cameo_code
from .rows import Line, Parsed, map_lines, tsv_lines

__all__ = ["read_gdelt", "GDELT2_COLUMNS", "GDELT1_COLUMNS"]

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code", "Religion2Code",
          "Type1Code", "Type2Code", "Type3Code"]
_HEAD = (["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
         + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
         + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
            "NumMentions", "NumSources", "NumArticles", "AvgTone"])
_GEO2 = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
_GEO1 = ["Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID"]

#: the 61 columns of a GDELT 2.0 events export, in order
GDELT2_COLUMNS = tuple(_HEAD + [f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in _GEO2] + ["DATEADDED", "SOURCEURL"])
#: the 58 columns of a GDELT 1.0 daily file (the historical backfile has the first 57)
GDELT1_COLUMNS = tuple(_HEAD + [f"{p}Geo_{c}" for p in ("Actor1", "Actor2", "Action") for c in _GEO1] + ["DATEADDED", "SOURCEURL"])

_INDEX = {61: {n: i for i, n in enumerate(GDELT2_COLUMNS)},
          58: {n: i for i, n in enumerate(GDELT1_COLUMNS)},
          57: {n: i for i, n in enumerate(GDELT1_COLUMNS[:57])}}
_VERSION = {61: "gdelt2", 58: "gdelt1", 57: "gdelt1"}
#: ActionGeo_Type → location precision (1 country, 2 US state, 3 US city, 4 world city, 5 world state)
_GEO_PRECISION = {"1": "country", "2": "admin1", "3": "place", "4": "place", "5": "admin1"}


def _actor(get, n: int) -> ActorRef | None:
    p = f"Actor{n}"
    country, group = get(p + "CountryCode"), get(p + "KnownGroupCode")
    code, kind = None, None
    if country:
        code = iso3(country)
        if code:
            kind = "country"
        else:
            code, kind = country, ("region" if is_region(country) else "group")
    elif group:
        code, kind = group, "igo"
    return actor(get(p + "Name"), code, get(p + "Type1Code"), kind if code else None)


def gdelt_row(ln: Line) -> Imported:
    f = ln.fields
    idx = _INDEX.get(len(f))
    if idx is None:
        raise RowError("wrong number of fields", f"{len(f)}; a GDELT 2.0 row has 61, a GDELT 1.0 row 58 (57 before April 2013)")

    def get(name: str) -> str:
        i = idx.get(name)
        return f[i].strip() if i is not None else ""

    gid = get("GLOBALEVENTID")
    if not gid.isdigit():
        raise RowError("bad GLOBALEVENTID", repr(gid))
    when = parse_date(get("SQLDATE"), "SQLDATE")
    cameo = cameo_code(get("EventCode"))
    quad = to_int(get("QuadClass"), "QuadClass")
    if quad is not None and quad not in (1, 2, 3, 4):
        raise RowError("bad QuadClass", repr(get("QuadClass")))
    url = get("SOURCEURL")
    full_name = get("ActionGeo_FullName")
    parts = [p.strip() for p in full_name.split(",")] if full_name else []
    where = place(parts[0] if parts else None, iso3(parts[-1]) if parts else None, parts[1] if len(parts) >= 3 else None,
                  to_float(get("ActionGeo_Lat"), "ActionGeo_Lat"), to_float(get("ActionGeo_Long"), "ActionGeo_Long"),
                  _GEO_PRECISION.get(get("ActionGeo_Type")))
    ev = make_event(origin="gdelt", dataset_id=gid, story_id=None, event_date=when,
                    source=_actor(get, 1), target=_actor(get, 2), cameo=cameo, quad_class=quad,
                    goldstein=to_float(get("GoldsteinScale"), "GoldsteinScale"), url=url, version=_VERSION[len(f)],
                    location=where)
    extra = {
        "url": url or None,
        "num_mentions": to_int(get("NumMentions"), "NumMentions"),
        "num_sources": to_int(get("NumSources"), "NumSources"),
        "num_articles": to_int(get("NumArticles"), "NumArticles"),
        "avg_tone": to_float(get("AvgTone"), "AvgTone"),
        "place_code": get("ActionGeo_ADM1Code") or get("ActionGeo_CountryCode") or None,
        "place_full_name": full_name or None,
        "feature_id": get("ActionGeo_FeatureID") or None,
        "is_root_event": get("IsRootEvent") == "1",
        "date_added": get("DATEADDED") or None,
        "version": _VERSION[len(f)],
    }
    return Imported(ev, "gdelt", gid, None, extra)


def read_gdelt(path: Path) -> Iterator[Parsed]:
    """Events of a GDELT 2.0 or 1.0 events file (plain, .zip or .gz)."""
    return map_lines(tsv_lines(path), gdelt_row)
