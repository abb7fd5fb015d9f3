"""Where an event happened, read from its sentence and its article.

A place is taken, in this order, from:

* **clause**: a locative phrase on the trigger, on its object or on the verb it belongs to
  ("shelled *Kharkiv*", "talks *in Doha*", "extradited him *to Britain*", "a curfew *in Algiers*"),
  on a participle that says where an actor is ("guerrillas *operating in Macedonia*"), or on
  the phrase a purpose infinitive belongs to ("sent observers *to Burundi* to monitor …"). A
  verbal act (an appeal, a denunciation) is located, as the PLOVER records locate it, where its
  clause says it concerns ("denounced the suppression of unrest *in Montenegro*"), a statement
  only by a phrase on its own verb ("told reporters *in Kyiv*");
* **dateline**: the article's dateline ("KABUL —", "BLANTYRE, Malawi —"), for an event whose
  actors include that country's, to that country only;
* **domestic**: a material act whose two sides are both named and of one country ("a Bosnian
  court sentenced Dodik", "Afghan forces killed Taliban fighters"), to that country only;
* **article**: a material act of a story whose located material acts all happened in one
  country, one of whose sides is of that country ("gunmen stormed a hotel in Beledweyne" …
  "soldiers shot dead two militants"): a use of force to the place of the story's first
  located act where the others agree with it, else the first-level region they all lie in,
  else the country; another material act of that country's own actors to the country only. Judged by hand on the VOA development set, the events of a
  story's incident are told in sentences that do not repeat its place.

Nothing else — not a place named elsewhere in the sentence (judged by hand on VOA events, such a
place was the event's country in 32 of 81 and then, kept to one place in an actor's country, in
24 of 40): where the text supports no place, the event has none (a guess must not look like a
fact). A name several places share is decided by the article: the country the phrase names
beside it ("Bam, Iran"), then one the sentence says its place noun is in ("the north Lebanese
port"), then the country of one of the event's actors, then one the article names, then the
most populous. A venue is no party to an event (the coder already knows "met in Istanbul"), but
it is where the event happened.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from spacy.tokens import Token

from ..records import NAMED_VIAS, EventLocation
from .gazetteer import REGION_WORDS, Gazetteer, Place

__all__ = ["Location", "PLACE_NOUNS", "dateline_of", "locate"]

#: prepositions of place; "to" only after a verb of movement ("extradited to Britain")
_AT = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "off"})
_TOWARD = frozenset({"to", "into", "from", "out"})
_MOVEMENT = frozenset({"return", "travel", "fly", "go", "come", "extradite", "deport", "send", "deploy", "move", "arrive",
                       "visit", "expel", "repatriate", "march", "sail", "head", "transfer", "evacuate", "flee",
                       "withdraw", "withdrawal", "evacuation", "ship", "pull", "retreat", "airlift", "smuggle", "lead"})
#: a dateline: capitals, then optionally ", Country", then a dash ("KABUL —", "ISLAMABAD/PENTAGON —")
_DATELINE = re.compile(r"^\s*([A-Z][A-Z .'\u2019-]{1,40}?)(?:/[A-Z .'-]+)?(?:,\s*([A-Z][A-Za-z .'-]{2,40}))?\s*[\u2014\u2013-]{1,2}\s")


#: nouns for a feature of the land, written after its name ("the Jaffna peninsula")
_FEATURE_NOUNS = frozenset({"peninsula", "island", "islands", "valley", "coast", "delta", "basin", "plateau", "highlands"})

#: nouns that say a phrase names a place ("the city of", "the Donetsk region")
_PLACE_NOUNS = frozenset({"city", "town", "village", "capital", *REGION_WORDS, *_FEATURE_NOUNS})

#: nouns for a part of a place, whose "of" names the place ("the outskirts of Kabul")
_PART_NOUNS = frozenset({"outskirts", "outskirt", "suburb", "suburbs", "area", "part", "sector", "center", "centre", "heart",
                         "edge", "neighborhood", "neighbourhood", "quarter", "enclave", "zone", "port"})
_PLACE_OR_PART = _PLACE_NOUNS | _PART_NOUNS
#: (the coder reads a phrase these head as a place, not a body: "the southern regional capital Juba")
PLACE_NOUNS = _PLACE_OR_PART

#: nouns for a site, whose proper-name modifier is its place ("a West Bank refugee camp", "a
#: Kabul hospital"); a name written as an abbreviation is an owner, not a place ("a US base")
_SITE_NOUNS = frozenset("""camp hospital school prison jail base market mosque church temple hotel airport checkpoint
border crossing factory plant facility compound stadium square street road highway bridge station barracks
university campus clinic court courthouse residence headquarters""".split())

#: capitalised words that name times, not places ("in March" is no town in Cambridgeshire)
_NOT_PLACES = frozenset("""january february march april may june july august september october november december
monday tuesday wednesday thursday friday saturday sunday
asia europe africa america americas oceania antarctica arctic gulf sea ocean bay strait mediterranean pacific atlantic
caribbean balkans sahel""".split())
_DIRECTIONS = frozenset("""north south east west northern southern eastern western central northeast northwest southeast
southwest northeastern northwestern southeastern southwestern upper lower greater""".split())


@dataclass(frozen=True, slots=True)
class Location:
    """Where an event happened, and how dyadwatch knows."""

    text: str
    start: int | None
    end: int | None
    place: Place
    via: str  # "clause" | "dateline" | "domestic"

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


def _capital_of(tok: Token, gaz: Gazetteer | None) -> tuple[str, Token, int, int, bool] | None:
    """"the Turkish capital", "Kenya's capital": the country's capital city, named by the words
    that say whose capital it is (no name of its own in the phrase)."""
    if gaz is None or tok.pos_ != "NOUN" or tok.lemma_.lower() != "capital":
        return None
    if any(c.dep_ in ("appos", "compound") and c.pos_ == "PROPN" for c in tok.children):
        return None  # "the capital, Doha", "the capital Kabul": its own name says it
    whose = [c for c in tok.children if c.i < tok.i and (c.dep_ == "amod" or (c.dep_ == "poss" and c.pos_ == "PROPN"))]
    codes = {gaz.adjectives.get(c.lower_) or next((p.country for p in gaz.lookup(c.text) if p.kind == "country"), None)
             for c in whose}
    codes.discard(None)
    if len(codes) != 1:
        return None
    town = gaz.capital(codes.pop())
    if town is None:
        return None
    a = min(c.left_edge.i for c in whose)
    return (town.name, tok, a, tok.i + 1, False)


def _candidates(tok: Token, gaz: Gazetteer | None = None) -> list[tuple[str, Token, int, int, bool]]:
    """(name, head, start token, end token, called a region) for the place name a noun phrase
    may hold: the whole proper-noun run ending at its head ("the Somali city of Beledweyne" →
    "Beledweyne" through "of"); a name the phrase calls a region ("the province of Idlib", "the
    Donetsk region", "Kharkiv Oblast") is looked up among regions first; a country's capital
    called only that ("the Turkish capital")."""
    out: list[tuple[str, Token, int, int, bool]] = []
    capital = _capital_of(tok, gaz)
    if capital is not None:
        return [capital]
    head = tok
    region = False
    feature = None  # "the Jaffna peninsula": the name's text runs on to the noun
    if head.pos_ == "NOUN" and head.lemma_.lower() in _PLACE_OR_PART:
        region = head.lemma_.lower() in REGION_WORDS
        inner = [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        named = [c for c in head.children if c.dep_ in ("compound", "amod") and c.pos_ == "PROPN" and c.i < head.i]
        appos = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        if inner and inner[0].pos_ == "PROPN":
            head = inner[0]  # "the town of Gorazde", "the outskirts of Kabul", "a sector of east Beirut"
        elif appos and head.lemma_.lower() not in _PART_NOUNS:
            head = appos[0]  # "the capital, Nairobi", "the regional capital, Banja Luka"
        elif named and head.lemma_.lower() not in _PART_NOUNS:
            feature = head if head.lemma_.lower() in _FEATURE_NOUNS and named[-1].i == head.i - 1 else None
            head = named[-1]  # "the Donetsk region", "a West Bank town": the name before the word
        elif inner and inner[0].pos_ == "NOUN" and inner[0].lemma_.lower() in _PLACE_OR_PART | _SITE_NOUNS:
            return _candidates(inner[0])  # "the battle zones of the southern sector of the Jaffna peninsula"
        else:
            region = False
    elif head.pos_ == "NOUN" and head.lemma_.lower() in _SITE_NOUNS:
        named = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < head.i
                 and not c.text.replace(".", "").isupper()]
        if named:
            head = named[-1]
    if head.pos_ != "PROPN" or head.lower_ in _NOT_PLACES:
        return out
    a = head.i
    while a > 0 and head.doc[a - 1].dep_ in ("compound",) and head.doc[a - 1].pos_ == "PROPN" and head.doc[a - 1].head.i in range(a, head.i + 1):
        a -= 1
    # the whole name ("the Black Sea" is not a place called "Sea"), then without the words of
    # direction before it ("Western Cambodia", "east Bosnia"), then without a region word after
    # it ("Kharkiv Oblast", "Idlib Province")
    out.append((head.doc[a: head.i + 1].text, head, a, (feature or head).i + 1, region))
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


#: prepositions that put an act before or after another ("after the raid, troops stayed in X")
_SEQUENCE = frozenset({"after", "before", "since", "following", "until", "ahead"})

#: dependents that open a clause of their own: a place inside one is that clause's, not the event's
_OWN_CLAUSES = frozenset({"ccomp", "xcomp", "advcl", "relcl", "parataxis", "csubj", "conj"})


#: participles that say where their noun is ("guerrillas operating in Macedonia"), not where it
#: came from ("people fleeing wars in Somalia") nor an organisation's seat ("headquartered in Copenhagen")
_BEING_THERE = frozenset({"operate", "station", "deploy", "fight", "live", "work", "stay", "gather", "mass", "remain",
                          "hide", "serve", "patrol", "lead", "post", "position", "camp", "trap", "hold", "shelter",
                          "transport", "carry", "travel", "ride", "drive"})


def _where_it_is(acl: Token) -> bool:
    """A participle that says where its noun is or goes, and is no clause of its own: "guerrillas
    *operating in Macedonia*", "troops *stationed near* the border", "power lines *leading into*
    Kabul" (not "a bombing *that killed* …", which has a subject, nor an infinitive)."""
    return acl.tag_ in ("VBG", "VBN") and acl.lemma_.lower() in _BEING_THERE \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "mark") for c in acl.children)


