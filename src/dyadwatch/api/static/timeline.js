// dyadwatch dashboard: the relation timeline of both directions of a dyad on one axis.
// A→B ("forward") and B→A ("backward") are two lines, the asymmetry band fills the space between them
// where both have events, and a period without events breaks a line.
"use strict";

function dayNumber(iso) { return Date.parse(iso + "T00:00:00Z") / 86400000; }

/** One row per period start of either series: {start, end, f, b} (f/b: that direction's period, or null). */
function alignPeriods(fw, bw) {
  const rows = new Map();
  for (const [key, s] of [["f", fw], ["b", bw]]) {
    for (const p of s.periods) {
      const row = rows.get(p.start) || { start: p.start, end: p.end, f: null, b: null };
      row[key] = p;
      rows.set(p.start, row);
    }
  }
  return [...rows.values()].sort((a, b) => (a.start < b.start ? -1 : 1));
}

/** Runs of consecutive rows where pick(row) is not null (a null breaks the run). */
function runsOf(rows, pick) {
  const runs = [[]];
  rows.forEach((r, i) => {
    const v = pick(r);
    if (v !== null && v !== undefined) runs[runs.length - 1].push([i, v]);
    else if (runs[runs.length - 1].length) runs.push([]);
  });
  return runs.filter((r) => r.length);
}

function timelineGeometry(rows) {
  const n = rows.length, W = 1000, left = 44, right = 12, slot = (W - left - right) / n;
  const top = 26, idxH = 170, gap = 40, barH = 110;
  const g = { n, W, left, right, slot, top, idxH, gap, barH, H: top + idxH + gap + barH + 34, barBase: top + idxH + gap + barH };
  g.yIdx = (v) => top + (10 - v) / 20 * idxH;
  g.cx = (i) => left + (i + 0.5) * slot;
  g.xOf = (iso) => {
    const d = dayNumber(iso);
    for (let i = 0; i < n; i++) {
      const a = dayNumber(rows[i].start), b = dayNumber(rows[i].end) + 1;
      if (d < a) return left + i * slot;
      if (d < b) return left + (i + (d - a) / (b - a)) * slot;
    }
    return left + n * slot;
  };
  return g;
}

function drawAxes(root, g, maxN) {
  for (const v of [-10, -5, 0, 5, 10]) {
    root.append(svg("line", { class: v === 0 ? "zero" : "grid", x1: g.left, x2: g.W - g.right, y1: g.yIdx(v), y2: g.yIdx(v) }));
    root.append(svg("text", { class: "tick", x: g.left - 6, y: g.yIdx(v) + 4, "text-anchor": "end" }, String(v)));
  }
  root.append(svg("text", { class: "axis-label", x: g.left, y: g.top - 10 }, "relation index (mean Goldstein)"));
  root.append(svg("text", { class: "axis-label", x: g.left, y: g.top + g.idxH + g.gap - 8 },
    `events per quad class, left bar A→B, right bar B→A (max ${maxN})`));
  root.append(svg("line", { class: "grid", x1: g.left, x2: g.W - g.right, y1: g.barBase, y2: g.barBase }));
}

/** The band between the two lines over each run of periods where both directions have an index. */
function drawAsymmetry(root, rows, g) {
  for (const run of runsOf(rows, (r) => (r.f && r.f.index !== null && r.b && r.b.index !== null ? r : null))) {
    const xs = run.length > 1 ? run.map(([i]) => [g.cx(i)]) : [[g.cx(run[0][0]) - g.slot * 0.3], [g.cx(run[0][0]) + g.slot * 0.3]];
    const ps = run.length > 1 ? run.map(([, r]) => r) : [run[0][1], run[0][1]];
    const upper = ps.map((r, k) => `${xs[k]},${g.yIdx(r.f.index)}`);
    const lower = ps.map((r, k) => `${xs[k]},${g.yIdx(r.b.index)}`).reverse();
    root.append(svg("polygon", { class: "asymmetry", points: upper.concat(lower).join(" ") },
      svg("title", {}, "asymmetry: the gap between the two directions' index")));
  }
}

function drawDirection(root, rows, g, key) {
  const cls = key === "f" ? "forward" : "backward";
  const w = Math.max(1, g.slot * 0.7);
  rows.forEach((r, i) => {
    const p = r[key];
    if (p && p.index !== null) {
      root.append(svg("rect", { class: `band ${cls}`, x: g.cx(i) - w / 2, y: g.yIdx(p.high), width: w,
        height: Math.max(1, g.yIdx(p.low) - g.yIdx(p.high)) }));
    }
  });
  for (const run of runsOf(rows, (r) => (r[key] ? r[key].index : null))) {
    if (run.length > 1) root.append(svg("polyline", { class: `index-line ${cls}`, points: run.map(([i, v]) => `${g.cx(i)},${g.yIdx(v)}`).join(" ") }));
    for (const [i, v] of run) root.append(svg("circle", { class: `index-dot ${cls}`, cx: g.cx(i), cy: g.yIdx(v), r: 3 }));
  }
}

