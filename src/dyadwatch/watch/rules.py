"""Alert rules: a YAML list, each rule a name, a dyad (``A:B``, ``A:*``, ``*:B`` or ``*``) and a
condition (``when``) with its parameters. A bad file is refused with a message naming the file,
the rule and the field::

    - {name: prk-usa-worsening, dyad: PRK:USA, when: deterioration}
    - {name: us-mixed, dyad: USA:PRK, when: mixed_signals, side: USA}
    - {name: due-soon, when: deadline_within, days: 7}
    - {name: hostile-week, when: goldstein_below, value: -5, per: week}
    - {name: drop, dyad: PRK:USA, when: index_drop, drop: 3, window: 4}
    - {name: new-deadline, when: new_deadline}
    - {name: attacks, dyad: RUS:UKR, when: event_type, types: [ASSAULT, THREATEN]}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import UsageError

__all__ = ["Rule", "CONDITIONS", "DEFAULT_RULES", "load_rules", "parse_rules"]

#: condition → (required fields, optional fields with their defaults)
CONDITIONS: dict[str, tuple[tuple[str, ...], dict[str, object]]] = {
    "deterioration": ((), {}),
    "index_drop": (("drop",), {"window": 4, "per": "week"}),
    "mixed_signals": ((), {"side": None}),
    "new_deadline": ((), {}),
    "deadline_within": (("days",), {}),
    "goldstein_below": (("value",), {"per": "week", "min_events": 1}),
    "event_type": (("types",), {}),
}
_COMMON = {"name", "when", "dyad"}
_SIDE = re.compile(r"^(\*|[A-Z][A-Z0-9]{1,6})$")
_PERIODS = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule; ``source``/``target`` None stand for any actor (``*``)."""

    name: str
    when: str
    source: str | None = None
    target: str | None = None
    side: str | None = None
    days: int | None = None
    value: float | None = None
    drop: float | None = None
    window: int = 4
    per: str = "week"
    min_events: int = 1
    types: tuple[str, ...] = ()

    @property
    def dyad(self) -> str:
        return f"{self.source or '*'}:{self.target or '*'}"

    def matches(self, source: str | None, target: str | None) -> bool:
        """Whether the directed pair ``source→target`` is one this rule watches."""
        return (self.source is None or self.source == source) and (self.target is None or self.target == target)


#: the rules a watch runs without ``--rules``
DEFAULT_RULES = (
    Rule("deterioration", "deterioration"),
    Rule("mixed-signals", "mixed_signals"),
    Rule("deadline-within-7-days", "deadline_within", days=7),
)


def load_rules(path: str | Path) -> list[Rule]:
    """The rules in a YAML file; :class:`UsageError` naming the file (and rule and field) where it is bad."""
    where = str(path)
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{where}: cannot read the rules file ({exc})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise UsageError(f"{where}: not valid YAML ({' '.join(str(exc).split())})") from None
    return parse_rules(data, where)


def parse_rules(data: object, where: str = "rules") -> list[Rule]:
    """Rules from already-parsed YAML (a list of mappings)."""
    if not isinstance(data, list) or not data:
        raise UsageError(f"{where}: expected a list of rules, each a mapping with name, when and dyad")
    rules = [_rule(item, f"{where}: rule {i}") for i, item in enumerate(data, 1)]
    seen: set[str] = set()
    for i, r in enumerate(rules, 1):
        if r.name in seen:
            raise UsageError(f"{where}: rule {i}: field 'name': {r.name!r} is used twice (alert ids are made from it)")
        seen.add(r.name)
    return rules


def _rule(item: object, where: str) -> Rule:
    if not isinstance(item, dict):
        raise UsageError(f"{where}: expected a mapping such as {{name: x, dyad: PRK:USA, when: deterioration}}")
    name = item.get("name")
    if not isinstance(name, str) or not name.strip():
        raise UsageError(f"{where}: field 'name': give a name (text)")
    where = f"{where} ({name})"
    when = item.get("when")
    if when not in CONDITIONS:
        raise UsageError(f"{where}: field 'when': {when!r} is not a condition; use one of {', '.join(CONDITIONS)}")
    required, optional = CONDITIONS[when]
    unknown = sorted(set(item) - _COMMON - set(required) - set(optional))
    if unknown:
        raise UsageError(f"{where}: field {unknown[0]!r} is not a field of '{when}' (its fields: "
                         f"{', '.join(sorted(_COMMON | set(required) | set(optional)))})")
    for field in required:
        if field not in item:
            raise UsageError(f"{where}: field {field!r} is required by '{when}'")
    source, target = _dyad(item.get("dyad", "*"), where)
    fields = {k: _field(k, item[k], where) for k in (*required, *optional) if k in item}
    if "side" in fields:
        fields["side"] = _side(fields["side"], source, target, where)
    return Rule(name.strip(), when, source, target, **fields)


def _dyad(value: object, where: str) -> tuple[str | None, str | None]:
    if not isinstance(value, str):
        raise UsageError(f"{where}: field 'dyad': write SOURCE:TARGET with actor codes or *, e.g. PRK:USA, USA:* or *")
    spec = value.strip().upper()
    parts = ["*", "*"] if spec == "*" else spec.split(":")
    if len(parts) != 2 or not all(_SIDE.match(p) for p in parts):
        raise UsageError(f"{where}: field 'dyad': {value!r} is not SOURCE:TARGET with actor codes or *, e.g. PRK:USA, USA:* or *")
    from ..analysis.dyads import known_codes

    for p in parts:
        if p != "*" and p not in known_codes():
            raise UsageError(f"{where}: field 'dyad': {p!r} is not a known actor code")
    return tuple(None if p == "*" else p for p in parts)  # type: ignore[return-value]


def _field(name: str, value: object, where: str) -> object:
    """One condition parameter, checked and converted."""
    bad = f"{where}: field {name!r}: {value!r}"
    if name in ("days", "window", "min_events"):
        if isinstance(value, bool) or not isinstance(value, int) or value < (0 if name == "days" else 1):
            raise UsageError(f"{bad} is not a whole number of at least {0 if name == 'days' else 1}")
        return value
    if name in ("value", "drop"):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise UsageError(f"{bad} is not a number (Goldstein points, −10 … +10)")
        if name == "drop" and value <= 0:
            raise UsageError(f"{bad}: give a positive drop in Goldstein points")
        return float(value)
    if name == "per":
        if value not in _PERIODS:
            raise UsageError(f"{bad}: use day, week or month")
        return value
    if name == "types":
        return _types(value, bad)
    if name == "side":
        if value is not None and not isinstance(value, str):
            raise UsageError(f"{bad} is not an actor code")
        return value
    raise UsageError(f"{where}: field {name!r} is not known")  # unreachable: CONDITIONS names every field


def _types(value: object, bad: str) -> tuple[str, ...]:
    from ..coding.codebook import PLOVER_TYPES

    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(t, str) for t in items):
        raise UsageError(f"{bad}: give a list of PLOVER types, e.g. [ASSAULT, THREATEN]")
    types = tuple(t.upper() for t in items)
    wrong = [t for t in types if t not in PLOVER_TYPES]
    if wrong:
        raise UsageError(f"{bad}: {wrong[0]!r} is not a PLOVER type (one of {', '.join(PLOVER_TYPES)})")
    return types


def _side(value: object, source: str | None, target: str | None, where: str) -> str | None:
    if value is None:
        return None
    side = str(value).strip().upper()
    if (source or target) and side not in (source, target):
        raise UsageError(f"{where}: field 'side': {value!r} is not a side of the dyad {source or '*'}:{target or '*'}")
    return side
