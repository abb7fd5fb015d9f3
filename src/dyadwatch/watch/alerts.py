"""Alerts and the store's ``alerts`` table. An alert's id is a hash of its rule and of what it is
about (a change point's date, a deadline's event, a period), so evaluating the same data again,
in this watch or after a restart, finds the same ids and writes nothing twice."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date

from ..store.duck import Store

__all__ = ["Alert", "alert_id", "ALERTS_TABLE", "ensure_alerts_table", "record_new", "stored_alerts"]

ALERTS_TABLE = """
CREATE TABLE IF NOT EXISTS alerts (
    alert_id    VARCHAR PRIMARY KEY,
    rule        VARCHAR NOT NULL,
    condition   VARCHAR NOT NULL,
    source      VARCHAR,
    target      VARCHAR,
    subject     VARCHAR NOT NULL,
    message     VARCHAR NOT NULL,
    event_ids   VARCHAR[],
    as_of       DATE,
    created_at  TIMESTAMP DEFAULT current_timestamp
)"""


def alert_id(rule: str, subject: str) -> str:
    """A deterministic id: the same rule about the same subject is the same alert."""
    return hashlib.sha1(f"{rule}\x1f{subject}".encode()).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Alert:
    alert_id: str
    rule: str
    condition: str
    source: str | None
    target: str | None
    subject: str  # what the alert is about, the part of its id besides the rule
    message: str
    event_ids: tuple[str, ...]
    as_of: date | None

    @classmethod
    def of(cls, rule: str, condition: str, source: str | None, target: str | None, subject: str, message: str,
           event_ids: tuple[str, ...] = (), as_of: date | None = None) -> "Alert":
        return cls(alert_id(rule, subject), rule, condition, source, target, subject, message, tuple(event_ids), as_of)

    def to_json(self) -> str:
        d = asdict(self)
        d["event_ids"] = list(self.event_ids)
        d["as_of"] = self.as_of.isoformat() if self.as_of else None
        return json.dumps(d, ensure_ascii=False)


def ensure_alerts_table(store: Store) -> None:
    store.con.execute(ALERTS_TABLE)


def record_new(store: Store, alerts: list[Alert]) -> list[Alert]:
    """Write the alerts not yet in the store; returns those (each alert is written once, ever)."""
    ensure_alerts_table(store)
    first: dict[str, Alert] = {}
    for a in alerts:
        first.setdefault(a.alert_id, a)  # the same alert found twice in one evaluation: keep the first
    unique = list(first.values())
    if not unique:
        return []
    known = {r[0] for r in store.con.execute("SELECT alert_id FROM alerts WHERE alert_id IN (SELECT unnest(?))",
                                             [[a.alert_id for a in unique]]).fetchall()}
    new = [a for a in unique if a.alert_id not in known]
    for a in new:
        store.con.execute("INSERT OR IGNORE INTO alerts (alert_id, rule, condition, source, target, subject, message, event_ids, as_of) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          [a.alert_id, a.rule, a.condition, a.source, a.target, a.subject, a.message, list(a.event_ids), a.as_of])
    return new


def stored_alerts(store: Store) -> list[dict[str, object]]:
    """Every stored alert, oldest first (an empty list where the store has no alerts table yet)."""
    exists = store.con.execute("SELECT 1 FROM information_schema.tables WHERE table_name = 'alerts'").fetchone()
    if not exists:
        return []
    cur = store.con.execute("SELECT * FROM alerts ORDER BY created_at, alert_id")
    names = [d[0] for d in cur.description]
    return [dict(zip(names, r)) for r in cur.fetchall()]
