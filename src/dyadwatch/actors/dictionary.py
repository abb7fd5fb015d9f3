"""The actor dictionary: countries, seats of government, IGOs, armed groups, agent words
and people with time-bounded roles, read from the TSV files bundled in ``actors/data``.

Layering: :meth:`ActorDictionary.bundled` gives the bundled dictionary; user files can be
layered over it with :meth:`ActorDictionary.extend` (later entries win on the same name).
"""

from __future__ import annotations

import csv
import functools
import hashlib
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from ..errors import DictionaryError

__all__ = ["ActorDictionary", "ActorEntry", "Role", "Agent", "EAST_ASIAN_ORDER", "ISO3", "TITLES"]

#: words of a title or office before a name ("President", "Foreign Minister", "Lt. Gen.")
TITLES = frozenset("""mr mrs ms dr gen general president premier minister secretary chancellor senator sen rep king queen
prince princess sheikh emir sultan ayatollah pope lt col colonel maj major adm admiral sgt capt captain prof lord lady sir dame
vice deputy acting foreign defence defense interior prime supreme leader chairman chair governor mayor ambassador envoy""".split())

#: Codes whose people write the family name first (Kim Jong Un → "Kim").
EAST_ASIAN_ORDER = frozenset({"PRK", "KOR", "CHN", "TWN", "VNM", "HKG", "MAC", "MNG", "KHM"})


#: a sector cell that says "no sector" (the code alone says it: "IMG" for Islamic State)
NO_SECTOR = "-"


@dataclass(frozen=True, slots=True)
class Role:
    code: str
    sector: str | None
    role: str
    start: date | None
    end: date | None  # exclusive end; None = still in office

    def active(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on < self.end)


@dataclass(slots=True)
class ActorEntry:
    actor_id: str
    kind: str  # country | igo | group | person
    name: str
    code: str | None
    sector: str | None
    roles: list[Role] = field(default_factory=list)

    def at(self, on: date | None) -> tuple[str | None, str | None, str | None]:
        """(code, sector, role) of this actor on a date; people outside any role are ELI."""
        if self.kind != "person":
            return self.code, self.sector, None
        if on is not None:
            active = [r for r in self.roles if r.active(on)]
            if active:
                r = min(active, key=_role_rank)
                return r.code, r.sector, r.role
            return self.code, "ELI", None
        # no date: the most recent role tells the country, the sector stays open
        return self.code, None, None


def _role_rank(r: Role) -> int:
    order = ("head of state and government", "head of state", "head of government", "supreme leader")
    return order.index(r.role) if r.role in order else len(order)


@dataclass(frozen=True, slots=True)
class Agent:
    word: str
    sector: str
    #: the plural form of an agent word ("rebels"), for the number of a pronoun's antecedent
    plural: bool = False


def slug(text: str) -> str:
    norm = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", norm).strip("-")


def _rows(path_or_text: Path | str, columns: list[str], label: str) -> list[dict[str, str]]:
    text = path_or_text.read_text("utf-8") if isinstance(path_or_text, Path) else path_or_text
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return []
    reader = csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    header = [h.strip() for h in next(reader)]
    if header[: len(columns)] != columns:
        raise DictionaryError(f"{label}: header is {header}, expected {columns}")
    out = []
    for n, row in enumerate(reader, 2):
        if len(row) < len(columns):
            row = row + [""] * (len(columns) - len(row))
        if len(row) > len(columns) and any(c.strip() for c in row[len(columns):]):
            raise DictionaryError(f"{label}: line {n} has {len(row)} columns, expected {len(columns)}")
        out.append({c: row[i].strip() for i, c in enumerate(columns)})
    return out


def _split(cell: str) -> list[str]:
    return [p.strip() for p in cell.split("|") if p.strip()]


def _date(cell: str, label: str) -> date | None:
    if not cell:
        return None
    try:
        return date.fromisoformat(cell)
    except ValueError:
        raise DictionaryError(f"{label}: {cell!r} is not a date (YYYY-MM-DD)") from None


