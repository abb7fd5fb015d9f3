"""Readers for gold-standard records.

- PLOVER gold-standard JSON (a list of records with ``text``, ``event``, ``source``,
  ``target``): older category names are mapped (DEMAND→REQUEST, DISAPPROVE and
  INVESTIGATE→ACCUSE, FIGHT→ASSAULT) and DOCUMENT records are skipped.
- PETRARCH-style validation XML: ``<Sentence date=… id=…><EventCoding sourcecode=…
  targetcode=… eventcode=…/><Text>…</Text></Sentence>``; the PLOVER type comes from the
  CAMEO code through the codebook.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..coding.codebook import Codebook
from ..errors import InputError, UsageError

__all__ = ["GoldActor", "GoldRecord", "read_gold", "OLD_TYPE_NAMES", "GOLD_FORMATS"]

GOLD_FORMATS = ("plover-gsr", "petrarch-xml")

#: PLOVER category names of the 2016 gold records → current names
OLD_TYPE_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}

#: quad class of each (old or current) PLOVER category, as the CAMEO codebook gives it for
#: the codes of that category (REQUEST: 02x appeals, verbal cooperation; the 2016 records'
#: DEMAND: 10x demands, verbal conflict; PROTEST: 14x, material conflict as in GDELT)
TYPE_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "REQUEST": 1,
    "CONCEDE": 2, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "DEMAND": 3, "ACCUSE": 3, "DISAPPROVE": 3, "INVESTIGATE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4, "FIGHT": 4,
}

#: CAMEO country codes that differ from ISO 3166-1 alpha-3
CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD"}


@dataclass(frozen=True, slots=True)
class GoldActor:
    code: str | None  # ISO alpha-3, "IGO", "NGO", "IMG" …
    sector: str | None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class GoldRecord:
    gid: str
    text: str
    on: date | None
    event_type: str  # current PLOVER name
    quad_class: int | None
    sources: tuple[GoldActor, ...]
    targets: tuple[GoldActor, ...]
    cameo: str | None = None
    mode: str | None = None
    #: where the event happened, where the record marks it (``eventLoc``): the place's name and
    #: its country (ISO 3166-1 alpha-3, or None where the record gives none)
    location_name: str | None = None
    location_country: str | None = None


def _norm_code(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().upper()
    return CAMEO_TO_ISO.get(code, code)


def _norm_sector(sector: str | None) -> str | None:
    if not sector or not sector.strip() or sector.strip() == "***":
        return None
    return sector.strip()[:3].upper()


def _date(value: str | None) -> date | None:
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) == 8 and v.isdigit():
            return date(int(v[:4]), int(v[4:6]), int(v[6:]))
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def read_gold(path: str | Path, fmt: str = "plover-gsr") -> list[GoldRecord]:
    """Read gold records; raises :class:`InputError` naming the file if it cannot be read."""
    path = Path(path)
    if fmt not in GOLD_FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(GOLD_FORMATS)}")
    try:
        raw = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "unreadable gold file", str(exc)) from None
    return _plover(raw, str(path)) if fmt == "plover-gsr" else _petrarch(raw, str(path))


def _actors(items: object) -> tuple[GoldActor, ...]:
    if not isinstance(items, list):
        return ()
    out = []
    for a in items:
        if isinstance(a, dict) and a.get("code"):
            out.append(GoldActor(_norm_code(a.get("code")), _norm_sector(a.get("sector")), a.get("actorText")))
    return tuple(out)


def _plover(raw: str, label: str) -> list[GoldRecord]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(label, "malformed gold JSON", f"{exc.msg} at line {exc.lineno}") from None
    if isinstance(data, dict):
        data = data.get("records") or data.get("data") or [data]
    out = []
    for r in data:
        if not isinstance(r, dict):
            continue
        ev = str(r.get("event", "")).upper()
        if ev == "DOCUMENT" or not ev or not r.get("text"):
            continue
        out.append(GoldRecord(
            gid=str(r.get("id", len(out))),
            text=str(r["text"]),
            on=_date(r.get("date")),
            event_type=OLD_TYPE_NAMES.get(ev, ev),
            quad_class=TYPE_QUAD.get(ev),
            sources=_actors(r.get("source")),
            targets=_actors(r.get("target")),
            mode=(r.get("mode") or None),
            **_location(r.get("eventLoc")),
        ))
    return out


def _location(loc: object) -> dict[str, str | None]:
    """``eventLoc`` ({"name": "Geneva", "country code": "CH"}) as the record's location fields."""
    if not isinstance(loc, dict) or not loc.get("name"):
        return {}
    iso2 = str(loc.get("country code") or "").strip().upper()
    country = None
    if iso2:
        import pycountry

        hit = pycountry.countries.get(alpha_2=iso2)
        country = hit.alpha_3 if hit is not None else None
    return {"location_name": str(loc["name"]).strip(), "location_country": country}


def _split_actor(code: str | None) -> GoldActor | None:
    if not code or not code.strip() or code.strip() == "---":
        return None
    c = code.strip().upper()
    return GoldActor(_norm_code(c[:3]), _norm_sector(c[3:6]) if len(c) > 3 else None)


def _petrarch(raw: str, label: str) -> list[GoldRecord]:
    try:
        root = ET.fromstring(raw if raw.lstrip().startswith("<?xml") or raw.lstrip().startswith("<Sentences") else f"<Sentences>{raw}</Sentences>")
    except ET.ParseError as exc:
        raise InputError(label, "malformed gold XML", str(exc)) from None
    cb = Codebook.bundled()
    out = []
    for s in root.iter("Sentence"):
        text_el = s.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        text = " ".join((text_el.text or "").split())
        for ec in s.findall("EventCoding"):
            code = (ec.get("eventcode") or "").strip()
            if code not in cb:
                continue
            cam = cb.get(code)
            src = _split_actor(ec.get("sourcecode"))
            tgt = _split_actor(ec.get("targetcode"))
            out.append(GoldRecord(
                gid=str(s.get("id", len(out))),
                text=text,
                on=_date(s.get("date")),
                event_type=cam.plover_type or "STATEMENT",
                quad_class=cam.quad_class,
                sources=(src,) if src else (),
                targets=(tgt,) if tgt else (),
                cameo=code,
            ))
    return out
