"""``dyadwatch eval``: the coder scored against gold records."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from rich.text import Text

from ..errors import UsageError
from .app import ActorsOpt, command, out, parse_date, plural, print_json
from .explain import make_coder
from .tables import text_row

__all__ = ["eval_", "EVAL_FORMATS"]

EVAL_FORMATS = ("plover-gsr", "petrarch-xml", "conflibert-class", "conflibert-spans", "voa-dev")


def _default_corpus() -> Path:
    """../shared/corpora/voa_stories.jsonl next to the project (or the working folder)."""
    root = Path(__file__).resolve().parents[3]
    if not (root / "pyproject.toml").is_file():
        root = Path.cwd()
    return root.parent / "shared" / "corpora" / "voa_stories.jsonl"


@command(name="eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file: PLOVER gold-standard JSON, PETRARCH validation XML, ConfliBERT class TSV or span file, or dev-set annotations (JSONL).", metavar="GOLD")],
    fmt: Annotated[str, typer.Option("--format", help="plover-gsr | petrarch-xml | conflibert-class | conflibert-spans | voa-dev", metavar="FORMAT")] = "plover-gsr",
    misses: Annotated[Optional[Path], typer.Option("--misses", help="Write every miss (gold vs produced, with the pattern) to this JSONL file (every format but conflibert-spans).", metavar="FILE")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the figures as one JSON object.")] = False,
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events.")] = False,
    keep_unlikely: Annotated[bool, typer.Option("--keep-unlikely", help="Keep events with a calibrated confidence under 0.05 too.")] = False,
    actors: ActorsOpt = None,
    corpus: Annotated[Optional[Path], typer.Option("--corpus", help="voa-dev: the story corpus (JSONL with id, text) the annotations point into (default ../shared/corpora/voa_stories.jsonl).", metavar="FILE")] = None,
    date_: Annotated[Optional[str], typer.Option("--date", help="conflibert-*: a date (YYYY-MM-DD) for the undated sentences (default: none).", metavar="DATE")] = None,
) -> None:
    """Score the coder against gold records: per-type P/R/F1, macro-F1, quad-class, actor and sector accuracy; five-way class and span scores (ConfliBERT); dev-set precision/recall; confidence reliability."""
    from ..coding.coder import UNLIKELY, CodingOptions

    if fmt not in EVAL_FORMATS:
        raise UsageError(f"--format {fmt!r}: use one of {', '.join(EVAL_FORMATS)}")
    if misses is not None and fmt == "conflibert-spans":
        raise UsageError("--misses is written for every format but conflibert-spans")
    options = CodingOptions(keep_negated=keep_negated, min_confidence=0.0 if keep_unlikely else UNLIKELY)
    if fmt == "conflibert-class":
        _eval_class(gold, _coder_for_eval(options, actors), as_json, parse_date(date_, "--date"), misses)
    elif fmt == "conflibert-spans":
        _eval_spans(gold, _coder_for_eval(options, actors), as_json, parse_date(date_, "--date"))
    elif fmt == "voa-dev":
        _eval_devset(gold, corpus or _default_corpus(), options, actors, as_json, misses)
    else:
        _eval_gsr(gold, fmt, misses, as_json, options, actors)


def _coder_for_eval(options, actors):
    return make_coder(options, actors)


def _eval_progress(what: str, total: int, as_json: bool, run):
    """``run(on_record)`` with a transient progress bar (none with --json)."""
    if as_json:
        return run(None)
    with Progress(SpinnerColumn(), TextColumn(what), BarColumn(), MofNCompleteColumn(), console=out(), transient=True) as progress:
        task = progress.add_task("eval", total=total)
        return run(lambda i: progress.update(task, completed=i + 1))


def _print_reliability(bins, what: str) -> None:
    t = Table(title=f"confidence reliability ({what})")
    for c in ("confidence", "events", "right", "fraction right"):
        t.add_column(c, justify="left" if c == "confidence" else "right")
    for b in bins:
        text_row(t, b.label, str(b.count), str(b.right), "–" if b.fraction is None else f"{b.fraction:.2f}")
    out().print(t)


def _eval_gsr(gold: Path, fmt: str, misses: Path | None, as_json: bool, options, actors) -> None:
    from ..evaluation import evaluate, read_gold

    records = read_gold(gold, fmt)
    if not records:
        raise UsageError(f"{gold}: no gold records found (is --format {fmt} right?)")
    coder = make_coder(options, actors)
    report = _eval_progress("coding gold sentences", len(records), as_json, lambda cb: evaluate(records, coder, on_record=cb))
    _write_misses(report.misses, misses)
    if as_json:
        print_json(report.as_dict())
        return
    _print_gsr(report, gold)
    _say_misses(report.misses, misses)


def _write_misses(rows: list[dict], path: Path | None) -> None:
    if path is None:
        return
    import json as _json

    with path.open("w", encoding="utf-8") as fh:
        for m in rows:
            fh.write(_json.dumps(m, ensure_ascii=False) + "\n")


def _say_misses(rows: list[dict], path: Path | None) -> None:
    if path is not None:
        out().print(Text(f"{plural(len(rows), 'miss', 'misses')} written to {path}"))


def _print_gsr(report, gold: Path) -> None:
    from rich import box

    t = Table(title=Text(f"dyadwatch eval — {report.n} gold records ({gold.name})"))
    for c in ("PLOVER type", "precision", "recall", "F1", "support"):
        t.add_column(c, justify="left" if c == "PLOVER type" else "right")
    for name, s in sorted(report.per_type.items()):
        text_row(t, name, f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
    out().print(t)
    summ = Table(show_header=False, title="summary")
    text_row(summ, "macro-F1 (PLOVER type)", f"{report.macro_f1:.3f}")
    text_row(summ, "quad-class accuracy", f"{report.quad_accuracy:.3f}")
    text_row(summ, "source country accuracy", f"{report.source_accuracy:.3f} (n={report.n_sources})")
    text_row(summ, "target country accuracy", f"{report.target_accuracy:.3f} (n={report.n_targets})")
    text_row(summ, "sector accuracy", "n/a" if report.sector_accuracy is None else f"{report.sector_accuracy:.3f} (n={report.n_sectors})")
    out().print(summ)
    preds = sorted({p for row in report.confusion.values() for p in row})
    short = {t: t[:4] for t in set(preds) | set(report.confusion)}
    cm = Table(title="confusion matrix (rows: gold, columns: produced; first 4 letters of each type)", box=box.SIMPLE, padding=(0, 0))
    cm.add_column("gold", no_wrap=True)
    for p in preds:
        cm.add_column(short[p], justify="right", no_wrap=True, min_width=4)
    for g in sorted(report.confusion):
        text_row(cm, short[g], *[str(report.confusion[g].get(p, "")) for p in preds])
    out().print(cm)
    mk = Table(title="most frequent kinds of miss")
    mk.add_column("kind")
    mk.add_column("count", justify="right")
    for k, n in report.miss_kinds[:10]:
        text_row(mk, k, str(n))
    out().print(mk)
    _print_reliability(report.reliability, "the compared event of each record; right: type, source and target all right")


def _eval_class(gold: Path, coder, as_json: bool, on: date | None, misses: Path | None = None) -> None:
    from rich import box

    from ..evaluation.conflibert import PENTA_NAMES, evaluate_class, read_class_tsv

    records = read_class_tsv(gold)
    if not records:
        raise UsageError(f"{gold}: no labelled sentences found (is --format conflibert-class right?)")
    report = _eval_progress("coding sentences", len(records), as_json, lambda cb: evaluate_class(records, coder, on, cb))
    _write_misses(report.misses, misses)
    if as_json:
        print_json(report.as_dict())
        return
    t = Table(title=Text(f"dyadwatch eval — {report.n} sentences, five-way class of the first event ({gold.name})"))
    for c in ("class", "precision", "recall", "F1", "support"):
        t.add_column(c, justify="left" if c == "class" else "right")
    for k, s in report.per_class.items():
        text_row(t, f"{k} {PENTA_NAMES[k]}", f"{s.precision:.2f}", f"{s.recall:.2f}", f"{s.f1:.2f}", str(s.support))
    out().print(t)
    out().print(Text(f"accuracy {report.accuracy:.3f} (n={report.n}); no event produced: {report.no_event} (counted as class 0)"))
    cm = Table(title="confusion matrix (rows: gold class, columns: predicted)", box=box.SIMPLE)
    cm.add_column("gold")
    for k in range(5):
        cm.add_column(str(k), justify="right")
    for k, row in enumerate(report.confusion):
        text_row(cm, str(k), *map(str, row))
    out().print(cm)
    _print_reliability(report.reliability, "first event of each sentence; right: its class is the gold class")
    _say_misses(report.misses, misses)


def _eval_spans(gold: Path, coder, as_json: bool, on: date | None) -> None:
    from ..evaluation.conflibert import evaluate_spans, read_spans

    records = read_spans(gold)
    if not records:
        raise UsageError(f"{gold}: no sentences found (is --format conflibert-spans right?)")
    report = _eval_progress("coding sentences", len(records), as_json, lambda cb: evaluate_spans(records, coder, on, cb))
    if as_json:
        print_json(report.as_dict())
        return
    t = Table(title=Text(f"dyadwatch eval — {report.n} sentences, actor spans of the first event ({gold.name})"), show_header=False)
    text_row(t, "source overlaps a marked source", f"{report.source_rate:.3f} ({report.source_overlap} of {report.n_sources})")
    text_row(t, "target overlaps a marked target", f"{report.target_rate:.3f} ({report.target_overlap} of {report.n_targets})")
    text_row(t, "sentences with no event", f"{report.no_event} of {report.n}")
    out().print(t)


def _eval_devset(gold: Path, corpus: Path, options, actors, as_json: bool, misses: Path | None = None) -> None:
    from ..evaluation.devset import evaluate_devset, load_stories, read_devset

    sentences = read_devset(gold)
    if not sentences:
        raise UsageError(f"{gold}: no annotated sentences found (is --format voa-dev right?)")
    stories = load_stories(corpus, {s.story_id for s in sentences})
    if not stories:
        raise UsageError(f"none of the annotated stories is in {corpus} (is --corpus right?)")
    coder = _coder_for_eval(options, actors)
    report = _eval_progress("coding stories", len(stories), as_json, lambda cb: evaluate_devset(sentences, stories, coder, cb))
    _write_misses(report.misses, misses)
    d = report.as_dict()
    if as_json:
        print_json(d)
        return
    t = Table(title=Text(f"dyadwatch eval — {d['n_sentences']} annotated sentences in {d['n_stories']} stories ({gold.name})"), show_header=False)
    text_row(t, "gold events / produced events", f"{d['n_gold']} / {d['n_produced']}")
    text_row(t, "precision, type (CAMEO root) right", f"{d['type_precision']:.3f}")
    text_row(t, "precision, fully right (root, source, target)", f"{d['full_precision']:.3f}")
    text_row(t, "precision, fully right, statements (01x) left out", f"{d['acts_precision']:.3f} (n={d['n_acts']})")
    text_row(t, "precision, fully right, asserted with confidence ≥ 0.5", f"{d['confident_precision']:.3f} (n={d['n_confident']})")
    text_row(t, "recall (asserted gold events with source and target)", f"{d['recall']:.3f} (n={d['n_recall']})")
    text_row(t, "what the views count (asserted, default confidence, no 01x): precision",
              f"{d['counted_precision']:.3f} (n={d['n_counted']})")
    text_row(t, "what the views count: recall", f"{d['counted_recall']:.3f} (n={d['n_recall']})")
    for k, v in d["field_accuracy"].items():
        text_row(t, f"{k} accuracy (vs the best gold event of the sentence)", f"{v:.3f} (n={d['n_matched']})")
    out().print(t)
    for what, items in (("stories not in the corpus", d["missing_stories"]), ("annotations whose text does not match the corpus", d["misaligned"])):
        if items:
            out().print(Text.assemble((f"{len(items)} {what}, skipped: ", "yellow"), ", ".join(items[:10])))
    if d["locations"]:
        _print_dev_locations(d["locations"])
    _print_reliability(report.reliability, "every produced event; right: fully right")
    _say_misses(report.misses, misses)


def _print_dev_locations(loc: dict) -> None:
    t = Table(title=Text(f"where it happened — {loc['n_judged']} matched events whose location a reader judged"), show_header=False)
    text_row(t, "location country right (gold located)",
             f"{_fmt_rate(loc['location_country_accuracy'])} (n={loc['n_gold_located']})")
    text_row(t, "place right (gold names a place below the country)",
             f"{_fmt_rate(loc['location_place_accuracy'])} (n={loc['n_gold_below_country']})")
    text_row(t, "located events whose country the reader judged right",
             f"{_fmt_rate(loc['located_precision'])} (n={loc['n_produced_located']})")
    out().print(t)
    c = Table(title=Text("location precision: gold (rows) × produced"))
    for col in ("gold", "produced", "events", "country right"):
        c.add_column(col, justify="right" if col in ("events", "country right") else "left")
    for row in loc["confusion"]:
        c.add_row(Text(row["gold"]), Text(row["produced"]), str(row["events"]), str(row["country_right"]))
    out().print(c)


def _fmt_rate(x: float | None) -> str:
    return "—" if x is None else f"{x:.3f}"