class ActorDictionary:
    """Names → actors. Build with :meth:`bundled`; extend with user files."""

    def __init__(self) -> None:
        self.entries: dict[str, ActorEntry] = {}
        #: surface text (case as written) → list of (actor_id, via)
        self.names: dict[str, list[tuple[str, str]]] = defaultdict(list)
        #: lowercase agent phrase → Agent
        self.agents: dict[str, Agent] = {}
        #: surname (case as written) → person actor ids
        self.surnames: dict[str, list[str]] = defaultdict(list)
        #: person actor id → its surnames
        self.person_surnames: dict[str, set[str]] = defaultdict(set)
        #: person actor id → the first words of its names, lower case without accents
        self.person_given: dict[str, set[str]] = defaultdict(set)
        #: body actor id → the other countries whose body has the same bare name (bodies.tsv)
        self.body_shared: dict[str, frozenset[str]] = {}
        self._digest = hashlib.sha256()
        #: while True, a name added replaces what earlier files said about it (user layers)
        self.overriding = False

    # -- building ------------------------------------------------------------------
    @classmethod
    @functools.lru_cache(maxsize=1)
    def bundled(cls) -> "ActorDictionary":
        """The dictionary shipped with dyadwatch (cached: one per process; do not modify it)."""
        return cls.load_bundled()

    @classmethod
    def load_bundled(cls) -> "ActorDictionary":
        """A fresh copy of the bundled dictionary, to extend with user files."""
        d = cls()
        base = resources.files("dyadwatch.actors") / "data"
        for name, loader in (
            ("countries.tsv", d.add_countries),
            ("seats.tsv", d.add_seats),
            ("bodies.tsv", d.add_bodies),
            ("places.tsv", d.add_places),
            ("peoples.tsv", d.add_peoples),
            ("igos.tsv", d.add_igos),
            ("agents.tsv", d.add_agents),
            ("people.tsv", d.add_people),
            ("people_world.tsv", d.add_people),
            ("people_ministers.tsv", d.add_people),
        ):
            path = base / name
            if name in ("people_world.tsv", "people_ministers.tsv") and not path.is_file():
                continue
            loader(path.read_text("utf-8"), label=name)
        return d

    def _note(self, text: str) -> None:
        self._digest.update(text.encode("utf-8"))

    @property
    def version(self) -> str:
        return self._digest.hexdigest()[:12]

    def _name(self, surface: str, actor_id: str, via: str) -> None:
        variants = {surface, surface.replace("'", "\u2019")}
        for v in variants:
            if self.overriding and v in self.names and all(a != actor_id for a, _ in self.names[v]):
                self.names[v] = []
            lst = self.names[v]
            if (actor_id, via) not in lst:
                lst.append((actor_id, via))

    def add_countries(self, text: str, label: str = "countries") -> None:
        self._note(text)
        for r in _rows(text, ["code", "names", "adjectives", "demonyms"], label):
            code = r["code"].upper()
            names = _split(r["names"])
            aid = f"country:{code}"
            self.entries[aid] = ActorEntry(aid, "country", names[0] if names else code, code, None)
            for n in names:
                self._name(n, aid, "name")
            for a in _split(r["adjectives"]):
                self._name(a, aid, "adjective")
            for dn in _split(r["demonyms"]):
                self._name(dn, aid, "demonym")

    def add_seats(self, text: str, label: str = "seats") -> None:
        self._note(text)
        for r in _rows(text, ["text", "code", "sector"], label):
            code = r["code"].upper()
            aid = f"seat:{code}:{slug(r['text'])}"
            self.entries[aid] = ActorEntry(aid, "country", r["text"], code, r["sector"] or "GOV")
            self._name(r["text"], aid, "capital")

    def add_bodies(self, text: str, label: str = "bodies") -> None:
        """National bodies known by a bare name several countries share ("Congress"): the
        default country's body unless the noun phrase or the story names another country
        that has one (see :meth:`ActorResolver.mention_ref <dyadwatch.actors.resolve.ActorResolver.mention_ref>`)."""
        self._note(text)
        for r in _rows(text, ["text", "code", "sector", "shared"], label):
            code = _iso_code({"name": r["text"], "code": r["code"]}, label)
            shared = frozenset(_iso_code({"name": r["text"], "code": c}, label) for c in _split(r["shared"]))
            aid = f"body:{code}:{slug(r['text'])}"
            self.entries[aid] = ActorEntry(aid, "country", r["text"], code, r["sector"] or "GOV")
            self.body_shared[aid] = shared - {code}
            self._name(r["text"], aid, "body")

    def add_places(self, text: str, label: str = "places") -> None:
        """Cities, regions and other places: where something happens, never a government
        ("a bombing near Samarra" happened in Iraq; Samarra does not act)."""
        self._note(text)
        for r in _rows(text, ["name", "aliases", "code"], label):
            code = _iso_code(r, label)
            aid = f"place:{code}:{slug(r['name'])}"
            self.entries[aid] = ActorEntry(aid, "country", r["name"], code, None)
            for n in [r["name"], *_split(r["aliases"])]:
                if n not in self.names:  # a country, capital or other actor of that name wins
                    self._name(n, aid, "place")

    def add_peoples(self, text: str, label: str = "peoples") -> None:
        """Peoples living almost wholly in one country: read like that country's demonym."""
        self._note(text)
        for r in _rows(text, ["name", "forms", "code"], label):
            code = _iso_code(r, label)
            for n in [r["name"], *_split(r["forms"])]:
                if n not in self.names:
                    self._name(n, f"country:{code}", "people")

    def add_igos(self, text: str, label: str = "igos") -> None:
        """IGOs, NGOs and armed groups. Militant groups follow one convention (igos.tsv header,
        docs/devset-conventions.md item 8): transnational ones (Islamic State, al-Qaida) are
        code IMG with no sector (written "-"), those rooted in one country that country with
        sector REB (Hezbollah LBN REB, Houthis YEM REB), as PETRARCH's Phoenix dictionaries code them."""
        self._note(text)
        for r in _rows(text, ["code", "names", "sector"], label):
            names = _split(r["names"])
            if not names:
                raise DictionaryError(f"{label}: a row for {r['code']} has no names")
            code = r["code"].upper()
            sector = None if r["sector"] == NO_SECTOR else (r["sector"] or "IGO")
            kind = "igo" if sector in ("IGO", "NGO") or code not in ISO3 else "group"
            if sector in ("REB", "UAF", "OPP", "IMG") or code == "IMG":
                kind = "group"
            aid = f"{kind}:{slug(names[0])}"
            self.entries[aid] = ActorEntry(aid, kind, names[0], code, sector)
            for n in names:
                self._name(n, aid, "name")

    def add_agents(self, text: str, label: str = "agents") -> None:
        self._note(text)
        for r in _rows(text, ["word", "sector", "plural"], label):
            w = r["word"].lower()
            self.agents[w] = Agent(w, r["sector"])
            if r["plural"]:
                self.agents[r["plural"].lower()] = Agent(r["plural"].lower(), r["sector"], True)

    def add_people(self, text: str, label: str = "people") -> None:
        self._note(text)
        for r in _rows(text, ["name", "aliases", "code", "sector", "role", "start", "end"], label):
            name = r["name"]
            if not name:
                raise DictionaryError(f"{label}: a row has no name")
            aid = f"person:{slug(name)}"
            sector = None if r["sector"] == NO_SECTOR else (r["sector"] or "GOV")
            role = Role(r["code"].upper(), sector, r["role"], _date(r["start"], label), _date(r["end"], label))
            entry = self.entries.get(aid)
            if entry is None:
                entry = self.entries[aid] = ActorEntry(aid, "person", name, role.code, None)
            entry.roles.append(role)
            # the home code is the code of the latest role
            latest = max(entry.roles, key=lambda x: x.start or date.min)
            entry.code = latest.code
            for n in _article_variants([name, *_split(r["aliases"])]):
                self._name(n, aid, "name")
                sur = surname_of(n, role.code)
                words = n.split()
                if len(words) > 1 and sur != words[0]:
                    self.person_given[aid].add(fold(words[0]))
                for sur in _surname_forms(sur):
                    self.person_surnames[aid].add(sur)
                    if aid not in self.surnames[sur]:
                        self.surnames[sur].append(aid)

    # -- lookup --------------------------------------------------------------------
    def get(self, actor_id: str) -> ActorEntry:
        return self.entries[actor_id]

    def candidates(self, surface: str) -> list[tuple[str, str]]:
        return list(self.names.get(surface, ()))


