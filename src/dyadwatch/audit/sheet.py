"""Write an audit sheet: a CSV to mark (Excel, LibreOffice, any editor) and an HTML page to read.

Every text in the sheet comes from the store — that is, from the news — and is untrusted:
in the HTML page it is always escaped (never markup), links are made only of http(s) URLs,
and the page carries a Content-Security-Policy that allows no script and no network; in
the CSV a text that a spreadsheet would run as a formula (starting ``=``, ``+``, ``-``, ``@``)
is written with a leading apostrophe.
"""

from __future__ import annotations

import csv
import html
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from .. import __version__
from ..errors import UsageError
from .sample import AuditRow, AuditSample

__all__ = ["EVENT_COLUMNS", "JUDGEMENT_COLUMNS", "SHEET_COLUMNS", "HOW_TO_MARK", "QUAD_NAMES", "write_sheet", "write_csv", "write_html"]

#: what the sheet says about each event, in order
EVENT_COLUMNS = (
    "row", "event_id", "article_date", "event_date", "publisher", "title", "url", "sentence",
    "trigger", "trigger_start", "trigger_end", "cameo", "cameo_root", "cameo_name", "plover_type", "quad_class",
    "source_code", "source_sector", "source_text", "source_via",
    "target_code", "target_sector", "target_text", "target_via",
    "mood", "negated", "reported_by", "confidence", "pattern",
)
#: the columns a person fills in
JUDGEMENT_COLUMNS = ("type_ok", "source_ok", "target_ok", "note")
SHEET_COLUMNS = EVENT_COLUMNS + JUDGEMENT_COLUMNS

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}

HOW_TO_MARK = (
    "Judge each row against its sentence and fill in the columns type_ok, source_ok, target_ok (and note if you like).",
    "type_ok: y if the sentence reports an event of this CAMEO type (at least its root, e.g. 11 Disapprove, and the mood "
    "shown); n if it reports no such event.",
    "source_ok: y if the source (code and sector) is the actor who acts; n if not.",
    "target_ok: y if the target (code and sector) is the actor acted on; n if it is wrong, or missing where the sentence "
    "names one; na where the event has no target and none is due.",
    "Marks: y or n; also 1/0, yes/no, right/wrong, true/false, in any case. Leave a cell blank where you have not judged it.",
    "Keep the header row and the event_id column; other columns may be moved, hidden or added. Score with: dyadwatch audit score FILE.csv",
)

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: columns holding text from the news (the others are codes and numbers dyadwatch wrote)
_TEXT_COLUMNS = {"publisher", "title", "url", "sentence", "trigger", "source_text", "target_text", "reported_by", "cameo_name"}


def write_sheet(sample: AuditSample, prefix: str | Path) -> tuple[Path, Path]:
    """Write ``PREFIX.csv`` and ``PREFIX.html`` (creating parent folders; a folder as the prefix
    gets ``audit-sheet.*`` inside it); returns both paths."""
    prefix = Path(prefix)
    if prefix.is_dir():
        prefix = prefix / "audit-sheet"
    if prefix.suffix.lower() in (".csv", ".html", ".htm"):
        prefix = prefix.with_suffix("")
    if not prefix.name:
        raise UsageError(f"--out {str(prefix)!r}: give a file name prefix, e.g. audit/sheet")
    csv_path = prefix.parent / f"{prefix.name}.csv"
    html_path = prefix.parent / f"{prefix.name}.html"
    try:
        prefix.parent.mkdir(parents=True, exist_ok=True)
        write_csv(sample, csv_path)
        write_html(sample, html_path, csv_name=csv_path.name)
    except OSError as exc:
        raise UsageError(f"{prefix}: cannot write the sheet ({exc.strerror or exc})") from None
    return csv_path, html_path


def _header_lines(sample: AuditSample) -> list[str]:
    head = f"dyadwatch audit sheet: {sample.describe()}; dyadwatch {__version__}"
    if sample.short:
        head += f" (asked for {sample.requested}: fewer events matched, so the sheet has all of them)"
    return [head, *HOW_TO_MARK]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _values(r: AuditRow) -> dict[str, str]:
    out = {c: _cell(getattr(r, c)) for c in EVENT_COLUMNS}
    for c in _TEXT_COLUMNS:
        if out[c].startswith(_FORMULA_START):
            out[c] = "'" + out[c]
    return out


def write_csv(sample: AuditSample, path: Path) -> None:
    """The sheet as CSV: UTF-8 with a byte-order mark (so Excel reads it as UTF-8), a few
    ``#`` lines saying what it is and how to mark it, a header row, one row per event, and
    the empty judgement columns at the right."""
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        for line in _header_lines(sample):
            w.writerow([f"# {line}"])
        w.writerow(SHEET_COLUMNS)
        for r in sample.rows:
            v = _values(r)
            w.writerow([v[c] for c in EVENT_COLUMNS] + [""] * len(JUDGEMENT_COLUMNS))


# -- HTML ------------------------------------------------------------------------------
def _e(value: object) -> str:
    return html.escape(_cell(value), quote=True)


