"""Where an event happened, read from its sentence and its article.

A place is taken, in this order, from:

* **clause**: a locative phrase on the trigger, on its object or on the verb it belongs to
  ("shelled *Kharkiv*", "talks *in Doha*", "extradited him *to Britain*", "a curfew *in Algiers*");
* **dateline**: the article's dateline ("KABUL —", "BLANTYRE, Malawi —"), for an event whose
  actors include that country's.

Nothing else — not a place named elsewhere in the sentence (judged by hand on 81 VOA events, such
a place was the event's in fewer than half of them): where the text supports no place, the event
has none (a guess must not look like a fact). A name several places share is decided by the article: a place in the country of one of
the event's actors, then one in a country the sentence names ("Bam, Iran"), then one in a country
the article names, then the most populous. A venue is no party to an event (the coder already
knows "met in Istanbul"), but it is where the event happened.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from collections.abc import Iterable

from spacy.tokens import Token

from .gazetteer import REGION_WORDS, Gazetteer, Place

__all__ = ["Location", "dateline_of", "locate"]

#: prepositions of place; "to" only after a verb of movement ("extradited to Britain")
_AT = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "off"})
_TOWARD = frozenset({"to", "into", "from", "out"})
_MOVEMENT = frozenset({"return", "travel", "fly", "go", "come", "extradite", "deport", "send", "deploy", "move", "arrive",
                       "visit", "expel", "repatriate", "march", "sail", "head", "transfer", "evacuate", "flee",
                       "withdraw", "withdrawal", "evacuation", "ship", "pull", "retreat", "airlift", "smuggle"})
#: a dateline: capitals, then optionally ", Country", then a dash ("KABUL —", "ISLAMABAD/PENTAGON —")
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\u2019-]{1,40}?)(?:/[A-Z .'-]+)?(?:,\s*([A-Z][A-Za-z .'-]{2,40}))?\s*[\u2014\u2013-]{1,2}\s")


#: nouns that say a phrase names a place ("the city of", "the Donetsk region")
_PLACE_NOUNS = frozenset({"city", "town", "village", "capital", *REGION_WORDS})

#: nouns for a part of a place, whose "of" names the place ("the outskirts of Kabul")
_PART_NOUNS = frozenset({"outskirts", "outskirt", "suburb", "suburbs", "area", "part", "sector", "center", "centre", "heart",
                         "edge", "neighborhood", "neighbourhood", "quarter", "enclave", "zone", "port"})
_PLACE_OR_PART = _PLACE_NOUNS | _PART_NOUNS

#: capitalised words that name times, not places ("in March" is no town in Cambridgeshire)
_NOT_PLACES = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday""".split())
_DIRECTIONS = frozenset("""north south east west northern southern eastern western central northeast northwest southeast
southwest northeastern northwestern southeastern southwestern upper lower greater""".split())


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, and how dyadwatch knows."""

    text: str
    start: int | None
    end: int | None
    place: Place
    via: str  # "clause" | "sentence" | "dateline"

    @property
    def precision(self) -> str:
        return "country" if self.place.kind == "country" else "admin1" if self.place.kind == "admin1" else "place"


def dateline_of(text: str) -> str | None:
    """The place name of an article's dateline ("KABUL —" → "Kabul"), or None."""
    m = _DATELINE.match(text[:120])
    if not m:
        return None
    name = m.group(1).split("/")[0].strip()
    if len(name) < 3 or not any(c.isalpha() for c in name):
        return None
    return name.title()


