// dyadwatch dashboard: the controls, the data they load, and the panels they fill.
// Helpers: dom.js; the timeline: timeline.js; the map: map.js; one event: event.js; the alerts: alerts.js.
"use strict";

const state = {
  dyad: null, per: "week", since: "", until: "", asOf: "", origin: "", counting: "", dyads: [], fw: null, bw: null,
  located: [], locatedMore: 0, period: null, eventId: null,
  loads: { series: 0, located: 0, deadlines: 0, period: 0 },  // a newer request of a kind makes an older one's answer stale
};

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

/** A ticket for a request of this kind: ticket() is true while no newer request of the kind started. */
function latest(kind) {
  const n = ++state.loads[kind];
  return () => state.loads[kind] === n;
}

function pair() { return state.dyad.split(":"); }
function reverse() { const [s, t] = pair(); return `${t}:${s}`; }
function fail(e) { setStatus(e.message, true); }

function saveHash() {
  const p = new URLSearchParams();
  if (state.dyad) p.set("dyad", state.dyad);
  p.set("per", state.per);
  for (const [k, v] of [["since", state.since], ["until", state.until], ["as_of", state.asOf], ["origin", state.origin],
    ["event", state.eventId]]) {
    if (v) p.set(k, v);
  }
  history.replaceState(null, "", "#" + p.toString());
}

// ---- the dyad picker -----------------------------------------------------------------------
function dyadLabel(d) {
  const name = (code, n) => (n ? `${n} (${code})` : code);
  return `${name(d.source, d.source_name)} → ${name(d.target, d.target_name)} · ${d.events} events · Goldstein ${fmt(d.goldstein_mean, 2)}`;
}

/** The picker's options: the dyads whose codes or names contain every word of the query (any case). */
function fillPicker(query) {
  const words = (query || "").toLowerCase().split(/\s+/).filter(Boolean);
  const select = clear(byId("dyad"));
  for (const d of state.dyads) {
    const label = dyadLabel(d);
    if (words.every((w) => label.toLowerCase().includes(w))) select.append(el("option", { value: `${d.source}:${d.target}` }, label));
  }
  if (state.dyad && [...select.options].some((o) => o.value === state.dyad)) select.value = state.dyad;
  byId("dyad-count").textContent = words.length ? `${select.options.length} of ${state.dyads.length} dyads` : "";
  return select;
}

function onSearch(e) {
  const select = fillPicker(e.target.value);
  if (select.options.length && select.value !== state.dyad) pickDyad(select.options[0].value);
}

function pickDyad(value) {
  state.dyad = value;
  state.eventId = null;
  byId("dyad").value = value;
  saveHash();
  loadSeries().catch(fail);
  if (byId("alerts-dyad").checked) refreshAlerts(false);
}

// ---- origins: coded here (dyadwatch) or imported (gdelt, icews …) --------------------------
/** The origin query parameter, where one is chosen. */
function withOrigin(q) {
  if (state.origin) q.set("origin", state.origin);
  return q;
}

function fillOrigins(origins) {
  const select = byId("origin");
  const total = origins.reduce((n, o) => n + o.events, 0);
  clear(select).append(el("option", { value: "" }, `all origins (${total} events)`));
  for (const o of origins) select.append(el("option", { value: o.origin }, `${o.origin} (${o.events} events)`));
  if (!origins.some((o) => o.origin === state.origin)) state.origin = "";
  select.value = state.origin;
}

function showCounting() {
  byId("counting").textContent = state.origin ? `${state.counting}; only events from ${state.origin}` : state.counting;
}

/** The dyads of the chosen origin into the picker; keeps the dyad shown where it is among them. */
async function loadDyads(wanted) {
  state.dyads = await getJSON(`/api/dyads?${withOrigin(new URLSearchParams({ limit: "200" }))}`);
  const has = state.dyads.some((d) => `${d.source}:${d.target}` === wanted);
  state.dyad = has ? wanted : (state.dyads.length ? `${state.dyads[0].source}:${state.dyads[0].target}` : null);
  byId("dyad-search").value = "";
  fillPicker("");
  if (state.dyad) byId("dyad").value = state.dyad;
}

