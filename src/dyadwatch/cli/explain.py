"""``dyadwatch explain``: why a sentence gave the events it gave. Every piece of the sentence
(tokens, actor texts, triggers) is printed as text, never as Rich markup."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .app import ActorsOpt, DateOpt, command, out, parse_date, plural, spinner
from .tables import cells

__all__ = ["explain", "make_coder"]


def make_coder(options=None, actors=None):
    """An ArticleCoder with the user's dictionaries, behind a spinner (loading spaCy takes seconds)."""
    from ..actors.user import dictionary_with
    from ..coding.article import ArticleCoder

    with spinner("loading the spaCy pipeline and dictionaries…"):
        return ArticleCoder(options, dictionary=dictionary_with(actors))


@command()
def explain(
    sentence: Annotated[str, typer.Argument(help="A sentence (or short text) to code and explain.", metavar="SENTENCE")],
    date_: DateOpt = None,
    keep_negated: Annotated[bool, typer.Option("--keep-negated", help="Keep negated events (marked).")] = False,
    actors: ActorsOpt = None,
) -> None:
    """Show the parse, the actors, each candidate trigger and why it did or did not become an event."""
    from ..coding.article import explain_text
    from ..coding.coder import CodingOptions

    on = parse_date(date_)
    coder = make_coder(CodingOptions(keep_negated=keep_negated), actors)
    result = explain_text(sentence, on, coder)
    console = out()
    for trace in result.traces or []:
        _print_trace(console, trace, coder, on)
    console.rule(Text(plural(len(result.events), "event")))
    for e in result.events:
        console.print(_event_text(e))


def _print_trace(console: Console, trace, coder, on) -> None:
    console.rule(Text(f"sentence {trace.index}: {trace.text}"))
    if trace.why_unparsed:
        console.print(Text(trace.why_unparsed, style="yellow"))
        return
    if not trace.prefilter_keep:
        console.print(Text("the prefilter would skip this sentence (no actor or no trigger word); parsed here anyway", style="yellow"))
    console.print(_tokens_table(trace.ctx))
    console.print(_actors_table(trace.ctx, coder, on))
    console.print(_candidates_table(trace.candidates))


def _tokens_table(ctx) -> Table:
    t = Table(title="tokens and parse", show_lines=False)
    for c in ("i", "token", "lemma", "pos", "tag", "dep", "head"):
        t.add_column(c)
    for tok in ctx.doc:
        t.add_row(*cells((str(tok.i), tok.text, tok.lemma_, tok.pos_, tok.tag_, tok.dep_, f"{tok.head.i} {tok.head.text}")))
    return t


def _actors_table(ctx, coder, on) -> Table:
    from ..actors.resolve import ActorResolver

    t = Table(title="actor mentions")
    for c in ("text", "resolves to", "how"):
        t.add_column(c)
    res = ActorResolver(coder.dictionary, on, article_countries=ActorResolver.countries_named(coder.dictionary, [ctx.mentions], on))
    for m in ctx.mentions:
        ref = res.mention_ref(m, ctx)
        how = (ref.via if ref else "") + (f" ({ref.actor_id})" if ref and ref.actor_id else "")
        t.add_row(*cells((m.text, ref.label if ref else "?", how)))
    if not ctx.mentions:
        t.add_row(*cells(("—", "no dictionary actor in this sentence", "")))
    return t


def _candidates_table(candidates) -> Table:
    t = Table(title="candidate triggers")
    for c in ("token", "pattern", "code", "source", "target", "outcome"):
        t.add_column(c, overflow="fold")
    for c in candidates:
        outcome = Text.assemble(("EVENT", "green") if c.status == "event" else (c.status, "dim"), " ", c.reason)
        t.add_row(*cells((f"{c.text} ({c.kind})", c.pattern.text if c.pattern else "—", c.code or "—",
                          ", ".join(f"{r.label} [{r.text}]" for r in c.sources) or "—",
                          ", ".join(f"{r.label} [{r.text}]" for r in c.targets) or "—", outcome)))
    if not candidates:
        t.add_row(*cells(("—", "", "", "", "", "no word of this sentence is in the lexicon")))
    return t


def _event_text(e) -> Text:
    target = f"{e.target.label} [{e.target.text}]" if e.target else "—"
    mood = f"mood={e.mood}{' negated' if e.negated else ''}{' reported by ' + e.reported_by.label if e.reported_by else ''}"
    notes = f"; {'; '.join(e.notes)}" if e.notes else ""
    return Text.assemble(
        (e.source.label, "bold"), f" [{e.source.text}] → ", (target, "bold"),
        f"  {e.cameo} {e.cameo_name} ({e.plover_type or 'no PLOVER type'}, quad {e.quad_class}, Goldstein {e.goldstein:+.1f}) {mood}\n",
        f"   trigger '{e.trigger_text}', pattern {e.pattern}{notes}",
    )
