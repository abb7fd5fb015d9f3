"""How often the watch polls: ``"15m"``, ``"30s"``, ``"2h"``, ``"1d"`` (or plain seconds)."""

from __future__ import annotations

import re

from ..errors import UsageError

__all__ = ["parse_interval", "MIN_INTERVAL_S"]

#: the shortest interval accepted (a watch that polls faster than this is a busy loop)
MIN_INTERVAL_S = 1.0

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)


def parse_interval(text: str) -> float:
    """Seconds in ``text``; :class:`UsageError` naming it where it is not an interval."""
    m = _INTERVAL.match(text or "")
    if not m:
        raise UsageError(f"--every {text!r}: write a number and a unit, e.g. 30s, 15m, 2h or 1d")
    seconds = float(m.group(1)) * _UNITS[(m.group(2) or "s").lower()]
    if seconds < MIN_INTERVAL_S:
        raise UsageError(f"--every {text!r}: give at least {MIN_INTERVAL_S:g} second")
    return seconds