async function onOrigin(value) {
  state.origin = value;
  state.eventId = null;
  delete document.body.dataset.drawn;
  showCounting();
  await loadDyads(state.dyad);
  saveHash();
  if (state.dyad) await loadSeries();
  else showNoDyads();
  if (state.origin === value) document.body.dataset.drawn = value || "all";  // every panel shows this origin's events
}

function showNoDyads() {
  clear(byId("chart"));
  clear(byId("events"));
  byId("summary").textContent = "";
  setStatus(state.origin ? `No dyads among the events from ${state.origin}.` : "The store has no dyads yet: code some articles first.");
}

// ---- alerts --------------------------------------------------------------------------------
function refreshAlerts(more) {
  const only = byId("alerts-dyad").checked && state.dyad;
  return loadAlerts(only ? state.dyad : null, more, (d) => {
    if (!state.dyads.some((x) => `${x.source}:${x.target}` === d)) { setStatus(`${d}: no counted events of this dyad`, true); return; }
    fillPicker("");
    pickDyad(d);
  }, (id) => showEvent(id).then(() => byId("event-panel").scrollIntoView({ block: "nearest" })).catch(fail)).catch(fail);
}

// ---- series of both directions -------------------------------------------------------------
/** The date range shown: the one set, else the first to the last event of either direction. */
function shownRange() {
  const [s, t] = pair();
  const both = state.dyads.filter((d) => (d.source === s && d.target === t) || (d.source === t && d.target === s));
  const firsts = both.map((d) => d.first).filter(Boolean).sort(), lasts = both.map((d) => d.last).filter(Boolean).sort();
  return { since: state.since || firsts[0] || "", until: state.until || lasts[lasts.length - 1] || "" };
}

function rangeQuery(extra) {
  const r = shownRange(), q = new URLSearchParams(extra || {});
  if (r.since) q.set("since", r.since);
  if (r.until) q.set("until", r.until);
  return withOrigin(q);
}

async function loadSeries() {
  if (!state.dyad) return;
  setStatus("Loading the series…");
  const path = (d) => d.split(":").map(encodeURIComponent).join("/");
  const q = rangeQuery({ per: state.per }), current = latest("series");
  const both = await Promise.all([
    getJSON(`/api/dyads/${path(state.dyad)}/series?${q}`), getJSON(`/api/dyads/${path(reverse())}/series?${q}`)]);
  if (!current()) return;
  [state.fw, state.bw] = both;
  state.period = null;
  byId("summary").textContent = [state.fw, state.bw].map(summaryOf).join(" · ");
  drawTimeline(byId("chart"), state.fw, state.bw, (p, hit) => selectPeriod(p, hit).catch(fail));
  renderFindings(state.fw, state.bw);
  clear(byId("events"));
  byId("period-hint").textContent = "Click a period in the timeline to list its events and show them on the map.";
  setStatus("");
  await Promise.all([loadLocated(), loadDeadlines()]);
}

function summaryOf(s) {
  const q = [0, 0, 0, 0];
  let sum = 0;
  for (const p of s.periods) { q[0] += p.q1; q[1] += p.q2; q[2] += p.q3; q[3] += p.q4; sum += p.goldstein_sum; }
  const mean = s.events ? sum / s.events : null;
  return `${s.source} → ${s.target}: ${s.events} events; verbal/material cooperation ${q[0]}/${q[1]}, ` +
    `verbal/material conflict ${q[2]}/${q[3]}; Goldstein sum ${fmt(sum)}, mean ${fmt(mean, 2)}`;
}

function renderFindings(fw, bw) {
  const changes = clear(byId("changes")), mixed = clear(byId("mixed"));
  for (const s of [fw, bw]) {
    for (const c of s.change_points) changes.append(el("li", { class: `change ${c.direction}` }, `${s.source}→${s.target}: ${c.description}`));
    for (const m of s.mixed_signals) mixed.append(el("li", {}, `${s.source}→${s.target}: ${m.description}`));
  }
  if (!changes.children.length) {
    const notes = [fw, bw].filter((s) => s.change_points_note).map((s) => `${s.source}→${s.target}: ${s.change_points_note}`);
    changes.append(el("li", { class: "muted" }, notes.length ? `none (${notes.join("; ")})` : "none"));
  }
  if (!mixed.children.length) mixed.append(el("li", { class: "muted" }, "none"));
}