def _candidates(tok: Token) -> list[tuple[str, Token, int, int, bool]]:
    """(name, head, start token, end token, called a region) for the place name a noun phrase
    may hold: the whole proper-noun run ending at its head ("the Somali city of Beledweyne" →
    "Beledweyne" through "of"); a name the phrase calls a region ("the province of Idlib", "the
    Donetsk region", "Kharkiv Oblast") is looked up among regions first."""
    out: list[tuple[str, Token, int, int, bool]] = []
    head = tok
    region = False
    if head.pos_ == "NOUN" and head.lemma_.lower() in _PLACE_OR_PART:
        region = head.lemma_.lower() in REGION_WORDS
        inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        named = [c for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" and c.i < head.i]
        if inner and inner[0].pos_ == "PROPN":
            head = inner[0]  # "the town of Gorazde", "the outskirts of Kabul", "a sector of east Beirut"
        elif named and head.lemma_.lower() not in _PART_NOUNS:
            head = named[-1]  # "the Donetsk region", "a West Bank town": the name before the word
        else:
            region = False
    if head.pos_ != "PROPN" or head.lower_ in _NOT_PLACES:
        return out
    a = head.i
    while a > 0 and head.doc[a - 1].dep_ in ("compound",) and head.doc[a - 1].pos_ == "PROPN" and head.doc[a - 1].head.i in range(a, head.i + 1):
        a -= 1
    # the whole name ("the Black Sea" is not a place called "Sea"), then without the words of
    # direction before it ("Western Cambodia", "east Bosnia"), then without a region word after
    # it ("Kharkiv Oblast", "Idlib Province")
    out.append((head.doc[a: head.i + 1].text, head, a, head.i + 1, region))
    k = a
    while k < head.i and head.doc[k].lower_ in _DIRECTIONS:
        k += 1
    if k != a:
        out.append((head.doc[k: head.i + 1].text, head, k, head.i + 1, region))
    last = max((j for j in range(a, head.i) if head.doc[j].lower_ in _DIRECTIONS), default=None)
    if last is not None and last + 1 > k:  # "mostly Christian east Beirut": the name after its last direction
        out.append((head.doc[last + 1: head.i + 1].text, head, last + 1, head.i + 1, region))
    if head.i > k and head.lower_ in REGION_WORDS:
        out.append((head.doc[k: head.i].text, head, k, head.i + 1, True))
    return out


def _beside(doc, a: int, b: int, gaz: Gazetteer) -> set[str]:
    """The countries a place's own phrase names beside it: "Bam, Iran", "Paris, Texas",
    "East Timor's capital Dili", "Tripoli, in northern Lebanon"."""
    out: set[str] = set()
    words = []
    k = b
    if k < len(doc) and doc[k].text == ",":
        k += 1
        while k < len(doc) and (doc[k].lower_ == "in" or doc[k].lower_ in _DIRECTIONS):
            k += 1
        while k < len(doc) and doc[k].pos_ == "PROPN" and len(words) < 4:
            words.append(doc[k].text)
            k += 1
    for n in range(len(words), 0, -1):
        hit = [p.country for p in gaz.lookup(" ".join(words[:n])) if p.kind in ("country", "admin1")]
        if hit:
            out.update(hit)
            break
    head = doc[b - 1]
    for t in (head.head, *head.head.children) if head.dep_ in ("appos", "compound") else ():
        if t.dep_ == "poss" or t.i == head.head.i:
            out.update(p.country for p in gaz.lookup(t.text) if p.kind in ("country", "admin1"))
    return out


def _locative_objects(tok: Token, mover: Token | None = None) -> Iterable[Token]:
    """Objects of place prepositions attached to ``tok`` ("in Kabul", "outside of Basra"); "to",
    "from" … where ``mover`` (``tok`` itself unless given: the verb whose object ``tok`` is) is
    a verb of movement ("evacuated the wounded from Gorazde")."""
    moving = (mover if mover is not None else tok).lemma_.lower() in _MOVEMENT
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ in _AT or (c.lower_ in _TOWARD and moving)):
            for g in c.children:
                if g.dep_ == "pobj":
                    yield g
                elif g.dep_ == "prep" and g.lower_ == "of":  # "outside of the city of Basra"
                    yield from (x for x in g.children if x.dep_ == "pobj")


#: dependents that open a clause of their own: a place inside one is that clause's, not the event's
_OWN_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "csubj", "conj"})


def _clause_phrase_places(trigger: Token) -> list[Token]:
    """Place phrases anywhere in the trigger's own clause (its arguments' phrases included: "was
    killed in an explosion in Beirut", "Albanians in south Serbia are demanding"), nearest first,
    not in a clause of its own inside it ("a trial opened in Paris over a bombing that killed …")."""
    top = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        while top.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "amod") and top.head.i != top.i \
                and top.head.pos_ in ("NOUN", "PROPN", "ADP", "VERB", "AUX"):
            top = top.head
            if top.pos_ in ("VERB", "AUX"):
                break
    seen: list[Token] = []
    stack = [top]
    while stack:
        t = stack.pop()
        seen.append(t)
        for c in t.children:
            if c.dep_ in _OWN_CLAUSES and c.pos_ in ("VERB", "AUX"):
                continue
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.i != trigger.i and trigger.i not in {x.i for x in c.subtree}:
                continue
            stack.append(c)
    places = [t for t in seen if t.dep_ == "pobj" and t.head.dep_ == "prep" and
              (t.head.lower_ in _AT or (t.head.lower_ in _TOWARD and t.head.head.lemma_.lower() in _MOVEMENT))]
    return sorted(places, key=lambda t: abs(t.i - trigger.i))


