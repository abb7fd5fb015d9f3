"""The root ``dyadwatch`` command, and what every command shares: consoles, options, errors.

Only typer, rich and the standard library are imported here: spaCy, DuckDB and the coder
are imported inside the commands that need them, so ``dyadwatch --help`` starts at once.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.text import Text

from .. import __version__
from ..errors import DyadwatchError, UsageError
from .help import HelpCommand, HelpGroup

app = typer.Typer(
    name="dyadwatch",
    help="Political event data from news text: who did what to whom, when (CAMEO/PLOVER, Goldstein), and relations between pairs of actors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    cls=HelpGroup,
)

#: exit status of every error the CLI reports on purpose (a bad argument, input or store)
EXIT_ERROR = 2
#: exit status of an unexpected failure (a bug): one line, and the traceback with DYADWATCH_DEBUG=1
EXIT_BUG = 1


def out() -> Console:
    """Standard output, as wide as the terminal (or $COLUMNS) is now."""
    return Console()


def err() -> Console:
    """Standard error, for messages, warnings and spinners."""
    return Console(stderr=True)


def error_line(message: str) -> None:
    """``error: MESSAGE`` on one line of stderr; the message may name user input, so it is text, never markup."""
    err().print(Text.assemble(("error:", "bold red"), " ", " ".join(str(message).split())), soft_wrap=True)


def warn_line(message: str) -> None:
    err().print(Text.assemble(("warning:", "yellow"), " ", " ".join(str(message).split())), soft_wrap=True)


@contextlib.contextmanager
def spinner(what: str) -> Iterator[None]:
    """A spinner on stderr while ``what`` takes its time, where stderr is a terminal (nothing otherwise)."""
    console = err()
    if not console.is_terminal:
        yield
        return
    with console.status(Text(what)):
        yield


def _duckdb_error(exc: BaseException) -> bool:
    duckdb = sys.modules.get("duckdb")
    return duckdb is not None and isinstance(exc, duckdb.Error)


def _is_exit(exc: BaseException) -> bool:
    """typer's and click's own exits and usage errors, which they report themselves."""
    return isinstance(exc, (typer.Exit, typer.Abort)) or type(exc).__module__.startswith(("click", "typer"))


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Every failure as one line on stderr and a non-zero exit, never a traceback: a dyadwatch
    error, a file that cannot be written and a damaged store exit 2; anything else (a bug)
    exits 1 and names the exception (``DYADWATCH_DEBUG=1`` shows its traceback)."""
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DyadwatchError as exc:
            error_line(str(exc))
        except OSError as exc:
            error_line(_os_message(exc))
        except Exception as exc:
            if _is_exit(exc) or os.environ.get("DYADWATCH_DEBUG"):
                raise
            if _duckdb_error(exc):
                error_line(f"the store cannot be read or written; it may be damaged or truncated ({_first_line(exc)})")
            else:
                error_line(f"unexpected {type(exc).__name__}: {_first_line(exc)} (DYADWATCH_DEBUG=1 shows the traceback)")
                raise typer.Exit(EXIT_BUG) from None
        raise typer.Exit(EXIT_ERROR)

    return wrapper


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _os_message(exc: OSError) -> str:
    what = exc.strerror or _first_line(exc)
    return f"{exc.filename}: {what}" if exc.filename else what


def command(group: typer.Typer = app, name: str | None = None, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register a command on ``group`` with dyadwatch's help formatting and error handling."""
    def register(fn: Callable[..., Any]) -> Callable[..., Any]:
        group.command(name, cls=HelpCommand, **kwargs)(handle_errors(fn))
        return fn

    return register


def sub_app(name: str, help: str) -> typer.Typer:
    """A command group (``dyadwatch actors …``) under the root."""
    group = typer.Typer(help=help, no_args_is_help=True, cls=HelpGroup)
    app.add_typer(group, name=name)
    return group


def _version_cb(value: bool) -> None:
    if value:
        out().print(f"dyadwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_cb, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """dyadwatch command line."""


# -- shared options ------------------------------------------------------------------
DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.", metavar="FILE")]
DEFAULT_DB = Path("dyadwatch.duckdb")
DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none.", metavar="DATE")]
ActorsOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="User actor dictionary (YAML or TSV) layered over the bundled one; repeatable.", metavar="FILE")]
DyadOpt = Annotated[Optional[str], typer.Option("--dyad", help="A pair SOURCE:TARGET, as codes or names: USA:PRK, 'North Korea:United States'.", metavar="A:B")]
SinceOpt = Annotated[Optional[str], typer.Option("--since", help="First event date (YYYY-MM-DD).", metavar="DATE")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Last event date (YYYY-MM-DD).", metavar="DATE")]
PerOpt = Annotated[str, typer.Option("--per", help="Period of the series: day | week | month.", metavar="day|week|month")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Date for deadline countdowns (default: the latest article date of the selection).", metavar="DATE")]
MinConfOpt = Annotated[Optional[float], typer.Option("--min-confidence", help="Count only events with at least this confidence (0–1; default: the views' threshold, which the first line of output gives).", metavar="X")]
AllMoodsOpt = Annotated[bool, typer.Option("--all-moods", help="Count intended, hypothetical, demanded, negated and background events too.")]
StatementsOpt = Annotated[bool, typer.Option("--statements", help="Count plain statements (CAMEO 01x) too.")]
WideOpt = Annotated[bool, typer.Option("--wide", help="Show every column, however narrow the terminal.")]


def parse_date(value: str | None, name: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: {value!r} is not a date; write YYYY-MM-DD") from None


def date_window(since: str | None, until: str | None) -> tuple[date | None, date | None]:
    """``--since`` and ``--until`` as dates; an error where the first is after the last."""
    first, last = parse_date(since, "--since"), parse_date(until, "--until")
    if first and last and first > last:
        raise UsageError(f"--since {first} is after --until {last}: no day can match")
    return first, last


def plural(n: int, word: str, words: str | None = None) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n} {word if n == 1 else words or word + 's'}"


def ellipsis(s: str | None, n: int) -> str:
    s = s or ""
    return s if len(s) <= n else s[: n - 1] + "…"


def print_json(d: dict) -> None:
    import json

    sys.stdout.write(json.dumps(d) + "\n")


OriginOpt = Annotated[Optional[list[str]], typer.Option(
    "--origin", help="Count only events of this origin: dyadwatch (coded here) or an imported dataset (gdelt, icews, acled …); repeatable.",
    metavar="ORIGIN")]


def counting_for(min_confidence: float | None, all_moods: bool, statements: bool, say: bool = True,
                 origins: list[str] | None = None):
    """What a view counts (analysis.counting), from the CLI's options; printed as one dim line.
    ``min_confidence`` None is the views' default threshold."""
    from ..analysis.counting import DEFAULT_MIN_CONFIDENCE, Counting

    if min_confidence is None:
        min_confidence = DEFAULT_MIN_CONFIDENCE
    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence {min_confidence}: give a number between 0 and 1")
    counting = Counting(min_confidence, all_moods, statements, tuple(o.lower() for o in origins or ()))
    if say:
        out().print(Text(counting.describe(), style="dim"))
    return counting


def period(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise UsageError(f"--per {freq!r}: use day, week or month")
    return freq