async function loadDeadlines() {
  const q = rangeQuery({ dyad: state.dyad });
  if (state.asOf) q.set("as_of", state.asOf);
  const current = latest("deadlines");
  const d = await getJSON(`/api/deadlines?${q}`);
  if (!current()) return;
  byId("as-of-note").textContent = `countdowns from ${d.as_of}${state.asOf ? "" : " (the latest article date)"}`;
  const list = clear(byId("deadlines"));
  for (const x of d.items) {
    list.append(el("li", { class: x.open ? "open" : "expired", "data-due": x.due, "data-days-left": x.days_left },
      el("strong", {}, x.due), ` ${x.source || "?"} → ${x.target || "?"}: `, el("span", { class: "countdown" }, x.status),
      ` — “${x.text}”`));
  }
  if (!d.items.length) list.append(el("li", { class: "muted" }, "none"));
}

// ---- the map -------------------------------------------------------------------------------
async function loadLocated() {
  const get = (dyad) => getJSON(`/api/events?${rangeQuery({ dyad, located: "true", limit: "500" })}`);
  const current = latest("located");
  const pages = await Promise.all([get(state.dyad), get(reverse())]);
  if (!current()) return;
  state.located = pages.flatMap((p) => p.items);
  state.locatedMore = pages.reduce((n, p) => n + p.total - p.items.length, 0);
  showOnMap(null);
}

function showOnMap(period) {
  const shown = period ? state.located.filter((e) => e.event_date && e.event_date >= period.start && e.event_date <= period.end) : state.located;
  drawMap(byId("map"), state.located, shown, pair()[0], (id) => showEvent(id).catch(fail));
  const where = period ? `${period.start} … ${period.end}` : "the whole range";
  const more = state.locatedMore ? ` (${state.locatedMore} more not drawn)` : "";
  byId("map-caption").textContent = state.located.length
    ? `${shown.length} located event${shown.length === 1 ? "" : "s"} in ${where}, of ${state.located.length} in the range${more}.`
    : "None of these events is located: the articles name no place for them.";
  byId("map-all").hidden = !period;
}

// ---- events of a period --------------------------------------------------------------------
async function selectPeriod(p, hit) {
  for (const r of document.querySelectorAll("rect.period.selected")) r.classList.remove("selected");
  hit.classList.add("selected");
  state.period = p;
  showOnMap(p);
  byId("period-hint").textContent = `${state.dyad.replace(":", " ⇄ ")}, ${p.start} … ${p.end}`;
  const list = clear(byId("events"));
  const current = latest("period");
  if (!p.n) { list.append(el("li", { class: "muted" }, "No events in this period.")); return; }
  for (const dyad of [state.dyad, reverse()]) {
    const q = withOrigin(new URLSearchParams({ dyad, since: p.start, until: p.end, limit: "500" }));
    const page = await getJSON(`/api/events?${q}`);
    if (!current()) return;
    if (!page.total) continue;
    list.append(el("li", { class: "direction-head" }, `${dyad.replace(":", " → ")} (${page.total})`));
    for (const e of page.items) list.append(eventItem(e));
    if (page.total > page.items.length) list.append(el("li", { class: "muted" }, `… and ${page.total - page.items.length} more`));
  }
}

function eventItem(e) {
  const where = e.location_name ? ` · ${e.location_name}` : "";
  const btn = el("button", { type: "button", class: "event", "data-event-id": e.event_id },
    el("span", { class: "meta" },
      el("span", { class: `quad q${e.quad_class}` }, `Q${e.quad_class}`),
      ` ${e.event_date || "undated"} · ${e.source_code || "?"}→${e.target_code || "?"} · ${e.cameo} ${e.cameo_name || ""} · ${fmt(e.goldstein)}${where}`),
    el("span", { class: "sentence-preview" }, e.sentence || ""));
  btn.addEventListener("click", () => showEvent(e.event_id).catch(fail));
  return el("li", {}, btn);
}

