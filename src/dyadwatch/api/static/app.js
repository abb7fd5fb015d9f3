// dyadwatch dashboard: vanilla JS, no libraries.
// Text from articles is untrusted: the DOM is built with createElement / textContent only.
"use strict";

const SVGNS = "http://www.w3.org/2000/svg";
const QUADS = [
  [1, "verbal cooperation"], [2, "material cooperation"], [3, "verbal conflict"], [4, "material conflict"],
];
const state = { dyad: null, per: "week", series: null, period: null, eventId: null };

// ---- DOM helpers -------------------------------------------------------------------------
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

function setStatus(text, isError) {
  const s = byId("status");
  s.textContent = text || "";
  s.classList.toggle("error", Boolean(isError));
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json();
  if (!r.ok) throw new Error(typeof body.detail === "string" ? body.detail : `${r.status} ${r.statusText}`);
  return body;
}

function fmt(x, digits = 1) {
  return x === null || x === undefined ? "–" : (x > 0 ? "+" : "") + Number(x).toFixed(digits);
}

function dyadPath() {
  const [s, t] = state.dyad.split(":");
  return `${encodeURIComponent(s)}/${encodeURIComponent(t)}`;
}

function saveHash() {
  const p = new URLSearchParams();
  if (state.dyad) p.set("dyad", state.dyad);
  p.set("per", state.per);
  if (state.eventId) p.set("event", state.eventId);
  history.replaceState(null, "", "#" + p.toString());
}

// ---- dyads and series ----------------------------------------------------------------------
async function loadDyads() {
  const dyads = await getJSON("/api/dyads?limit=200");
  const select = clear(byId("dyad"));
  for (const d of dyads) {
    select.append(el("option", { value: `${d.source}:${d.target}` },
      `${d.source} → ${d.target} · ${d.events} events · Goldstein ${fmt(d.goldstein_mean, 2)}`));
  }
  return dyads;
}

async function loadSeries() {
  if (!state.dyad) return;
  setStatus("Loading the series…");
  const series = await getJSON(`/api/dyads/${dyadPath()}/series?per=${encodeURIComponent(state.per)}`);
  state.series = series;
  state.period = null;
  renderSummary(series);
  drawChart(series);
  renderFindings(series);
  clear(byId("events"));
  byId("period-hint").textContent = "Click a period in the timeline to list its events.";
  setStatus("");
  loadDeadlines().catch((e) => setStatus(e.message, true));
}

function renderSummary(s) {
  const q = [0, 0, 0, 0];
  let sum = 0;
  for (const p of s.periods) { q[0] += p.q1; q[1] += p.q2; q[2] += p.q3; q[3] += p.q4; sum += p.goldstein_sum; }
  const mean = s.events ? sum / s.events : null;
  byId("summary").textContent =
    `${s.source} → ${s.target}: ${s.events} events in ${s.periods.length} ${s.per}s; ` +
    `verbal/material cooperation ${q[0]}/${q[1]}, verbal/material conflict ${q[2]}/${q[3]}; ` +
    `Goldstein sum ${fmt(sum)}, mean ${fmt(mean, 2)}.`;
}

function renderFindings(s) {
  const changes = clear(byId("changes"));
  for (const c of s.change_points) changes.append(el("li", { class: `change ${c.direction}` }, c.description));
  if (!s.change_points.length) changes.append(el("li", { class: "muted" }, s.change_points_note ? `none (${s.change_points_note})` : "none"));
  const mixed = clear(byId("mixed"));
  for (const m of s.mixed_signals) mixed.append(el("li", {}, m.description));
  if (!s.mixed_signals.length) mixed.append(el("li", { class: "muted" }, "none"));
}

async function loadDeadlines() {
  const d = await getJSON(`/api/deadlines?dyad=${encodeURIComponent(state.dyad)}`);
  const list = clear(byId("deadlines"));
  for (const x of d.items) {
    list.append(el("li", { class: x.open ? "open" : "expired" },
      el("strong", {}, x.due), ` ${x.source || "?"} → ${x.target || "?"}: ${x.status} — “${x.text}”`));
  }
  if (!d.items.length) list.append(el("li", { class: "muted" }, "none"));
}