def _purpose_head(trigger: Token) -> Token | None:
    """The phrase a purpose infinitive belongs to, whose place is its place too: "sent personnel
    *to Bosnia* to investigate", "a rally *in Lagos* to protest"."""
    if trigger.dep_ in ("advcl", "xcomp", "relcl", "acl") and trigger.head.i != trigger.i and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children):
        return trigger.head
    return None


def _in_a_name(prep: Token) -> bool:
    """The preposition is a word of a longer name: "the Committee for Freedom *in* Hong Kong"."""
    h = prep.head
    return h.pos_ == "PROPN" and h.dep_ == "pobj" and h.head.head.pos_ == "PROPN"


def _clause_phrase_places(trigger: Token, verbal: bool = False) -> list[Token]:
    """Place phrases anywhere in the trigger's own clause (its arguments' phrases included: "was
    killed in an explosion in Beirut", "Albanians in south Serbia are demanding"), nearest first,
    not in a clause of its own inside it ("a trial opened in Paris over a bombing that killed …");
    for a verbal act (``verbal``), what it is about is its content, infinitives on its nouns
    included ("would not meet demands to release prisoners in Iraq")."""
    top = trigger
    if trigger.pos_ in ("NOUN", "PROPN"):
        while top.dep_ in ("dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr", "compound", "amod") and top.head.i != top.i \
                and top.head.pos_ in ("NOUN", "PROPN", "ADP", "VERB", "AUX"):
            if top.dep_ == "prep" and top.lower_ in _SEQUENCE:
                break  # "after their expulsion, many settled in Mauritius": the settling's place, not the expulsion's
            top = top.head
            if top.pos_ in ("VERB", "AUX"):
                break
    seen: list[Token] = []
    stack = [top]
    while stack:
        t = stack.pop()
        seen.append(t)
        for c in t.children:
            infinitive = verbal and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
            if c.dep_ in _OWN_CLAUSES and c.pos_ in ("VERB", "AUX") and not (infinitive and c.dep_ == "xcomp" and t.dep_ in ("dobj", "pobj")):
                continue
            if c.dep_ == "acl" and c.pos_ == "VERB" and c.i != trigger.i and trigger.i not in {x.i for x in c.subtree} \
                    and not _where_it_is(c) and not infinitive:
                continue
            stack.append(c)
    def mover(v: Token) -> bool:  # "deported them to Turkey", "lines leading into Kabul"; not "travel from India"
        return v.lemma_.lower() in _MOVEMENT and (v.i == trigger.i or (v.dep_ == "acl" and _where_it_is(v)))

    places = [t for t in seen if t.dep_ == "pobj" and t.head.dep_ == "prep" and not _in_a_name(t.head) and
              (t.head.lower_ in _AT or (t.head.lower_ in _TOWARD and mover(t.head.head)))]
    return sorted(places, key=lambda t: abs(t.i - trigger.i))


