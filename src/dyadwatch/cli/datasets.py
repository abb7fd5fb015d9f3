"""``dyadwatch import FILE... --from DATASET`` and ``dyadwatch compare --origin A --origin B``: the event
data analysts already have (GDELT, ICEWS, POLECAT, Phoenix, ACLED) in the store, and side by side
with dyadwatch's own coding. The work is done in :mod:`dyadwatch.datasets`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from ..errors import UsageError
from .app import DbOpt, DEFAULT_DB, DyadOpt, MinConfOpt, PerOpt, AllMoodsOpt, StatementsOpt, WideOpt, command, counting_for, ellipsis, err, out, period, plural
from .tables import Col, print_fitted

__all__ = ["import_command", "compare_command"]

_FORMATS = "gdelt | gdelt1 | icews | polecat | phoenix | acled"


@command(name="import")
def import_command(
    files: Annotated[list[Path], typer.Argument(help="Dataset files: GDELT *.export.CSV(.zip), ICEWS events.*.tab, POLECAT ngecEvents.*.txt, Phoenix events.full.*.txt, ACLED *.csv.", metavar="FILE")],
    fmt: Annotated[str, typer.Option("--from", help=f"The dataset the files come from: {_FORMATS}.", metavar="DATASET")] = "",
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Import event data from GDELT, ICEWS, POLECAT, Phoenix or ACLED files; bad rows go to quarantine with file and line."""
    from ..datasets import DATASET_FORMATS, import_files
    from ..store.duck import Store

    if fmt not in DATASET_FORMATS:
        raise UsageError(f"--from {fmt!r}: name the dataset, one of {_FORMATS}" if fmt else f"--from is needed: one of {_FORMATS}")
    with Store(db) as store:
        summary = import_files(files, store, fmt)
    console = out()
    for f in summary.files:
        line = Text(f"{f.path}: ")
        line.append(f"{f.rows:,} rows, {f.events:,} events ({f.new:,} new), {f.rejected:,} quarantined")
        if f.skipped:
            line.append(f", {sum(f.skipped.values()):,} skipped (no interaction: {', '.join(sorted(f.skipped))})")
        console.print(line, soft_wrap=True)
    console.print(Text(f"{plural(summary.new, 'new event')} in {db}; {plural(summary.rejected, 'row')} quarantined "
                       f"(dyadwatch quarantine --db {db} lists them)"), soft_wrap=True)
    for m in summary.messages[:10]:
        err().print(Text.assemble(("quarantined:", "yellow"), " ", m), soft_wrap=True)
    if summary.rejected > 10:
        err().print(Text(f"… and {summary.rejected - 10:,} more quarantined"), soft_wrap=True)
    unreadable = [f.path for f in summary.files if f.problem and f.rows == 0]
    if unreadable:
        raise UsageError(f"could not read {', '.join(unreadable)}; the other files were imported")


_PERIOD_COLUMNS = [Col("period", 10, 0)] + [Col(f"{side} q{q}", 5, 1 + (q != 4), "right") for side in ("A", "B") for q in (1, 2, 3, 4)] + [Col("gap", 4, 0, "right")]
_EVENT_COLUMNS = (Col("origin", 9, 0), Col("date", 10, 0), Col("source", 10, 1), Col("target", 10, 1), Col("cameo", 5, 0),
                  Col("what", 20, 2, prose=True), Col("url", 20, 3, prose=True))


def _label(code: object, sector: object) -> str:
    return f"{code or '?'} {sector or ''}".strip()


def _fmt_r(r: float | None) -> str:
    return "–" if r is None else f"{r:+.2f}"


@command(name="compare")
def compare_command(
    origin: Annotated[list[str], typer.Option("--origin", help="An origin of events: dyadwatch, gdelt, icews, polecat, phoenix, acled; give two.", metavar="ORIGIN")],
    dyad: DyadOpt = None,
    per: PerOpt = "week",
    top: Annotated[int, typer.Option("--top", help="How many of the periods that disagree most to show, with their events.", metavar="N")] = 5,
    min_confidence: MinConfOpt = None,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    wide: WideOpt = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Two origins side by side: counts by quad class per period, their correlation, and where they disagree most."""
    from ..datasets import compare_origins
    from ..store.duck import Store
    from .dyad import dyad_option

    if len(origin) != 2:
        raise UsageError(f"--origin: give exactly two (e.g. --origin dyadwatch --origin gdelt), not {len(origin)}")
    counting = counting_for(min_confidence, all_moods, statements)
    with Store(db, read_only=True) as store:
        res = compare_origins(store, origin[0], origin[1], dyad_option(dyad), period(per), counting, top=top)
    console = out()
    console.print(Text(f"A = {res.origin_a}, B = {res.origin_b}; quad classes q1 verbal cooperation, q2 material cooperation, "
                       f"q3 verbal conflict, q4 material conflict"), soft_wrap=True)
    if res.note:
        console.print(Text(f"nothing to compare: {res.note}"), soft_wrap=True)
        return
    shown_dyads = ", ".join(f"{s}→{t}" for s, t in res.dyads[:8]) + (f" and {len(res.dyads) - 8} more" if len(res.dyads) > 8 else "")
    console.print(Text(f"dyads: {shown_dyads}"), soft_wrap=True)
    rows = [{"period": str(p.start), **{f"A q{q + 1}": p.a[q] for q in range(4)}, **{f"B q{q + 1}": p.b[q] for q in range(4)}, "gap": p.gap}
            for p in res.periods]
    ta, tb = res.totals
    print_fitted(console, _PERIOD_COLUMNS, rows, Text(f"events per {per}: {res.origin_a} {ta:,}, {res.origin_b} {tb:,}"), wide)
    corr = res.correlation
    console.print(Text(f"correlation of the per-{per} counts ({len(res.periods)} periods): total {_fmt_r(corr.get('total'))}; "
                       + ", ".join(f"q{q} {_fmt_r(corr.get(str(q)))}" for q in (1, 2, 3, 4))), soft_wrap=True)
    for p, evs_a, evs_b in res.disagreements:
        events = [{"origin": o, "date": str(e["event_date"]), "source": _label(e["source_code"], e["source_sector"]),
                   "target": _label(e["target_code"], e["target_sector"]), "cameo": e["cameo"],
                   "what": ellipsis(str(e["sentence"] or e["cameo_name"] or ""), 160), "url": e["url"] or ""}
                  for o, evs in ((res.origin_a, evs_a), (res.origin_b, evs_b)) for e in evs]
        title = Text(f"{per} of {p.start}: {res.origin_a} {sum(p.a)} ({'/'.join(map(str, p.a))}), "
                     f"{res.origin_b} {sum(p.b)} ({'/'.join(map(str, p.b))}); the first events of each")
        print_fitted(console, _EVENT_COLUMNS, events, title, wide)