// ---- the timeline --------------------------------------------------------------------------
function dayNumber(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }

function drawChart(s) {
  const box = clear(byId("chart"));
  const n = s.periods.length;
  if (!n) { box.append(el("p", { class: "muted" }, "No events for this dyad.")); return; }
  const W = 1000, left = 44, right = 12, slot = (W - left - right) / n;
  const top = 26, idxH = 170, gap = 40, barH = 110, H = top + idxH + gap + barH + 34;
  const yIdx = (v) => top + (10 - v) / 20 * idxH;
  const barBase = top + idxH + gap + barH;
  const maxN = Math.max(1, ...s.periods.map((p) => p.n));
  const xOf = (iso) => {
    const d = dayNumber(iso);
    for (let i = 0; i < n; i++) {
      const a = dayNumber(s.periods[i].start), b = dayNumber(s.periods[i].end) + 1;
      if (d < a) return left + i * slot;
      if (d < b) return left + (i + (d - a) / (b - a)) * slot;
    }
    return left + n * slot;
  };
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", class: "timeline",
    "aria-label": `relation timeline ${s.source} to ${s.target} per ${s.per}` });

  // mixed-signal windows behind everything
  for (const m of s.mixed_signals) {
    const x0 = xOf(m.start), x1 = xOf(m.end) + (s.per === "day" ? slot : 0);
    root.append(svg("rect", { class: "mixed", x: x0, y: top, width: Math.max(2, x1 - x0), height: barBase - top },
      svg("title", {}, m.description)));
  }
  // index axis
  for (const v of [-10, -5, 0, 5, 10]) {
    root.append(svg("line", { class: v === 0 ? "zero" : "grid", x1: left, x2: W - right, y1: yIdx(v), y2: yIdx(v) }));
    root.append(svg("text", { class: "tick", x: left - 6, y: yIdx(v) + 4, "text-anchor": "end" }, String(v)));
  }
  root.append(svg("text", { class: "axis-label", x: left, y: top - 10 }, "relation index (mean Goldstein)"));
  root.append(svg("text", { class: "axis-label", x: left, y: top + idxH + gap - 8 }, `events per quad class (max ${maxN})`));
  root.append(svg("line", { class: "grid", x1: left, x2: W - right, y1: barBase, y2: barBase }));

  // bands, bars and the index line; a period without events breaks the line (as in the report)
  const runs = [[]];
  s.periods.forEach((p, i) => {
    const cx = left + (i + 0.5) * slot, w = Math.max(1, slot * 0.7);
    if (p.index !== null) {
      root.append(svg("rect", { class: "band", x: cx - w / 2, y: yIdx(p.high), width: w, height: Math.max(1, yIdx(p.low) - yIdx(p.high)) }));
      runs[runs.length - 1].push(`${cx},${yIdx(p.index)}`);
    } else if (runs[runs.length - 1].length) {
      runs.push([]);
    }
    let y = barBase;
    for (const [q] of QUADS) {
      const h = p[`q${q}`] / maxN * barH;
      if (h > 0) { y -= h; root.append(svg("rect", { class: `bar q${q}`, x: cx - w / 2, y, width: w, height: h })); }
    }
  });
  for (const run of runs) {
    if (run.length > 1) root.append(svg("polyline", { class: "index-line", points: run.join(" ") }));
  }
  s.periods.forEach((p, i) => {
    if (p.index !== null) root.append(svg("circle", { class: "index-dot", cx: left + (i + 0.5) * slot, cy: yIdx(p.index), r: 3 }));
  });

  // change points
  for (const c of s.change_points) {
    const x = xOf(c.since);
    root.append(svg("line", { class: `change ${c.direction}`, x1: x, x2: x, y1: top, y2: barBase }, svg("title", {}, c.description)));
    root.append(svg("text", { class: "change-label", x: x + 3, y: top + 10 }, `${c.direction} ${c.since}`));
  }
  // x labels
  const every = Math.max(1, Math.ceil(n / 10));
  const labelW = 72;  // an ISO date at 11px; a label that would run past the right edge ends there instead
  s.periods.forEach((p, i) => {
    if (i % every !== 0) return;
    const x = left + i * slot, fits = x + labelW <= W - right;
    root.append(svg("text", { class: "tick", x: fits ? x : W - right, y: barBase + 16, "text-anchor": fits ? "start" : "end" }, p.start));
  });
  // clickable periods on top
  s.periods.forEach((p, i) => {
    const hit = svg("rect", { class: "period", x: left + i * slot, y: top, width: slot, height: barBase - top,
      tabindex: 0, role: "button", "data-start": p.start, "data-end": p.end, "data-n": p.n,
      "aria-label": `${p.start} to ${p.end}: ${p.n} events` },
    svg("title", {}, `${p.start} … ${p.end}: ${p.n} events (q1 ${p.q1}, q2 ${p.q2}, q3 ${p.q3}, q4 ${p.q4}); index ${fmt(p.index, 2)}`));
    hit.addEventListener("click", () => selectPeriod(p, hit));
    hit.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); selectPeriod(p, hit); } });
    root.append(hit);
  });
  box.append(root);
}