#: verbs of saying whose participle on an act says where the act was said ("…, telling reporters in Kyiv")
_SPEAKING = frozenset({"tell", "say", "speak", "address", "brief", "announce", "declare"})


def _clause_places(trigger: Token, force: bool) -> list[Token]:
    """Place phrases of the trigger's own clause: on the trigger, its object, its verb; and,
    for a use of force, a place it is used on ("shelled Kharkiv")."""
    out = list(_locative_objects(trigger))
    for c in trigger.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr"):
            out += _locative_objects(c, mover=trigger)
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.head.i != trigger.i:
        out += _locative_objects(trigger.head)
    if trigger.pos_ == "NOUN":  # "a general strike that shut down Kathmandu": what the event did to a place
        out += [g for c in trigger.children if c.dep_ == "relcl" and any(x.dep_ == "nsubj" and x.tag_ == "WDT" for x in c.children)
                for g in c.children if g.dep_ == "dobj" and g.pos_ == "PROPN"]
    for c in trigger.children:  # "rejected the warrant, telling journalists in Banja Luka …": where it was said
        if c.dep_ == "advcl" and c.tag_ == "VBG" and c.lemma_.lower() in _SPEAKING:
            out += _locative_objects(c)
            out += [x for d in c.children if d.dep_ in ("dobj", "dative") for x in _locative_objects(d)]
    if force:  # "shelled Kharkiv", "shelled the Donetsk region": a place force is used on is where it happened
        out += [c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass") and (
            c.pos_ == "PROPN" or (c.pos_ == "NOUN" and c.lemma_.lower() in _PLACE_OR_PART))]
        if trigger.pos_ == "NOUN":  # "the attack on Ukraine", "strikes against Kharkiv"
            out += [g for c in trigger.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
                    for g in c.children if g.dep_ == "pobj" and g.pos_ == "PROPN"]
    return out


