"""Rich renderables of an audit (the CLI prints them). Every text taken from a sheet or the
store goes in as :class:`rich.text.Text`, never as markup."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from .sample import AuditSample
from .score import AuditScore, Group, Problem
from .stats import Proportion

__all__ = ["score_renderables", "problem_text", "sample_lines"]


def _ci(p: Proportion) -> str:
    ci = p.interval
    return "–" if ci is None else f"[{ci[0]:.3f}, {ci[1]:.3f}]"


def _prec(p: Proportion) -> str:
    return "–" if p.precision is None else f"{p.precision:.3f}"


def _figures_table(title: str, first: tuple[str, ...], rows: list[tuple[tuple[str, ...], Proportion]]) -> Table:
    t = Table(title=Text(title))
    for c in first:
        t.add_column(Text(c))
    for c in ("right", "n", "precision", "95% CI"):
        t.add_column(Text(c), justify="right")
    for labels, p in rows:
        t.add_row(*(Text(x) for x in labels), Text(str(p.right)), Text(str(p.n)), Text(_prec(p)), Text(_ci(p)))
    return t


def _group_table(title: str, key: str, groups: list[Group]) -> Table:
    return _figures_table(title, (key, "name"), [((g.key, g.name), g.fully_right) for g in groups])


def score_renderables(score: AuditScore) -> list[RenderableType]:
    """The summary line and the tables of ``dyadwatch audit score``."""
    head = Text.assemble(("dyadwatch audit score", "bold"), " — ", score.path)
    parts = [f"{score.n_complete} fully marked", f"{score.n_partial} partly"]
    counts = Text(
        f"judged: {score.n_judged} of {score.n_rows} rows ({', '.join(parts)}); not judged: {score.n_unjudged}"
        + (f"; left out for bad marks: {score.n_skipped}" if score.n_skipped else "")
    )
    fully = Text.assemble(("fully right: ", "bold"), score.fully_right.describe(), " — 95% Wilson interval")
    fields = _figures_table(
        "precision with 95% Wilson intervals",
        ("what",),
        [(("fully right (every marked field right)",), score.fully_right)]
        + [((f"{name} right",), p) for name, p in score.fields.items()],
    )
    out: list[RenderableType] = [head, counts, fully, fields]
    out.append(_group_table("fully right by CAMEO root", "root", score.by_root))
    out.append(_group_table("fully right by quad class", "quad", score.by_quad))
    out.append(_figures_table("fully right by PLOVER type", ("PLOVER type",),
                              [((g.name if g.key == "?" else g.key,), g.fully_right) for g in score.by_plover]))
    out.append(_figures_table("fully right by confidence (of the coder)", ("confidence",),
                              [((g.key,), g.fully_right) for g in score.by_confidence]))
    if score.n_partial:
        out.append(Text(f"partly marked rows ({score.n_partial}) count with the fields that are marked; mark every field "
                        "(target na where none is due) for the figures to rest on the same rows.", style="dim"))
    return out


def problem_text(p: Problem) -> Text:
    return Text.assemble(("error: ", "bold red"), str(p), " — row left out")


def sample_lines(sample: AuditSample, csv_path, html_path) -> list[Text]:
    """What ``dyadwatch audit sample`` says when it has written the sheet."""
    lines = []
    if sample.short:
        what = "only 1 event matches" if sample.available == 1 else f"only {sample.available} events match"
        lines.append(Text(f"{what} (asked for {sample.requested}): the sheet has all of them",
                          style="yellow"))
    lines.append(Text(f"wrote {len(sample.rows)} event{'s' if len(sample.rows) != 1 else ''} to {csv_path} (to mark) and {html_path} (to read): {sample.describe()}"))
    lines.append(Text(f"mark type_ok, source_ok and target_ok with y or n (na: no target is due), then run: "
                      f"dyadwatch audit score {csv_path}"))
    return lines
