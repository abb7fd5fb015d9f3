"""The report's map: where a dyad's located events happened, coloured by quad class, on the
Natural Earth country outlines (:mod:`dyadwatch.geo.topojson`), in an equirectangular
projection fitted to the points."""

from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.collections import PolyCollection  # noqa: E402

from ..geo.topojson import Outline, load_outlines  # noqa: E402
from .palette import PALETTE, QUAD_LABELS  # noqa: E402

__all__ = ["located", "map_extent", "map_figure"]

#: the smallest extent drawn, in degrees: one point alone is shown with its region around it
MIN_SPAN = 8.0
#: the margin around the points, as a share of their extent
MARGIN = 0.15
#: marker of each direction (the first actor's events, the second's)
_MARKERS = ("o", "^")


def located(df: pd.DataFrame) -> pd.DataFrame:
    """The events with a position (lat and lon); an event located to a country only has none."""
    if df.empty or "lat" not in df or "lon" not in df:
        return df.iloc[0:0]
    return df[df["lat"].notna() & df["lon"].notna()]


def _span(lo: float, hi: float, limit: float) -> tuple[float, float]:
    """[lo, hi] widened by the margin and to at least MIN_SPAN, kept inside [-limit, limit]."""
    width = max(hi - lo, 0.0)
    pad = max(width * MARGIN, (MIN_SPAN - width) / 2, 1.0)
    lo, hi = lo - pad, hi + pad
    if lo < -limit:
        lo, hi = -limit, min(limit, hi - limit - lo)
    if hi > limit:
        lo, hi = max(-limit, lo - (hi - limit)), limit
    return lo, hi


def map_extent(lons: list[float], lats: list[float]) -> tuple[float, float, float, float]:
    """(west, east, south, north) holding every point with a margin; at least MIN_SPAN degrees each way."""
    if not lons:
        raise ValueError("no points to fit")
    west, east = _span(min(lons), max(lons), 180.0)
    south, north = _span(min(lats), max(lats), 90.0)
    return west, east, south, north


#: the widest and the tallest shape of the map (width / height)
_RATIOS = (1.1, 2.2)


def _fit_ratio(west: float, east: float, south: float, north: float, c: float) -> tuple[float, float, float, float]:
    """The extent widened (east–west or south–north, about its middle) to a width/height ratio within _RATIOS,
    where a degree of longitude is ``c`` times a degree of latitude."""
    ratio = (east - west) * c / (north - south)
    if ratio < _RATIOS[0]:
        pad = ((north - south) * _RATIOS[0] / c - (east - west)) / 2
        west, east = west - pad, east + pad
    elif ratio > _RATIOS[1]:
        pad = ((east - west) * c / _RATIOS[1] - (north - south)) / 2
        south, north = south - pad, north + pad
    return west, east, south, north


def _spread(points: pd.DataFrame, step: float) -> pd.DataFrame:
    """Points at the same place set around it on a spiral, ``step`` degrees apart, so that each shows."""
    points = points.copy()
    seen: dict[tuple[float, float], int] = {}
    lons, lats = [], []
    for lon, lat in zip(points["lon"], points["lat"]):
        key = (round(float(lon), 3), round(float(lat), 3))
        k = seen[key] = seen.get(key, -1) + 1
        angle, r = k * 2.4, step * math.sqrt(k)
        lons.append(float(lon) + r * math.cos(angle))
        lats.append(float(lat) + r * math.sin(angle))
    points["lon"], points["lat"] = lons, lats
    return points


def _outline_layer(ax, countries: tuple[Outline, ...]) -> None:
    rings = [r for c in countries for r in c.rings]
    ax.add_collection(PolyCollection(rings, facecolors=PALETTE["land"], edgecolors=PALETTE["border"], linewidths=0.6,
                                     zorder=1))


def map_figure(pair: pd.DataFrame, first: str, second: str, countries: tuple[Outline, ...] | None = None):
    """The located events of ``pair`` (both directions of first–second) on a map (a matplotlib
    figure; the caller closes it). ``countries``: the outlines (default: Natural Earth, where installed)."""
    points = located(pair)
    if points.empty:
        raise ValueError("no located events to draw")
    countries = load_outlines() if countries is None else countries
    west, east, south, north = map_extent(points["lon"].tolist(), points["lat"].tolist())
    c = max(0.2, math.cos(math.radians((south + north) / 2)))  # equirectangular, true to scale mid-map
    west, east, south, north = _fit_ratio(west, east, south, north, c)
    fig, ax = plt.subplots(figsize=(10, 10 * (north - south) / ((east - west) * c)))
    points = _spread(points, (north - south) / 60)
    ax.set_facecolor("#ffffff")
    if countries:
        _outline_layer(ax, countries)
    for marker, (src, tgt) in zip(_MARKERS, ((first, second), (second, first))):
        for q, label in QUAD_LABELS.items():
            sel = points[(points["source_code"] == src) & (points["target_code"] == tgt) & (points["quad_class"] == q)]
            if not sel.empty:
                ax.scatter(sel["lon"], sel["lat"], s=46, marker=marker, color=PALETTE[f"q{q}"], edgecolors=PALETTE["index"],
                           linewidths=0.6, zorder=3, label=f"{src}→{tgt}: {label} ({len(sel)})")
    ax.set_xlim(west, east)
    ax.set_ylim(south, north)
    ax.set_aspect(1 / c)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    outlines_note = "Natural Earth outlines" if countries else "country outlines not installed (make install runs npm)"
    ax.set_title(f"{first} – {second}: where {len(points)} of {len(pair)} events happened ({outlines_note})", fontsize=10)
    ax.legend(loc="best", fontsize=8)
    ax.grid(alpha=0.25)
    fig.tight_layout()
    return fig
