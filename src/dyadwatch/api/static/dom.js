// dyadwatch dashboard: DOM helpers shared by timeline.js, map.js and app.js (classic scripts, loaded in order).
// Text from articles is untrusted: nodes are built with createElement / textContent only; markup is never parsed from strings.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUADS = [
  [1, "verbal cooperation"], [2, "material cooperation"], [3, "verbal conflict"], [4, "material conflict"],
];

function byId(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) node.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c !== null && c !== undefined) node.append(c instanceof Node ? c : String(c));
  }
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, String(v));
  for (const c of children) node.append(c instanceof Node ? c : String(c));
  return node;
}

function clear(node) { node.replaceChildren(); return node; }

function fmt(x, digits = 1) {
  return x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + Number(x).toFixed(digits);
}

/** Make an SVG element act as a button: click, Enter and Space call fn. */
function pressable(node, label, fn) {
  node.setAttribute("tabindex", "0");
  node.setAttribute("role", "button");
  node.setAttribute("aria-label", label);
  node.addEventListener("click", fn);
  node.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); fn(); } });
  return node;
}
