"""``dyadwatch brief A B``: a one-page reading of a pair of actors, every claim citing its events."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ..errors import UsageError
from .app import (OriginOpt, AllMoodsOpt, DbOpt, DEFAULT_DB, DyadOpt, MinConfOpt, PerOpt, SinceOpt, StatementsOpt, UntilOpt,
                  command, counting_for, date_window, out, parse_date, period)
from .dyad import resolve_actor, resolve_dyad

__all__ = ["brief"]

BriefFormatOpt = Annotated[str, typer.Option("--format", help="Output format: text | markdown | html.", metavar="FORMAT")]


def pair_of(a: str | None, b: str | None, dyad: str | None) -> tuple[str, str]:
    """The pair as two codes, from ``A B`` or ``--dyad A:B`` (codes or names)."""
    if dyad and (a or b):
        raise UsageError("give the pair once: A B, or --dyad A:B")
    if dyad:
        return resolve_dyad(dyad)
    if not (a and b):
        raise UsageError("name the pair: dyadwatch brief A B (or --dyad A:B)")
    return resolve_actor(a, f"{a}:{b}"), resolve_actor(b, f"{a}:{b}")


@command()
def brief(
    a: Annotated[Optional[str], typer.Argument(help="First actor (code or name); or give --dyad A:B.", metavar="A")] = None,
    b: Annotated[Optional[str], typer.Argument(help="Second actor (code or name).", metavar="B")] = None,
    dyad: DyadOpt = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Read the pair as of this day: countdowns count from it, later events are left out (default: the latest article date).", metavar="DATE")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: PerOpt = "week",
    fmt: BriefFormatOpt = "text",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Write to this file (its folder is created).", metavar="FILE")] = None,
    min_confidence: MinConfOpt = None,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    origin: OriginOpt = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """A one-page reading of a pair in plain sentences: each side's state and direction, mixed messages, deadlines, what to watch."""
    from ..brief import FORMATS, brief_for_store, render
    from ..store.duck import Store

    first_actor, second_actor = pair_of(a, b, dyad)
    if fmt not in FORMATS:
        raise UsageError(f"--format {fmt!r}: use text, markdown or html")
    first, last = date_window(since, until)
    on = parse_date(as_of, "--as-of")
    if on and first and on < first:
        raise UsageError(f"--as-of {on} is before --since {first}: no event can be read")
    counting = counting_for(min_confidence, all_moods, statements, say=False, origins=origin)
    with Store(db, read_only=True) as store:
        result = brief_for_store(store, first_actor, second_actor, on, first, last, counting, period(per))
    if not result.events:
        raise UsageError(f"no events between {first_actor} and {second_actor} in {db} ({counting.describe()})")
    text = render(result, fmt)
    if out_file is None:
        sys.stdout.write(text)
        return
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(text, "utf-8")
    out().print(Text(f"wrote {out_file}"))
