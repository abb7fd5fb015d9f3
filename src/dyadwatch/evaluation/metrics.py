"""Score coded events against gold records: per-type precision/recall/F1, macro-F1,
quad-class accuracy, source/target country accuracy, sector accuracy, a confusion matrix
and the list of misses.

Source and target accuracy compare countries: an international organisation has none, and
IGO and NGO count as one class there (the 2016 PLOVER records code Amnesty International and
the Red Cross as IGO, local groups as NGO); the sector score still tells them apart.

Each gold record is one sentence with one gold event. The coder's events for that
sentence are compared with it: an event of the gold type is taken if there is one, else
the coder's most confident event; a record with no event at all counts as a miss ("NONE").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..actors.dictionary import ISO3
from ..coding.article import ArticleCoder
from ..records import ActorRef, Article, Event
from .gold import GoldActor, GoldRecord
from .reliability import ReliabilityBin, reliability, reliability_dicts

__all__ = ["EvalReport", "evaluate", "score", "TypeScore", "same_place"]

NONE = "NONE"



@dataclass(frozen=True, slots=True)
class TypeScore:
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(slots=True)
class EvalReport:
    n: int
    macro_f1: float
    quad_accuracy: float
    source_accuracy: float
    target_accuracy: float
    sector_accuracy: float | None
    per_type: dict[str, TypeScore]
    confusion: dict[str, dict[str, int]]
    misses: list[dict] = field(default_factory=list)
    miss_kinds: list[tuple[str, int]] = field(default_factory=list)
    n_sources: int = 0
    n_targets: int = 0
    n_sectors: int = 0
    #: the compared event per record (records with none left out), right when it has no problem
    reliability: list[ReliabilityBin] = field(default_factory=list)
    #: of the records that mark where the event happened: the compared event's location country
    #: right (where the record gives a country), and its place named alike
    location_country_accuracy: float | None = None
    location_place_accuracy: float | None = None
    n_located: int = 0

    def as_dict(self) -> dict:
        return {
            "n": self.n,
            "macro_f1": round(self.macro_f1, 4),
            "quad_accuracy": round(self.quad_accuracy, 4),
            "source_accuracy": round(self.source_accuracy, 4),
            "target_accuracy": round(self.target_accuracy, 4),
            "sector_accuracy": None if self.sector_accuracy is None else round(self.sector_accuracy, 4),
            "per_type": {k: {"precision": round(v.precision, 4), "recall": round(v.recall, 4), "f1": round(v.f1, 4), "support": v.support}
                         for k, v in sorted(self.per_type.items())},
            "confusion": self.confusion,
            "miss_kinds": self.miss_kinds,
            "n_misses": len(self.misses),
            "reliability": reliability_dicts(self.reliability),
            "location_country_accuracy": None if self.location_country_accuracy is None else round(self.location_country_accuracy, 4),
            "location_place_accuracy": None if self.location_place_accuracy is None else round(self.location_place_accuracy, 4),
            "n_located": self.n_located,
        }


def _location_scores(pairs) -> tuple[float | None, float | None, int]:
    """(country accuracy, place accuracy, records) over the records that mark a location."""
    from ..geo.gazetteer import gazetteer

    located = [(g, e) for g, e, _ in pairs if g.location_name]
    if not located:
        return None, None, 0
    gaz = gazetteer()
    country_n = country_ok = place_ok = 0
    for g, e in located:
        loc = e.location if e is not None else None
        want = g.location_country
        if want is None:  # "(LOC: to Britain)": the place is a country the gazetteer knows by that name
            want = next((p.country for p in gaz.lookup(g.location_name) if p.kind == "country"), None)
        if want is not None:
            country_n += 1
            country_ok += loc is not None and loc.country == want
        place_ok += loc is not None and same_place(g.location_name, loc, gaz)
    return (country_ok / country_n if country_n else None), place_ok / len(located), len(located)


_PLACE_WORDS = re.compile(r"^(?:the\s+)?(?:(?:province|town|city|village|region|district|state|capital|port|enclave)\s+of\s+)?", re.I)


def same_place(gold_name: str, loc, gaz) -> bool:
    """The produced location names the gold record's place: the same name once the gold's own
    words for the kind of place are off ("town of Rafah", "province of Herat"), a name the
    gazetteer gives the same place, or the same name misspelt by a letter or two ("Algers")."""
    want = _PLACE_WORDS.sub("", gold_name.strip()).lower()
    got = {loc.text.lower(), (loc.name or "").lower()}
    if want in got or gold_name.lower() in got:
        return True
    if any(p.name == loc.name and p.country == loc.country for p in gaz.lookup(want)):
        return True
    return len(want) >= 5 and any(fuzz.ratio(want, x) >= 88 for x in got if x)


def comparable_code(ref: ActorRef | None) -> str | None:
    """An actor's code as gold records write it: IGOs as "IGO", NGOs as "NGO"."""
    if ref is None or ref.code is None:
        return None
    if ref.kind == "igo":
        return "NGO" if ref.sector == "NGO" else "IGO"
    if ref.code not in ISO3 and ref.code != "IMG":
        return "IGO"  # a person whose role is in an IGO (Kofi Annan → UN)
    return ref.code


def _country_class(code: str | None) -> str | None:
    """For country accuracy: international organisations, governmental or not, are one class."""
    return "IGO" if code == "NGO" else code


def _type(e: Event | None) -> str:
    if e is None:
        return NONE
    return e.plover_type or "STATEMENT"


