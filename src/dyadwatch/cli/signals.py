"""``dyadwatch signals`` and ``report``: what the events say about a pair of actors."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.text import Text

from ..errors import UsageError
from .app import (OriginOpt, AllMoodsOpt, AsOfOpt, DbOpt, DEFAULT_DB, DyadOpt, MinConfOpt, PerOpt, SinceOpt, StatementsOpt, UntilOpt,
                  WideOpt, command, counting_for, date_window, ellipsis, out, parse_date, period, plural)
from .dyad import resolve_actor, resolve_dyad
from .tables import Col, print_fitted

__all__ = ["signals", "report", "quad_counts_text"]

#: evidence events listed under each mixed-signal window (per side)
EVIDENCE_SHOWN = 5


def quad_counts_text(counts: dict[int, int]) -> str:
    """``{1: 2, 4: 1}`` → ``"2 verbal cooperation, 1 material conflict"``."""
    from ..report.palette import QUAD_LABELS

    parts = [f"{counts[q]} {QUAD_LABELS.get(q, f'quad class {q}')}" for q in sorted(counts) if counts[q]]
    return ", ".join(parts) or "none"


def _load_frame(db: Path, first: date | None, last: date | None, codes: tuple[str, ...] | None, counting):
    from ..analysis.frame import load_events
    from ..store.duck import Store

    with Store(db, read_only=True) as store:
        return load_events(store, first, last, codes, counting)


def _pair_frame(db: Path, a: str, b: str, first: date | None, last: date | None, counting):
    """Events touching ``a`` or ``b`` (what assess_dyad needs); an error if none are between them."""
    from ..analysis.series import dyad_events

    df = _load_frame(db, first, last, (a, b), counting)
    if dyad_events(df, a, b, undirected=True).empty:
        raise UsageError(f"no events between {a} and {b} in {db} ({counting.describe()})")
    return df


@command()
def signals(
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: PerOpt = "week",
    as_of: AsOfOpt = None,
    top: Annotated[int, typer.Option("--top", help="Without --dyad: how many mixed-signal windows and deadlines to list.", metavar="N")] = 30,
    min_confidence: MinConfOpt = None,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    origin: OriginOpt = None,
    wide: WideOpt = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Deterioration and improvement, mixed signals, reciprocity, deadlines and patterns, with the evidence."""
    on = parse_date(as_of, "--as-of")  # (none: the latest article date of the selection)
    freq = period(per)
    first, last = date_window(since, until)
    if top < 1:
        raise UsageError(f"--top {top}: give at least 1")
    counting = counting_for(min_confidence, all_moods, statements, origins=origin)
    if dyad:
        a, b = resolve_dyad(dyad)
        _print_pair(_pair_frame(db, a, b, first, last, counting), a, b, freq, on)
    else:
        from ..analysis.asof import resolve_as_of

        df = _load_frame(db, first, last, None, counting)
        _print_store_signals(df, resolve_as_of(df, on) or date.today(), top, wide)


def _print_pair(df, a: str, b: str, freq: str, on: date | None) -> None:
    from ..analysis.signals import assess_dyad

    console = out()
    res = assess_dyad(df, a, b, freq, as_of=on)
    on = res.as_of
    console.print(Text(f"as of {on} (the latest article date of the selection, unless --as-of)"), style="dim")
    for d in (res.forward, res.backward):
        _print_direction(console, d)
    console.rule(Text("reciprocity"))
    from ..analysis.relation import NotEnoughData

    for rec, x, y in ((res.reciprocity_ab, a, b), (res.reciprocity_ba, b, a)):
        console.print(Text(f"does {y} answer {x}? {rec}" if isinstance(rec, NotEnoughData) else rec.describe(x, y, freq)))
    console.rule(Text("deadlines and ultimatums"))
    for dl in res.deadlines:
        console.print(Text(f"{dl.due} ({dl.status(on)}) {dl.source}→{dl.target} {dl.kind}: '{dl.text}' — {ellipsis(dl.sentence, 140)}"))
    if not res.deadlines:
        console.print("none found")
    console.rule(Text("repeated patterns"))
    for p in res.patterns:
        console.print(Text(p.describe()))
    if not res.patterns:
        console.print("none found in these data")


def _print_direction(console: Console, d) -> None:
    from ..analysis.relation import NotEnoughData

    console.rule(Text(f"{d.source} → {d.target}: {d.tone}"))
    console.print(Text(f"{plural(d.events, 'event')}, Goldstein sum {d.goldstein_sum:+.1f}; by quad class: {quad_counts_text(d.quad_counts)}"))
    console.print(Text(f"trend: {d.trend if isinstance(d.trend, NotEnoughData) else d.trend.describe()}"))
    if isinstance(d.changes, NotEnoughData):
        console.print(Text(f"change points: {d.changes}"))
    else:
        for c in d.changes:
            console.print(Text(c.describe(), style="bold"))
    for m in d.mixed:
        console.print(Text(m.describe(), style="magenta"))
        for label, evs in (("cooperative", m.cooperative), ("conflictual", m.conflictual)):
            for r in evs.head(EVIDENCE_SHOWN).itertuples():
                console.print(Text(f"   {label}: {r.event_date.date()} {r.cameo} {r.cameo_name} — {ellipsis(r.sentence, 150)}"))
            if len(evs) > EVIDENCE_SHOWN:
                console.print(Text(f"   … {len(evs) - EVIDENCE_SHOWN} more {label} events: dyadwatch events --dyad {d.source}:{d.target} "
                                   f"--since {m.start.date()} --until {m.end.date()}", style="dim"))


