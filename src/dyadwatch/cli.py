"""The ``dyadwatch`` command line: a thin layer over the Python API.

Library code never prints or exits; this module turns results into Rich output and
:class:`~dyadwatch.errors.DyadwatchError` into a message and exit code 2.
"""

from __future__ import annotations

import functools
import sys
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from . import __version__
from .analysis.dyads import dyad_summary, parse_dyad
from .errors import DyadwatchError, UsageError

app = typer.Typer(
    name="dyadwatch",
    help="Political event data from news text: who did what to whom, when (CAMEO/PLOVER, Goldstein), and relations between pairs of actors.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

DbOpt = Annotated[Path, typer.Option("--db", help="DuckDB store file.")]
DateOpt = Annotated[Optional[str], typer.Option("--date", help="Publication date (YYYY-MM-DD) for inputs that have none.")]
ActorsOpt = Annotated[Optional[list[Path]], typer.Option("--actors", help="User actor dictionary (YAML or TSV) layered over the bundled one; repeatable.")]


def _date(value: str | None, name: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{name}: {value!r} is not a date; write YYYY-MM-DD") from None


def _handle_errors(fn):
    """One line for a dyadwatch error, exit 2. The message names user input (paths, marks,
    dictionary lines), so it is printed as text, never as Rich markup."""
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except DyadwatchError as exc:
            err.print(Text.assemble(("error:", "bold red"), " ", str(exc)))
            raise typer.Exit(2) from None

    return wrapper


def _version_cb(value: bool) -> None:
    if value:
        console.print(f"dyadwatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version_cb, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """dyadwatch command line."""


# -- code ---------------------------------------------------------------------------
def _coder(options=None, actors: list[Path] | None = None):
    from .actors.user import dictionary_with
    from .coding.article import ArticleCoder

    return ArticleCoder(options, dictionary=dictionary_with(actors))


def _run_code(paths: list[Path], db: Path, on: date | None, keep_negated: bool, drop_hypothetical: bool, max_bytes: int,
              quiet: bool = False, actors: list[Path] | None = None, engine: str = "local", workers: int = 2,
              address: str | None = None, parquet: Path | None = None, read_options: dict | None = None):
    from .coding.coder import CodingOptions
    from .engines import ENGINES
    from .engines.local import code_sources
    from .engines.worker import CoderSpec
    from .store.duck import Store

    options = CodingOptions(keep_negated=keep_negated, keep_hypothetical=not drop_hypothetical)
    if engine not in ENGINES:
        raise UsageError(f"--engine {engine!r}: use local, processes or ray")
    if workers < 1:
        raise UsageError("--workers must be at least 1")
    spec = CoderSpec(options, tuple(str(a) for a in actors or ()))
    if engine == "ray":
        from .engines.ray_engine import code_sources_ray

        out = parquet or Path(f"{db}.parquet")
        with console.status(f"coding on Ray with {workers} workers into {out}…"):
            summary = code_sources_ray(paths, out, on, spec, workers, address, max_bytes=max_bytes)
        with Store(db) as store:
            added = store.load_parquet(out)
            counts = store.counts()
        _print_summary(summary, db, counts, f"Ray → {out} → loaded {added['articles']} new articles, {added['events']} events")
        return summary
    coder = None
    if engine == "local":
        with console.status("loading the spaCy pipeline and dictionaries…"):
            coder = _coder(options, actors)
    with Store(db) as store, Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[stats]}"), TimeElapsedColumn(), console=console, transient=quiet,
    ) as progress:
        total = _count_items(paths)
        task = progress.add_task("coding", total=total, stats="")

        def on_item(kind, item, s):
            if kind == "rejected":
                progress.console.print(f"[yellow]quarantined[/] {item.message}")
            progress.update(task, advance=1, stats=f"{s.events} events, {s.quarantined} quarantined")

        if engine == "processes":
            from .engines.processes import code_sources_processes

            summary = code_sources_processes(paths, store, on, spec, workers, max_bytes=max_bytes, on_item=on_item, read_options=read_options)
        else:
            summary = code_sources(paths, store, on, coder=coder, max_bytes=max_bytes, on_item=on_item, read_options=read_options)
        progress.update(task, total=progress.tasks[0].completed)
        counts = store.counts()
    _print_summary(summary, db, counts, engine + (f" ({workers} workers)" if engine != "local" else ""))
    return summary


def _print_summary(summary, db: Path, counts: dict, engine: str) -> None:
    table = Table(title="dyadwatch code", show_header=False)
    table.add_row("engine", engine)
    table.add_row("articles read", str(summary.articles))
    table.add_row("  newly coded", str(summary.coded))
    table.add_row("  already in the store", str(summary.already))
    table.add_row("  wire copies of a story already coded", str(summary.duplicates))
    table.add_row("sentences", f"{summary.sentences} ({summary.parsed} parsed)")
    table.add_row("events", str(summary.events))
    table.add_row("quarantined", str(summary.quarantined))
    table.add_row("store", f"{db} — {counts['articles']} articles, {counts['events']} events, {counts['quarantine']} quarantined")
    console.print(table)


def _count_items(paths: list[Path]) -> int | None:
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for c in p.rglob("*") if c.is_file() and not c.name.startswith(".") and c.suffix not in (".jsonl", ".ndjson"))
            for c in p.rglob("*.jsonl"):
                n += _lines(c)
        elif p.suffix in (".jsonl", ".ndjson") and p.is_file():
            n += _lines(p)
        else:
            n += 1
    return n or None


def _lines(p: Path) -> int:
    try:
        with p.open("rb") as fh:
            return sum(1 for line in fh if line.strip())
    except OSError:
        return 1


@app.command()
@_handle_errors
def code(
    paths: Annotated[list[Path], typer.Argument(help="Text files, directories or JSONL files.")],
    date_: DateOpt = None,
    db: DbOpt = Path("dyadwatch.duckdb"),
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events (marked) instead of dropping them.")] = False,
    drop_hypothetical: Annotated[bool, typer.Option("--drop-hypothetical", help="Drop hypothetical events instead of keeping them (marked).")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest article accepted, in bytes.")] = 5_000_000,
    actors: ActorsOpt = None,
    engine: Annotated[str, typer.Option("--engine", help="local (in-process) | processes (a process pool) | ray (Ray Data → Parquet → DuckDB).")] = "local",
    workers: Annotated[int, typer.Option("--workers", help="Worker processes or Ray actors.")] = 2,
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (default: start a local Ray).")] = None,
    parquet: Annotated[Optional[Path], typer.Option("--parquet", help="With --engine ray: folder for the Parquet output (default DB.parquet).")] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Input format: auto (detected from content) | text | jsonl | csv | html | feed | warc.")] = None,
    field_map: Annotated[Optional[str], typer.Option("--map", help="CSV/JSONL field mapping, e.g. text=body,published=date,title=headline,url=link.")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Allow fetching: http(s) URLs as inputs, and feed entries' linked pages.")] = False,
) -> None:
    """Ingest and code articles into the store, with a progress bar and a closing summary."""
    read_options = {"fmt": None if fmt in (None, "auto") else fmt, "field_map": _field_map(field_map), "fetch": fetch}
    if engine == "ray" and (read_options["fmt"] or field_map or fetch):
        raise UsageError("--format, --map and --fetch are read by the local and processes engines; with --engine ray give text, JSONL or Parquet")
    _run_code(paths, db, _date(date_), keep_negated, drop_hypothetical, max_bytes, actors=actors, engine=engine,
              workers=workers, address=address, parquet=parquet, read_options=read_options)


def _field_map(spec: str | None) -> dict[str, str] | None:
    if not spec:
        return None
    out = {}
    for part in spec.split(","):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--map {spec!r}: write field=column pairs separated by commas, e.g. text=body,published=date")
        out[key.strip()] = value.strip()
    return out


@app.command()
@_handle_errors
def load(
    folder: Annotated[Path, typer.Argument(help="A folder of Parquet files written by --engine ray.")],
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """Merge Parquet output (articles, events partitioned by date, quarantine) into the DuckDB store."""
    from .store.duck import Store

    with Store(db) as store:
        added = store.load_parquet(folder)
        counts = store.counts()
    console.print(f"loaded {added['articles']} new articles, {added['events']} new events, {added['quarantine']} quarantined into {db} "
                  f"({counts['articles']} articles, {counts['events']} events in all)")


# -- events -------------------------------------------------------------------------
@app.command()
@_handle_errors
def events(
    dyad: Annotated[Optional[str], typer.Option("--dyad", help="Directed dyad SOURCE:TARGET, e.g. USA:PRK.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="First event date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Last event date (YYYY-MM-DD).")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | csv | json | parquet")] = "table",
    out: Annotated[Optional[Path], typer.Option("--out", help="Write to this file (required for parquet).")] = None,
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """List or export coded events."""
    from .store.duck import Store
    from .store.export import EXPORT_FORMATS, export_events, iter_event_json

    filters = dict(dyad=parse_dyad(dyad) if dyad else None, since=_date(since, "--since"), until=_date(until, "--until"))
    if fmt not in ("table", *EXPORT_FORMATS):
        raise UsageError(f"--format {fmt!r}: use table, csv, json or parquet")
    with Store(db, read_only=True) as store:
        if out is not None:
            if fmt == "table":
                raise UsageError("--out needs --format csv, json or parquet")
            n = export_events(store, out, fmt, **filters)
            err.print(f"wrote {n} events to {out} ({fmt})")
            return
        if fmt == "parquet":
            raise UsageError("--format parquet needs --out FILE")
        if fmt == "json":
            for line in iter_event_json(store, **filters):
                sys.stdout.write(line + "\n")
            return
        if fmt == "csv":
            import csv

            rows = store.events(**filters)
            if rows:
                w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
                w.writeheader()
                w.writerows(rows)
            return
        rows = store.events(**filters)
        table = Table(title=f"{len(rows)} events", show_lines=False)
        for col in ("date", "source", "→", "target", "cameo", "plover", "gs", "mood", "trigger", "sentence"):
            table.add_column(col, overflow="fold")
        for r in rows:
            src = f"{r['source_code'] or '?'} {r['source_sector'] or ''}".strip()
            tgt = f"{r['target_code'] or '?'} {r['target_sector'] or ''}".strip() if r["target_text"] else "—"
            mood = r["mood"] + (" neg" if r["negated"] else "")
            table.add_row(
                str(r["event_date"] or ""), f"{src}\n[dim]{r['source_text']}[/]", "→", f"{tgt}\n[dim]{r['target_text'] or ''}[/]",
                f"{r['cameo']}\n[dim]{r['cameo_name']}[/]", r["plover_type"] or "", f"{r['goldstein']:+.1f}", mood,
                r["trigger_text"], _ellipsis(r["sentence"], 160),
            )
        console.print(table)


def _ellipsis(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"


# -- explain ------------------------------------------------------------------------
@app.command()
@_handle_errors
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence (or short text) to code and explain.")],
    date_: DateOpt = None,
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events (marked).")] = False,
    actors: ActorsOpt = None,
) -> None:
    """Show the parse, the actors, each candidate trigger and why it did or did not become an event."""
    from .coding.article import explain_text
    from .coding.coder import CodingOptions

    on = _date(date_)
    coder = _coder(CodingOptions(keep_negated=keep_negated), actors)
    result = explain_text(sentence, on, coder)
    for tr in result.traces or []:
        ctx = tr.ctx
        console.rule(Text(f"sentence {tr.index}: {tr.text}"))  # (the text is the user's, never markup)
        if tr.why_unparsed:
            console.print(Text(tr.why_unparsed, style="yellow"))
            continue
        if not tr.prefilter_keep:
            console.print("[yellow]the prefilter would skip this sentence (no actor or no trigger word); parsed here anyway[/]")
        toks = Table(title="tokens and parse", show_lines=False)
        for c in ("i", "token", "lemma", "pos", "tag", "dep", "head"):
            toks.add_column(c)
        for t in ctx.doc:
            toks.add_row(str(t.i), t.text, t.lemma_, t.pos_, t.tag_, t.dep_, f"{t.head.i} {t.head.text}")
        console.print(toks)
        acts = Table(title="actor mentions")
        for c in ("text", "resolves to", "how"):
            acts.add_column(c)
        from .actors.resolve import ActorResolver

        res = ActorResolver(coder.dictionary, on)
        for m in ctx.mentions:
            ref = res.mention_ref(m, ctx)
            acts.add_row(m.text, ref.label if ref else "?", (ref.via if ref else "") + (f" ({ref.actor_id})" if ref and ref.actor_id else ""))
        if not ctx.mentions:
            acts.add_row("—", "no dictionary actor in this sentence", "")
        console.print(acts)
        cands = Table(title="candidate triggers")
        for c in ("token", "pattern", "code", "source", "target", "outcome"):
            cands.add_column(c, overflow="fold")
        for c in tr.candidates:
            cands.add_row(
                f"{c.text} ({c.kind})", c.pattern.text if c.pattern else "—", c.code or "—",
                ", ".join(r.label + f" [{r.text}]" for r in c.sources) or "—",
                ", ".join(r.label + f" [{r.text}]" for r in c.targets) or "—",
                ("[green]EVENT[/] " if c.status == "event" else f"[dim]{c.status}[/] ") + c.reason,
            )
        if not tr.candidates:
            cands.add_row("—", "", "", "", "", "no word of this sentence is in the lexicon")
        console.print(cands)
    evs = result.events
    console.rule(f"{len(evs)} event(s)")
    for e in evs:
        tgt = e.target.label + f" [{e.target.text}]" if e.target else "—"
        console.print(
            f"[bold]{e.source.label}[/] [{e.source.text}] → [bold]{tgt}[/]  {e.cameo} {e.cameo_name} "
            f"({e.plover_type or 'no PLOVER type'}, quad {e.quad_class}, Goldstein {e.goldstein:+.1f}) "
            f"mood={e.mood}{' negated' if e.negated else ''}{' reported by ' + e.reported_by.label if e.reported_by else ''}\n"
            f"   trigger '{e.trigger_text}', pattern {e.pattern}" + (f"; {'; '.join(e.notes)}" if e.notes else "")
        )


# -- demo ---------------------------------------------------------------------------
@app.command()
@_handle_errors
def demo(db: DbOpt = Path("dyadwatch-demo.duckdb")) -> None:
    """Code the bundled demo corpus and print a dyad summary."""
    corpus = resources.files("dyadwatch.demo") / "corpus"
    with resources.as_file(corpus) as path:
        _run_code([Path(path)], db, None, False, False, 5_000_000)
    from .store.duck import Store

    from .analysis.counting import DEFAULT_COUNTING

    with Store(db, read_only=True) as store:
        _print_dyads(dyad_summary(store, min_events=1), "dyads in the demo corpus")
    console.print(Text(DEFAULT_COUNTING.describe(), style="dim"))


def _print_dyads(rows, title: str) -> None:
    table = Table(title=title)
    for c in ("source", "target", "events", "articles", "verb.coop", "mat.coop", "verb.confl", "mat.confl", "Goldstein Σ", "mean", "first", "last"):
        table.add_column(c, justify="right" if c not in ("source", "target") else "left")
    for d in rows:
        table.add_row(d.source, d.target, str(d.events), str(d.articles), str(d.q1), str(d.q2), str(d.q3), str(d.q4),
                      f"{d.goldstein_sum:+.1f}", f"{d.goldstein_mean:+.2f}", str(d.first or ""), str(d.last or ""))
    console.print(table)


def _load_frame(db: Path, since: str | None, until: str | None, codes: tuple[str, ...] | None = None, counting=None):
    from .analysis.counting import DEFAULT_COUNTING
    from .analysis.frame import load_events
    from .store.duck import Store

    with Store(db, read_only=True) as store:
        return load_events(store, _date(since, "--since"), _date(until, "--until"), codes, counting or DEFAULT_COUNTING)


def _pair_frame(db: Path, a: str, b: str, since: str | None, until: str | None, counting=None):
    """Events touching ``a`` or ``b`` (what assess_dyad needs); an error if none are between them."""
    from .analysis.series import dyad_events

    df = _load_frame(db, since, until, (a, b), counting)
    if dyad_events(df, a, b, undirected=True).empty:
        what = f" ({counting.describe()})" if counting is not None else ""
        raise UsageError(f"no events between {a} and {b} in {db}{what}")
    return df


def _counting(min_confidence: float, all_moods: bool, statements: bool):
    """What the view counts (analysis.counting), from the CLI's options; printed as one line."""
    from .analysis.counting import Counting

    if not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence {min_confidence}: give a number between 0 and 1")
    counting = Counting(min_confidence, all_moods, statements)
    console.print(Text(counting.describe(), style="dim"))
    return counting


def _freq(freq: str) -> str:
    if freq not in ("day", "week", "month"):
        raise UsageError(f"--per {freq!r}: use day, week or month")
    return freq


SinceOpt = Annotated[Optional[str], typer.Option("--since", help="First event date (YYYY-MM-DD).")]
UntilOpt = Annotated[Optional[str], typer.Option("--until", help="Last event date (YYYY-MM-DD).")]
PerOpt = Annotated[str, typer.Option("--per", help="Period of the series: day | week | month.")]
AsOfOpt = Annotated[Optional[str], typer.Option("--as-of", help="Date for deadline countdowns (default: today).")]
MinConfOpt = Annotated[float, typer.Option("--min-confidence", help="Count only events with at least this confidence (0–1).")]
AllMoodsOpt = Annotated[bool, typer.Option("--all-moods", help="Count intended, hypothetical, demanded, negated and background events too.")]
StatementsOpt = Annotated[bool, typer.Option("--statements", help="Count plain statements (CAMEO 01x) too.")]


@app.command()
@_handle_errors
def dyads(
    since: SinceOpt = None,
    until: UntilOpt = None,
    top: Annotated[int, typer.Option("--top", help="How many dyads to list.")] = 20,
    undirected: Annotated[bool, typer.Option("--undirected", help="Merge A→B and B→A.")] = False,
    min_confidence: MinConfOpt = 0.2,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """The most active dyads of a period: events, quad classes, Goldstein."""
    from .store.duck import Store

    counting = _counting(min_confidence, all_moods, statements)
    if undirected:
        from .analysis.series import top_dyads

        df = _load_frame(db, since, until, counting=counting)
        rows = top_dyads(df, top, undirected=True)
        table = Table(title=f"top {len(rows)} undirected dyads")
        for c in ("a", "b", "events", "articles", "conflict share", "Goldstein Σ", "mean", "first", "last"):
            table.add_column(c)
        for r in rows.itertuples():
            table.add_row(r.a, r.b, str(r.events), str(r.articles), f"{r.conflict_share:.0%}", f"{r.goldstein_sum:+.1f}",
                          f"{r.goldstein_mean:+.2f}", str(r.first), str(r.last))
        console.print(table)
        return
    with Store(db, read_only=True) as store:
        rows = dyad_summary(store, _date(since, "--since"), _date(until, "--until"), counting=counting)[:top]
    _print_dyads(rows, f"top {len(rows)} directed dyads")


@app.command()
@_handle_errors
def signals(
    dyad: Annotated[Optional[str], typer.Option("--dyad", help="A:B — read this pair (both directions).")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: PerOpt = "week",
    as_of: AsOfOpt = None,
    min_confidence: MinConfOpt = 0.2,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """Deterioration and improvement, mixed signals, reciprocity, deadlines and patterns, with the evidence."""
    from .analysis.mixed import mixed_signals
    from .analysis.relation import NotEnoughData
    from .analysis.signals import assess_dyad, deadlines

    on = _date(as_of, "--as-of") or date.today()
    freq = _freq(per)
    counting = _counting(min_confidence, all_moods, statements)
    if dyad:
        a, b = parse_dyad(dyad)
        df = _pair_frame(db, a, b, since, until, counting)
        res = assess_dyad(df, a, b, freq)
        for d in (res.forward, res.backward):
            console.rule(f"{d.source} → {d.target}: {d.tone}")
            console.print(f"{d.events} events, Goldstein sum {d.goldstein_sum:+.1f}; quad classes {dict(sorted(d.quad_counts.items()))}")
            console.print(f"trend: {d.trend if isinstance(d.trend, NotEnoughData) else d.trend.describe()}")
            if isinstance(d.changes, NotEnoughData):
                console.print(f"change points: {d.changes}")
            for c in [] if isinstance(d.changes, NotEnoughData) else d.changes:
                console.print(f"[bold]{c.describe()}[/]")
            for m in d.mixed:
                console.print(f"[magenta]{m.describe()}[/]")
                for label, evs in (("cooperative", m.cooperative), ("conflictual", m.conflictual)):
                    for r in evs.head(5).itertuples():
                        console.print(f"   {label}: {r.event_date.date()} {r.cameo} {r.cameo_name} — {_ellipsis(r.sentence, 150)}")
        console.rule("reciprocity")
        for rec, x, y in ((res.reciprocity_ab, a, b), (res.reciprocity_ba, b, a)):
            console.print(rec.describe(x, y, freq) if not isinstance(rec, NotEnoughData) else f"does {y} answer {x}? {rec}")
        console.rule("deadlines and ultimatums")
        for dl in res.deadlines:
            console.print(f"{dl.due} ({dl.status(on)}) {dl.source}→{dl.target} {dl.kind}: '{dl.text}' — {_ellipsis(dl.sentence, 140)}", markup=False)
        if not res.deadlines:
            console.print("none found")
        console.rule("repeated patterns")
        for p in res.patterns:
            console.print(p.describe())
        if not res.patterns:
            console.print("none found in these data")
        return
    df = _load_frame(db, since, until, counting=counting)
    flags = mixed_signals(df)
    table = Table(title=f"mixed signals ({len(flags)})")
    for c in ("dyad", "window", "index", "cooperative", "conflictual"):
        table.add_column(c, overflow="fold")
    for m in flags[:30]:
        table.add_row(f"{m.source}→{m.target}", f"{m.start.date()}…{m.end.date()}", f"{m.index:.2f}",
                      f"{len(m.cooperative)} ({', '.join(m.speakers_coop)})", f"{len(m.conflictual)} ({', '.join(m.speakers_conflict)})")
    console.print(table)
    dls = deadlines(df)
    t2 = Table(title=f"deadlines and ultimatums ({len(dls)})")
    for c in ("due", "status", "dyad", "as written", "sentence"):
        t2.add_column(c, overflow="fold")
    for dl in dls:
        t2.add_row(str(dl.due), dl.status(on), f"{dl.source}→{dl.target}", dl.text, _ellipsis(dl.sentence, 120))
    console.print(t2)


@app.command()
@_handle_errors
def report(
    a: Annotated[str, typer.Argument(help="First actor code, e.g. USA.")],
    b: Annotated[str, typer.Argument(help="Second actor code, e.g. PRK.")],
    out: Annotated[Path, typer.Option("--out", help="HTML file to write.")] = Path("report.html"),
    png: Annotated[Optional[Path], typer.Option("--png", help="Also write the charts as PNG files into this folder.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
    per: PerOpt = "week",
    as_of: AsOfOpt = None,
    min_confidence: MinConfOpt = 0.2,
    all_moods: AllMoodsOpt = False,
    statements: StatementsOpt = False,
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """A self-contained HTML report on a pair of actors: timeline, quad classes, signals with their evidence, deadlines."""
    from .analysis.signals import assess_dyad
    from .report import write_report

    a, b = parse_dyad(f"{a}:{b}")
    counting = _counting(min_confidence, all_moods, statements)
    df = _pair_frame(db, a, b, since, until, counting)
    res = assess_dyad(df, a, b, _freq(per))
    files = write_report(res, df, out, png, _date(as_of, "--as-of"), counting=counting.describe())
    for f in files:
        console.print(f"wrote {f}")


EVAL_FORMATS = ("plover-gsr", "petrarch-xml", "conflibert-class", "conflibert-spans", "voa-dev")


def _default_corpus() -> Path:
    """../shared/corpora/voa_stories.jsonl next to the project (or the working folder)."""
    root = Path(__file__).resolve().parents[2]
    if not (root / "pyproject.toml").is_file():
        root = Path.cwd()
    return root.parent / "shared" / "corpora" / "voa_stories.jsonl"


@app.command("eval")
@_handle_errors
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file: PLOVER gold-standard JSON, PETRARCH validation XML, ConfliBERT class TSV or span file, or dev-set annotations (JSONL).")],
    fmt: Annotated[str, typer.Option("--format", help="plover-gsr | petrarch-xml | conflibert-class | conflibert-spans | voa-dev")] = "plover-gsr",
    misses: Annotated[Optional[Path], typer.Option("--misses", help="Write every miss (gold vs produced, with the pattern) to this JSONL file (plover-gsr, petrarch-xml).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events.")] = False,
    actors: ActorsOpt = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="voa-dev: the story corpus (JSONL with id, text) the annotations point into (default ../shared/corpora/voa_stories.jsonl).")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="conflibert-*: a date (YYYY-MM-DD) for the undated sentences (default: none).")] = None,
) -> None:
    """Score the coder against gold records: per-type P/R/F1, macro-F1, quad-class, actor and sector accuracy; five-way class and span scores (ConfliBERT); dev-set precision/recall; confidence reliability."""
    from .coding.coder import CodingOptions

    if fmt not in EVAL_FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(EVAL_FORMATS)}")
    if misses is not None and fmt not in ("plover-gsr", "petrarch-xml"):
        raise UsageError("--misses is written for --format plover-gsr and petrarch-xml")
    options = CodingOptions(keep_negated=keep_negated)
    if fmt == "conflibert-class":
        _eval_class(gold, _coder_for_eval(options, actors), as_json, _date(date_))
    elif fmt == "conflibert-spans":
        _eval_spans(gold, _coder_for_eval(options, actors), as_json, _date(date_))
    elif fmt == "voa-dev":
        _eval_devset(gold, corpus or _default_corpus(), options, actors, as_json)
    else:
        _eval_gsr(gold, fmt, misses, as_json, options, actors)


def _coder_for_eval(options, actors):
    with console.status("loading the spaCy pipeline and dictionaries…"):
        return _coder(options, actors)


def _eval_progress(what: str, total: int, as_json: bool, run):
    """``run(on_record)`` with a transient progress bar (none with --json)."""
    if as_json:
        return run(None)
    with Progress(SpinnerColumn(), TextColumn(what), BarColumn(), MofNCompleteColumn(), console=console, transient=True) as progress:
        task = progress.add_task("eval", total=total)
        return run(lambda i: progress.update(task, completed=i + 1))


def _print_json(d: dict) -> None:
    import json as _json

    sys.stdout.write(_json.dumps(d) + "\n")


def _print_reliability(bins, what: str) -> None:
    t = Table(title=f"confidence reliability ({what})")
    for c in ("confidence", "events", "right", "fraction right"):
        t.add_column(c, justify="left" if c == "confidence" else "right")
    for b in bins:
        t.add_row(b.label, str(b.count), str(b.right), "–" if b.fraction is None else f"{b.fraction:.2f}")
    console.print(t)


def _eval_gsr(gold: Path, fmt: str, misses: Path | None, as_json: bool, options, actors) -> None:
    import json as _json

    from .evaluation import evaluate, read_gold

    records = read_gold(gold, fmt)
    if not records:
        raise UsageError(f"{gold}: no gold records found (is --format {fmt} right?)")
    coder = _coder(options, actors)
    report = _eval_progress("coding gold sentences", len(records), as_json, lambda cb: evaluate(records, coder, on_record=cb))
    if misses is not None:
        with misses.open("w", encoding="utf-8") as fh:
            for m in report.misses:
                fh.write(_json.dumps(m, ensure_ascii=False) + "\n")
    if as_json:
        _print_json(report.as_dict())
        return
    _print_gsr(report, gold)
    if misses is not None:
        console.print(f"{len(report.misses)} misses written to {misses}")


def _print_gsr(report, gold: Path) -> None:
    from rich import box

    t = Table(title=f"dyadwatch eval — {report.n} gold records ({gold.name})")
    for c in ("PLOVER type", "precision", "recall", "F1", "support"):
        t.add_column(c, justify="left" if c == "PLOVER type" else "right")
    for name, s in sorted(report.per_type.items()):
        t.add_row(name, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
    console.print(t)
    summ = Table(show_header=False, title="summary")
    summ.add_row("macro-F1 (PLOVER type)", f"{report.macro_f1:.3f}")
    summ.add_row("quad-class accuracy", f"{report.quad_accuracy:.3f}")
    summ.add_row("source country accuracy", f"{report.source_accuracy:.3f} (n={report.n_sources})")
    summ.add_row("target country accuracy", f"{report.target_accuracy:.3f} (n={report.n_targets})")
    summ.add_row("sector accuracy", "n/a" if report.sector_accuracy is None else f"{report.sector_accuracy:.3f} (n={report.n_sectors})")
    console.print(summ)
    preds = sorted({p for row in report.confusion.values() for p in row})
    short = {t: t[:4] for t in set(preds) | set(report.confusion)}
    cm = Table(title="confusion matrix (rows: gold, columns: produced; first 4 letters of each type)", box=box.SIMPLE, padding=(0, 0))
    cm.add_column("gold", no_wrap=True)
    for p in preds:
        cm.add_column(short[p], justify="right", no_wrap=True, min_width=4)
    for g in sorted(report.confusion):
        cm.add_row(short[g], *[str(report.confusion[g].get(p, "")) for p in preds])
    console.print(cm)
    mk = Table(title="most frequent kinds of miss")
    mk.add_column("kind")
    mk.add_column("count", justify="right")
    for k, n in report.miss_kinds[:10]:
        mk.add_row(k, str(n))
    console.print(mk)
    _print_reliability(report.reliability, "the compared event of each record; right: type, source and target all right")


def _eval_class(gold: Path, coder, as_json: bool, on: date | None) -> None:
    from rich import box

    from .evaluation.conflibert import PENTA_NAMES, evaluate_class, read_class_tsv

    records = read_class_tsv(gold)
    if not records:
        raise UsageError(f"{gold}: no labelled sentences found (is --format conflibert-class right?)")
    report = _eval_progress("coding sentences", len(records), as_json, lambda cb: evaluate_class(records, coder, on, cb))
    if as_json:
        _print_json(report.as_dict())
        return
    t = Table(title=f"dyadwatch eval — {report.n} sentences, five-way class of the first event ({gold.name})")
    for c in ("class", "precision", "recall", "F1", "support"):
        t.add_column(c, justify="left" if c == "class" else "right")
    for k, s in report.per_class.items():
        t.add_row(f"{k} {PENTA_NAMES[k]}", f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
    console.print(t)
    console.print(f"accuracy {report.accuracy:.3f} (n={report.n}); no event produced: {report.no_event} (counted as class 0)")
    cm = Table(title="confusion matrix (rows: gold class, columns: predicted)", box=box.SIMPLE)
    cm.add_column("gold")
    for k in range(5):
        cm.add_column(str(k), justify="right")
    for k, row in enumerate(report.confusion):
        cm.add_row(str(k), *map(str, row))
    console.print(cm)
    _print_reliability(report.reliability, "first event of each sentence; right: its class is the gold class")


def _eval_spans(gold: Path, coder, as_json: bool, on: date | None) -> None:
    from .evaluation.conflibert import evaluate_spans, read_spans

    records = read_spans(gold)
    if not records:
        raise UsageError(f"{gold}: no sentences found (is --format conflibert-spans right?)")
    report = _eval_progress("coding sentences", len(records), as_json, lambda cb: evaluate_spans(records, coder, on, cb))
    if as_json:
        _print_json(report.as_dict())
        return
    t = Table(title=f"dyadwatch eval — {report.n} sentences, actor spans of the first event ({gold.name})", show_header=False)
    t.add_row("source overlaps a marked source", f"{report.source_rate:.3f} ({report.source_overlap} of {report.n_sources})")
    t.add_row("target overlaps a marked target", f"{report.target_rate:.3f} ({report.target_overlap} of {report.n_targets})")
    t.add_row("sentences with no event", f"{report.no_event} of {report.n}")
    console.print(t)


def _eval_devset(gold: Path, corpus: Path, options, actors, as_json: bool) -> None:
    from .evaluation.devset import evaluate_devset, load_stories, read_devset

    sentences = read_devset(gold)
    if not sentences:
        raise UsageError(f"{gold}: no annotated sentences found (is --format voa-dev right?)")
    stories = load_stories(corpus, {s.story_id for s in sentences})
    if not stories:
        raise UsageError(f"none of the annotated stories is in {corpus} (is --corpus right?)")
    coder = _coder_for_eval(options, actors)
    report = _eval_progress("coding stories", len(stories), as_json, lambda cb: evaluate_devset(sentences, stories, coder, cb))
    d = report.as_dict()
    if as_json:
        _print_json(d)
        return
    t = Table(title=f"dyadwatch eval — {d['n_sentences']} annotated sentences in {d['n_stories']} stories ({gold.name})", show_header=False)
    t.add_row("gold events / produced events", f"{d['n_gold']} / {d['n_produced']}")
    t.add_row("precision, type (CAMEO root) right", f"{d['type_precision']:.3f}")
    t.add_row("precision, fully right (root, source, target)", f"{d['full_precision']:.3f}")
    t.add_row("precision, fully right, statements (01x) left out", f"{d['acts_precision']:.3f} (n={d['n_acts']})")
    t.add_row("precision, fully right, asserted with confidence ≥ 0.5", f"{d['confident_precision']:.3f} (n={d['n_confident']})")
    t.add_row("recall (asserted gold events with source and target)", f"{d['recall']:.3f} (n={d['n_recall']})")
    t.add_row("what the views count (asserted, default confidence, no 01x): precision",
              f"{d['counted_precision']:.3f} (n={d['n_counted']})")
    t.add_row("what the views count: recall", f"{d['counted_recall']:.3f} (n={d['n_recall']})")
    for k, v in d["field_accuracy"].items():
        t.add_row(f"{k} accuracy (vs the best gold event of the sentence)", f"{v:.3f} (n={d['n_matched']})")
    console.print(t)
    for what, items in (("stories not in the corpus", d["missing_stories"]), ("annotations whose text does not match the corpus", d["misaligned"])):
        if items:
            console.print(f"[yellow]{len(items)} {what}, skipped:[/] {', '.join(items[:10])}")
    _print_reliability(report.reliability, "every produced event; right: fully right")


@app.command()
@_handle_errors
def quarantine(db: DbOpt = Path("dyadwatch.duckdb")) -> None:
    """List the inputs kept in quarantine, with their reasons."""
    from .store.duck import Store

    with Store(db, read_only=True) as store:
        rows = store.quarantine()
    table = Table(title=f"{len(rows)} quarantined")
    for c in ("input", "reason", "detail", "bytes"):
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(r["origin"], r["reason"], r["detail"] or "", str(r["size_bytes"]))
    console.print(table)


from .api.command import serve as _serve  # noqa: E402  (stdlib/typer imports only)

app.command("serve", help="Serve the store read-only: a JSON API under /api and the dashboard at /.")(_handle_errors(_serve))


actors_app = typer.Typer(help="Look up actors, list the unknown ones, import PETRARCH dictionaries.", no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("lookup")
@_handle_errors
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name as written in news, e.g. 'Kim Jong Un' or 'Pyongyang'.")],
    date_: DateOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """What a name resolves to (on a date), with every dated role of a person."""
    from .actors.user import dictionary_with

    d = dictionary_with(actors)
    on = _date(date_)
    cands = d.candidates(name) + [(a, "surname") for a in d.surnames.get(name, [])]
    if not cands:
        raise UsageError(f"{name!r} is not in the actor dictionary (add it with --actors FILE)")
    table = Table(title=f"{name}" + (f" on {on}" if on else ""))
    for c in ("actor", "kind", "via", "resolves to", "roles"):
        table.add_column(c, overflow="fold")
    for aid, via in cands:
        e = d.get(aid)
        code, sector, role = e.at(on)
        roles = "; ".join(f"{r.code} {r.sector} {r.role} {r.start or '…'}–{r.end or '…'}" for r in sorted(e.roles, key=lambda r: r.start or date.min))
        table.add_row(f"{e.name} ({aid})", e.kind, via, f"{code or '?'} {sector or ''}".strip() + (f" ({role})" if role else ""), roles)
    console.print(table)


@actors_app.command("unknown")
@_handle_errors
def actors_unknown(
    top: Annotated[int, typer.Option("--top", help="How many names to list.")] = 30,
    db: DbOpt = Path("dyadwatch.duckdb"),
) -> None:
    """The most frequent actor names the dictionary does not know (unresolved, or coded by a guess), to add with --actors."""
    from .store.duck import Store

    with Store(db, read_only=True) as store:
        rows = store.unknown_actors(top)
    table = Table(title=f"{len(rows)} most frequent actor names not in the dictionary")
    for c in ("name", "mentions", "articles", "coded as (a guess)", "example sentence"):
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(r[0], str(r[1]), str(r[2]), r[4] or "–", _ellipsis(r[3], 140))
    console.print(table)


@actors_app.command("import-petrarch")
@_handle_errors
def actors_import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH/TABARI .actors files (and agents files with --agents).")],
    agents: Annotated[Optional[list[Path]], typer.Option("--agents", help="A PETRARCH agents dictionary to convert too; repeatable.")] = None,
    out: Annotated[Path, typer.Option("--out", help="User dictionary (YAML) to write.")] = Path("petrarch-actors.yaml"),
) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries (date restrictions, synonyms, comments) to a YAML user dictionary."""
    import yaml

    from .actors.petrarch import parse_actors, parse_agents, to_user_dictionary

    parsed, ags, problems = [], [], []
    for f in files:
        parsed += parse_actors(_read_text(f), str(f), problems)
    for f in agents or []:
        ags += parse_agents(_read_text(f), str(f), problems)
    data = to_user_dictionary(parsed, ags)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    for msg in problems:  # (file names and dictionary text are printed as text, never as markup)
        err.print(Text.assemble(("warning: ", "yellow"), msg))
    console.print(Text(f"wrote {out}: {len(data.get('people', []))} people with dated roles, {len(data.get('actors', []))} other actors, "
                       f"{len(data.get('agents', []))} agents — use it with --actors {out}"
                       + (f" ({len(problems)} unreadable line{'s' if len(problems) != 1 else ''} skipped)" if problems else "")))


def _read_text(p: Path) -> str:
    try:
        return p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read ({exc})") from None


# -- audit ----------------------------------------------------------------------------
audit_app = typer.Typer(help="Check dyadwatch on your own corpus: sample coded events into a sheet, mark them, score the marks.",
                        no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("sample")
@_handle_errors
def audit_sample(
    db: DbOpt = Path("dyadwatch.duckdb"),
    n: Annotated[int, typer.Option("--n", "-n", help="How many events to draw (all of them, if fewer match).")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: the same seed draws the same events.")] = 0,
    out: Annotated[Path, typer.Option("--out", help="File prefix: writes PREFIX.csv (to mark) and PREFIX.html (to read).")] = Path("audit-sheet"),
    min_confidence: Annotated[Optional[float], typer.Option("--min-confidence", help="Only events with at least this confidence (default: any).")] = None,
    mood: Annotated[Optional[str], typer.Option("--mood", help="Only events of this mood: asserted | intended | hypothetical | demanded.")] = None,
    dyad: Annotated[Optional[str], typer.Option("--dyad", help="Only events of this directed dyad SOURCE:TARGET, e.g. USA:PRK.")] = None,
    since: SinceOpt = None,
    until: UntilOpt = None,
) -> None:
    """Draw a random sample of coded events into a sheet to mark: PREFIX.csv and a readable PREFIX.html."""
    from .audit import sample_events, write_sheet
    from .audit.render import sample_lines
    from .store.duck import Store

    with Store(db, read_only=True) as store:
        sample = sample_events(store, n, seed, min_confidence=min_confidence, mood=mood, dyad=parse_dyad(dyad) if dyad else None,
                               since=_date(since, "--since"), until=_date(until, "--until"))
    csv_path, html_path = write_sheet(sample, out)
    for line in sample_lines(sample, csv_path, html_path):
        console.print(line)


@audit_app.command("score")
@_handle_errors
def audit_score(
    sheet: Annotated[Path, typer.Argument(help="The marked CSV sheet written by `dyadwatch audit sample`.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Exit with status 1 when a mark could not be read.")] = False,
) -> None:
    """Precision of the marked events with 95% Wilson intervals: fully right, per field, by CAMEO root, quad class, PLOVER type, confidence."""
    from .audit import read_sheet, score_sheet
    from .audit.render import problem_text, score_renderables

    result = score_sheet(read_sheet(sheet))
    for p in result.problems:
        err.print(problem_text(p))
    if result.n_judged == 0:
        raise UsageError(f"{sheet}: no row is marked yet; mark type_ok, source_ok and target_ok with y or n")
    if as_json:
        _print_json(result.as_dict())
    else:
        for r in score_renderables(result):
            console.print(r)
    if strict and result.problems:
        raise typer.Exit(1)


def main() -> None:
    app()
