"""A development set annotated on whole stories of a corpus (``--format voa-dev``).

Each JSON line marks one sentence of a story by character offsets and lists its gold events::

    {"story_id": "8011115", "start": 120, "end": 245, "sentence": "first 60 characters…",
     "events": [{"trigger": "met", "cameo": "040", "root": "04", "quad": 1,
                 "source": "USA", "source_sector": "GOV", "target": "CHN", "target_sector": null,
                 "mood": "asserted"}], "coder": "A", "note": ""}

The story text is read from the corpus (JSON Lines with ``id`` and ``text``) at run time, so
the annotations carry no copy of it. Each story is coded once, as ``dyadwatch code`` codes
it, and the produced events whose sentence overlaps an annotated sentence are scored against
that sentence's gold events (each event goes to the annotated sentence it overlaps most).

A produced event is *type right* when a gold event of its sentence has the same CAMEO root,
and *fully right* when one has the same root, source code and target code (no target on
both sides counts as a match; codes are countries or IGOs, sectors are not compared).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, UsageError
from ..ingest.fields import FieldMap
from ..records import ActorRef, Article, Event
from .devplaces import GoldPlace, gold_place, place_report
from .gold import _norm_code
from .metrics import comparable_code, event_summary
from .reliability import ReliabilityBin, reliability, reliability_dicts

__all__ = ["DevEvent", "DevSentence", "Story", "DevReport", "read_devset", "load_stories", "score_devset", "evaluate_devset"]


@dataclass(frozen=True, slots=True)
class DevEvent:
    root: str | None
    quad: int | None
    source: str | None
    target: str | None
    mood: str = "asserted"
    cameo: str | None = None
    trigger: str | None = None
    source_sector: str | None = None
    target_sector: str | None = None
    #: a reader judged where it happened (``location`` key present); the place, or None for "not said"
    location_judged: bool = False
    location: GoldPlace | None = None


@dataclass(frozen=True, slots=True)
class DevSentence:
    story_id: str
    start: int
    end: int
    head: str
    events: tuple[DevEvent, ...]
    coder: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    story_id: str
    article: Article
    #: characters stripped from the start of the corpus text: annotation offsets minus this
    #: are offsets into ``article.text``
    lead: int = 0


def _root(ev: dict) -> str | None:
    root = ev.get("root") or (str(ev["cameo"])[:2] if ev.get("cameo") else None)
    return str(root).zfill(2) if root is not None else None


def _dev_event(ev: dict) -> DevEvent:
    quad = ev.get("quad")
    return DevEvent(
        root=_root(ev), quad=int(quad) if quad is not None else None,
        source=_norm_code(ev.get("source")), target=_norm_code(ev.get("target")),
        mood=str(ev.get("mood") or "asserted"), cameo=ev.get("cameo"), trigger=ev.get("trigger"),
        source_sector=ev.get("source_sector"), target_sector=ev.get("target_sector"),
        location_judged="location" in ev, location=gold_place(ev.get("location")),
    )


def _sentence(obj: object, where: str) -> DevSentence:
    if not isinstance(obj, dict):
        raise InputError(where, "malformed annotation", "expected a JSON object")
    try:
        start, end = int(obj["start"]), int(obj["end"])
        story = str(obj["story_id"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError(where, "malformed annotation", f"needs story_id, start and end ({exc})") from None
    events = obj.get("events") or []
    if not isinstance(events, list) or not all(isinstance(e, dict) for e in events):
        raise InputError(where, "malformed annotation", "events must be a list of objects")
    try:
        gold = tuple(_dev_event(e) for e in events)
    except ValueError as exc:
        raise InputError(where, "malformed annotation", str(exc)) from None
    return DevSentence(story, start, end, str(obj.get("sentence") or ""), gold, obj.get("coder"), obj.get("note"))


def read_devset(path: str | Path) -> list[DevSentence]:
    """Read the annotation lines; a bad line raises :class:`InputError` naming it."""
    try:
        raw = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), "unreadable gold file", str(exc)) from None
    out = []
    for lineno, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{lineno}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(where, "malformed JSON line", exc.msg) from None
        out.append(_sentence(obj, where))
    return out


def load_stories(corpus: str | Path, ids: Iterable[str]) -> dict[str, Story]:
    """The corpus stories with these ids, made into articles as ``dyadwatch code`` makes them."""
    corpus = Path(corpus)
    if not corpus.is_file():
        raise UsageError(f"--corpus {corpus}: no such file (the annotations point into this corpus; give its path)")
    wanted, fmap, out = set(ids), FieldMap.of(None), {}
    with corpus.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if len(out) == len(wanted):
                break
            try:
                obj = json.loads(line) if line.strip() else {}
            except json.JSONDecodeError:
                continue  # ingest would quarantine it; no annotation can point into it
            if not isinstance(obj, dict):
                continue
            sid = str(obj.get("id"))
            if sid in wanted and isinstance(obj.get("text"), str):
                text = obj["text"]
                out[sid] = Story(sid, fmap.article(obj.get, f"{corpus}:{lineno}", None), len(text) - len(text.lstrip()))
    return out


# -- scoring --------------------------------------------------------------------------
def asserted(e: Event) -> bool:
    return e.mood == "asserted" and not e.negated


def counted(e: Event) -> bool:
    """Counted by the views' default (analysis.counting): asserted, confident, no statement."""
    from ..analysis.counting import DEFAULT_COUNTING

    return DEFAULT_COUNTING.counts(e.mood, e.negated, e.confidence, e.cameo_root)


