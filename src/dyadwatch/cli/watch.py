"""``dyadwatch watch SOURCES...``: poll, code what is new, evaluate alert rules, print each alert once."""

from __future__ import annotations

import signal
import threading
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ..errors import UsageError
from .app import DateOpt, DbOpt, DEFAULT_DB, command, err, out, parse_date, plural, warn_line

__all__ = ["watch"]


@command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files, feeds or (with --fetch) URLs to poll.", metavar="SOURCE")],
    every: Annotated[str, typer.Option("--every", help="How often to poll: 30s, 15m, 2h, 1d.", metavar="INTERVAL")] = "15m",
    rules_file: Annotated[Optional[Path], typer.Option("--rules", help="YAML alert rules (default: deterioration, mixed signals and deadlines within 7 days, on every dyad).", metavar="FILE")] = None,
    once: Annotated[bool, typer.Option("--once", help="Run one cycle and stop.")] = False,
    exec_cmd: Annotated[Optional[str], typer.Option("--exec", help="Run this command for each new alert, the alert as JSON on its standard input (no shell).", metavar="CMD")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Allow fetching: http(s) URLs as sources, and feed entries' linked pages.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="With --fetch: also fetch from loopback, link-local and private addresses.")] = False,
    date_: DateOpt = None,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Poll sources, code only what is new, and alert on the rules' conditions; Ctrl-C stops it."""
    from ..ingest.fetch import is_url
    from ..watch import DEFAULT_RULES, Watcher, load_rules, parse_command, parse_interval, run_forever

    every_s = parse_interval(every)
    rules = load_rules(rules_file) if rules_file else list(DEFAULT_RULES)
    argv = parse_command(exec_cmd) if exec_cmd else None
    if allow_private and not fetch:
        raise UsageError("--allow-private is about what --fetch may read; give --fetch too")
    urls = [s for s in sources if is_url(s)]
    if urls and not fetch:
        raise UsageError(f"{urls[0]}: a URL source needs --fetch")
    watcher = Watcher(sources, db, rules, default_date=parse_date(date_), read_options={"fetch": fetch, "allow_private": allow_private})
    stop = threading.Event()
    previous = _stop_on_sigterm(stop)
    err().print(Text(f"watching {plural(len(sources), 'source')} every {every} with {plural(len(rules), 'rule')}; "
                     f"alerts go to {db}" + ("" if once else "; Ctrl-C stops"), style="dim"))
    try:
        run_forever(watcher, every_s, stop, lambda report: _print_report(report, argv), once)
    except KeyboardInterrupt:
        err().print(Text("stopped", style="dim"))
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _stop_on_sigterm(stop: threading.Event):
    """SIGTERM ends the watch after the running cycle (Ctrl-C at once); returns the handler it replaced
    (None where it could not set one: only the main thread may)."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda *_: stop.set())


def _print_report(report, argv: list[str] | None) -> None:
    from ..watch import notify

    for s in report.sources:
        if s.problem:
            warn_line(f"{s.source}: {s.problem}")
    console = out()
    console.print(Text(f"cycle {report.cycle}: {plural(report.coded, 'new article')} coded, "
                       f"{plural(len(report.new_alerts), 'new alert')} (as of {report.as_of or 'no events yet'})", style="dim"))
    for alert in report.new_alerts:
        console.print(Text.assemble(("alert ", "bold yellow"), (alert.rule, "bold"), f" [{alert.alert_id}] ", alert.message), soft_wrap=True)
        if argv:
            result = notify(argv, alert)
            if not result.ok:
                warn_line(f"--exec for alert {alert.alert_id}: {result.problem}")
