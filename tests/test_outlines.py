"""The TopoJSON decoder behind the report's country outlines, and the Natural Earth file npm installs."""

from __future__ import annotations

import pytest

from dyadwatch.geo.topojson import decode_arcs, load_outlines, outlines

#: two unit squares side by side sharing the arc x=1 (arc 1), quantized with scale 0.5, translate (10, 20)
SQUARES = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [
        [[2, 0], [-2, 0], [0, 2], [2, 0]],   # (2,0)→(0,0)→(0,2)→(2,2): the left square's west half
        [[2, 2], [0, -2]],                   # (2,2)→(2,0): the shared edge
        [[2, 2], [2, 0], [0, -2], [-2, 0]],  # (2,2)→(4,2)→(4,0)→(2,0): the right square's east half
    ],
    "objects": {"countries": {"type": "GeometryCollection", "geometries": [
        {"type": "Polygon", "arcs": [[0, 1]], "id": "001", "properties": {"name": "West"}},
        {"type": "MultiPolygon", "arcs": [[[2, -2]]], "id": "002", "properties": {"name": "East"}},
        {"type": "Point", "coordinates": [0, 0], "id": "003"},
    ]}},
}


def test_arcs_are_undeltaed_and_unquantized():
    arcs = decode_arcs(SQUARES)
    assert arcs[0] == [(11.0, 20.0), (10.0, 20.0), (10.0, 21.0), (11.0, 21.0)]
    assert arcs[1] == [(11.0, 21.0), (11.0, 20.0)]
    unquantized = {"type": "Topology", "arcs": [[[1.5, 2.5], [3.0, 4.0]]], "objects": {}}
    assert decode_arcs(unquantized) == [[(1.5, 2.5), (3.0, 4.0)]]


def test_rings_join_arcs_and_reverse_negative_indices():
    west, east, point = outlines(SQUARES)
    assert (west.id, west.name, east.name) == ("001", "West", "East")
    assert west.rings == (((11.0, 20.0), (10.0, 20.0), (10.0, 21.0), (11.0, 21.0), (11.0, 20.0)),)
    # ~1 = -2 is the shared edge walked the other way, without repeating the joint
    assert east.rings == (((11.0, 21.0), (12.0, 21.0), (12.0, 20.0), (11.0, 20.0), (11.0, 21.0)),)
    assert point.rings == ()


def test_a_file_that_is_no_topology_is_refused():
    with pytest.raises(ValueError, match="not a TopoJSON topology"):
        outlines({"type": "FeatureCollection", "features": []})


def test_natural_earth_countries_decode_to_their_places():
    countries = load_outlines()
    if countries is None:
        pytest.skip("the Natural Earth outlines are not installed (make install runs npm; npm is missing)")
    assert len(countries) > 170
    by_name = {c.name: c for c in countries}

    def box(name):
        pts = [p for r in by_name[name].rings for p in r]
        return min(x for x, _ in pts), max(x for x, _ in pts), min(y for _, y in pts), max(y for _, y in pts)

    west, east, south, north = box("Japan")
    assert 128 < west < 131 and 145 < east < 147 and 30 < south < 32 and 45 < north < 46.5
    west, east, south, north = box("Chile")
    assert -76 < west < -66 and -57 < south < -54 and -18.5 < north < -17
    assert by_name["France"].id == "250"
