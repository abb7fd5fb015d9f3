"""The live watch: poll sources, code what is new, evaluate alert rules, write each alert once.

    from dyadwatch.watch import Watcher, load_rules
    w = Watcher(["inbox/"], "news.duckdb", load_rules("alerts.yaml"))
    report = w.cycle()          # one cycle; report.new_alerts are the alerts written this time
"""

from __future__ import annotations

from .alerts import Alert, ensure_alerts_table, record_new, stored_alerts
from .conditions import evaluate
from .cycle import CycleReport, SourceResult, Watcher, run_forever
from .interval import parse_interval
from .notify import Notified, notify, parse_command
from .rules import CONDITIONS, DEFAULT_RULES, Rule, load_rules, parse_rules

__all__ = [
    "Alert", "ensure_alerts_table", "record_new", "stored_alerts",
    "evaluate", "Watcher", "CycleReport", "SourceResult", "run_forever",
    "parse_interval", "Notified", "notify", "parse_command",
    "Rule", "CONDITIONS", "DEFAULT_RULES", "load_rules", "parse_rules",
]
