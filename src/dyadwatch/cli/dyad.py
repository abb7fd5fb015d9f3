"""``--dyad A:B`` with actor codes or names: "USA:PRK", "North Korea:United States", "nato:russia"."""

from __future__ import annotations

import functools

from ..errors import UsageError

__all__ = ["resolve_dyad", "resolve_actor", "dyad_option"]

#: dictionary entries whose code can stand for one side of a dyad
_KINDS = ("country", "igo", "group")


def resolve_dyad(spec: str) -> tuple[str, str]:
    """``"A:B"`` as two actor codes; each side a code or a name the bundled dictionary knows."""
    parts = spec.split(":")
    if len(parts) != 2 or not all(p.strip() for p in parts):
        raise UsageError(f"bad dyad {spec!r}: write SOURCE:TARGET, with codes or names, e.g. USA:PRK or 'North Korea:USA'")
    return resolve_actor(parts[0], spec), resolve_actor(parts[1], spec)


def dyad_option(spec: str | None) -> tuple[str, str] | None:
    return resolve_dyad(spec) if spec else None


def resolve_actor(name: str, spec: str | None = None) -> str:
    """An actor code for a code ("prk") or a country or organisation name ("North Korea")."""
    from ..analysis.dyads import known_codes

    text = " ".join(name.split())
    if text.upper() in known_codes():
        return text.upper()
    codes = _names().get(_fold(text), frozenset())
    where = f"bad dyad {spec!r}: " if spec else ""
    if len(codes) == 1:
        return next(iter(codes))
    if codes:
        raise UsageError(f"{where}{text!r} could be {' or '.join(sorted(codes))}; give the code")
    raise UsageError(f"{where}{text!r} is not a known actor code (ISO 3166 alpha-3, an IGO code such as UN or NATO, or IMG), "
                     "nor a country or organisation name the dictionary knows")


def _fold(text: str) -> str:
    from ..actors.dictionary import fold

    return fold(text).replace("\u2019", "'")


@functools.lru_cache(maxsize=1)
def _names() -> dict[str, frozenset[str]]:
    """Folded name → the codes of the countries, IGOs and groups it names."""
    from ..actors.dictionary import ActorDictionary

    d = ActorDictionary.bundled()
    found: dict[str, set[str]] = {}
    for surface, hits in d.names.items():
        for actor_id, _via in hits:
            entry = d.entries.get(actor_id)
            if entry is not None and entry.kind in _KINDS and entry.code:
                found.setdefault(_fold(surface), set()).add(entry.code)
    return {k: frozenset(v) for k, v in found.items()}
