"""``dyadwatch actors lookup | unknown | import-petrarch | import-wikidata``."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.text import Text

from ..errors import UsageError
from .app import ActorsOpt, DateOpt, DbOpt, DEFAULT_DB, WideOpt, command, ellipsis, err, out, parse_date, plural, sub_app
from .tables import Col, cells, print_fitted

__all__ = ["actors_app"]

actors_app = sub_app("actors", "Look up actors, list the unknown ones, import PETRARCH dictionaries and Wikidata exports.")


@command(actors_app, "lookup")
def actors_lookup(
    name: Annotated[str, typer.Argument(help="A name as written in news, e.g. 'Kim Jong Un' or 'Pyongyang'.", metavar="NAME")],
    date_: DateOpt = None,
    actors: ActorsOpt = None,
) -> None:
    """What a name resolves to (on a date), with every dated role of a person."""
    from rich.table import Table

    from ..actors.user import dictionary_with

    d = dictionary_with(actors)
    on = parse_date(date_)
    cands = d.candidates(name) + [(a, "surname") for a in d.surnames.get(name, [])]
    if not cands:
        raise UsageError(f"{name!r} is not in the actor dictionary (add it with --actors FILE)")
    table = Table(title=Text(name + (f" on {on}" if on else "")))
    for c in ("actor", "kind", "via", "resolves to", "roles"):
        table.add_column(c, overflow="fold")
    for aid, via in cands:
        e = d.get(aid)
        code, sector, role = e.at(on)
        roles = "; ".join(f"{r.code} {r.sector} {r.role} {r.start or '…'}–{r.end or '…'}" for r in sorted(e.roles, key=lambda r: r.start or date.min))
        table.add_row(*cells((f"{e.name} ({aid})", e.kind, via, f"{code or '?'} {sector or ''}".strip() + (f" ({role})" if role else ""), roles)))
    out().print(table)


UNKNOWN_COLUMNS = (Col("name", 16, 0, prose=True), Col("mentions", 8, 1), Col("articles", 8, 3),
                   Col("coded as (a guess)", 18, 4), Col("example sentence", 24, 2, prose=True))


@command(actors_app, "unknown")
def actors_unknown(
    top: Annotated[int, typer.Option("--top", help="How many names to list.", metavar="N")] = 30,
    wide: WideOpt = False,
    db: DbOpt = DEFAULT_DB,
) -> None:
    """The most frequent actor names the dictionary does not know (unresolved, or coded by a guess), to add with --actors."""
    from ..store.duck import Store

    with Store(db, read_only=True) as store:
        rows = store.unknown_actors(top)
    shown = [{"name": r[0], "mentions": r[1], "articles": r[2], "coded as (a guess)": r[4] or "–",
              "example sentence": ellipsis(r[3], 140)} for r in rows]
    print_fitted(out(), UNKNOWN_COLUMNS, shown, f"the {len(rows)} most frequent actor names not in the dictionary", wide)


@command(actors_app, "import-petrarch")
def actors_import_petrarch(
    files: Annotated[list[Path], typer.Argument(help="PETRARCH/TABARI .actors files (and agents files with --agents).", metavar="FILE")],
    agents: Annotated[Optional[list[Path]], typer.Option("--agents", help="A PETRARCH agents dictionary to convert too; repeatable.", metavar="FILE")] = None,
    out_file: Annotated[Path, typer.Option("--out", help="User dictionary (YAML) to write.", metavar="FILE")] = Path("petrarch-actors.yaml"),
) -> None:
    """Convert PETRARCH/TABARI actor and agent dictionaries (date restrictions, synonyms, comments) to a YAML user dictionary."""
    import yaml

    from ..actors.petrarch import parse_actors, parse_agents, to_user_dictionary

    parsed, ags, problems = [], [], []
    for f in files:
        parsed += parse_actors(_read_text(f), str(f), problems)
    for f in agents or []:
        ags += parse_agents(_read_text(f), str(f), problems)
    data = to_user_dictionary(parsed, ags)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    for msg in problems:  # (file names and dictionary text are printed as text, never as markup)
        err().print(Text.assemble(("warning: ", "yellow"), msg))
    skipped = f" ({plural(len(problems), 'unreadable line')} skipped)" if problems else ""
    out().print(Text(f"wrote {out_file}: {plural(len(data.get('people', [])), 'person', 'people')} with dated roles, "
                     f"{plural(len(data.get('actors', [])), 'other actor')}, {plural(len(data.get('agents', [])), 'agent')} "
                     f"— use it with --actors {out_file}{skipped}"))


@command(actors_app, "import-wikidata")
def actors_import_wikidata(
    files: Annotated[list[Path], typer.Argument(help="CSV or JSON exports of the Wikidata query in docs/wikidata.md.", metavar="FILE")],
    out_file: Annotated[Path, typer.Option("--out", help="User dictionary (YAML) to write.", metavar="FILE")] = Path("wikidata-actors.yaml"),
) -> None:
    """Convert a Wikidata export of office-holders (person, position, country, start, end, aliases) to a YAML user dictionary."""
    import yaml

    from ..actors.wikidata import read_wikidata, to_user_dictionary

    people, problems = [], []
    for f in files:
        people += read_wikidata(_read_text(f), str(f), problems)
    data = to_user_dictionary(people)
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), "utf-8")
    for msg in problems:  # (file names and export text are printed as text, never as markup)
        err().print(Text.assemble(("warning: ", "yellow"), msg))
    roles = sum(len(p["roles"]) for p in data["people"])
    skipped = f" ({plural(len(problems), 'row')} skipped)" if problems else ""
    out().print(Text(f"wrote {out_file}: {plural(len(data['people']), 'person', 'people')} with "
                     f"{plural(roles, 'dated role')} — use it with --actors {out_file}{skipped}"))


def _read_text(p: Path) -> str:
    try:
        return p.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{p}: cannot read ({exc})") from None