async function showEvent(id) {
  state.eventId = id;
  saveHash();
  for (const b of document.querySelectorAll("button.event")) b.classList.toggle("selected", b.dataset.eventId === id);
  for (const c of document.querySelectorAll("svg.map circle.point")) c.classList.toggle("selected", c.dataset.eventId === id);
  renderEvent(await getJSON(`/api/events/${encodeURIComponent(id)}`));
}

// ---- start ---------------------------------------------------------------------------------
function bindControls() {
  const reload = () => { saveHash(); loadSeries().catch(fail); };
  byId("dyad").addEventListener("change", (e) => pickDyad(e.target.value));
  byId("dyad-search").addEventListener("input", onSearch);
  byId("per").addEventListener("change", (e) => { state.per = e.target.value; reload(); });
  byId("since").addEventListener("change", (e) => { state.since = e.target.value; reload(); });
  byId("until").addEventListener("change", (e) => { state.until = e.target.value; reload(); });
  byId("as-of").addEventListener("change", (e) => { state.asOf = e.target.value; saveHash(); loadDeadlines().catch(fail); });
  byId("origin").addEventListener("change", (e) => onOrigin(e.target.value).catch(fail));
  byId("alerts-dyad").addEventListener("change", () => refreshAlerts(false));
  byId("alerts-more").addEventListener("click", () => refreshAlerts(true));
  byId("map-all").addEventListener("click", () => {
    for (const r of document.querySelectorAll("rect.period.selected")) r.classList.remove("selected");
    state.period = null;
    showOnMap(null);
  });
  byId("controls").addEventListener("submit", (e) => e.preventDefault());
}

function readHash() {
  const hash = new URLSearchParams(location.hash.slice(1));
  const isDate = (v) => /^\d{4}-\d{2}-\d{2}$/.test(v || "");
  if (["day", "week", "month"].includes(hash.get("per"))) state.per = hash.get("per");
  for (const [k, key] of [["since", "since"], ["until", "until"], ["as_of", "asOf"]]) if (isDate(hash.get(k))) state[key] = hash.get(k);
  if (/^[a-z0-9]+$/.test(hash.get("origin") || "")) state.origin = hash.get("origin");
  byId("per").value = state.per;
  byId("since").value = state.since;
  byId("until").value = state.until;
  byId("as-of").value = state.asOf;
  return hash;
}

/** The outlines, where npm installed them (/api/health says so): topojson-client first, then the TopoJSON. */
async function loadMapLibraries(available) {
  if (!available) {
    byId("map-note").textContent = "Country outlines are not installed (make install runs npm); points only.";
    return;
  }
  await new Promise((resolve, reject) => {
    const s = el("script", { src: "/static/vendor/topojson-client.min.js" });
    s.addEventListener("load", resolve);
    s.addEventListener("error", () => reject(new Error("topojson-client could not be loaded")));
    document.head.append(s);
  });
  await loadOutlines();
}

async function start() {
  const hash = readHash();
  let alertsLoaded = null;
  bindControls();
  try {
    const health = await getJSON("/api/health");
    state.counting = health.counting;
    await loadMapLibraries(health.outlines).catch(fail);
    fillOrigins(await getJSON("/api/origins"));
    showCounting();
    alertsLoaded = refreshAlerts(false);
    await loadDyads((hash.get("dyad") || "").toUpperCase());
    if (!state.dyad) { showNoDyads(); return; }
    await loadSeries();
    document.body.dataset.drawn = state.origin || "all";
    if (hash.get("event")) await showEvent(hash.get("event"));
    saveHash();
  } catch (err) {
    fail(err);
  } finally {
    if (alertsLoaded) await alertsLoaded;
    document.body.dataset.ready = "1";
  }
}

document.addEventListener("DOMContentLoaded", start);