def _choose(places: list[Place], actor_codes: set[str], beside_codes: set[str], article_codes: set[str],
            region: bool = False, sentence_codes: frozenset[str] = frozenset()) -> Place | None:
    if region and any(p.kind == "admin1" for p in places):
        places = [p for p in places if p.kind == "admin1"]  # the text calls it a region: a region it is
    if not places:
        return None
    if len(places) == 1:
        return places[0]

    def score(p: Place) -> float:
        # the country the phrase names beside it ("Tripoli, Lebanon") decides; a country the
        # sentence names elsewhere ("… the north Lebanese port") outweighs a tenfold larger
        # population; the actors' and the article's countries weigh less than that ("Geneva" in
        # a story on Russia and the United States is still in Switzerland)
        return (2 * math.log10(p.population + 10) + 6 * (p.country in beside_codes) + 3.5 * (p.country in sentence_codes)
                + 1.0 * (p.country in actor_codes) + 0.5 * (p.country in article_codes) + 3 * (p.kind == "country")
                + 6 * (region and p.kind == "admin1"))

    return max(places, key=score)


def locate(trigger: Token, base: int, gaz: Gazetteer, actor_codes: set[str], article_codes: set[str],
           dateline: str | None, skip: Iterable[tuple[int, int]] = (), force: bool = False,
           statement: bool = False, sentence_codes: frozenset[str] = frozenset(), verbal: bool = False) -> Location | None:
    """The location of the event whose trigger is ``trigger`` (``base``: the sentence's offset in
    the article); ``skip`` are character ranges of the event's own actors ("Iraqi forces" is no
    place); ``force``: the event is a use of force (CAMEO 18–20); ``statement``: a statement (01x),
    which is located only by a place phrase on its own verb ("told reporters in Kyiv"), not by a
    place its speaker's phrase names ("a professor in Tokyo said"); ``sentence_codes``: the
    countries the sentence names, which decide between places of one name.
    """
    spans = list(skip)

    def one(h: Token, via: str) -> Location | None:
        for name, _head, a, b, region in _candidates(h, gaz):
            s = base + h.doc[a].idx
            e = base + h.doc[b - 1].idx + len(h.doc[b - 1].text)
            if any(x <= s < y for x, y in spans):
                continue
            places = gaz.lookup_region(name) if region else gaz.lookup(name)
            place = _choose(places, actor_codes, _beside(h.doc, a, b, gaz), article_codes, region, sentence_codes)
            if place is not None:
                return Location(h.doc[a:b].text, s, e, place, via)
        return None

    def found(heads: list[Token], via: str) -> Location | None:
        for h in heads:
            listed = [x for x in (h, *h.conjuncts) if x.pos_ in ("PROPN", "NOUN")]
            locs = [x for x in (one(x, via) for x in sorted(listed, key=lambda t: t.i)) if x is not None]
            if len({x.place.country for x in locs}) > 1:
                # "wars in Somalia and Sudan": the one in the event's actors' country, if one is;
                # else a list of places in several countries is no one place
                own = [x for x in locs if x.place.country in actor_codes]
                locs = own if len({x.place.country for x in own}) == 1 else []
            if locs:
                return locs[0]
        return None

    loc = found(_clause_places(trigger, force), "clause")
    purpose = _purpose_head(trigger)
    if loc is None and purpose is not None:
        loc = found(_clause_places(purpose, False), "clause") or found(_clause_phrase_places(purpose), "clause")
    if loc is None and not statement:
        loc = found(_clause_phrase_places(trigger, verbal), "clause")
    if loc is None:
        loc = _dateline_place(dateline, gaz, actor_codes, article_codes)
    return loc


