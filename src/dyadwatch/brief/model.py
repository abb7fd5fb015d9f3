"""What a brief is made of: claims in plain sentences, each citing the events behind it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["Evidence", "Claim", "Section", "Brief"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """One stored event a claim rests on, with what a reader needs to check it."""

    event_id: str
    date: date
    source: str | None
    target: str | None
    cameo: str
    cameo_name: str
    goldstein: float
    speaker: str
    sentence: str
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence of the brief and the ids of the events behind it (none for a "no data" line)."""

    text: str
    evidence: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Section:
    title: str
    claims: tuple[Claim, ...]


@dataclass(frozen=True, slots=True)
class Brief:
    """A one-page reading of the pair ``a``–``b``: sections of claims, and every event they cite."""

    a: str
    b: str
    as_of: date | None
    start: date | None  # first and last event date of the pair in the selection
    end: date | None
    events: int  # events between the two sides that were counted
    counting: str  # what was counted (Counting.describe)
    sections: tuple[Section, ...]
    evidence: dict[str, Evidence]  # event id → evidence, every id a claim cites

    def cited(self) -> list[str]:
        """The event ids the claims cite, in order of first citation."""
        seen: dict[str, None] = {}
        for section in self.sections:
            for claim in section.claims:
                for event_id in claim.evidence:
                    seen.setdefault(event_id, None)
        return list(seen)

    def numbers(self) -> dict[str, int]:
        """Event id → its reference number in the rendered brief (1, 2, …)."""
        return {event_id: i for i, event_id in enumerate(self.cited(), 1)}

    def lines(self) -> list[str]:
        """Every claim's text, in reading order (what a test or a script reads)."""
        return [c.text for s in self.sections for c in s.claims]
