"""The colours of dyadwatch's charts, defined once: the report's matplotlib charts use them,
and the dashboard's stylesheet gets them as CSS custom properties (``/static/palette.css``)."""

from __future__ import annotations

__all__ = ["PALETTE", "QUAD_LABELS", "palette_css"]

PALETTE: dict[str, str] = {
    "q1": "#7fbf7b",  # verbal cooperation
    "q2": "#1b7837",  # material cooperation
    "q3": "#f4a582",  # verbal conflict
    "q4": "#b2182b",  # material conflict
    "index": "#243b53",  # the relation index of a dyad (the first direction in the report)
    "index2": "#b7791f",  # the other direction, in the report
    "band": "#9fb3c8",  # the 95% bootstrap band
    "mixed": "#f0b429",  # mixed-signal windows
    "change": "#8719e0",  # change points
    "deadline": "#52606d",  # deadlines
    "zero": "#9aa5b1",  # the zero line
    "asymmetry": "#d6bcfa",  # the band between the two directions, on the dashboard
    "sea": "#eef4f9",  # water on the dashboard's map
    "land": "#e4e7eb",  # countries on the maps
    "border": "#7b8794",  # country outlines on the maps
}

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def palette_css() -> str:
    """``:root { --q1: …; … }``: the palette as CSS custom properties, for the dashboard."""
    props = " ".join(f"--{name}: {colour};" for name, colour in PALETTE.items())
    return f":root {{ {props} }}\n"