// ---- events of a period --------------------------------------------------------------------
async function selectPeriod(p, hit) {
  for (const r of document.querySelectorAll("rect.period.selected")) r.classList.remove("selected");
  hit.classList.add("selected");
  state.period = p;
  byId("period-hint").textContent = `${state.dyad.replace(":", " → ")}, ${p.start} … ${p.end}`;
  const list = clear(byId("events"));
  if (!p.n) { list.append(el("li", { class: "muted" }, "No events in this period.")); return; }
  const q = new URLSearchParams({ dyad: state.dyad, since: p.start, until: p.end, limit: "500" });
  try {
    const page = await getJSON(`/api/events?${q}`);
    for (const e of page.items) list.append(eventItem(e));
    if (page.total > page.items.length) list.append(el("li", { class: "muted" }, `… and ${page.total - page.items.length} more`));
  } catch (err) { setStatus(err.message, true); }
}

function eventItem(e) {
  const btn = el("button", { type: "button", class: "event", "data-event-id": e.event_id },
    el("span", { class: "meta" },
      el("span", { class: `quad q${e.quad_class}` }, `Q${e.quad_class}`), ` ${e.event_date || "undated"} · ${e.cameo} ${e.cameo_name || ""} · ${fmt(e.goldstein)}`),
    el("span", { class: "sentence-preview" }, e.sentence || ""));
  btn.addEventListener("click", () => showEvent(e.event_id));
  return el("li", {}, btn);
}

// ---- one event -----------------------------------------------------------------------------
/** Append text[from:to] to parent with spans as (nested) <mark> elements; a span that crosses one
 *  already drawn is left out rather than drawn wrongly. */
function fillSpans(parent, text, from, to, spans) {
  let pos = from, i = 0;
  while (i < spans.length) {
    const s = spans[i];
    if (s.start < pos) { i++; continue; }
    if (s.start > pos) parent.append(text.slice(pos, s.start));
    const inner = [];
    let j = i + 1;
    while (j < spans.length && spans[j].start < s.end) { if (spans[j].end <= s.end) inner.push(spans[j]); j++; }
    const mark = el("mark", { class: `hl hl-${s.role}`, "data-role": s.role, title: s.label });
    fillSpans(mark, text, s.start, s.end, inner);
    parent.append(mark);
    pos = s.end;
    i = j;
  }
  if (pos < to) parent.append(text.slice(pos, to));
}

