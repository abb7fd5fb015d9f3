// dyadwatch dashboard: the alerts panel — what `dyadwatch watch` wrote to the store's alerts table, newest first.
// Rules, messages and subjects are stored text: shown with textContent (el), never parsed as markup.
"use strict";

const ALERTS_PAGE = 20;
const alertsView = { shown: 0, load: 0 };

function alertDyad(a) {
  const side = (code, name) => (code ? (name ? `${name} (${code})` : code) : "?");
  return a.source || a.target ? `${side(a.source, a.source_name)} → ${side(a.target, a.target_name)}` : "";
}

/** One alert: rule, dyad (a button that opens it where both sides are known), when, what fired, its events. */
function alertItem(a, onDyad, onEvent) {
  const head = el("p", { class: "alert-head" }, el("strong", { class: "alert-rule" }, a.rule), " ",
    el("span", { class: "muted" }, `(${a.condition})`), " ");
  const dyad = alertDyad(a);
  if (a.source && a.target) {
    const b = el("button", { type: "button", class: "alert-dyad", "data-dyad": `${a.source}:${a.target}` }, dyad);
    b.addEventListener("click", () => onDyad(`${a.source}:${a.target}`));
    head.append(b);
  } else if (dyad) {
    head.append(el("span", { class: "alert-dyad" }, dyad));
  }
  const written = a.created_at ? a.created_at.replace("T", " ").slice(0, 16) : "";
  const when = el("p", { class: "alert-when muted small" },
    [a.as_of ? `as of ${a.as_of}` : "", written ? `written ${written}` : ""].filter(Boolean).join(" · "));
  const item = el("li", { class: "alert", "data-alert-id": a.alert_id }, head, when, el("p", { class: "alert-message" }, a.message));
  if (a.event_ids.length) {
    const links = el("p", { class: "alert-events small" }, "events: ");
    a.event_ids.forEach((id, i) => {
      const b = el("button", { type: "button", class: "alert-event", "data-event-id": id, title: id }, `${i + 1}`);
      b.addEventListener("click", () => onEvent(id));
      links.append(b, " ");
    });
    item.append(links);
  }
  return item;
}

/** Fill the panel (more: append the next page). dyad: "A:B" to show only alerts between A and B, or null. */
async function loadAlerts(dyad, more, onDyad, onEvent) {
  const n = ++alertsView.load;
  const q = new URLSearchParams({ limit: String(ALERTS_PAGE), offset: String(more ? alertsView.shown : 0) });
  if (dyad) q.set("dyad", dyad);
  const page = await getJSON(`/api/alerts?${q}`);
  if (n !== alertsView.load) return;
  const list = byId("alerts");
  if (!more) { clear(list); alertsView.shown = 0; }
  for (const a of page.items) list.append(alertItem(a, onDyad, onEvent));
  alertsView.shown += page.items.length;
  const note = byId("alerts-note");
  if (!page.table) {
    note.textContent = "";
    list.append(el("li", { class: "muted alerts-empty" }, "No alerts: this store has no alerts table (dyadwatch watch writes one)."));
  } else if (!page.total) {
    note.textContent = "";
    list.append(el("li", { class: "muted alerts-empty" }, dyad ? "No alerts about this dyad." : "No alerts yet."));
  } else {
    note.textContent = ` · ${alertsView.shown} of ${page.total}, newest first`;
  }
  byId("alerts-more").hidden = alertsView.shown >= page.total;
}