def _code(ref: ActorRef | None, gold: str | None) -> str | None:
    """The produced actor's code, written as the gold code is ("IGO" for any IGO if the gold says IGO)."""
    if ref is None or ref.code is None:
        return None
    if gold in ("IGO", "NGO"):
        return comparable_code(ref)
    return ref.code.upper()


def _fields(e: Event, g: DevEvent) -> dict[str, bool]:
    return {
        "root": e.cameo_root == g.root,
        "quad": e.quad_class == g.quad,
        "source": _code(e.source, g.source) == g.source,
        "target": _code(e.target, g.target) == g.target,
    }


def fully_right(e: Event, g: DevEvent) -> bool:
    f = _fields(e, g)
    return f["root"] and f["source"] and f["target"]


def best_gold(e: Event, golds: Iterable[DevEvent]) -> DevEvent | None:
    """The gold event the produced one matches best: full match, then root, source, target, quad."""
    def rank(g: DevEvent):
        f = _fields(e, g)
        return (fully_right(e, g), f["root"], f["source"], f["target"], f["quad"])

    return max(golds, key=rank, default=None)


@dataclass(slots=True)
class DevReport:
    n_sentences: int
    n_stories: int
    n_gold: int
    n_produced: int
    type_right: int
    fully_right: int
    field_right: dict[str, int]
    n_matched: int
    n_recall: int
    recalled: int
    n_confident: int
    confident_right: int
    missing_stories: list[str] = field(default_factory=list)
    misaligned: list[str] = field(default_factory=list)
    reliability: list[ReliabilityBin] = field(default_factory=list)
    #: what the views count by default (analysis.counting): asserted, confident, no statements
    n_counted: int = 0
    counted_right: int = 0
    n_counted_recall: int = 0
    #: produced events other than plain statements (01x), which GDELT users filter out
    n_acts: int = 0
    acts_right: int = 0
    #: every produced event that is not fully right, and every asserted gold event with a source
    #: and a target that no produced event matches (``eval --misses``)
    misses: list[dict] = field(default_factory=list)
    #: (produced event, judged gold location) for each produced event matched to a gold event of
    #: the same root whose location a reader judged (evaluation.devplaces)
    placed: list[tuple[Event, GoldPlace | None]] = field(default_factory=list)

    @staticmethod
    def _rate(a: int, b: int) -> float:
        return a / b if b else 0.0

    def as_dict(self) -> dict:
        r = self._rate
        return {
            "format": "voa-dev",
            "n_sentences": self.n_sentences, "n_stories": self.n_stories, "n_gold": self.n_gold, "n_produced": self.n_produced,
            "type_precision": round(r(self.type_right, self.n_produced), 4),
            "full_precision": round(r(self.fully_right, self.n_produced), 4),
            "field_accuracy": {k: round(r(v, self.n_matched), 4) for k, v in self.field_right.items()},
            "n_matched": self.n_matched,
            "recall": round(r(self.recalled, self.n_recall), 4), "n_recall": self.n_recall,
            "confident_precision": round(r(self.confident_right, self.n_confident), 4), "n_confident": self.n_confident,
            "counted_precision": round(r(self.counted_right, self.n_counted), 4), "n_counted": self.n_counted,
            "counted_recall": round(r(self.n_counted_recall, self.n_recall), 4),
            "acts_precision": round(r(self.acts_right, self.n_acts), 4), "n_acts": self.n_acts,
            "missing_stories": self.missing_stories, "misaligned": self.misaligned,
            "reliability": reliability_dicts(self.reliability),
            "locations": place_report(self.placed) if self.placed else None,
        }


