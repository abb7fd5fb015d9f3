"""Country outlines from Natural Earth: a small TopoJSON decoder and the file npm installs.

TopoJSON (https://github.com/topojson/topojson-specification) stores each line shared by two
countries once, as an *arc*; a polygon's ring is a list of arc indices (``~i``, i.e. ``-i-1``,
is arc ``i`` reversed). In a *quantized* topology (one with a ``transform``) an arc's positions
are integers, each the difference from the previous one; the real position is the running sum
times ``scale`` plus ``translate``.

The outlines are ``world-atlas`` 2.0.2's ``countries-110m.json`` (Natural Earth 1:110m, public
domain), installed by ``make install`` from ``web/package-lock.json`` and copied to
``dyadwatch/api/static/vendor/`` (where the dashboard reads the same file).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

__all__ = ["Outline", "decode_arcs", "outlines", "load_outlines", "outlines_file"]

Ring = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Outline:
    """One country: its ISO 3166-1 numeric id (as world-atlas gives it), name and rings (lon, lat)."""

    id: str | None
    name: str | None
    rings: tuple[tuple[tuple[float, float], ...], ...]


def decode_arcs(topology: dict) -> list[Ring]:
    """The topology's arcs as absolute (lon, lat) positions, undoing quantization and delta encoding."""
    transform = topology.get("transform")
    if transform is None:
        return [[(float(x), float(y)) for x, y, *_ in arc] for arc in topology["arcs"]]
    (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
    decoded = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        decoded.append(points)
    return decoded


def _ring(arcs: list[Ring], indices: list[int]) -> Ring:
    """A ring from arc indices: each arc after the first drops its first position (the previous one's last)."""
    ring: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def _rings(geometry: dict, arcs: list[Ring]) -> list[Ring]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [_ring(arcs, r) for r in geometry["arcs"]]
    if kind == "MultiPolygon":
        return [_ring(arcs, r) for polygon in geometry["arcs"] for r in polygon]
    if kind == "GeometryCollection":
        return [r for g in geometry.get("geometries", []) for r in _rings(g, arcs)]
    return []  # points and lines carry no outline


def outlines(topology: dict, name: str = "countries") -> list[Outline]:
    """The outlines of object ``name`` (a GeometryCollection of polygons) of a TopoJSON topology."""
    if topology.get("type") != "Topology" or name not in topology.get("objects", {}):
        raise ValueError(f"not a TopoJSON topology with an object {name!r}")
    arcs = decode_arcs(topology)
    found = []
    for g in topology["objects"][name].get("geometries", []):
        rings = tuple(tuple(r) for r in _rings(g, arcs) if len(r) > 2)
        found.append(Outline(g.get("id"), (g.get("properties") or {}).get("name"), rings))
    return found


def outlines_file() -> Path | None:
    """The installed ``countries-110m.json``, or None where npm did not install it."""
    path = Path(str(resources.files("dyadwatch.api") / "static" / "vendor" / "countries-110m.json"))
    return path if path.is_file() else None


@functools.lru_cache(maxsize=1)
def load_outlines() -> tuple[Outline, ...] | None:
    """The Natural Earth countries (about 0.6 MB decoded, read once per process), or None where not installed."""
    path = outlines_file()
    if path is None:
        return None
    return tuple(outlines(json.loads(path.read_text("utf-8"))))
