"""Draw a reproducible random sample of coded events from the store, for a person to judge.

The sample is a *bottom-k* sample: every event gets the key ``sha256("dyadwatch-audit:SEED:EVENT_ID")``
and the ``n`` events with the smallest keys are drawn. That is a uniform random sample
without replacement, and it depends only on the seed and the events' ids — not on the order
the store returns them in, the DuckDB or Python version, or the machine. With one seed, the
sample of 50 is the first 50 of the sample of 100, and coding more articles into the store
only lets a new event into the sample where its key is smaller.
"""

from __future__ import annotations

import hashlib
import heapq
from dataclasses import dataclass, field
from datetime import date

import duckdb

from ..errors import StoreError, UsageError
from ..records import MOODS
from ..store.duck import Store, date_range

__all__ = ["AuditRow", "AuditSample", "MOODS", "sample_events", "sample_key"]


DEFAULT_SEED = 0


@dataclass(frozen=True, slots=True)
class AuditRow:
    """One sampled event, with what a person needs to judge it."""

    row: int
    event_id: str
    article_date: date | None
    event_date: date | None
    publisher: str | None
    title: str | None
    url: str | None
    sentence: str
    sentence_start: int
    trigger: str
    trigger_start: int
    trigger_end: int
    cameo: str
    cameo_root: str
    cameo_name: str | None
    plover_type: str | None
    quad_class: int | None
    source_code: str | None
    source_sector: str | None
    source_text: str | None
    source_via: str | None
    target_code: str | None
    target_sector: str | None
    target_text: str | None
    target_via: str | None
    mood: str | None
    negated: bool
    reported_by: str | None
    confidence: float | None
    pattern: str | None

    @property
    def has_target(self) -> bool:
        return bool(self.target_code or self.target_text)

    @property
    def source_label(self) -> str:
        return _label(self.source_code, self.source_sector, self.source_text)

    @property
    def target_label(self) -> str:
        return _label(self.target_code, self.target_sector, self.target_text) if self.has_target else ""

    def trigger_span(self) -> tuple[int, int] | None:
        """Where the trigger lies in :attr:`sentence` (offsets into the sentence), or None.

        The stored offsets are into the article; where they do not point at the trigger
        word in the sentence, its first occurrence in the sentence is used."""
        if not self.trigger:
            return None
        local = self.trigger_start - self.sentence_start
        if 0 <= local and self.sentence[local:local + len(self.trigger)] == self.trigger:
            return local, local + len(self.trigger)
        at = self.sentence.find(self.trigger)
        return (at, at + len(self.trigger)) if at >= 0 else None


def _label(code: str | None, sector: str | None, text: str | None) -> str:
    head = " ".join(p for p in (code or "?", sector) if p)
    return f"{head} ({text})" if text else head


@dataclass(frozen=True, slots=True)
class AuditSample:
    """The rows drawn, and how they were drawn (written into the sheet's header)."""

    rows: list[AuditRow]
    requested: int
    available: int
    seed: int
    db: str
    filters: dict[str, str] = field(default_factory=dict)

    @property
    def short(self) -> bool:
        """Fewer events matched than were asked for: the sample is all of them."""
        return self.available < self.requested

    def describe(self) -> str:
        """One line: what was drawn from where."""
        where = "; ".join(f"{k} {v}" for k, v in self.filters.items())
        what = f"{len(self.rows)} of {self.available} event{'s' if self.available != 1 else ''}" + (f" matching {where}" if where else "")
        return f"{what} in {self.db}, seed {self.seed}"


def sample_key(seed: int, event_id: str) -> bytes:
    """The sort key that decides which events a seed draws (smallest first)."""
    return hashlib.sha256(f"dyadwatch-audit:{seed}:{event_id}".encode("utf-8")).digest()