function highlighted(ev) {
  const spans = [];
  for (const [role, span] of [["source", ev.source], ["target", ev.target], ["trigger", ev.trigger]]) {
    if (span && span.start !== null && span.end !== null && span.end > span.start) {
      spans.push({ role, start: span.start, end: span.end, label: role === "trigger" ? "trigger" : `${role}: ${span.code || "uncoded"}` });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const p = el("p", { class: "sentence" });
  fillSpans(p, ev.sentence, 0, ev.sentence.length, spans);
  return p;
}

function actorText(a) {
  if (!a) return "–";
  const bits = [a.code || "uncoded", a.sector, a.kind, a.via ? `via ${a.via}` : null].filter(Boolean);
  const where = a.start === null ? " (outside this sentence)" : "";
  return `“${a.text}” → ${bits.join(" · ")}${where}`;
}

function safeLink(url) {
  if (typeof url === "string" && /^https?:\/\//i.test(url)) {
    return el("a", { href: url, rel: "noopener noreferrer nofollow", target: "_blank", class: "source-link" }, url);
  }
  return el("span", { class: "muted source-link-missing" }, url ? `not a web address: ${url}` : "no URL");
}

async function showEvent(id) {
  state.eventId = id;
  saveHash();
  for (const b of document.querySelectorAll("button.event")) b.classList.toggle("selected", b.dataset.eventId === id);
  let ev;
  try { ev = await getJSON(`/api/events/${encodeURIComponent(id)}`); } catch (err) { setStatus(err.message, true); return; }
  byId("event-hint").textContent = "";
  const box = clear(byId("event"));
  const m = ev.modality;
  const rows = [
    ["Date", ev.event_date || "undated"],
    ["Source", actorText(ev.source)],
    ["Target", actorText(ev.target)],
    ["Trigger", ev.trigger ? `“${ev.trigger.text}”` : "–"],
    ["CAMEO", `${ev.cameo} ${ev.cameo_name || ""}`],
    ["PLOVER", [ev.plover_type, ev.plover_mode].filter(Boolean).join(" / ") || "–"],
    ["Quad class", ev.quad_class ? `${ev.quad_class} (${QUADS[ev.quad_class - 1][1]})` : "–"],
    ["Goldstein", fmt(ev.goldstein)],
    ["Pattern", ev.pattern || "–"],
    ["Modality", `${m.mood || "–"}${m.negated ? ", negated" : ""}${m.reported_by_text ? `, reported by “${m.reported_by_text}” (${m.reported_by_code || "uncoded"})` : ""}`],
    ["Confidence", ev.confidence === null ? "–" : Number(ev.confidence).toFixed(2)],
    ["Article", [ev.article_title, ev.publisher].filter(Boolean).join(" — ") || ev.article_id],
  ];
  const dl = el("dl", { class: "why" });
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  if (ev.notes.length) {
    const ul = el("ul", { class: "notes" });
    for (const n of ev.notes) ul.append(el("li", {}, n));
    dl.append(el("dt", {}, "Coder notes"), el("dd", {}, ul));
  }
  dl.append(el("dt", {}, "Source URL"), el("dd", {}, safeLink(ev.url)));
  box.append(el("h3", {}, `${ev.cameo} ${ev.cameo_name || ""}`), highlighted(ev), el("h4", {}, "Why it was coded"), dl,
    el("p", { class: "muted small" }, `event ${ev.event_id} · ${ev.coder_version || ""} · ${ev.dictionary_version || ""}`));
}

// ---- start ---------------------------------------------------------------------------------
async function start() {
  const hash = new URLSearchParams(location.hash.slice(1));
  if (["day", "week", "month"].includes(hash.get("per"))) state.per = hash.get("per");
  byId("per").value = state.per;
  byId("dyad").addEventListener("change", (e) => { state.dyad = e.target.value; state.eventId = null; saveHash(); loadSeries().catch((x) => setStatus(x.message, true)); });
  byId("per").addEventListener("change", (e) => { state.per = e.target.value; saveHash(); loadSeries().catch((x) => setStatus(x.message, true)); });
  byId("controls").addEventListener("submit", (e) => e.preventDefault());
  try {
    const health = await getJSON("/api/health");
    byId("counting").textContent = health.counting;
    const dyads = await loadDyads();
    const wanted = (hash.get("dyad") || "").toUpperCase();
    const has = dyads.some((d) => `${d.source}:${d.target}` === wanted);
    state.dyad = has ? wanted : (dyads.length ? `${dyads[0].source}:${dyads[0].target}` : null);
    if (!state.dyad) { setStatus("The store has no dyads yet: code some articles first."); return; }
    byId("dyad").value = state.dyad;
    await loadSeries();
    if (hash.get("event")) await showEvent(hash.get("event"));
    saveHash();
  } catch (err) {
    setStatus(err.message, true);
  } finally {
    document.body.dataset.ready = "1";
  }
}

document.addEventListener("DOMContentLoaded", start);