def _clause_places(trigger: Token, force: bool) -> list[Token]:
    """Place phrases of the trigger's own clause: on the trigger, its object, its verb; and,
    for a use of force, a place it is used on ("shelled Kharkiv")."""
    out = list(_locative_objects(trigger))
    for c in trigger.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out += _locative_objects(c, mover=trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.i != trigger.i:
        out += _locative_objects(trigger.head)
    if force:  # "shelled Kharkiv", "shelled the Donetsk region": a place force is used on is where it happened
        out += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and (
            c.pos_ == "PROPN" or (c.pos_ == "NOUN" and c.lemma_.lower() in _PLACE_OR_PART))]
    return out


def _choose(places: list[Place], actor_codes: set[str], sentence_codes: set[str], article_codes: set[str],
            region: bool = False) -> Place | None:
    if region and any(p.kind == "admin1" for p in places):
        places = [p for p in places if p.kind == "admin1"]  # the text calls it a region: a region it is
    if not places:
        return None
    if len(places) == 1:
        return places[0]

    def score(p: Place) -> float:
        # the country the sentence names beside it ("Tripoli, Lebanon") decides; the actors'
        # and the article's countries weigh less than a tenfold larger population ("Geneva"
        # in a story on Russia and the United States is still in Switzerland)
        return (2 * math.log10(p.population + 10) + 6 * (p.country in sentence_codes) + 1.0 * (p.country in actor_codes)
                + 0.5 * (p.country in article_codes) + 3 * (p.kind == "country") + 6 * (region and p.kind == "admin1"))

    return max(places, key=score)


def locate(trigger: Token, base: int, gaz: Gazetteer, actor_codes: set[str], article_codes: set[str],
           dateline: str | None, skip: Iterable[tuple[int, int]] = (), force: bool = False,
           statement: bool = False) -> Location | None:
    """The location of the event whose trigger is ``trigger`` (``base``: the sentence's offset in
    the article); ``skip`` are character ranges of the event's own actors ("Iraqi forces" is no
    place); ``force``: the event is a use of force (CAMEO 18–20); ``statement``: a statement (01x),
    which is located only by a place phrase on its own verb ("told reporters in Kyiv"), not by a
    place its speaker's phrase names ("a professor in Tokyo said")."""
    spans = list(skip)

    def found(heads: list[Token], via: str) -> Location | None:
        for h in heads:
            for name, _head, a, b, region in _candidates(h):
                s = base + h.doc[a].idx
                e = base + h.doc[b - 1].idx + len(h.doc[b - 1].text)
                if any(x <= s < y for x, y in spans):
                    continue
                places = gaz.lookup_region(name) if region else gaz.lookup(name)
                place = _choose(places, actor_codes, _beside(h.doc, a, b, gaz), article_codes, region)
                if place is not None:
                    return Location(name, s, e, place, via)
        return None

    loc = found(_clause_places(trigger, force), "clause")
    if loc is None and not statement:
        loc = found(_clause_phrase_places(trigger), "clause")
    if loc is None and dateline:
        # the dateline says where the story was written; it locates an event of its own country's
        # actors ("KABUL — Afghan police detained …"), not a statement from elsewhere
        place = _choose(gaz.lookup(dateline), actor_codes, set(), article_codes)
        if place is not None and place.country in actor_codes:
            loc = Location(dateline, None, None, place, "dateline")
    return loc


def place_events(events: list, doc, base: int, gaz: Gazetteer, article_codes: set[str], dateline: str | None) -> list:
    """The events of one sentence (``doc``, at offset ``base``), each with its location where the
    text supports one."""
    from dataclasses import replace

    from ..records import EventLocation

    if not events:
        return events
    by_start = {base + t.idx: t for t in doc}
    out = []
    for e in events:
        tok = by_start.get(e.trigger_start)
        if tok is None:
            out.append(e)
            continue
        actors = [r for r in (e.source, e.target) if r is not None]
        codes = {r.code for r in actors if r.code}
        loc = locate(tok, base, gaz, codes, article_codes, dateline, force=e.cameo_root >= "18", statement=e.cameo_root == "01")
        if loc is None:
            out.append(e)
            continue
        p = loc.place
        out.append(replace(e, location=EventLocation(loc.text, loc.start, loc.end, p.geonames_id, p.name, p.country,
                                                     p.admin1, p.lat, p.lon, loc.precision, loc.via)))
    return out