def _overlap(e: Event, start: int, end: int) -> int:
    return min(e.sentence_end, end) - max(e.sentence_start, start)


def assign(sentences: list[tuple[int, int]], events: Iterable[Event]) -> list[list[Event]]:
    """Each event to the (start, end) range it overlaps most; events overlapping none are dropped."""
    out: list[list[Event]] = [[] for _ in sentences]
    for e in events:
        best = max(range(len(sentences)), key=lambda i: _overlap(e, *sentences[i]), default=None)
        if best is not None and _overlap(e, *sentences[best]) > 0:
            out[best].append(e)
    return out


def _aligned(s: DevSentence, story: Story) -> bool:
    got = " ".join(story.article.text[s.start - story.lead: s.end - story.lead].split())
    want = " ".join(s.head.split())
    return not want or got.startswith(want[:50])


def score_devset(sentences: list[DevSentence], stories: dict[str, Story], produced: dict[str, list[Event]]) -> DevReport:
    """Score the produced events of each story (``produced[story_id]``) against the annotations."""
    usable = [s for s in sentences if s.story_id in stories]
    misaligned = [f"{s.story_id}:{s.start}" for s in usable if not _aligned(s, stories[s.story_id])]
    usable = [s for s in usable if _aligned(s, stories[s.story_id])]
    pairs: list[tuple[DevSentence, list[Event]]] = []
    for sid in dict.fromkeys(s.story_id for s in usable):
        mine = [s for s in usable if s.story_id == sid]
        lead = stories[sid].lead
        pairs += zip(mine, assign([(s.start - lead, s.end - lead) for s in mine], produced.get(sid, [])))
    rep = DevReport(len(usable), len({s.story_id for s in usable}), sum(len(s.events) for s in usable), 0, 0, 0,
                    {"root": 0, "quad": 0, "source": 0, "target": 0}, 0, 0, 0, 0, 0,
                    sorted({s.story_id for s in sentences} - set(stories)), misaligned)
    judged = []
    for s, evs in pairs:
        _score_sentence(rep, s, evs, judged)
    rep.reliability = reliability(judged)
    return rep


def _gold_summary(g: DevEvent) -> dict:
    return {"root": g.root, "cameo": g.cameo, "trigger": g.trigger, "source": g.source, "target": g.target, "mood": g.mood}


def _score_sentence(rep: DevReport, s: DevSentence, evs: list[Event], judged: list) -> None:
    where = {"story_id": s.story_id, "start": s.start, "sentence": s.head}
    placed: list[DevEvent] = []  # one produced event per judged gold event
    for e in evs:
        ok = any(fully_right(e, g) for g in s.events)
        if not ok:
            best = best_gold(e, s.events)
            rep.misses.append({**where, "kind": "wrong", "produced": event_summary(e),
                               "gold": _gold_summary(best) if best else None})
        rep.n_produced += 1
        rep.type_right += any(e.cameo_root == g.root for g in s.events)
        rep.fully_right += ok
        judged.append((e.confidence, ok))
        if e.confidence >= 0.5 and asserted(e):
            rep.n_confident += 1
            rep.confident_right += ok
        if counted(e):
            rep.n_counted += 1
            rep.counted_right += ok
        if e.cameo_root != "01":
            rep.n_acts += 1
            rep.acts_right += ok
        g = best_gold(e, s.events)
        if g is not None:
            rep.n_matched += 1
            for k, v in _fields(e, g).items():
                rep.field_right[k] += v
            if g.location_judged and g.root == e.cameo_root and not any(g is h for h in placed):
                placed.append(g)
                rep.placed.append((e, g.location))
    for g in s.events:
        if g.mood == "asserted" and g.source and g.target:
            rep.n_recall += 1
            found = any(fully_right(e, g) for e in evs)
            rep.recalled += found
            if not found:
                rep.misses.append({**where, "kind": "missed", "gold": _gold_summary(g),
                                   "produced": [event_summary(e) for e in evs]})
            rep.n_counted_recall += any(fully_right(e, g) and counted(e) for e in evs)


def evaluate_devset(sentences: list[DevSentence], stories: dict[str, Story], coder,
                    on_story: Callable[[int], None] | None = None) -> DevReport:
    """Code each annotated story once and score it."""
    produced = {}
    for i, sid in enumerate(dict.fromkeys(s.story_id for s in sentences if s.story_id in stories)):
        produced[sid] = coder.code_article(stories[sid].article).events
        if on_story:
            on_story(i)
    return score_devset(sentences, stories, produced)
