"""Checking query and path parameters: actor codes, dyads and dates.

Every check raises :class:`~dyadwatch.errors.UsageError`; the app turns it into HTTP 422.
"""

from __future__ import annotations

import functools
from datetime import date

from ..analysis.counting import DEFAULT_COUNTING, Counting
from ..analysis.dyads import known_codes, parse_dyad
from ..coding.codebook import PLOVER_TYPES
from ..errors import UsageError

__all__ = ["parse_date", "parse_code", "parse_dyad_param", "parse_plover_type", "parse_country", "parse_bbox", "actor_codes",
           "parse_origins", "ORIGINS", "counting_of"]

#: the origins an event can have: coded here, or imported from a dataset (``import --from gdelt1``
#: stores its events as ``gdelt``, like GDELT 2.0's)
ORIGINS = ("dyadwatch", "gdelt", "icews", "polecat", "phoenix", "acled")


@functools.lru_cache(maxsize=1)
def actor_codes() -> frozenset[str]:
    """The known actor codes (computed once per process)."""
    return known_codes()


def parse_date(value: str | None, name: str) -> date | None:
    """``"2025-02-01"`` → a date; ``None`` or ``""`` → ``None``."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"bad date {value!r} for {name}: write YYYY-MM-DD, e.g. 2025-02-01") from None


def parse_code(value: str | None, name: str) -> str | None:
    """An actor code (any case) → its upper-case form, checked against the dictionary."""
    if value is None or value == "":
        return None
    code = value.upper()
    if code not in actor_codes():
        raise UsageError(f"bad {name} {value!r}: not a known actor code (ISO 3166 alpha-3, an IGO code such as UN or NATO, or IMG)")
    return code


def parse_dyad_param(spec: str | None) -> tuple[str, str] | None:
    """``"USA:PRK"`` → ``("USA", "PRK")`` (see :func:`dyadwatch.analysis.dyads.parse_dyad`)."""
    if spec is None or spec == "":
        return None
    return parse_dyad(spec)


def parse_plover_type(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    kind = value.upper()
    if kind not in PLOVER_TYPES:
        raise UsageError(f"bad plover_type {value!r}: use one of {', '.join(PLOVER_TYPES)}")
    return kind


def parse_country(value: str | None) -> str | None:
    """A country where events happened: an ISO 3166-1 alpha-3 code (any case)."""
    if value is None or value == "":
        return None
    code = value.upper()
    if len(code) != 3 or not code.isalpha() or code not in actor_codes():
        raise UsageError(f"bad country {value!r}: give an ISO 3166-1 alpha-3 code, e.g. UKR")
    return code


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``"west,south,east,north"`` in degrees → four floats; west may exceed east (a box across the antimeridian)."""
    if value is None or value == "":
        return None
    try:
        west, south, east, north = (float(x) for x in value.split(","))
    except ValueError:
        raise UsageError(f"bad bbox {value!r}: write west,south,east,north in degrees, e.g. 22,44,40,53") from None
    if not all(-180 <= x <= 180 for x in (west, east)) or not -90 <= south <= north <= 90:
        raise UsageError(f"bad bbox {value!r}: longitudes lie in -180..180, latitudes in -90..90, south <= north")
    return west, south, east, north


def parse_origins(values: list[str] | None) -> tuple[str, ...]:
    """``["GDELT", "dyadwatch"]`` → ``("gdelt", "dyadwatch")``; each must be one of :data:`ORIGINS`."""
    out: list[str] = []
    for value in values or []:
        if value == "":
            continue
        origin = value.lower()
        if origin not in ORIGINS:
            raise UsageError(f"bad origin {value!r}: use dyadwatch (coded here) or an imported dataset: {', '.join(ORIGINS[1:])}")
        if origin not in out:
            out.append(origin)
    return tuple(out)


def counting_of(origins: tuple[str, ...]) -> Counting:
    """What the views count (:data:`~dyadwatch.analysis.counting.DEFAULT_COUNTING`), of these origins only (all where empty)."""
    return Counting(origins=origins) if origins else DEFAULT_COUNTING
