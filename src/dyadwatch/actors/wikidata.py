"""Office-holders from a Wikidata query export, as a user dictionary of dated roles.

A user refreshes heads of state, ministers and party leaders by running the query in
``docs/wikidata.md`` on query.wikidata.org and downloading the result as CSV or JSON. Each
row is one position held by one person::

    person, personLabel, positionLabel, countryCode, countryLabel, start, end, aliases[, sector]

``countryCode`` is the country's ISO 3166-1 alpha-3 code (Wikidata P298); where it is
missing, ``countryLabel`` is looked up by name. ``start`` and ``end`` are Wikidata times
("2025-01-20T00:00:00Z"); an empty ``end`` is a role that runs on. ``aliases`` are
separated by ``|`` (the query's GROUP_CONCAT). ``sector`` overrides the CAMEO sector read
from the position's name (a minister is GOV, a member of parliament LEG, a judge JUD, a
general MIL, a leader of the opposition OPP).

Rows that cannot be used are skipped with a message naming the file, the row and what is
wrong; the rest are read.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from datetime import date

import pycountry

from .dictionary import ISO3

__all__ = ["WikidataRole", "read_wikidata", "to_user_dictionary", "sector_of_position"]

#: words of a position's name → CAMEO sector, first match wins
_SECTOR_WORDS = (
    ("leader of the opposition", "OPP"), ("opposition leader", "OPP"),
    ("judge", "JUD"), ("justice of", "JUD"), ("chief justice", "JUD"), ("prosecutor", "JUD"),
    ("chief of staff", "MIL"), ("chief of the general staff", "MIL"), ("commander", "MIL"), ("general", "MIL"),
    ("member of parliament", "LEG"), ("member of the", "LEG"), ("senator", "LEG"), ("deputy of", "LEG"),
    ("speaker of", "LEG"), ("representative", "LEG"),
    ("party", "ELI"),
)
_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "ELI", "REB", "MED", "HRI", "NGO", "CVL", "REL", "BUS", "SPY", "IGO"})
_WIKIDATA_TIME = re.compile(r"^\+?(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True)
class WikidataRole:
    code: str
    sector: str
    role: str
    start: date | None
    end: date | None


@dataclass(slots=True)
class WikidataPerson:
    name: str
    aliases: list[str] = field(default_factory=list)
    roles: list[WikidataRole] = field(default_factory=list)


def sector_of_position(position: str) -> str:
    """The CAMEO sector a position's name says (GOV where it says nothing more)."""
    low = position.lower()
    for words, sector in _SECTOR_WORDS:
        if words in low:
            return sector
    return "GOV"


def _time(value: str, where: str, problems: list[str]) -> tuple[bool, date | None]:
    """(ok, date) for a Wikidata time; an empty value is no date."""
    value = value.strip()
    if not value:
        return True, None
    m = _WIKIDATA_TIME.match(value)
    if not m:
        problems.append(f"{where}: '{value}' is not a date")
        return False, None
    y, mo, d = (int(g) for g in m.groups())
    try:  # (Wikidata writes a year-only date as YYYY-00-00 or YYYY-01-01)
        return True, date(y, max(mo, 1), max(d, 1))
    except ValueError:
        problems.append(f"{where}: '{value}' is not a date")
        return False, None


def _country(row: dict, where: str, problems: list[str]) -> str | None:
    code = (row.get("countryCode") or "").strip().upper()
    if code:
        if code in ISO3:
            return code
        problems.append(f"{where}: country code '{code}' is not ISO 3166-1 alpha-3")
        return None
    label = (row.get("countryLabel") or "").strip()
    if not label:
        problems.append(f"{where}: no country (countryCode or countryLabel)")
        return None
    try:
        return pycountry.countries.lookup(label).alpha_3
    except LookupError:
        problems.append(f"{where}: country '{label}' is not known by that name; give countryCode")
        return None


def _value(cell: object) -> str:
    """A cell of either export: a plain value, or a SPARQL JSON binding {"value": …}."""
    if isinstance(cell, dict):
        return str(cell.get("value", ""))
    return "" if cell is None else str(cell)


def _rows(text: str, label: str, problems: list[str]) -> list[tuple[str, dict]]:
    stripped = text.lstrip()
    if stripped.startswith("{") or stripped.startswith("["):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            problems.append(f"{label}: not valid JSON ({exc.msg}, line {exc.lineno})")
            return []
        if isinstance(data, dict):  # SPARQL 1.1 JSON results
            data = (data.get("results") or {}).get("bindings") or []
        if not isinstance(data, list):
            problems.append(f"{label}: expected a list of rows")
            return []
        out = []
        for i, r in enumerate(data, 1):
            if isinstance(r, dict):
                out.append((f"{label}: row {i}", {k: _value(v) for k, v in r.items()}))
            else:
                problems.append(f"{label}: row {i} is not an object")
        return out
    reader = csv.DictReader(io.StringIO(text))
    return [(f"{label}: line {i}", {k: (v or "") for k, v in r.items() if k}) for i, r in enumerate(reader, 2)]


def read_wikidata(text: str, label: str = "wikidata", problems: list[str] | None = None) -> list[WikidataPerson]:
    """The people of an export, each with their dated roles; unusable rows go to ``problems``."""
    problems = problems if problems is not None else []
    people: dict[str, WikidataPerson] = {}
    for where, row in _rows(text, label, problems):
        name = (row.get("personLabel") or "").strip()
        if not name or re.fullmatch(r"Q\d+", name):
            problems.append(f"{where}: no name (personLabel)")
            continue
        code = _country(row, where, problems)
        ok_start, start = _time(row.get("start", ""), where, problems)
        ok_end, end = _time(row.get("end", ""), where, problems)
        if code is None or not (ok_start and ok_end):
            continue
        if start and end and end < start:
            problems.append(f"{where}: ends ({end}) before it starts ({start})")
            continue
        position = (row.get("positionLabel") or "").strip()
        sector = (row.get("sector") or "").strip().upper() or sector_of_position(position)
        if sector not in _SECTORS:
            problems.append(f"{where}: sector '{sector}' is not a CAMEO sector")
            continue
        key = (row.get("person") or "").strip() or name
        person = people.setdefault(key, WikidataPerson(name))
        for alias in (row.get("aliases") or "").split("|"):
            alias = alias.strip()
            if alias and alias != person.name and alias not in person.aliases:
                person.aliases.append(alias)
        role = WikidataRole(code, sector, position or "office holder", start, end)
        if all((r.code, r.sector, r.start, r.end) != (role.code, role.sector, role.start, role.end) for r in person.roles):
            person.roles.append(role)
    return list(people.values())


def to_user_dictionary(people: list[WikidataPerson]) -> dict:
    """The YAML user-dictionary structure (see :mod:`dyadwatch.actors.user`)."""
    return {"people": [
        {"name": p.name, "aliases": p.aliases,
         "roles": [{"code": r.code, "sector": r.sector, "role": r.role,
                    "start": r.start.isoformat() if r.start else None, "end": r.end.isoformat() if r.end else None}
                   for r in sorted(p.roles, key=lambda r: r.start or date.min)]}
        for p in people]}