MIXED_COLUMNS = (Col("dyad", 9, 0), Col("window", 21, 1), Col("index", 5, 2, "right"),
                 Col("cooperative", 12, 3, prose=True), Col("conflictual", 12, 4, prose=True))
DEADLINE_COLUMNS = (Col("due", 10, 0), Col("status", 10, 1, prose=True), Col("dyad", 9, 2), Col("as written", 12, 3, prose=True),
                    Col("sentence", 20, 4, prose=True))


def _print_store_signals(df, on: date, top: int, wide: bool) -> None:
    from ..analysis.mixed import mixed_signals
    from ..analysis.signals import deadlines

    console = out()
    flags = mixed_signals(df)
    rows = [{"dyad": f"{m.source}→{m.target}", "window": f"{m.start.date()}…{m.end.date()}", "index": f"{m.index:.2f}",
             "cooperative": f"{len(m.cooperative)} ({', '.join(m.speakers_coop)})",
             "conflictual": f"{len(m.conflictual)} ({', '.join(m.speakers_conflict)})"} for m in flags[:top]]
    print_fitted(console, MIXED_COLUMNS, rows, _shown_title("mixed-signal window", len(rows), len(flags)), wide)
    _say_left_out(console, len(flags), top, "mixed-signal windows")
    dls = deadlines(df)
    rows = [{"due": str(dl.due), "status": dl.status(on), "dyad": f"{dl.source}→{dl.target}", "as written": dl.text,
             "sentence": ellipsis(dl.sentence, 160)} for dl in dls[:top]]
    print_fitted(console, DEADLINE_COLUMNS, rows, _shown_title("deadline or ultimatum", len(rows), len(dls), "deadlines and ultimatums"), wide)
    _say_left_out(console, len(dls), top, "deadlines")


def _shown_title(what: str, shown: int, total: int, whats: str | None = None) -> str:
    name = plural(total, what, whats)
    return name if shown == total else f"{name}, the first {shown} shown"


def _say_left_out(console: Console, total: int, top: int, what: str) -> None:
    if total > top:
        console.print(Text(f"{total - top} more {what} not shown; --top {total} lists them all", style="yellow"))


@command()
def report(
    a: Annotated[Optional[str], typer.Argument(help="First actor (code or name); or give --dyad A:B.", metavar="A")] = None,
    b: Annotated[Optional[str], typer.Argument(help="Second actor (code or name).", metavar="B")] = None,
    dyad: DyadOpt = None,
    out_file: Annotated[Path, typer.Option("--out", help="HTML file to write (its folder is created).", metavar="FILE")] = Path("report.html"),
    png: Annotated[Optional[Path], typer.Option("--png", help="Also write the charts as PNG files into this folder.", metavar="DIR")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: PerOpt = "week",
    as_of: AsOfOpt = None,
    min_confidence: MinConfOpt = None,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    origin: OriginOpt = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """A self-contained HTML report on a pair of actors: timeline, quad classes, signals with their evidence, deadlines."""
    from ..analysis.signals import assess_dyad
    from ..report import write_report

    first_actor, second_actor = _report_pair(a, b, dyad)
    first, last = date_window(since, until)
    freq = period(per)
    on = parse_date(as_of, "--as-of")
    counting = counting_for(min_confidence, all_moods, statements, origins=origin)
    df = _with_speakers(db, _pair_frame(db, first_actor, second_actor, first, last, counting))
    res = assess_dyad(df, first_actor, second_actor, freq, as_of=on)
    for f in write_report(res, df, out_file, png, res.as_of, counting=counting.describe()):
        out().print(Text(f"wrote {f}"))


def _with_speakers(db: Path, df):
    """The frame with each event's speaker (reported speech), which the report's tables show."""
    from ..store.duck import Store

    with Store(db, read_only=True) as store:
        speakers = store.con.execute("SELECT event_id, reported_by_text, reported_by_code FROM events "
                                     "WHERE event_id IN (SELECT unnest(?))", [df["event_id"].tolist()]).df()
    return df.merge(speakers, on="event_id", how="left")


def _report_pair(a: str | None, b: str | None, dyad: str | None) -> tuple[str, str]:
    if dyad and (a or b):
        raise UsageError("give the pair once: --dyad A:B, or A B")
    if dyad:
        return resolve_dyad(dyad)
    if not (a and b):
        raise UsageError("name the pair: dyadwatch report --dyad A:B (or report A B)")
    return resolve_actor(a, f"{a}:{b}"), resolve_actor(b, f"{a}:{b}")