_CSS = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f;background:#fff}
h1{font-size:1.5rem;margin:0 0 .3rem}
.meta{color:#555;margin:0 0 1rem}
.howto{background:#f4f6f8;border:1px solid #d8dde3;border-radius:6px;padding:.6rem 1rem;margin-bottom:1.5rem}
.howto li{margin:.2rem 0}
ol.rows{list-style:none;padding:0;margin:0}
li.event{border-top:1px solid #d8dde3;padding:.9rem 0}
.head{color:#555;font-size:.85rem}
.num{font-weight:700;color:#1d1d1f;margin-right:.4rem}
.sentence{font-size:1.05rem;margin:.4rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
mark{background:#ffe28a;padding:0 .1rem;border-radius:2px;font-weight:600}
.coded{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;margin:.3rem 0}
.coded .code{color:#0b5cad}
.quad1,.quad2{color:#146c2e}.quad3,.quad4{color:#a4231b}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.3rem 0;font-size:.85rem;color:#333}
dt{color:#777}dd{margin:0;overflow-wrap:anywhere}
.marks{font-size:.9rem;color:#333;margin-top:.3rem}
.box{display:inline-block;width:.9rem;height:.9rem;border:1px solid #777;vertical-align:-.15rem;margin:0 .9rem 0 .25rem}
@media print{body{margin:0;max-width:none}li.event{break-inside:avoid}a{color:inherit}}
"""


def _highlighted(r: AuditRow) -> str:
    span = r.trigger_span()
    if span is None:
        return _e(r.sentence)
    a, b = span
    return f"{_e(r.sentence[:a])}<mark>{_e(r.sentence[a:b])}</mark>{_e(r.sentence[b:])}"


def _safe_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _outlet(r: AuditRow) -> str | None:
    if r.publisher:
        return r.publisher
    if r.url and (u := _safe_url(r.url)):
        return urlsplit(u).hostname
    return None


def _coded(r: AuditRow) -> str:
    what = f"{r.cameo} {r.cameo_name}" if r.cameo_name else r.cameo
    target = _e(r.target_label) if r.has_target else "<i>(no target)</i>"
    quad = f' <span class="quad{_e(r.quad_class)}">{_e(QUAD_NAMES.get(r.quad_class or 0, ""))}</span>' if r.quad_class else ""
    return (f'<p class="coded">{_e(r.source_label)} —[<span class="code">{_e(what)}</span>]→ {target}{quad}</p>')


def _details(r: AuditRow) -> str:
    mood = (r.mood or "") + (", negated" if r.negated else "")
    items = [
        ("trigger", f"{r.trigger} (characters {r.trigger_start}–{r.trigger_end} of the article)"),
        ("event date", r.event_date if r.event_date != r.article_date else None),
        ("PLOVER", r.plover_type or "—"),
        ("source", f"{r.source_label}" + (f" — found by {r.source_via}" if r.source_via else "")),
        ("target", (r.target_label + (f" — found by {r.target_via}" if r.target_via else "")) if r.has_target else "none"),
        ("mood", mood),
        ("reported by", r.reported_by),
        ("confidence", f"{r.confidence:.2f}" if r.confidence is not None else None),
        ("rule", r.pattern),
        ("event", r.event_id),
    ]
    body = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in items if v)
    return f"<dl>{body}</dl>"


def _head(r: AuditRow) -> str:
    parts = []
    when = r.article_date or r.event_date
    if when:
        parts.append(_e(when))
    if outlet := _outlet(r):
        parts.append(_e(outlet))
    url = _safe_url(r.url)
    title = r.title or (r.url if not url else None) or ""
    if url:
        parts.append(f'<a href="{html.escape(url, quote=True)}" rel="noopener noreferrer nofollow">{_e(r.title or url)}</a>')
    elif title:
        parts.append(_e(title))
    return f'<div class="head"><span class="num">#{r.row}</span>{" · ".join(parts)}</div>'


def _event_html(r: AuditRow) -> str:
    target_box = "target" if r.has_target else "target (na if none is due)"
    return (
        f'<li class="event" id="row-{r.row}">{_head(r)}'
        f'<p class="sentence">{_highlighted(r)}</p>{_coded(r)}{_details(r)}'
        f'<div class="marks">type<span class="box"></span>source<span class="box"></span>{_e(target_box)}<span class="box"></span></div></li>'
    )


def _page(sample: AuditSample, csv_name: str, rows: Iterable[AuditRow]) -> str:
    _, *howto = _header_lines(sample)
    head = sample.describe() + (f" (asked for {sample.requested}: fewer matched, so these are all of them)" if sample.short else "")
    items = "".join(f"<li>{_e(line)}</li>" for line in howto)
    body = "\n".join(_event_html(r) for r in rows)
    title = f"dyadwatch audit sheet — {len(sample.rows)} events"
    return (
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'\">\n"
        "<meta name=\"referrer\" content=\"no-referrer\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        f"<h1>{_e(title)}</h1>\n<p class=\"meta\">{_e(head)}</p>\n"
        f"<div class=\"howto\"><p>Read the events here; mark them in <b>{_e(csv_name)}</b> (the rows are numbered alike). "
        "Each event is shown as SOURCE —[CAMEO code and name]→ TARGET, with its trigger highlighted in the sentence.</p>"
        f"<ul>{items}</ul></div>\n<ol class=\"rows\">\n{body}\n</ol>\n</body>\n</html>\n"
    )


def write_html(sample: AuditSample, path: Path, csv_name: str = "the CSV sheet") -> None:
    """The sheet as a self-contained page (no script, no network) to read while marking."""
    path.write_text(_page(sample, csv_name, sample.rows), encoding="utf-8")
