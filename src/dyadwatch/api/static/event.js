// dyadwatch dashboard: one event, its sentence with actors and trigger marked, and why it was coded.
"use strict";

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

function locationText(loc) {
  if (!loc) return "not located (the article names no place for it)";
  const where = [loc.name, loc.admin1, loc.country].filter(Boolean).join(", ");
  const at = loc.lat !== null && loc.lon !== null ? ` · ${Number(loc.lat).toFixed(2)}, ${Number(loc.lon).toFixed(2)}` : "";
  return `${where} (${loc.precision || "?"}${loc.via ? `, found in the ${loc.via}` : ""})${at}`;
}

/** Fill #event with one event: its sentence with actors and trigger marked, and why it was coded. */
function renderEvent(ev) {
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
    ["Where", locationText(ev.location)],
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