def choose(events: list[Event], gold: GoldRecord) -> Event | None:
    """The coder's event to compare with the gold event."""
    if not events:
        return None
    gold_src = {a.code for a in gold.sources}

    def rank(e: Event):
        return (_type(e) == gold.event_type, comparable_code(e.source) in gold_src, e.confidence, -e.trigger_start)

    return max(events, key=rank)


def score(gold: list[GoldRecord], produced: list[list[Event]]) -> EvalReport:
    """Score produced events (one list per gold record, same order)."""
    pairs = [(g, choose(evs, g), evs) for g, evs in zip(gold, produced)]
    types = sorted({g.event_type for g in gold})
    confusion: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for g, e, _ in pairs:
        confusion[g.event_type][_type(e)] += 1
    per_type = {}
    for t in types:
        tp = sum(1 for g, e, _ in pairs if g.event_type == t and _type(e) == t)
        fp = sum(1 for g, e, _ in pairs if g.event_type != t and _type(e) == t)
        fn = sum(1 for g, e, _ in pairs if g.event_type == t and _type(e) != t)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        per_type[t] = TypeScore(p, r, f, tp + fn)
    macro = sum(s.f1 for s in per_type.values()) / len(per_type) if per_type else 0.0
    quad_n = [(g, e) for g, e, _ in pairs if g.quad_class is not None]
    quad_ok = sum(1 for g, e in quad_n if e is not None and e.quad_class == g.quad_class)

    def actor_ok(golds: tuple[GoldActor, ...], ref: ActorRef | None) -> bool:
        return _country_class(comparable_code(ref)) in {_country_class(a.code) for a in golds}

    src_n = [(g, e) for g, e, _ in pairs if g.sources]
    tgt_n = [(g, e) for g, e, _ in pairs if g.targets]
    src_ok = sum(1 for g, e in src_n if e is not None and actor_ok(g.sources, e.source))
    tgt_ok = sum(1 for g, e in tgt_n if e is not None and actor_ok(g.targets, e.target))
    sec_total = sec_ok = 0
    for g, e, _ in pairs:
        for golds, ref in ((g.sources, e.source if e else None), (g.targets, e.target if e else None)):
            with_sector = [a for a in golds if a.sector]
            if not with_sector:
                continue
            sec_total += 1
            if ref is not None and ref.sector and ref.sector[:3] in {a.sector for a in with_sector}:
                sec_ok += 1
    misses, kinds, judged = [], Counter(), []
    for g, e, evs in pairs:
        problems = []
        if e is None:
            problems.append("no event")
        else:
            if _type(e) != g.event_type:
                problems.append(f"type {g.event_type}→{_type(e)}")
            if g.sources and not actor_ok(g.sources, e.source):
                problems.append("source " + ("unresolved" if comparable_code(e.source) is None else "wrong"))
            if g.targets and not actor_ok(g.targets, e.target):
                problems.append("target " + ("missing" if e.target is None else "unresolved" if comparable_code(e.target) is None else "wrong"))
            judged.append((e.confidence, not problems))
        if not problems:
            continue
        for p in problems:
            kinds["type wrong (" + p[5:] + ")" if p.startswith("type ") else p] += 1
        misses.append({
            "id": g.gid,
            "text": g.text,
            "problems": problems,
            "gold": {"type": g.event_type, "cameo": g.cameo, "sources": [a.code for a in g.sources], "targets": [a.code for a in g.targets]},
            "produced": [
                {"type": _type(x), "cameo": x.cameo, "source": comparable_code(x.source), "source_text": x.source.text if x.source else None,
                 "target": comparable_code(x.target), "target_text": x.target.text if x.target else None,
                 "trigger": x.trigger_text, "pattern": x.pattern, "mood": x.mood, "negated": x.negated}
                for x in evs
            ],
        })
    n = len(gold)
    return EvalReport(
        n=n,
        macro_f1=macro,
        quad_accuracy=quad_ok / len(quad_n) if quad_n else 0.0,
        source_accuracy=src_ok / len(src_n) if src_n else 0.0,
        target_accuracy=tgt_ok / len(tgt_n) if tgt_n else 0.0,
        sector_accuracy=sec_ok / sec_total if sec_total else None,
        per_type=per_type,
        confusion={k: dict(v) for k, v in confusion.items()},
        misses=misses,
        miss_kinds=kinds.most_common(),
        n_sources=len(src_n),
        n_targets=len(tgt_n),
        n_sectors=sec_total,
        reliability=reliability(judged),
        **dict(zip(("location_country_accuracy", "location_place_accuracy", "n_located"), _location_scores(pairs))),
    )


def evaluate(gold: Iterable[GoldRecord], coder: ArticleCoder, on_record: Callable[[int], None] | None = None) -> EvalReport:
    """Code every gold sentence (with its date) and score the result."""
    gold = list(gold)
    produced = []
    for i, g in enumerate(gold):
        art = Article.from_text(g.text, published=g.on, origin=f"gold:{g.gid}")
        produced.append(coder.code_article(art).events)
        if on_record:
            on_record(i)
    return score(gold, produced)


def event_summary(e: Event) -> dict:
    """The fields of a produced event a reader of a miss needs (``eval --misses``)."""
    return {"cameo": e.cameo, "trigger": e.trigger_text, "pattern": e.pattern, "mood": e.mood,
            "confidence": round(e.confidence, 3), "source": e.source.code if e.source else None,
            "target": e.target.code if e.target else None}