def sample_events(
    store: Store,
    n: int = 100,
    seed: int = DEFAULT_SEED,
    *,
    min_confidence: float | None = None,
    mood: str | None = None,
    dyad: tuple[str, str] | None = None,
    since: date | None = None,
    until: date | None = None,
) -> AuditSample:
    """Draw ``n`` events (all of them, if fewer match) without replacement, reproducibly
    for a given ``seed``. Rows are numbered in the order of article date, article,
    sentence and trigger. Raises :class:`UsageError` on a bad argument or when no event
    matches, :class:`StoreError` when the store cannot be read."""
    if n < 1:
        raise UsageError(f"--n {n}: draw at least 1 event")
    if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
        raise UsageError(f"--min-confidence {min_confidence}: give a value between 0 and 1")
    if mood is not None and mood not in MOODS:
        raise UsageError(f"--mood {mood!r}: use one of {', '.join(MOODS)}")
    where, params = date_range(since, until, "e.event_date")
    filters: dict[str, str] = {}
    if min_confidence is not None:
        where.append("e.confidence >= ?")
        params.append(min_confidence)
        filters["confidence ≥"] = f"{min_confidence:g}"
    if mood is not None:
        where.append("e.mood = ?")
        params.append(mood)
        filters["mood"] = mood
    if dyad is not None:
        where.append("e.source_code = ? AND e.target_code = ?")
        params += list(dyad)
        filters["dyad"] = f"{dyad[0]}:{dyad[1]}"
    if since:
        filters["since"] = since.isoformat()
    if until:
        filters["until"] = until.isoformat()
    cond = (" WHERE " + " AND ".join(where)) if where else ""
    try:
        ids = [r[0] for r in store.con.execute(f"SELECT e.event_id FROM events e{cond}", params).fetchall()]
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot read the events ({exc})") from None
    if not ids:
        what = f" matching {'; '.join(f'{k} {v}' for k, v in filters.items())}" if filters else ""
        raise UsageError(f"{store.path}: no events{what} to sample")
    chosen = heapq.nsmallest(n, ids, key=lambda i: sample_key(seed, i))
    rows = _fetch(store, chosen)
    return AuditSample(rows=rows, requested=n, available=len(ids), seed=seed, db=store.path, filters=filters)


_SELECT = """
SELECT e.event_id, a.published, e.event_date, a.publisher, a.title, coalesce(e.url, a.url),
       e.sentence, e.sentence_start, e.trigger_text, e.trigger_start, e.trigger_end,
       e.cameo, e.cameo_root, e.cameo_name, e.plover_type, e.quad_class,
       e.source_code, e.source_sector, e.source_text, e.source_via,
       e.target_code, e.target_sector, e.target_text, e.target_via,
       e.mood, e.negated, e.reported_by_text, e.reported_by_code, e.confidence, e.pattern
FROM events e LEFT JOIN articles a ON a.article_id = e.article_id
WHERE e.event_id IN (SELECT unnest(?))
ORDER BY a.published NULLS LAST, e.event_date NULLS LAST, e.article_id, e.sentence_index, e.trigger_start, e.event_id
"""


def _fetch(store: Store, ids: list[str]) -> list[AuditRow]:
    try:
        records = store.con.execute(_SELECT, [ids]).fetchall()
    except duckdb.Error as exc:
        raise StoreError(f"{store.path}: cannot read the events ({exc})") from None
    rows = []
    for i, r in enumerate(records, start=1):
        (eid, published, event_date, publisher, title, url, sentence, s_start, trigger, t_start, t_end, cameo, root, name,
         plover, quad, s_code, s_sector, s_text, s_via, t_code, t_sector, t_text, t_via, mood, negated, rep_text, rep_code,
         confidence, pattern) = r
        reported = None
        if rep_text or rep_code:
            reported = f"{rep_code} ({rep_text})" if rep_code and rep_text else (rep_code or rep_text)
        rows.append(AuditRow(
            row=i, event_id=eid, article_date=published, event_date=event_date, publisher=publisher, title=title, url=url,
            sentence=sentence or "", sentence_start=s_start or 0, trigger=trigger or "", trigger_start=t_start or 0,
            trigger_end=t_end or 0, cameo=cameo, cameo_root=root, cameo_name=name, plover_type=plover,
            quad_class=int(quad) if quad is not None else None, source_code=s_code, source_sector=s_sector,
            source_text=s_text, source_via=s_via, target_code=t_code, target_sector=t_sector, target_text=t_text,
            target_via=t_via, mood=mood, negated=bool(negated), reported_by=reported, confidence=confidence, pattern=pattern,
        ))
    return rows
