"""The records that flow through dyadwatch: :class:`Article` in, :class:`Event` out.

Both are frozen dataclasses. Character offsets (``start``/``end``) are offsets into the
article text, so a span can always be shown in its sentence and its article.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date

__all__ = ["Article", "ActorRef", "Event", "EventLocation", "Rejection", "article_id_for", "MOODS", "NAMED_VIAS"]

#: Allowed values of :attr:`Event.mood`. "background": an act the sentence tells as background
#: (a relative clause: "the sanctions Washington has imposed"), not as news of the day.
MOODS = ("asserted", "intended", "hypothetical", "demanded", "background")
#: :attr:`ActorRef.via` values of an actor the text names (by name, capital, adjective, a surname,
#: a title and its sentence, an organisation's name, a pronoun or a later mention that refers back
#: to one), not one guessed from the article or its country ("context", "domestic", "focus" …)
NAMED_VIAS = frozenset({"name", "capital", "adjective", "demonym", "surname", "title+sentence", "organization", "pronoun", "memory"})

_WS = re.compile(r"\s+")


def article_id_for(text: str) -> str:
    """The content hash that identifies an article: the same text gives the same id.

    Whitespace is normalised first, so re-wrapping a text does not make a new article.
    """
    norm = _WS.sub(" ", text).strip()
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True)
class Article:
    """One news article."""

    article_id: str
    text: str
    title: str | None = None
    url: str | None = None
    publisher: str | None = None
    published: date | None = None
    #: Where it was read from: a path, or path:line for JSONL.
    origin: str | None = None

    @classmethod
    def from_text(cls, text: str, **kw: object) -> "Article":
        return cls(article_id=article_id_for(text), text=text, **kw)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as found in a sentence.

    ``code`` is an ISO 3166-1 alpha-3 country code, an IGO code (``UN``, ``NATO`` …) or
    ``IMG`` (a transnational armed group); ``None`` when the text names an actor that
    the dictionary does not know. ``sector`` is a CAMEO agent sector (GOV, MIL, REB …).
    """

    text: str
    code: str | None
    sector: str | None
    actor_id: str | None
    kind: str  # country | igo | group | person | agent | unknown
    start: int
    end: int
    #: How it was resolved: "name", "adjective+agent", "capital", "surname", "memory", "pronoun" …
    via: str = "name"

    @property
    def label(self) -> str:
        """``USA GOV``-style short label."""
        if self.code is None:
            return f"?({self.text})"
        return f"{self.code} {self.sector}" if self.sector else self.code


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: who did what to whom, when, and why it was coded so."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence_start: int
    sentence_end: int
    sentence: str
    event_date: date | None
    date_precision: str  # "day" | "week" | "month" | "year" (from the text or the article date) | "none"
    source: ActorRef | None
    target: ActorRef | None
    cameo: str
    cameo_root: str
    cameo_name: str
    plover_type: str | None
    plover_mode: str | None
    quad_class: int
    goldstein: float
    negated: bool
    mood: str
    reported_by: ActorRef | None
    trigger_text: str
    trigger_start: int
    trigger_end: int
    pattern: str
    confidence: float
    coder_version: str
    dictionary_version: str
    url: str | None = None
    notes: tuple[str, ...] = field(default=())
    #: where it happened (geo.locate): the text and span that say so, the gazetteer's place,
    #: its precision ("place", "admin1", "country" or "none") and how it was found ("clause",
    #: "dateline"); empty where nothing in the text supports a place
    location: "EventLocation | None" = None


@dataclass(frozen=True, slots=True)
class EventLocation:
    """Where an event happened, as the record keeps it."""

    text: str
    start: int | None
    end: int | None
    geonames_id: int | None
    name: str
    country: str
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: str
    via: str


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that could not be read: kept in quarantine with its reason."""

    origin: str
    reason: str
    detail: str = ""
    raw: bytes = b""

    @property
    def rejection_id(self) -> str:
        h = hashlib.sha256()
        h.update(self.origin.encode("utf-8", "replace"))
        h.update(b"\0" + self.reason.encode())
        h.update(b"\0" + hashlib.sha256(self.raw).digest())
        return h.hexdigest()[:20]

    @property
    def message(self) -> str:
        return f"{self.origin}: {self.reason}" + (f" ({self.detail})" if self.detail else "")