def _dateline_place(dateline: str | None, gaz: Gazetteer, actor_codes: set[str], article_codes: set[str]) -> Location | None:
    """The dateline says where the story was written; it locates an event of its own country's
    actors ("KABUL — Afghan police detained …") to that country, and no closer: the story's
    city is not said to be where each act of the story happened."""
    if not dateline:
        return None
    place = _choose(gaz.lookup(dateline), actor_codes, set(), article_codes)
    if place is None or place.country not in actor_codes:
        return None
    country = gaz.country(place.country) if place.kind != "country" else place
    return Location(dateline, None, None, country or place, "dateline")


#: verbal acts, located as the PLOVER records locate them: where what they are about is
_VERBAL = frozenset({"02", "03", "05", "10", "11", "12", "13"})


#: actors the text names, a pronoun aside (a side named only by "it" or "they" says no country here)
_NAMED_VIAS = NAMED_VIAS - {"pronoun"}


def _domestic_place(e, gaz: Gazetteer) -> Location | None:
    """A material act whose two sides are named and of one country ("a Bosnian court sentenced
    Dodik", "Afghan forces killed Taliban fighters") happened in that country, no closer: an act
    of a state on its own people, or between its own parties. Not a verbal act (said, condemned:
    where it was said is another matter), not a statement, and not one side alone."""
    s, t = e.source, e.target
    if not _material(e) or s is None or t is None:
        return None
    if s.code is None or s.code != t.code or s.via not in _NAMED_VIAS or t.via not in _NAMED_VIAS:
        return None
    country = gaz.country(s.code)
    return Location(country.name, None, None, country, "domestic") if country is not None else None


_PLACE_OR_SITE = _PLACE_OR_PART | _SITE_NOUNS


def _named_countries(doc, gaz: Gazetteer) -> frozenset[str]:
    """The countries a sentence's place nouns are said to be in ("… the north *Lebanese* port",
    "a *Syrian* border town"): not the actors' adjectives ("Russian negotiators")."""
    out = set()
    for t in doc:
        if t.dep_ in ("amod", "compound") and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in _PLACE_OR_SITE:
            code = gaz.adjectives.get(t.lower_)
            if code:
                out.add(code)
    return frozenset(out)


def place_events(events: list, doc, base: int, gaz: Gazetteer, article_codes: set[str], dateline: str | None) -> list:
    """The events of one sentence (``doc``, at offset ``base``), each with its location where the
    text supports one."""
    if not events:
        return events
    by_start = {base + t.idx: t for t in doc}
    named = _named_countries(doc, gaz)
    out = []
    for e in events:
        tok = by_start.get(e.trigger_start)
        if tok is None:
            out.append(e)
            continue
        actors = [r for r in (e.source, e.target) if r is not None]
        codes = {r.code for r in actors if r.code}
        loc = locate(tok, base, gaz, codes, article_codes, dateline, force=e.cameo_root >= "18", statement=e.cameo_root == "01",
                     sentence_codes=named, verbal=e.cameo_root in _VERBAL)
        if loc is None:
            loc = _domestic_place(e, gaz)
        if loc is None:
            out.append(e)
            continue
        p = loc.place
        out.append(replace(e, location=EventLocation(loc.text, loc.start, loc.end, p.geonames_id, p.name, p.country,
                                                     p.admin1, p.lat, p.lon, loc.precision, loc.via)))
    return out


