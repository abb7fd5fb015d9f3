"""Where it happened, on the real-news development set: each gold event may carry a reader's
judgement of where it took place (``"location": {"name", "country", "precision"}`` or ``null``
for "the article does not say"); an event without the key was not judged.

The produced event compared is the one matched to the gold event of its sentence with the same
CAMEO root (the same act), as ``eval --format voa-dev`` matches them. The figures:

- ``location_country_accuracy``: of the matched gold events with a location, the produced
  location is in the same country (no location counts as wrong, as on the PLOVER records);
- ``location_place_accuracy``: of those whose gold names a place below the country (a town, an
  admin1 region or a named area), the produced location names it (or, for a region, a place
  inside it);
- ``located_precision``: of the matched produced events that have a location, the share whose
  country the reader judged right; a location where the reader found none counts as wrong;
- the confusion by precision level: gold precision × produced precision, with how many of each
  cell have the country right.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..records import Event
from .metrics import same_place

__all__ = ["GoldPlace", "gold_place", "place_report"]

PRECISIONS = ("place", "admin1", "region", "country", "water")


@dataclass(frozen=True, slots=True)
class GoldPlace:
    name: str
    country: str | None
    precision: str


def gold_place(obj: object) -> GoldPlace | None:
    """An annotation's ``location`` as a :class:`GoldPlace`; ``None`` for a judged "no place"."""
    if not isinstance(obj, dict) or not obj.get("name"):
        return None
    precision = str(obj.get("precision") or "place")
    if precision not in PRECISIONS:
        raise ValueError(f"location precision {precision!r} is not one of {', '.join(PRECISIONS)}")
    country = obj.get("country")
    return GoldPlace(str(obj["name"]).strip(), str(country).upper() if country else None, precision)


def _place_right(g: GoldPlace, e: Event, gaz) -> bool:
    loc = e.location
    if loc is None or loc.country != g.country:
        return False
    if same_place(g.name, loc, gaz):
        return True
    # a place inside the gold's admin1 region or named area
    return g.precision in ("admin1", "region") and bool(loc.admin1) and _same_admin1(g.name, loc.admin1)


def _same_admin1(gold: str, admin1: str) -> bool:
    words = ("province", "region", "oblast", "state", "governorate", "district")
    norm = lambda s: " ".join(w for w in s.lower().replace("-", " ").split() if w not in words and w != "the")  # noqa: E731
    return norm(gold) == norm(admin1)


def place_report(pairs: list[tuple[Event, GoldPlace | None]]) -> dict:
    """The location figures over (produced event, judged gold location) pairs."""
    from ..geo.gazetteer import gazetteer

    gaz = gazetteer()
    located = [(e, g) for e, g in pairs if g is not None and g.country]
    below = [(e, g) for e, g in located if g.precision in ("place", "admin1", "region")]
    produced = [(e, g) for e, g in pairs if e.location is not None]
    confusion: Counter = Counter()
    country_right: Counter = Counter()
    for e, g in pairs:
        cell = (g.precision if g is not None else "none", e.location.precision if e.location is not None else "none")
        confusion[cell] += 1
        country_right[cell] += bool(g is not None and e.location is not None and e.location.country == g.country)
    rate = lambda a, b: round(a / b, 4) if b else None  # noqa: E731
    return {
        "n_judged": len(pairs),
        "n_gold_located": len(located),
        "location_country_accuracy": rate(sum(e.location is not None and e.location.country == g.country for e, g in located), len(located)),
        "n_gold_below_country": len(below),
        "location_place_accuracy": rate(sum(_place_right(g, e, gaz) for e, g in below), len(below)),
        "n_produced_located": len(produced),
        "located_precision": rate(sum(g is not None and e.location.country == g.country for e, g in produced), len(produced)),
        "confusion": [{"gold": a, "produced": b, "events": n, "country_right": country_right[(a, b)]}
                      for (a, b), n in sorted(confusion.items())],
    }
