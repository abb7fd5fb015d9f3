"""Running the user's command for an alert: the alert as JSON on standard input, no shell, a
time limit; what went wrong is returned, never raised, so the watch goes on."""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass

from ..errors import UsageError
from .alerts import Alert

__all__ = ["Notified", "parse_command", "notify", "COMMAND_TIMEOUT_S"]

#: how long an alert command may run
COMMAND_TIMEOUT_S = 30.0


@dataclass(frozen=True, slots=True)
class Notified:
    alert_id: str
    ok: bool
    problem: str = ""  # why it failed, in a few words


def parse_command(command: str) -> list[str]:
    """``--exec "notify-send dyadwatch"`` as an argument list (split as a POSIX shell would, never run by one)."""
    try:
        argv = shlex.split(command)
    except ValueError as exc:
        raise UsageError(f"--exec {command!r}: cannot split it into arguments ({exc})") from None
    if not argv:
        raise UsageError("--exec: give a command")
    return argv


def notify(argv: list[str], alert: Alert, timeout_s: float = COMMAND_TIMEOUT_S) -> Notified:
    """Run ``argv`` with ``alert`` as JSON on its standard input."""
    name = argv[0]
    try:
        done = subprocess.run(argv, input=alert.to_json() + "\n", text=True, capture_output=True, timeout=timeout_s, check=False)
    except subprocess.TimeoutExpired:
        return Notified(alert.alert_id, False, f"{name} ran longer than {timeout_s:g} s and was stopped")
    except OSError as exc:
        return Notified(alert.alert_id, False, f"{name} could not be run ({exc.strerror or exc})")
    if done.returncode != 0:
        tail = " ".join((done.stderr or "").split())[-200:]
        return Notified(alert.alert_id, False, f"{name} exited with status {done.returncode}" + (f": {tail}" if tail else ""))
    return Notified(alert.alert_id, True)
