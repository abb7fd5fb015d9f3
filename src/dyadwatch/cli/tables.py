"""Tables that fit the terminal they are printed on, and never read their cells as markup.

A table is declared as :class:`Col` s, each with the width it needs and a rank; at a given
width the table keeps the best-ranked columns that fit (in their declared order) and says
which it left out; ``--wide`` keeps them all. One prose column (a sentence) takes the
space that is left and wraps at word boundaries.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["Col", "fit", "table", "cell", "cells", "add_row", "text_row", "left_out_note", "print_fitted"]

#: what Rich adds around a column: one space of padding each side and a border
_COLUMN_FRAME = 3


@dataclass(frozen=True, slots=True)
class Col:
    name: str
    width: int  # the narrowest it can be read at
    rank: int = 0  # lower ranks are kept first when the terminal is narrow
    justify: str = "left"
    prose: bool = False  # wraps (a sentence); the others never wrap


def fit(cols: Sequence[Col], width: int, wide: bool = False) -> list[Col]:
    """The columns to show at ``width`` characters: all with ``wide``, else the best-ranked
    ones whose widths fit, in declared order."""
    if wide:
        return list(cols)
    kept: set[str] = set()
    used = 1
    for c in sorted(cols, key=lambda c: c.rank):
        need = max(c.width, len(c.name)) + _COLUMN_FRAME
        if used + need <= width:
            kept.add(c.name)
            used += need
    return [c for c in cols if c.name in kept]


def table(cols: Sequence[Col], title: RenderableType | None = None, show_header: bool = True) -> Table:
    """An empty Rich table with these columns: prose folds at words, the rest stays on one line.
    (No ``min_width``: with it, Rich 15 draws a table wider than the terminal and crops it.)"""
    t = Table(title=title, show_header=show_header)
    for c in cols:
        if c.prose:
            t.add_column(c.name, overflow="fold")
        else:
            t.add_column(c.name, justify=c.justify, no_wrap=True)  # type: ignore[arg-type]
    return t


def cell(value: object) -> RenderableType:
    """A row value as a renderable; a string is always plain text (cells hold input text)."""
    if value is None:
        return Text("")
    if isinstance(value, (str, int, float)):
        return Text(str(value))
    return value  # type: ignore[return-value]  (a Text or another renderable built by the caller)


def cells(values: Iterable[object]) -> list[RenderableType]:
    return [cell(v) for v in values]


def text_row(t: Table, *values: object) -> None:
    """Add a row whose strings are plain text."""
    t.add_row(*cells(values))


def add_row(t: Table, shown: Sequence[Col], row: dict[str, object]) -> None:
    """Add the shown columns' values of ``row`` (keyed by column name) as plain text."""
    t.add_row(*cells(row.get(c.name, "") for c in shown))


def left_out_note(cols: Sequence[Col], shown: Sequence[Col]) -> Text | None:
    """One dim line naming the columns left out for width, or None."""
    missing = [c.name for c in cols if c not in shown]
    if not missing:
        return None
    return Text(f"left out at this width: {', '.join(missing)} (--wide shows every column)", style="dim")


def print_fitted(console: Console, cols: Sequence[Col], rows: Iterable[dict[str, object]], title: RenderableType | None,
                 wide: bool) -> None:
    """Fit ``cols`` to the console, print the rows and a note on what was left out."""
    shown = fit(cols, console.width, wide)
    t = table(shown, title)
    for row in rows:
        add_row(t, shown, row)
    if wide:  # as wide as the table needs, past the terminal's edge (for `less -S`, or a file)
        needed = console.measure(t, options=console.options.update_width(100_000)).maximum
        console = Console(width=max(console.width, needed), file=console.file)
    console.print(t)
    note = left_out_note(cols, shown)
    if note is not None:
        console.print(note)