def place_by_article(events: list, gaz: Gazetteer) -> list:
    """An article's unlocated material acts at the article's main place: where the story's
    incident happened ("gunmen stormed a hotel in Beledweyne" … "soldiers shot dead two
    militants"), for an act one of whose sides is of that country. Only where the located
    material acts agree on one country: the place of the first of them (the lead) where the
    others agree with it (:func:`_closest_common`), else the first-level region they all lie in,
    else the country; never a verbal act, a meeting or a statement."""
    located = [e.location for e in events if e.location is not None and e.location.via == "clause" and _material(e)]
    if not located or len({x.country for x in located}) != 1:
        return events
    country = gaz.country(located[0].country)
    main = _closest_common(located) or _common_region(located, gaz, country)
    if main is None:
        return events
    out = []
    for e in events:
        loc = _article_place(e, main, country)
        out.append(replace(e, location=loc) if loc is not None else e)
    return out


def _article_place(e, main: EventLocation, country: Place | None) -> EventLocation | None:
    """The article's main place for one event, or None: a use of force by or on that country's
    side, at the main place (the story's incident), also where only its two sides' country
    placed it; another material act of that country's own actors (a designation, a ban, an
    arrest), in the country only (where the force was used is not where a ministry acted)."""
    if not _material(e):
        return None
    if e.cameo_root >= "18":
        closer = e.location is None or (e.location.via == "domestic" and e.location.country == main.country
                                        and main.precision != "country")
        sides = {r.code for r in (e.source, e.target) if r is not None}
        return replace(main, start=None, end=None, via="article") if closer and main.country in sides else None
    if e.location is None and country is not None and e.source is not None and e.source.code == main.country:
        return _whole_country(country, "article")
    return None


def _closest_common(located: list[EventLocation]) -> EventLocation | None:
    """The story's incident's place: its first located act's (the lead's), where every other
    located act agrees with it (the same place, the place's region, or the country; for a lead
    placed in a region, places inside it); for a lead placed only in the country, the one place
    at least half of the located acts give. None where they disagree."""
    lead = located[0]

    def same(x, y) -> bool:
        return x.geonames_id == y.geonames_id and x.name == y.name

    if lead.precision == "place":
        ok = all(x.precision == "country" or (x.precision == "place" and same(x, lead))
                 or (x.precision == "admin1" and x.name == lead.admin1) for x in located)
        return lead if ok else None
    if lead.precision == "admin1":
        ok = all(x.precision == "country" or (x.precision == "admin1" and x.name == lead.name)
                 or (x.precision == "place" and x.admin1 == lead.name) for x in located)
        return lead if ok else None
    finer = [x for x in located if x.precision != "country"]
    if not finer:
        return lead
    if all(same(x, finer[0]) for x in finer) and 2 * len(finer) >= len(located):
        return finer[0]
    return None


def _common_region(located: list[EventLocation], gaz: Gazetteer, country: Place | None) -> EventLocation | None:
    """The first-level region all these locations lie in ("Sibi" and "Balochistan province"), as
    a location; else their one ``country``."""
    regions = {x.admin1 if x.precision == "place" else x.name if x.precision == "admin1" else None for x in located}
    if len(regions) == 1 and None not in regions:
        name = regions.pop()
        p = next((p for p in gaz.lookup_region(name) if p.kind == "admin1" and p.country == located[0].country), None)
        if p is not None:
            return EventLocation(p.name, None, None, p.geonames_id, p.name, p.country, p.admin1, p.lat, p.lon, "admin1", "article")
    return _whole_country(country, "article") if country is not None else None


def _whole_country(country: Place, via: str) -> EventLocation:
    """A location that is a whole country (no point: a country has no one place)."""
    return EventLocation(country.name, None, None, country.geonames_id, country.name, country.country, None, None, None,
                         "country", via)


def _material(e) -> bool:
    return e.cameo_root not in _VERBAL and e.cameo_root not in ("01", "04")