function drawBars(root, rows, g, maxN) {
  const w = Math.max(1, g.slot * 0.35);
  rows.forEach((r, i) => {
    for (const [key, dx] of [["f", -w], ["b", 0]]) {
      const p = r[key];
      if (!p) continue;
      let y = g.barBase;
      for (const [q] of QUADS) {
        const h = p[`q${q}`] / maxN * g.barH;
        if (h > 0) { y -= h; root.append(svg("rect", { class: `bar q${q} ${key === "f" ? "forward" : "backward"}`, x: g.cx(i) + dx, y, width: w, height: h })); }
      }
    }
  });
}

function drawMarks(root, g, fw, bw) {
  for (const m of fw.mixed_signals.concat(bw.mixed_signals)) {
    const x0 = g.xOf(m.start), x1 = g.xOf(m.end) + (fw.per === "day" ? g.slot : 0);
    root.append(svg("rect", { class: "mixed", x: x0, y: g.top, width: Math.max(2, x1 - x0), height: g.barBase - g.top },
      svg("title", {}, m.description)));
  }
}

function drawChanges(root, g, fw, bw) {
  for (const s of [fw, bw]) {
    for (const c of s.change_points) {
      const x = g.xOf(c.since);
      root.append(svg("line", { class: `change ${c.direction}`, x1: x, x2: x, y1: g.top, y2: g.barBase }, svg("title", {}, c.description)));
      root.append(svg("text", { class: "change-label", x: x + 3, y: g.top + 10 }, `${s.source}→${s.target} ${c.direction} ${c.since}`));
    }
  }
}

function drawLabels(root, rows, g) {
  const every = Math.max(1, Math.ceil(g.n / 10));
  const labelW = 72;  // an ISO date at 11px; a label that would run past the right edge ends there instead
  rows.forEach((r, i) => {
    if (i % every !== 0) return;
    const x = g.left + i * g.slot, fits = x + labelW <= g.W - g.right;
    root.append(svg("text", { class: "tick", x: fits ? x : g.W - g.right, y: g.barBase + 16, "text-anchor": fits ? "start" : "end" }, r.start));
  });
}

function periodTitle(r, fw, bw) {
  const part = (s, p) => `${s.source}→${s.target}: ${p ? p.n : 0} events, index ${fmt(p ? p.index : null, 2)}`;
  return `${r.start} … ${r.end}; ${part(fw, r.f)}; ${part(bw, r.b)}`;
}

function drawHits(root, rows, g, fw, bw, onSelect) {
  rows.forEach((r, i) => {
    const n = (r.f ? r.f.n : 0) + (r.b ? r.b.n : 0);
    const hit = svg("rect", { class: "period", x: g.left + i * g.slot, y: g.top, width: g.slot, height: g.barBase - g.top,
      "data-start": r.start, "data-end": r.end, "data-n": n, "data-n-forward": r.f ? r.f.n : 0, "data-n-backward": r.b ? r.b.n : 0 },
    svg("title", {}, periodTitle(r, fw, bw)));
    pressable(hit, `${r.start} to ${r.end}: ${n} events`, () => onSelect({ start: r.start, end: r.end, n }, hit));
    root.append(hit);
  });
}

/** Draw both directions into box; onSelect({start, end, n}, rect) when a period is clicked. */
function drawTimeline(box, fw, bw, onSelect) {
  clear(box);
  const rows = alignPeriods(fw, bw);
  if (!rows.length) { box.append(el("p", { class: "muted" }, "No events between these two in either direction.")); return; }
  const g = timelineGeometry(rows);
  const maxN = Math.max(1, ...rows.flatMap((r) => [r.f ? r.f.n : 0, r.b ? r.b.n : 0]));
  const root = svg("svg", { viewBox: `0 0 ${g.W} ${g.H}`, role: "img", class: "timeline",
    "aria-label": `relation timeline ${fw.source} to ${fw.target} and back, per ${fw.per}` });
  drawMarks(root, g, fw, bw);
  drawAxes(root, g, maxN);
  drawAsymmetry(root, rows, g);
  drawDirection(root, rows, g, "b");
  drawDirection(root, rows, g, "f");
  drawBars(root, rows, g, maxN);
  drawChanges(root, g, fw, bw);
  drawLabels(root, rows, g);
  drawHits(root, rows, g, fw, bw, onSelect);
  box.append(root);
}
