"""The datasets' event codes and actor types → the project's: CAMEO codes (zero-padded), PLOVER →
CAMEO, ICEWS sectors, ACLED event and actor types, from the data files in ``datasets/data``
(see ``docs/datasets.md``)."""

from __future__ import annotations

import fnmatch
import functools
import re

from ..coding.codebook import Codebook
from .datafiles import name_key, read_table
from .fields import RowError

__all__ = ["cameo_code", "plover_to_cameo", "icews_sector", "acled_event", "acled_sector", "QUADS"]

#: quad class names → numbers (POLECAT and others write them out)
QUADS = {"verbal cooperation": 1, "material cooperation": 2, "verbal conflict": 3, "material conflict": 4}


def cameo_code(raw: str) -> str:
    """A CAMEO event code as the codebook writes it, zero-padded ("10" or "010" → "010", "231" →
    "0231": ICEWS and spreadsheets drop the leading zero); :class:`RowError` if it is none."""
    code = (raw or "").strip()
    if not code.isdigit():
        raise RowError("no CAMEO event code" if not code else "not a CAMEO event code", repr(code) if code else "")
    cb = Codebook.bundled()
    for cand in (code.zfill(3), "0" + code):
        if len(cand) >= 3 and cand in cb:
            return cand
    raise RowError("unknown CAMEO event code", repr(code))


@functools.lru_cache(maxsize=1)
def _plover_table() -> dict[tuple[str, str], tuple[str, int | None]]:
    out = {}
    for r in read_table("plover_cameo.tsv"):
        out[(r["plover_type"], r["plover_mode"])] = (r["cameo"], int(r["quad_class"]) if r["quad_class"] else None)
    return out


def plover_to_cameo(ptype: str, mode: str | None) -> tuple[str, int | None]:
    """(CAMEO code or "", quad class or None) for a PLOVER type and mode (see ``plover_cameo.tsv``)."""
    table = _plover_table()
    t = ptype.strip().upper()
    m = (mode or "").strip().lower()
    if (t, m) in table:
        return table[(t, m)]
    if (t, "") in table:
        return table[(t, "")]
    raise RowError("unknown PLOVER event type", repr(ptype))


@functools.lru_cache(maxsize=1)
def _icews_sectors() -> list[tuple[str, str]]:
    return [(name_key(r["icews_sector"]), r["cameo_sector"]) for r in read_table("icews_sectors.tsv")]


#: a list separator: ',' or ';' not inside parentheses ("Army Mechanized (Ships, Tanks, Planes)" is one name)
_SECTOR_SPLIT = re.compile(r"[;,](?![^(]*\))")


@functools.lru_cache(maxsize=8192)
def icews_sector(sectors: str) -> str | None:
    """The CAMEO sector of an ICEWS sector list ("Government,Executive" or "Police;Government"):
    that of the first row of ``icews_sectors.tsv`` that one of the listed sectors matches."""
    parts = [name_key(p) for p in _SECTOR_SPLIT.split(sectors or "") if p.strip()]
    for pattern, sector in _icews_sectors():
        if any(fnmatch.fnmatchcase(p, pattern) for p in parts):
            return sector
    return None


@functools.lru_cache(maxsize=1)
def _acled_events() -> dict[tuple[str, str], dict[str, str]]:
    return {(name_key(r["event_type"]), name_key(r["sub_event_type"])): r for r in read_table("acled_events.tsv")}


def acled_event(event_type: str, sub_event_type: str) -> dict[str, str] | None:
    """The ``acled_events.tsv`` row of an ACLED event and sub-event type, or None (not an interaction)."""
    return _acled_events().get((name_key(event_type), name_key(sub_event_type)))


@functools.lru_cache(maxsize=1)
def _acled_actors() -> dict[str, str]:
    out = {}
    for r in read_table("acled_actors.tsv"):
        out[r["inter"]] = r["cameo_sector"]
        out[name_key(r["inter_name"])] = r["cameo_sector"]
    return out


def acled_sector(inter: str) -> str | None:
    """The CAMEO sector of an ACLED actor type (inter1/inter2: "1" or "State forces")."""
    v = (inter or "").strip()
    return _acled_actors().get(v if v.isdigit() else name_key(v)) or None
