"""User dictionaries layered over the bundled one: YAML, or TSV in any bundled format.

YAML::

    actors:                      # organisations, groups, places: no dates
      - names: [Azov Regiment, Azov]
        code: UKR
        sector: MIL
    people:                      # people with dated roles
      - name: Raila Odinga
        aliases: [Raila Amolo Odinga]
        roles:
          - {code: KEN, sector: OPP, role: opposition leader, start: 2013-01-01, end: null}
    agents:                      # words that give a sector
      - {word: border guard, sector: COP, plural: border guards}

TSV: a file whose header is that of ``people.tsv`` (name aliases code sector role start
end), ``igos.tsv`` (code names sector), ``agents.tsv`` (word sector plural),
``seats.tsv`` (text code sector), ``bodies.tsv`` (text code sector shared) or ``countries.tsv``. A name a user file defines
replaces what the bundled dictionary said about that name.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import yaml

from ..errors import DictionaryError
from .dictionary import ActorDictionary

__all__ = ["load_user_dictionary", "dictionary_with"]

_HEADERS = {
    ("name", "aliases", "code", "sector", "role", "start", "end"): "add_people",
    ("code", "names", "sector"): "add_igos",
    ("word", "sector", "plural"): "add_agents",
    ("text", "code", "sector"): "add_seats",
    ("text", "code", "sector", "shared"): "add_bodies",
    ("code", "names", "adjectives", "demonyms"): "add_countries",
}


def dictionary_with(files: list[str | Path] | None) -> ActorDictionary:
    """The bundled dictionary, with user files layered over it (a fresh copy if any)."""
    if not files:
        return ActorDictionary.bundled()
    d = ActorDictionary.load_bundled()
    for f in files:
        load_user_dictionary(d, f)
    return d


def load_user_dictionary(d: ActorDictionary, path: str | Path) -> None:
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(f"{path}: cannot read the actor dictionary ({exc})") from None
    d.overriding = True
    try:
        if path.suffix.lower() in (".yaml", ".yml"):
            _load_yaml(d, text, str(path))
        else:
            _load_tsv(d, text, str(path))
    finally:
        d.overriding = False


def _load_tsv(d: ActorDictionary, text: str, label: str) -> None:
    first = next((ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")), "")
    header = tuple(h.strip() for h in first.split("\t"))
    loader = _HEADERS.get(header)
    if loader is None:
        raise DictionaryError(f"{label}: unknown TSV header {list(header)}; use one of the bundled formats: "
                              + "; ".join(" ".join(h) for h in _HEADERS))
    getattr(d, loader)(text, label=label)


def _tsv(rows: list[list[str]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
    w.writerows(rows)
    return buf.getvalue()


def _d(v: object, label: str) -> str:
    if v in (None, ""):
        return ""
    if isinstance(v, date):
        return v.isoformat()
    try:
        return date.fromisoformat(str(v)).isoformat()
    except ValueError:
        raise DictionaryError(f"{label}: {v!r} is not a date (YYYY-MM-DD)") from None


def _load_yaml(d: ActorDictionary, text: str, label: str) -> None:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise DictionaryError(f"{label}: malformed YAML ({exc})") from None
    if not isinstance(data, dict):
        raise DictionaryError(f"{label}: expected a mapping with actors / people / agents")
    unknown = set(data) - {"actors", "people", "agents"}
    if unknown:
        raise DictionaryError(f"{label}: unknown section(s) {sorted(unknown)}; use actors, people, agents")
    rows = [["code", "names", "sector"]]
    for i, a in enumerate(_entries(data, "actors", label), 1):
        if not isinstance(a, dict) or not a.get("names") or not a.get("code"):
            raise DictionaryError(f"{label}: actors entry {i} needs names and code")
        _check_types(a, f"{label}: actors entry {i}", ("code", "sector"), ("names",))
        names = a["names"] if isinstance(a["names"], list) else [a["names"]]
        rows.append([str(a["code"]).upper(), "|".join(map(str, names)), str(a.get("sector") or "")])
    if len(rows) > 1:
        d.add_igos(_tsv(rows), label=label)
    rows = [["name", "aliases", "code", "sector", "role", "start", "end"]]
    for i, p in enumerate(_entries(data, "people", label), 1):
        if not isinstance(p, dict) or not p.get("name"):
            raise DictionaryError(f"{label}: people entry {i} needs a name")
        _check_types(p, f"{label}: people entry {i}", ("name", "code", "sector"), ("aliases",))
        aliases = "|".join(map(str, p.get("aliases") or []))
        roles = p.get("roles") or [{"code": p.get("code"), "sector": p.get("sector")}]
        if not isinstance(roles, list):
            raise DictionaryError(f"{label}: people entry {i}: field 'roles' must be a list, not {type(roles).__name__}")
        for j, r in enumerate(roles, 1):
            if not isinstance(r, dict):
                raise DictionaryError(f"{label}: {p['name']}: role {j} must be a mapping, not {type(r).__name__}")
            _check_types(r, f"{label}: {p['name']}: role {j}", ("code", "sector", "role"), ())
            if not r.get("code"):
                raise DictionaryError(f"{label}: {p['name']}: a role needs a code")
            rows.append([str(p["name"]), aliases, str(r["code"]).upper(), str(r.get("sector") or "GOV"), str(r.get("role") or ""),
                         _d(r.get("start"), label), _d(r.get("end"), label)])
    if len(rows) > 1:
        d.add_people(_tsv(rows), label=label)
    rows = [["word", "sector", "plural"]]
    for i, a in enumerate(_entries(data, "agents", label), 1):
        if not isinstance(a, dict) or not a.get("word") or not a.get("sector"):
            raise DictionaryError(f"{label}: agents entry {i} needs word and sector")
        _check_types(a, f"{label}: agents entry {i}", ("word", "sector", "plural"), ())
        rows.append([str(a["word"]), str(a["sector"]), str(a.get("plural") or "")])
    if len(rows) > 1:
        d.add_agents(_tsv(rows), label=label)


def _entries(data: dict, section: str, label: str) -> list:
    entries = data.get(section) or []
    if not isinstance(entries, list):
        raise DictionaryError(f"{label}: section '{section}' must be a list of entries, not {type(entries).__name__}")
    return entries


def _check_types(entry: dict, where: str, texts: tuple[str, ...], lists: tuple[str, ...]) -> None:
    """Refuse a field of the wrong type (``code: [1, 2]``): ``texts`` must be text, ``lists``
    text or a list of texts; a field left out or empty is not checked here."""
    for key in texts:
        value = entry.get(key)
        if value not in (None, "") and not isinstance(value, str):
            raise DictionaryError(f"{where}: field '{key}' must be text, not {type(value).__name__} ({value!r})")
    for key in lists:
        value = entry.get(key)
        values = value if isinstance(value, list) else [value]
        bad = next((v for v in values if v not in (None, "") and not isinstance(v, str)), None)
        if bad is not None:
            raise DictionaryError(f"{where}: field '{key}' must be text or a list of texts, not"
                                  f" {type(bad).__name__} ({bad!r}) in it")
