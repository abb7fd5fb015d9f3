"""``dyadwatch audit sample | score``: check dyadwatch on your own corpus."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import UsageError
from .app import DbOpt, DEFAULT_DB, DyadOpt, SinceOpt, UntilOpt, command, date_window, err, out, print_json, sub_app
from .dyad import dyad_option

__all__ = ["audit_app"]

audit_app = sub_app("audit", "Check dyadwatch on your own corpus: sample coded events into a sheet, mark them, score the marks.")


@command(audit_app, "sample")
def audit_sample(
    db: DbOpt = DEFAULT_DB,
    n: Annotated[int, typer.Option("--n", "-n", help="How many events to draw (all of them, if fewer match).", metavar="N")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed draws the same events.", metavar="N")] = 0,
    out_prefix: Annotated[Path, typer.Option("--out", help="File prefix: writes PREFIX.csv (to mark) and PREFIX.html (to read).", metavar="PREFIX")] = Path("audit-sheet"),
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Only events with at least this confidence (default: any).", metavar="X")] = None,
    mood: Annotated[Optional[str], typer.Option("--mood", help="Only events of this mood: asserted | intended | hypothetical | demanded.", metavar="MOOD")] = None,
    dyad: DyadOpt = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Draw a random sample of coded events into a sheet to mark: PREFIX.csv and a readable PREFIX.html."""
    from ..audit import sample_events, write_sheet
    from ..audit.render import sample_lines
    from ..store.duck import Store

    first, last = date_window(since, until)
    with Store(db, read_only=True) as store:
        sample = sample_events(store, n, seed, min_confidence=min_confidence, mood=mood, dyad=dyad_option(dyad), since=first, until=last)
    csv_path, html_path = write_sheet(sample, out_prefix)
    console = out()
    for line in sample_lines(sample, csv_path, html_path):
        console.print(line)


@command(audit_app, "score")
def audit_score(
    sheet: Annotated[Path, typer.Argument(help="The marked CSV sheet written by `dyadwatch audit sample`.", metavar="SHEET")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when a mark could not be read.")] = False,
) -> None:
    """Precision of the marked events with 95% Wilson intervals: fully right, per field, by CAMEO root, quad class, PLOVER type, confidence."""
    from ..audit import read_sheet, score_sheet
    from ..audit.render import problem_text, score_renderables

    result = score_sheet(read_sheet(sheet))
    for p in result.problems:
        err().print(problem_text(p))
    if result.n_judged == 0:
        raise UsageError(f"{sheet}: no row is marked yet; mark type_ok, source_ok and target_ok with y or n")
    if as_json:
        print_json(result.as_dict())
    else:
        console = out()
        for r in score_renderables(result):
            console.print(r)
    if strict and result.problems:
        raise typer.Exit(1)