_ARTICLE = re.compile(r"\b([Aa]l|[Ee]l)[- ](?=[A-Z])")


def _article_variants(names: list[str]) -> list[str]:
    """Names with the Arabic article written every common way: "Omar al-Bashir", "Omar
    el-Bashir", "Omar El Bashir", "Omar Al Bashir" …"""
    out = list(names)
    for n in names:
        if _ARTICLE.search(n):
            for art in ("al-", "el-", "Al-", "El-", "al ", "el ", "Al ", "El "):
                v = _ARTICLE.sub(art, n)
                if v not in out:
                    out.append(v)
    return out


def _surname_forms(sur: str | None) -> list[str]:
    """A surname and, for one with the Arabic article, the bare name ("al-Bashir", "Bashir")."""
    if not sur:
        return []
    m = _ARTICLE.match(sur)
    return [sur, sur[m.end():]] if m and len(sur) > m.end() + 2 else [sur]


def _iso_code(row: dict[str, str], label: str) -> str:
    """A row's ``code`` as an ISO 3166-1 alpha-3 country code, or a clear error."""
    code = row["code"].upper()
    if code not in ISO3:
        raise DictionaryError(f"{label}: {row['name']!r} has {code!r}, not an ISO 3166-1 alpha-3 code")
    return code


def fold(text: str) -> str:
    """Lower case without accents: "François" → "francois"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)).lower()


_REGNAL = re.compile(r"^(?:[IVX]+|Jr\.?|Sr\.?)$")
#: a hyphenated East Asian given name written after the family name ("Ban Ki-moon", "Ban Ki-Moon"),
#: not a Western double surname ("José Ramos-Horta", "Karin Keller-Sutter")
_EAST_ASIAN_GIVEN = re.compile(r"[A-Z][a-z]{0,5}-[a-z]{1,5}|[A-Z][a-z]{0,3}-[A-Z][a-z]{0,3}")


def surname_of(name: str, code: str) -> str | None:
    """The family name a bare mention would use: "Trump", "Kim" (Kim Jong Un), "Ban" (Ban Ki-moon).

    Regnal names ("Elizabeth II") and patronymic chains ("Mohammed bin Salman") have none.
    """
    parts = name.replace(".", ". ").split()
    parts = [p for p in parts if not re.fullmatch(r"[A-Z]\.", p)]
    if len(parts) < 2:
        return None
    if _REGNAL.match(parts[-1]) and parts[-1] not in ("Jr", "Jr.", "Sr", "Sr."):
        return None
    if any(p.lower() in ("bin", "ibn", "bint", "al-") for p in parts[1:-1]):
        return None
    if any(p.lower() == "of" for p in parts[1:]):
        return None  # "Philippe of Belgium", "Albert II of Monaco": a title, not a family name
    if code in EAST_ASIAN_ORDER or (len(parts[0]) <= 4 and _EAST_ASIAN_GIVEN.fullmatch(parts[-1])):
        return parts[0]
    last = parts[-1]
    if _REGNAL.match(last) and len(parts) > 2:
        last = parts[-2]
    return last


def _iso3() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes, and XKX (Kosovo, in common use)."""
    import pycountry

    return frozenset(c.alpha_3 for c in pycountry.countries) | {"XKX"}


ISO3 = _iso3()
