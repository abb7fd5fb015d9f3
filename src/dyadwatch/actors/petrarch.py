"""Read PETRARCH / TABARI actor and agent dictionaries into dyadwatch's user-dictionary form.

Actor records::

    HAMID_KARZAI_  [AFGELI]      # primary phrase, optional default code
    +KARZAI_                     # synonyms
        [AFGGOV 20011222-20140929]   # dated codes (YYYYMMDD or YYMMDD, ends inclusive)
        [AFGGOV >011222]             # after a date
        [USAELI <20090120]           # before a date

Agent records: ``PHRASE {PLURAL} [~SECTOR]`` (``{}`` means no plural; ``[NGO~]`` puts the
code first). Comments: ``#`` and ``;`` to the end of a line, ``<!-- … -->`` blocks.
Codes are CAMEO actor codes: the first three letters are the country (CAMEO's own
country codes are mapped to ISO 3166: JAP → JPN …), the next three the sector.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..errors import DictionaryError

__all__ = ["parse_actors", "parse_agents", "to_user_dictionary"]

_CAMEO_TO_ISO = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "GZS": "PSE", "WSB": "PSE"}
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE = re.compile(r"\[([^\]]*)\]")


@dataclass
class PetrarchActor:
    names: list[str]
    default: str | None
    dated: list[tuple[str, date | None, date | None]] = field(default_factory=list)  # (code, start, end-exclusive)


def _strip(line: str) -> str:
    for mark in ("#", ";"):
        i = line.find(mark)
        if i >= 0:
            line = line[:i]
    return line.rstrip()


def _phrase(text: str) -> str:
    words = text.replace("_", " ").split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)


def _date(s: str, where: str) -> date:
    s = s.strip()
    try:
        if len(s) == 8:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if len(s) == 6:
            yy = int(s[:2])
            return date((2000 if yy < 30 else 1900) + yy, int(s[2:4]), int(s[4:]))
    except ValueError:
        pass
    raise DictionaryError(f"{where}: {s!r} is not a PETRARCH date (YYYYMMDD or YYMMDD)")


def _restriction(body: str, where: str) -> tuple[str, date | None, date | None]:
    parts = body.split()
    code = parts[0]
    if len(parts) == 1:
        return code, None, None
    r = parts[1]
    if r.startswith(">"):
        return code, _date(r[1:], where), None
    if r.startswith("<"):
        return code, None, _date(r[1:], where) + timedelta(days=1)
    if "-" in r:
        a, b = r.split("-", 1)
        return code, _date(a, where), _date(b, where) + timedelta(days=1)
    raise DictionaryError(f"{where}: cannot read the date restriction {body!r}")


def parse_actors(text: str, label: str = "actors", problems: list[str] | None = None) -> list[PetrarchActor]:
    """The actors of a PETRARCH/TABARI .actors file. A line it cannot read raises
    :class:`DictionaryError` naming ``label:line``; with ``problems`` given, the message is
    added there instead and the line skipped (the real Phoenix files have a few such lines,
    e.g. a seven-digit date), so that one bad line does not lose the dictionary."""
    text = _HTML_COMMENT.sub("", text)
    out: list[PetrarchActor] = []
    cur: PetrarchActor | None = None
    for n, raw in enumerate(text.split("\n"), 1):
        try:
            cur = _actor_line(raw, f"{label}:{n}", cur, out)
        except DictionaryError as exc:
            if problems is None:
                raise
            problems.append(f"{exc} — line skipped")
    return out


def _actor_line(raw: str, where: str, cur: PetrarchActor | None, out: list[PetrarchActor]) -> PetrarchActor | None:
    """Read one line into the actor being built (or a new one); returns the current actor."""
    line = _strip(raw)
    if not line.strip():
        return cur
    stripped = line.strip()
    if stripped.startswith("["):
        if cur is None:
            raise DictionaryError(f"{where}: a date restriction before any actor")
        m = _CODE.match(stripped)
        if not m:
            raise DictionaryError(f"{where}: unclosed [")
        cur.dated.append(_restriction(m.group(1), where))
        return cur
    if stripped.startswith("+"):
        if cur is None:
            raise DictionaryError(f"{where}: a synonym before any actor")
        name = _CODE.sub("", stripped[1:]).strip()
        if name:
            cur.names.append(_phrase(name))
        return cur
    m = _CODE.search(stripped)
    name = _CODE.sub("", stripped).strip()
    cur = PetrarchActor([_phrase(name)], m.group(1).split()[0] if m and m.group(1).strip() else None)
    out.append(cur)
    return cur


def parse_agents(text: str, label: str = "agents", problems: list[str] | None = None) -> list[dict]:
    """The agents of a PETRARCH agents file; a line it cannot read raises, or with
    ``problems`` given is listed there and skipped (as :func:`parse_actors`)."""
    text = _HTML_COMMENT.sub("", text)
    out = []
    for n, raw in enumerate(text.split("\n"), 1):
        line = _strip(raw).strip()
        if not line:
            continue
        m = re.match(r"^(?P<phrase>[^{\[]+?)\s*(?:\{(?P<plural>[^}]*)\})?\s*\[(?P<code>[^\]}]*)[\]}]", line)
        if not m:
            if problems is None:
                raise DictionaryError(f"{label}:{n}: cannot read agent line {line!r}")
            problems.append(f"{label}:{n}: cannot read agent line {line!r} — line skipped")
            continue
        code = m.group("code").replace("~", "").strip()
        if not code:
            continue
        word = m.group("phrase").replace("_", " ").strip().lower()
        plural = m.group("plural")
        if plural is None:  # PETRARCH's regular plurals
            if word.endswith("ss"):
                plural = word + "es"
            elif word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
                plural = word[:-1] + "ies"
            else:
                plural = word + "s"
        out.append({"word": word, "sector": code[:3].upper(), "plural": plural.replace("_", " ").strip().lower()})
    return out


def _split(code: str) -> tuple[str, str | None]:
    c = code.upper()
    country = _CAMEO_TO_ISO.get(c[:3], c[:3])
    return country, (c[3:6] or None)


def to_user_dictionary(actors: list[PetrarchActor], agents: list[dict] | None = None) -> dict:
    """The user-dictionary structure (see :mod:`dyadwatch.actors.user`) for parsed records."""
    people, plain = [], []
    for a in actors:
        if not a.names or not a.names[0]:
            continue
        if a.dated:
            roles = []
            for code, start, end in a.dated:
                country, sector = _split(code)
                roles.append({"code": country, "sector": sector or "GOV", "role": "petrarch " + code,
                              "start": start.isoformat() if start else None, "end": end.isoformat() if end else None})
            if a.default:
                country, sector = _split(a.default)
                starts = [r["start"] for r in roles if r["start"]]
                # the default code applies where no restriction does: model it as a role before the first dated one
                if starts and not any(r["start"] is None for r in roles):
                    roles.append({"code": country, "sector": sector or "ELI", "role": "petrarch " + a.default,
                                  "start": None, "end": min(starts)})
            people.append({"name": a.names[0], "aliases": a.names[1:], "roles": roles})
        elif a.default:
            country, sector = _split(a.default)
            plain.append({"names": a.names, "code": country, "sector": sector or ""})
    out: dict = {}
    if plain:
        out["actors"] = plain
    if people:
        out["people"] = people
    if agents:
        out["agents"] = agents
    return out
