// dyadwatch dashboard: the map panel. Country outlines are Natural Earth 1:110m (npm: world-atlas 2.0.2),
// decoded by topojson-client (npm) and drawn in an equirectangular projection fitted to the points.
"use strict";

const MAP_W = 600, MAP_H = 380;
const MAP_MIN_SPAN = 8;     // degrees: one point alone is shown with its region around it
const MAP_MARGIN = 0.15;    // share of the points' extent added on each side
const WORLD = { west: -180, east: 180, south: -60, north: 85 };

let mapCountries = null;    // GeoJSON features, once loaded

/** Fetch and decode the outlines (only when /api/health says they are installed). */
async function loadOutlines() {
  const r = await fetch("/static/vendor/countries-110m.json");
  if (!r.ok) throw new Error(`country outlines: ${r.status}`);
  const topology = await r.json();
  mapCountries = topojson.feature(topology, topology.objects.countries).features;  // eslint-disable-line no-undef
}

/** The points' extent with a margin, at least MAP_MIN_SPAN degrees each way, on the globe; the world without points. */
function fitExtent(points) {
  if (!points.length) return { ...WORLD };
  const span = (lo, hi, limit) => {
    const pad = Math.max((hi - lo) * MAP_MARGIN, (MAP_MIN_SPAN - (hi - lo)) / 2, 1);
    return [Math.max(-limit, lo - pad), Math.min(limit, hi + pad)];
  };
  const lons = points.map((p) => p.lon), lats = points.map((p) => p.lat);
  const [west, east] = span(Math.min(...lons), Math.max(...lons), 180);
  const [south, north] = span(Math.min(...lats), Math.max(...lats), 90);
  return { west, east, south, north };
}

/** Equirectangular projection of the extent into MAP_W × MAP_H, true to scale at its middle latitude
 *  (x = λ·cos φ0, y = φ), centred; returns [lon, lat] → [x, y]. */
function projection(ext) {
  const midLat = (ext.south + ext.north) / 2, midLon = (ext.west + ext.east) / 2;
  const c = Math.max(0.2, Math.cos(midLat * Math.PI / 180));
  const k = Math.min(MAP_W / ((ext.east - ext.west) * c), MAP_H / (ext.north - ext.south));
  return ([lon, lat]) => [MAP_W / 2 + (lon - midLon) * c * k, MAP_H / 2 - (lat - midLat) * k];
}

function ringPath(ring, project) {
  return "M" + ring.map((p) => project(p).map((v) => v.toFixed(1)).join(",")).join("L") + "Z";
}

function countryPath(geometry, project) {
  if (!geometry) return "";
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  return polygons.map((rings) => rings.map((r) => ringPath(r, project)).join("")).join("");
}

/** Points at the same place are set around it on a spiral, a point's width apart, so that each can be clicked. */
function spread(xy, seen) {
  const key = xy.map((v) => Math.round(v)).join(",");
  const k = seen.get(key) || 0;
  seen.set(key, k + 1);
  if (!k) return xy;
  const a = k * 2.4, r = 13 * Math.sqrt(k);
  return [xy[0] + r * Math.cos(a), xy[1] + r * Math.sin(a)];
}

/** Draw the map into box: the outlines, and `shown` (events with lat/lon) as points; the extent fits `all`. */
function drawMap(box, all, shown, forwardSource, onPick) {
  const project = projection(fitExtent(all));
  const root = svg("svg", { viewBox: `0 0 ${MAP_W} ${MAP_H}`, class: "map", role: "img", "aria-label": "map of the located events" });
  root.append(svg("rect", { class: "sea", x: 0, y: 0, width: MAP_W, height: MAP_H }));
  for (const f of mapCountries || []) {
    const d = countryPath(f.geometry, project);
    if (d) root.append(svg("path", { class: "country", d, "data-name": (f.properties && f.properties.name) || "" }));
  }
  const seen = new Map();
  for (const e of shown) {
    const [x, y] = spread(project([e.lon, e.lat]), seen);
    const dir = e.source_code === forwardSource ? "forward" : "backward";
    const dot = svg("circle", { class: `point q${e.quad_class} ${dir}`, cx: x.toFixed(1), cy: y.toFixed(1), r: 6,
      "data-event-id": e.event_id, "data-date": e.event_date || "" },
    svg("title", {}, `${e.event_date || "undated"} ${e.source_code || "?"} → ${e.target_code || "?"}: ${e.cameo} ${e.cameo_name || ""} — ${e.location_name || ""}`));
    pressable(dot, `event ${e.event_date || "undated"} at ${e.location_name || "a place"}`, () => onPick(e.event_id));
    root.append(dot);
  }
  clear(box).append(root);
}
