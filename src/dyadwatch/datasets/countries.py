"""Countries and organisations as the datasets write them → the project's codes: ISO3 for a country
(from a code, ISO3, ISO2 or CAMEO, or a name), ISO 3166 numeric (ACLED), IGO names, CAMEO regions."""

from __future__ import annotations

import functools
from importlib import resources

import pycountry

from .datafiles import name_key, read_table

__all__ = ["iso3", "iso3_numeric", "is_region", "igo", "country_name"]


@functools.lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Country names (casefolded) → ISO3: the project's country table, then ``country_names.tsv``."""
    names: dict[str, str] = {}
    text = (resources.files("dyadwatch.actors") / "data" / "countries.tsv").read_text("utf-8")
    for ln in text.split("\n")[1:]:
        if ln.startswith("#") or "\t" not in ln:
            continue
        code, alts = ln.split("\t")[:2]
        for name in alts.split("|"):
            names.setdefault(name_key(name), code)
    for row in read_table("country_names.tsv"):
        if row["iso3"]:
            names[name_key(row["name"])] = row["iso3"]
    return names


@functools.lru_cache(maxsize=512)
def country_name(code: str | None) -> str | None:
    """A country's name for an ISO3 code: the first of the project's country table, else ISO 3166's."""
    if not code:
        return None
    text = (resources.files("dyadwatch.actors") / "data" / "countries.tsv").read_text("utf-8")
    for ln in text.split("\n"):
        if ln.startswith(code + "\t"):
            return ln.split("\t")[1].split("|")[0]
    c = pycountry.countries.get(alpha_3=code)
    return c.name if c is not None else None


@functools.lru_cache(maxsize=1)
def _cameo_countries() -> dict[str, str]:
    """CAMEO country and region codes that are not ISO3 → ISO3 ("" for a region)."""
    return {r["cameo"]: r["iso3"] for r in read_table("cameo_countries.tsv")}


@functools.lru_cache(maxsize=4096)
def iso3(value: str | None) -> str | None:
    """An ISO 3166-1 alpha-3 code for a country code (ISO3, ISO2, a CAMEO code) or name, else None."""
    v = (value or "").strip()
    if not v:
        return None
    if len(v) == 3 and v.isalpha() and v.isupper():
        if v in _cameo_countries():
            return _cameo_countries()[v] or None
        if pycountry.countries.get(alpha_3=v) is not None or v == "XKX":
            return v
    found = _country_names().get(name_key(v))
    if found:
        return found
    try:
        return pycountry.countries.lookup(v).alpha_3
    except LookupError:
        return None


@functools.lru_cache(maxsize=1)
def _igo_names() -> dict[str, tuple[str, str]]:
    """IGO and armed-group names (casefolded) → (code, sector), from the project's table (actors/data/igos.tsv)."""
    names: dict[str, tuple[str, str]] = {}
    text = (resources.files("dyadwatch.actors") / "data" / "igos.tsv").read_text("utf-8")
    for ln in text.split("\n")[1:]:
        if ln.startswith("#") or "\t" not in ln:
            continue
        code, alts, sector = (ln.split("\t") + ["", ""])[:3]
        for name in alts.split("|"):
            names.setdefault(name_key(name), (code, sector))
    return names


def igo(name: str | None) -> tuple[str, str | None] | None:
    """(code, sector) of an IGO or armed group a dataset names ("United Nations", "NATO"), else None."""
    found = _igo_names().get(name_key(name or ""))
    return (found[0], found[1] or None) if found else None


def is_region(code: str) -> bool:
    """A CAMEO region code (AFR, EUR, MEA …): a place with no ISO3 code."""
    return _cameo_countries().get(code) == ""


@functools.lru_cache(maxsize=1024)
def iso3_numeric(value: str | None) -> str | None:
    """ISO3 for an ISO 3166-1 numeric code ("729", "4"), else None."""
    v = (value or "").strip()
    if not v.isdigit():
        return None
    c = pycountry.countries.get(numeric=v.zfill(3))
    return c.alpha_3 if c is not None else None
