"""Write the dyad report: one self-contained HTML file (charts inline, no scripts, no
network) and optionally the charts as PNG files. Every text from the articles is escaped."""

from __future__ import annotations

import base64
import html
from datetime import date
from pathlib import Path

import pandas as pd

from ..analysis.counting import DEFAULT_COUNTING
from ..brief import report_section
from ..analysis.relation import NotEnoughData
from ..analysis.series import dyad_events
from ..analysis.signals import DirectionAssessment, DyadAssessment
from .charts import render_charts
from .palette import QUAD_LABELS

__all__ = ["write_report", "render_html"]

_CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;line-height:1.45}
h1{margin-bottom:.2em} h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
table{border-collapse:collapse;width:100%;margin:.6em 0;font-size:.92em} th,td{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f4f6f8} .muted{color:#777} .tag{display:inline-block;padding:1px 6px;border-radius:3px;font-size:.85em;color:#fff}
.conflictual{background:#b03a2e} .cooperative{background:#1f618d} .mixed{background:#8e44ad} .none{background:#999}
.negated{color:#b03a2e;font-weight:600} .mood.asserted{color:#555}
mark{background:#fde68a;padding:0 2px} img{max-width:100%;border:1px solid #eee} .box{background:#fafafa;border:1px solid #eee;padding:.6em 1em;margin:.6em 0}
"""


def _e(x: object) -> str:
    return html.escape("" if x is None or (isinstance(x, float) and pd.isna(x)) else str(x))


def _sentence(sentence: str, trigger: str | None) -> str:
    s = _e(sentence)
    if trigger:
        t = _e(trigger)
        i = s.find(t)
        if i >= 0:
            s = s[:i] + f"<mark>{t}</mark>" + s[i + len(t):]
    return s


def _direction(d: DirectionAssessment) -> str:
    tone = d.tone
    cls = {"net-conflictual": "conflictual", "net-cooperative": "cooperative", "mixed": "mixed"}.get(tone, "none")
    rows = [
        f"<p><b>{_e(d.source)}→{_e(d.target)}</b> <span class='tag {cls}'>{_e(tone)}</span> — "
        f"{d.events} event{'' if d.events == 1 else 's'}, "
        f"Goldstein sum {d.goldstein_sum:+.1f}" + (f", mean {d.goldstein_mean:+.2f}" if d.goldstein_mean is not None else "") + "; "
        + (", ".join(f"{n} {QUAD_LABELS.get(q, f'quad class {q}')}" for q, n in sorted(d.quad_counts.items()) if n) or "no events") + "</p>",
        f"<p>Trend: {_e(d.trend.describe() if not isinstance(d.trend, NotEnoughData) else d.trend)}</p>",
    ]
    if isinstance(d.changes, NotEnoughData):
        rows.append(f"<p>Change points: {_e(d.changes)}</p>")
    elif d.changes:
        rows.append("<ul>" + "".join(f"<li>{_e(c.describe())}</li>" for c in d.changes) + "</ul>")
    else:
        rows.append("<p>Change points: no significant change.</p>")
    return "<div class='box'>" + "".join(rows) + "</div>"


def _modality(r) -> str:
    """Mood, negation and speaker of an event, so that an intended, denied or reported act does
    not pass for an asserted one."""
    mood = getattr(r, "mood", None)
    parts = [f"<span class='mood {_e(mood)}'>{_e(mood)}</span>" if isinstance(mood, str) else ""]
    if getattr(r, "negated", False) is True:
        parts.append("<span class='negated'>negated</span>")
    speaker = getattr(r, "reported_by_text", None)
    if isinstance(speaker, str) and speaker:
        code = getattr(r, "reported_by_code", None)
        parts.append(f"<span class='muted'>reported by {_e(speaker)}{f' ({_e(code)})' if isinstance(code, str) else ''}</span>")
    return "<br>".join(p for p in parts if p)


def _events_table(ev: pd.DataFrame, limit: int | None = None) -> str:
    if ev.empty:
        return "<p class='muted'>none</p>"
    head = "<tr><th>date</th><th>source</th><th>target</th><th>code</th><th>Goldstein</th><th>mood</th><th>sentence</th></tr>"
    body = []
    for r in ev.head(limit).itertuples() if limit else ev.itertuples():
        src = f"{_e(r.source_code)} {_e(r.source_sector)} <span class='muted'>({_e(r.source_text)})</span>"
        tgt = f"{_e(r.target_code)} {_e(r.target_sector)} <span class='muted'>({_e(r.target_text)})</span>"
        link = f" <a href='{_e(r.url)}'>source</a>" if isinstance(r.url, str) and r.url.startswith(("http://", "https://")) else ""
        body.append(f"<tr><td>{_e(r.event_date.date())}</td><td>{src}</td><td>{tgt}</td><td>{_e(r.cameo)} {_e(r.cameo_name)}"
                    f"<br><span class='muted'>{_e(r.plover_type)}</span></td><td>{r.goldstein:+.1f}</td><td>{_modality(r)}</td>"
                    f"<td>{_sentence(r.sentence, r.trigger_text)}{link}</td></tr>")
    return f"<table>{head}{''.join(body)}</table>"


def _map_section(charts: dict[str, bytes], img) -> str:
    if "map" not in charts:
        return "<p class='muted no-map'>None of these events is located: the articles name no place for them.</p>"
    return (img("map", "map of the located events, coloured by quad class") +
            "<p class='muted'>Points: events with a place (circles: first actor's, triangles: second's), coloured by quad class. "
            "Events located to a country only, or not at all, are not drawn. Country outlines: Natural Earth (public domain).</p>")


def render_html(a: DyadAssessment, df: pd.DataFrame, charts: dict[str, bytes], as_of: date, counting: str | None = None) -> str:
    def img(name: str, alt: str) -> str:
        return f"<img alt='{_e(alt)}' src='data:image/png;base64,{base64.b64encode(charts[name]).decode()}'>"

    span = f"{a.start.date()} … {a.end.date()}" if a.start is not None else "no events"
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>dyadwatch report: {_e(a.a)} – {_e(a.b)}</title><style>{_CSS}</style></head><body>",
        f"<h1>{_e(a.a)} – {_e(a.b)}</h1><p class='muted'>dyadwatch report · events {_e(span)} · per {_e(a.freq)} · as of {_e(as_of)}</p>",
        f"<p class='muted counting'>{_e(counting or DEFAULT_COUNTING.describe())}</p>",
        report_section(a, df, as_of, counting),  # (the brief: the same reading as `dyadwatch brief`)
        "<h2>Relation over time</h2>", img("timeline", "relation index per period with bootstrap band"),
        _direction(a.forward), _direction(a.backward),
        "<h2>Events by quad class</h2>", img("quad_classes", "events per period by quad class"),
        "<h2>Where it happened</h2>", _map_section(charts, img),
        "<h2>Mixed signals</h2>",
    ]
    mixed = a.forward.mixed + a.backward.mixed
    if not mixed:
        parts.append("<p>No window with mixed signals.</p>")
    for m in mixed:
        parts.append(f"<div class='box'><p><span class='tag mixed'>mixed</span> {_e(m.describe())}</p>"
                     f"<p><b>Cooperative</b></p>{_events_table(m.cooperative, 10)}<p><b>Conflictual</b></p>{_events_table(m.conflictual, 10)}</div>")
    parts.append("<h2>Reciprocity</h2><ul>")
    for rec, x, y in ((a.reciprocity_ab, a.a, a.b), (a.reciprocity_ba, a.b, a.a)):
        text = rec.describe(x, y, a.freq) if not isinstance(rec, NotEnoughData) else f"does {y} answer {x}? {rec}"
        parts.append(f"<li>{_e(text)}</li>")
    parts.append("</ul><h2>Deadlines and ultimatums</h2>")
    if not a.deadlines:
        parts.append("<p>None found.</p>")
    else:
        parts.append("<table><tr><th>due</th><th>status</th><th>from → to</th><th>kind</th><th>as written</th><th>sentence</th></tr>")
        for d in a.deadlines:
            parts.append(f"<tr><td>{_e(d.due)}</td><td>{_e(d.status(as_of))}</td><td>{_e(d.source)} → {_e(d.target)}</td>"
                         f"<td>{_e(d.kind)} ({_e(d.cameo)})</td><td>{_e(d.text)}</td><td>{_sentence(d.sentence, d.text)}</td></tr>")
        parts.append("</table>")
    parts.append("<h2>Repeated patterns</h2>")
    parts.append("<ul>" + "".join(f"<li>{_e(p.describe())}</li>" for p in a.patterns) + "</ul>" if a.patterns else "<p>None found in these data.</p>")
    pair = dyad_events(df, a.a, a.b, undirected=True)
    parts.append(f"<h2>All events ({len(pair)})</h2>{_events_table(pair)}")
    parts.append("<p class='muted'>Relation index: mean Goldstein value of the period's events (−10 … +10), 95% percentile bootstrap band. "
                 "Change points: PELT on the index, kept when a Welch t-test on the events before and after gives p &lt; 0.01. "
                 "Mixed-signal index: 2·min(C, K)/(C + K) over the summed |Goldstein| of cooperative (C) and conflictual (K) events in a 30-day window.</p>")
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(a: DyadAssessment, df: pd.DataFrame, out: str | Path, png_dir: str | Path | None = None, as_of: date | None = None,
                 counting: str | None = None) -> list[Path]:
    """Write the HTML report (and PNG charts); returns the files written. ``counting`` says which
    events the report counts (:meth:`dyadwatch.analysis.counting.Counting.describe`)."""
    charts = render_charts(a, df)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_html(a, df, charts, as_of or a.as_of or date.today(), counting), "utf-8")
    written = [out]
    if png_dir is not None:
        d = Path(png_dir)
        d.mkdir(parents=True, exist_ok=True)
        for name, data in charts.items():
            p = d / f"{a.a}-{a.b}-{name}.png"
            p.write_bytes(data)
            written.append(p)
    return written
