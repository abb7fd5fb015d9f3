"""The Phoenix event data set (Open Event Data Alliance, PETRARCH-coded, 2014–2018): daily
``events.full.YYYYMMDD.txt`` files, tab-separated, no header.

The 26 columns, in order: EventID, Date (YYYYMMDD), Year, Month, Day, SourceActorFull,
SourceActorEntity, SourceActorRole, SourceActorAttribute, TargetActorFull, TargetActorEntity,
TargetActorRole, TargetActorAttribute, EventCode, EventRootCode, PentaClass (QuadClass in some
copies), GoldsteinScore, Issues, Lat, Lon, LocationName, StateName, CountryCode, SentenceID,
URLs, NewsSources. A 27th column (a geocoding sentence some pipelines add) is ignored; a header
line (one that starts with "EventID") is skipped.

Entity is a CAMEO country code (→ ISO3) or an IGO/group code (IMG, UNO …); Role is the CAMEO
sector. PentaClass 0 (statements) gives no quad class of its own; the codebook's is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..records import ActorRef
from .countries import is_region, iso3
from .events import actor, make_event, place
from .fields import Imported, RowError, parse_date, to_float
from .mapping import cameo_code
from .rows import Line, Parsed, map_lines, tsv_lines

__all__ = ["read_phoenix", "PHOENIX_COLUMNS"]

PHOENIX_COLUMNS = ("EventID", "Date", "Year", "Month", "Day", "SourceActorFull", "SourceActorEntity", "SourceActorRole",
                   "SourceActorAttribute", "TargetActorFull", "TargetActorEntity", "TargetActorRole", "TargetActorAttribute",
                   "EventCode", "EventRootCode", "PentaClass", "GoldsteinScore", "Issues", "Lat", "Lon", "LocationName",
                   "StateName", "CountryCode", "SentenceID", "URLs", "NewsSources")
_I = {n: i for i, n in enumerate(PHOENIX_COLUMNS)}


def _side(f: list[str], side: str) -> ActorRef | None:
    full, entity, role = f[_I[f"{side}ActorFull"]].strip(), f[_I[f"{side}ActorEntity"]].strip(), f[_I[f"{side}ActorRole"]].strip()
    code = iso3(entity) if entity else None
    kind = "country" if code else (("region" if is_region(entity) else "group") if entity else None)
    return actor(full, code or entity or None, role or None, kind)


def phoenix_row(ln: Line) -> Imported:
    f = ln.fields
    if not 25 <= len(f) <= 27:
        raise RowError("wrong number of fields", f"{len(f)}; a Phoenix row has 26")
    f = f + [""] * (26 - len(f))
    eid = f[_I["EventID"]].strip()
    if not eid:
        raise RowError("no EventID")
    when = parse_date(f[_I["Date"]], "Date")
    cameo = cameo_code(f[_I["EventCode"]])
    urls = [u for u in f[_I["URLs"]].split(";") if u.strip()]
    where = place(f[_I["LocationName"]], iso3(f[_I["CountryCode"]]), f[_I["StateName"]],
                  to_float(f[_I["Lat"]], "Lat"), to_float(f[_I["Lon"]], "Lon"))
    ev = make_event(origin="phoenix", dataset_id=eid, story_id=f[_I["SentenceID"]].strip() or None, event_date=when,
                    source=_side(f, "Source"), target=_side(f, "Target"), cameo=cameo,
                    goldstein=to_float(f[_I["GoldsteinScore"]], "GoldsteinScore"), url=urls[0].strip() if urls else None,
                    version="phoenix", location=where)
    extra = {
        "url": urls[0].strip() if urls else None,
        "num_sources": len([s for s in f[_I["NewsSources"]].split(";") if s.strip()]) or None,
        "num_articles": len(urls) or None,
        "issues": f[_I["Issues"]].strip() or None,
    }
    return Imported(ev, "phoenix", eid, f[_I["SentenceID"]].strip() or None, extra)


def read_phoenix(path: Path) -> Iterator[Parsed]:
    """Events of a Phoenix daily file (plain, .zip or .gz)."""
    lines = (ln for ln in tsv_lines(path) if not (isinstance(ln, Line) and ln.fields[0].strip() == "EventID"))
    return map_lines(lines, phoenix_row)
