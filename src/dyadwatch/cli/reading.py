"""``dyadwatch events``, ``dyads`` and ``quarantine``: reading the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ..errors import UsageError
from .app import (OriginOpt, AllMoodsOpt, DbOpt, DEFAULT_DB, DyadOpt, MinConfOpt, SinceOpt, StatementsOpt, UntilOpt, WideOpt, command,
                  counting_for, date_window, ellipsis, err, out, plural)
from .dyad import dyad_option
from .tables import Col, fit, print_fitted

__all__ = ["events", "dyads", "quarantine", "print_dyads"]

EVENT_COLUMNS = (
    Col("date", 10, 0), Col("source", 7, 1), Col("target", 7, 2), Col("cameo", 5, 3), Col("mood", 8, 4),
    Col("gs", 5, 6, "right"), Col("plover", 10, 7), Col("trigger", 10, 8), Col("action", 22, 9),
    Col("source as written", 18, 10), Col("target as written", 18, 11), Col("sentence", 24, 5, prose=True),
)
_FORMATS = ("table", "csv", "json", "parquet", "geojson", "gdelt", "plover")


@command()
def events(
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="Output format: table | csv | json (one object a line) | parquet | geojson | gdelt (GDELT 2.0 columns) | plover (POLECAT-style JSON lines).", metavar="FORMAT")] = "table",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write to this file, creating its folder (required for parquet).", metavar="FILE")] = None,
    country: Annotated[Optional[str], typer.Option("--country", help="Only events that happened in this country (ISO3 code, e.g. UKR): where, not who.", metavar="CODE")] = None,
    near: Annotated[Optional[str], typer.Option("--near", help="Only events located within --km of this point.", metavar="LAT,LON")] = None,
    km: Annotated[float, typer.Option("--km", help="The radius for --near, in kilometres.", metavar="KM")] = 50.0,
    wide: WideOpt = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """List or export coded events (every stored event, whatever its mood or confidence)."""
    from ..store.duck import Store

    first, last = date_window(since, until)
    filters = dict(dyad=dyad_option(dyad), since=first, until=last)
    if country:
        if not (len(country) == 3 and country.isalpha()):
            raise UsageError(f"--country {country!r}: give an ISO 3166-1 alpha-3 code, e.g. UKR")
        filters["country"] = country.upper()
    if near:
        filters["near"] = _point(near, km)
    if fmt == "geojson":
        _geojson(store_path=db, target=out_file, filters=filters)
        return
    if fmt not in _FORMATS:
        raise UsageError(f"--format {fmt!r}: use {', '.join(_FORMATS[:-1])} or {_FORMATS[-1]}")
    if out_file is not None and fmt == "table":
        raise UsageError("--out needs --format csv, json, parquet, geojson, gdelt or plover")
    if out_file is None and fmt in ("parquet", "gdelt", "plover"):
        raise UsageError(f"--format {fmt} needs --out FILE")
    with Store(db, read_only=True) as store:
        if out_file is not None:
            _export(store, out_file, fmt, filters)
        elif fmt == "json":
            _print_json_lines(store, filters)
        elif fmt == "csv":
            _print_csv(store, filters)
        else:
            _print_events(store.events(**filters), wide)


def _point(near: str, km: float) -> tuple[float, float, float]:
    try:
        lat, lon = (float(x) for x in near.split(","))
    except ValueError:
        raise UsageError(f"--near {near!r}: give LAT,LON in degrees, e.g. 50.45,30.52") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise UsageError(f"--near {near!r}: latitude is -90..90 and longitude -180..180")
    if km <= 0:
        raise UsageError(f"--km {km:g}: give a positive radius")
    return lat, lon, km


def _geojson(store_path: Path, target: Path | None, filters: dict) -> None:
    """The selected events as an RFC 7946 FeatureCollection (to --out, or standard output)."""
    from ..geo.geojson import iter_geojson
    from ..store.duck import Store
    from ..store.export import export_rows

    with Store(store_path, read_only=True) as store:
        rows = export_rows(store, **filters)
    if target is None:
        for chunk in iter_geojson(rows):
            sys.stdout.write(chunk)
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("w", encoding="utf-8") as fh:
        for chunk in iter_geojson(rows):
            fh.write(chunk)
    located = sum(1 for r in rows if r.get("lat") is not None)
    err().print(Text(f"wrote {plural(len(rows), 'event')} to {target} (geojson; {located} with a point)"))


def _export(store, target: Path, fmt: str, filters: dict) -> None:
    from ..store.export import export_events

    target.parent.mkdir(parents=True, exist_ok=True)
    n = export_events(store, target, fmt, **filters)
    err().print(Text(f"wrote {plural(n, 'event')} to {target} ({fmt})"))


def _print_json_lines(store, filters: dict) -> None:
    from ..store.export import iter_event_json

    for line in iter_event_json(store, **filters):
        sys.stdout.write(line + "\n")


def _print_csv(store, filters: dict) -> None:
    import csv

    from ..store.export import export_rows

    rows = export_rows(store, **filters)
    if rows:
        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _event_row(r: dict) -> dict[str, object]:
    source = f"{r['source_code'] or '?'} {r['source_sector'] or ''}".strip()
    target = f"{r['target_code'] or '?'} {r['target_sector'] or ''}".strip() if r["target_text"] else "—"
    return {
        "date": str(r["event_date"] or ""), "source": source, "target": target, "cameo": r["cameo"],
        "mood": r["mood"] + (" neg" if r["negated"] else ""), "gs": f"{r['goldstein']:+.1f}", "plover": r["plover_type"] or "",
        "trigger": r["trigger_text"], "action": r["cameo_name"], "source as written": r["source_text"],
        "target as written": r["target_text"] or "", "sentence": ellipsis(r["sentence"], 240),
    }


def _print_events(rows: list[dict], wide: bool) -> None:
    print_fitted(out(), EVENT_COLUMNS, (_event_row(r) for r in rows), plural(len(rows), "event"), wide)


# -- dyads ------------------------------------------------------------------------------
DYAD_COLUMNS = (
    Col("source", 6, 0), Col("target", 6, 1), Col("events", 6, 2, "right"), Col("articles", 8, 7, "right"),
    Col("verb.coop", 9, 8, "right"), Col("mat.coop", 8, 8, "right"), Col("verb.confl", 10, 8, "right"), Col("mat.confl", 9, 8, "right"),
    Col("Goldstein Σ", 11, 6, "right"), Col("mean", 6, 3, "right"), Col("first", 10, 4), Col("last", 10, 5),
)
#: at a narrow width the four quad-class counts share one column
COMPACT_DYAD_COLUMNS = (
    Col("source", 6, 0), Col("target", 6, 1), Col("events", 6, 2, "right"), Col("articles", 8, 7, "right"),
    Col("quad 1/2/3/4", 12, 4), Col("Goldstein Σ", 11, 8, "right"), Col("mean", 6, 3, "right"), Col("first", 10, 5),
    Col("last", 10, 6),
)


def _dyad_row(d) -> dict[str, object]:
    return {"source": d.source, "target": d.target, "events": d.events, "articles": d.articles, "verb.coop": d.q1,
            "mat.coop": d.q2, "verb.confl": d.q3, "mat.confl": d.q4, "quad 1/2/3/4": f"{d.q1}/{d.q2}/{d.q3}/{d.q4}",
            "Goldstein Σ": f"{d.goldstein_sum:+.1f}", "mean": f"{d.goldstein_mean:+.2f}", "first": str(d.first or ""),
            "last": str(d.last or "")}


def print_dyads(rows, title: str, wide: bool = False) -> None:
    """The directed dyads table: every column where they fit, else the quad-class counts in one."""
    console = out()
    full = fit(DYAD_COLUMNS, console.width, wide)
    cols = DYAD_COLUMNS if wide or len(full) == len(DYAD_COLUMNS) else COMPACT_DYAD_COLUMNS
    print_fitted(console, cols, (_dyad_row(d) for d in rows), title, wide)
    if cols is COMPACT_DYAD_COLUMNS:
        console.print(Text("quad 1/2/3/4: verbal cooperation / material cooperation / verbal conflict / material conflict", style="dim"))


UNDIRECTED_COLUMNS = (
    Col("a", 4, 0), Col("b", 4, 1), Col("events", 6, 2, "right"), Col("articles", 8, 6, "right"),
    Col("conflict share", 14, 3, "right"), Col("Goldstein Σ", 11, 7, "right"), Col("mean", 6, 4, "right"),
    Col("first", 10, 5), Col("last", 10, 8),
)


@command()
def dyads(
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many dyads to list.", metavar="N")] = 20,
    undirected: Annotated[bool, typer.Option("--undirected", help="Merge A→B and B→A.")] = False,
    min_confidence: MinConfOpt = None,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    origin: OriginOpt = None,
    wide: WideOpt = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """The most active dyads of a period: events, quad classes, Goldstein."""
    from ..analysis.dyads import dyad_summary
    from ..store.duck import Store

    if top < 1:
        raise UsageError(f"--top {top}: give at least 1")
    first, last = date_window(since, until)
    counting = counting_for(min_confidence, all_moods, statements, origins=origin)
    if undirected:
        _print_undirected(db, first, last, top, counting, wide)
        return
    with Store(db, read_only=True) as store:
        every = dyad_summary(store, first, last, counting=counting)
    print_dyads(every[:top], f"top {len(every[:top])} of {plural(len(every), 'directed dyad')}", wide)
    _say_left_out(len(every), top, "dyads")


def _print_undirected(db: Path, first, last, top: int, counting, wide: bool) -> None:
    from ..analysis.frame import load_events
    from ..analysis.series import top_dyads
    from ..store.duck import Store

    with Store(db, read_only=True) as store:
        df = load_events(store, first, last, None, counting)
    rows = top_dyads(df, top, undirected=True)
    shown = [{"a": r.a, "b": r.b, "events": r.events, "articles": r.articles, "conflict share": f"{r.conflict_share:.0%}",
              "Goldstein Σ": f"{r.goldstein_sum:+.1f}", "mean": f"{r.goldstein_mean:+.2f}", "first": str(r.first),
              "last": str(r.last)} for r in rows.itertuples()]
    print_fitted(out(), UNDIRECTED_COLUMNS, shown, f"top {len(shown)} undirected dyads", wide)


def _say_left_out(total: int, top: int, what: str) -> None:
    if total > top:
        out().print(Text(f"{total - top} more {what} not shown; --top {total} lists them all", style="yellow"))


# -- quarantine ---------------------------------------------------------------------------
QUARANTINE_COLUMNS = (Col("input", 20, 0, prose=True), Col("reason", 16, 1, prose=True), Col("detail", 20, 3, prose=True),
                      Col("bytes", 7, 2, "right"), Col("when", 19, 4))


@command()
def quarantine(db: DbOpt = DEFAULT_DB, wide: WideOpt = False) -> None:
    """List the inputs kept in quarantine, with their reasons."""
    from ..store.duck import Store

    with Store(db, read_only=True) as store:
        rows = store.quarantine()
    shown = [{"input": r["origin"], "reason": r["reason"], "detail": r["detail"] or "", "bytes": r["size_bytes"],
              "when": str(r["created_at"])[:19]} for r in rows]
    print_fitted(out(), QUARANTINE_COLUMNS, shown, f"{len(rows)} quarantined", wide)
