"""``dyadwatch code``, ``load`` and ``demo``: text into the store."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ..errors import UsageError
from .app import (EXIT_ERROR, ActorsOpt, DateOpt, DbOpt, DEFAULT_DB, WideOpt, command, error_line, out, parse_date, plural,
                  warn_line)
from .run import CodeRequest, RunPlan, plan_run, run_code

__all__ = ["code", "load", "demo"]

INPUT_FORMATS = ("auto", "text", "jsonl", "csv", "html", "feed", "warc")
_FORMAT_HELP = ("Input format: auto (detected from the content: a .txt holding RSS is read as a feed) | text (plain text, "
                "optional Title:/Date:/URL:/Publisher: header lines) | jsonl (one article object a line) | csv (a header row) | "
                "html (a web page) | feed (RSS or Atom) | warc (WARC, .warc.gz: its HTML responses).")


@command()
def code(
    paths: Annotated[list[str], typer.Argument(help="Inputs: files of any input format, directories (walked), or URLs with --fetch.", metavar="PATH")],
    date_: DateOpt = None,
    db: DbOpt = DEFAULT_DB,
    input_format: Annotated[Optional[str], typer.Option("--input-format", help=_FORMAT_HELP, metavar="FORMAT")] = None,
    legacy_format: Annotated[Optional[str], typer.Option("--format", hidden=True, help="Deprecated: --input-format.")] = None,
    field_map: Annotated[Optional[str], typer.Option("--map", help="CSV/JSONL field mapping, e.g. text=body,published=date,title=headline,url=link.", metavar="MAP")] = None,
    fetch: Annotated[bool, typer.Option("--fetch", help="Allow fetching: http(s) URLs as inputs, and feed entries' linked pages.")] = False,
    allow_private: Annotated[bool, typer.Option("--allow-private", help="With --fetch: also fetch from loopback, link-local and private addresses (refused by default: a feed could point at this machine's own services).")] = False,
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events (marked) instead of dropping them.")] = False,
    drop_hypothetical: Annotated[bool, typer.Option("--drop-hypothetical", help="Drop hypothetical events instead of keeping them (marked).")] = False,
    keep_unlikely: Annotated[bool, typer.Option("--keep-unlikely", help="Keep events whose calibrated confidence is under 0.05 too (none of them was fully right on the development and held-out sets).")] = False,
    max_bytes: Annotated[int, typer.Option("--max-bytes", help="Largest article accepted, in bytes.", metavar="N")] = 5_000_000,
    actors: ActorsOpt = None,
    engine: Annotated[str, typer.Option("--engine", help="auto (a process pool for a large run on a machine with several cores, else local) | local (in-process) | processes (a process pool) | ray (the driver streams the inputs to Ray actors → Parquet → DuckDB).", metavar="ENGINE")] = "auto",
    workers: Annotated[Optional[int], typer.Option("--workers", help="Worker processes or Ray actors (default: as many as the machine can hold; capped at that).", metavar="N")] = None,
    address: Annotated[Optional[str], typer.Option("--address", help="Ray cluster address (default: start a local Ray).", metavar="ADDR")] = None,
    parquet: Annotated[Optional[Path], typer.Option("--parquet", help="With --engine ray: folder for the Parquet output (default DB.parquet).", metavar="DIR")] = None,
) -> None:
    """Ingest and code articles into the store, with a progress bar and a closing summary.

    Exits 2 after coding everything else when a named input does not exist."""
    from ..coding.coder import UNLIKELY, CodingOptions

    fmt = _input_format(input_format, legacy_format)
    if max_bytes < 1:
        raise UsageError(f"--max-bytes {max_bytes}: give a positive number of bytes")
    if allow_private and not fetch:
        raise UsageError("--allow-private is about what --fetch may read; give --fetch too")
    read_options = {"fmt": fmt, "field_map": _field_map(field_map), "fetch": fetch, "allow_private": allow_private}
    from ..ingest.fetch import is_url
    from .run import count_items

    inputs = [p if is_url(p) else Path(p) for p in paths]  # (a Path would make http://x of a URL http:/x)
    plan = plan_run(engine, workers, count_items(inputs))
    options = CodingOptions(keep_negated=keep_negated, keep_hypothetical=not drop_hypothetical,
                            min_confidence=0.0 if keep_unlikely else UNLIKELY)
    req = CodeRequest(inputs, db, parse_date(date_), options, max_bytes, tuple(str(a) for a in actors or ()), read_options,
                      address, parquet)
    run_code(req, plan)
    _fail_on_missing(paths)


def _input_format(input_format: str | None, legacy: str | None) -> str | None:
    if legacy is not None:
        warn_line("code --format is now --input-format (--format will go)")
        if input_format is not None and input_format != legacy:
            raise UsageError("give --input-format once (--format is its old name)")
        input_format = legacy
    if input_format is not None and input_format not in INPUT_FORMATS:
        from ..ingest.detect import normalise_format

        return normalise_format(input_format)  # aliases such as rss; an unknown one is an error naming the formats
    return None if input_format in (None, "auto") else input_format


def _fail_on_missing(paths: list[str]) -> None:
    """A named input that does not exist makes the run fail, once the rest is coded."""
    from ..ingest.fetch import is_url

    missing = [str(p) for p in paths if not is_url(str(p)) and not os.path.lexists(p)]
    if missing:
        error_line(f"{plural(len(missing), 'input')} not found (the others were coded): {', '.join(missing)}")
        raise typer.Exit(EXIT_ERROR)


def _field_map(spec: str | None) -> dict[str, str] | None:
    if not spec:
        return None
    pairs = {}
    for part in spec.split(","):
        key, sep, value = part.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise UsageError(f"--map {spec!r}: write field=column pairs separated by commas, e.g. text=body,published=date")
        pairs[key.strip()] = value.strip()
    return pairs


@command()
def load(
    folder: Annotated[Path, typer.Argument(help="A folder of Parquet files written by --engine ray.", metavar="PARQUET_DIR")],
    db: DbOpt = DEFAULT_DB,
) -> None:
    """Merge Parquet output (articles, events partitioned by date, quarantine) into the DuckDB store."""
    from ..store.duck import Store

    with Store(db) as store:
        added = store.load_parquet(folder)
        counts = store.counts()
    out().print(Text(f"loaded {plural(added['articles'], 'new article')}, {plural(added['events'], 'new event')}, "
                     f"{added['quarantine']} quarantined into {db} "
                     f"({plural(counts['articles'], 'article')}, {plural(counts['events'], 'event')} in all)"))


@command()
def demo(db: DbOpt = Path("dyadwatch-demo.duckdb"), wide: WideOpt = False) -> None:
    """Code the bundled demo corpus and print a dyad summary."""
    from ..analysis.counting import DEFAULT_COUNTING
    from ..analysis.dyads import dyad_summary
    from ..coding.coder import CodingOptions
    from ..store.duck import Store
    from .reading import print_dyads

    corpus = resources.files("dyadwatch.demo") / "corpus"
    with resources.as_file(corpus) as path:
        req = CodeRequest([Path(path)], db, None, CodingOptions(), 5_000_000)
        run_code(req, RunPlan("local", 1, "in-process: the demo corpus is small"))
    with Store(db, read_only=True) as store:
        rows = dyad_summary(store, min_events=1)
    console = out()
    print_dyads(rows, "dyads in the demo corpus", wide)
    console.print(Text(DEFAULT_COUNTING.describe(), style="dim"))
    console.print(Text("Each row: a source acting on a target; quad classes are verbal/material cooperation and verbal/material "
                       "conflict; Goldstein runs from −10 (hostile) to +10 (cooperative)."))
    console.print(Text.assemble("Next: ", (f"dyadwatch report --dyad PRK:USA --db {db}", "bold"), " writes a report on a pair; ",
                                (f"dyadwatch serve --db {db}", "bold"), " opens the dashboard."))
