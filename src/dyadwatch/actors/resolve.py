"""Resolve argument noun phrases to actors, date-aware and document-aware.

One :class:`ActorResolver` serves one article: it remembers the people named in full
(so a later bare surname is the same person), the subjects of earlier sentences (for
"this country", "it", "he", "they"), and the actors the article talks about most (for
"the two sides").

The resolver decides; it reads no words itself. The words of a noun phrase are read once per
head into a :class:`~.noun_phrase.NounPhrase` (its tokens and text, the mentions in it and
which only qualify someone, its agent words, determiner, possessors …), the words around a
bare surname by :mod:`.surnames`, those around one mention by :mod:`.phrases`. From those
readings and the article's memory (people named in full, earlier subjects, the countries it
names most, the date) it decides each actor's code, sector and kind.

Bare surnames. A bare surname ("Alvarez", "Lai") is a dictionary person only when

- the article (or its headline) has named that person in full, and no one else with that
  surname ("Jimmy Lai" makes a later "Lai" no longer Taiwan's president), or
- an office title in the same noun phrase fits one of that person's roles ("President
  Lai", "Foreign Minister Wang", "the Trump administration"); honorifics ("Mr.", "Dr.")
  and royal titles ("King Hassan": monarchs go by given or regnal names) do not count.

Otherwise it stays an unknown person (code ``None``, via ``surname?``); where the sentence
names exactly one country and a court or police body acts in it ("Hong Kong police
arrested Lai"), that country (via ``surname+sentence``).

Pronouns across sentences. "he"/"she" take the last earlier subject that is a person,
"it"/"its" the last singular subject that is a country, organisation or body, "they"/"their"
the last plural subject (a plural noun, a conjunction, a group); the most recent sentence
with such a subject decides, and when it has two different ones, or one the article does
not identify (an unknown person, an agent no text places), the pronoun stays unresolved.

Coordinated actors. Each conjunct is an actor of its own, with the sector of the head:
"French and German diplomats" (FRA GOV, DEU GOV), "officials from France and Germany".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from spacy.attrs import DEP
from spacy.tokens import Doc, Token

from ..records import ActorRef
from .dictionary import ISO3, TITLES, ActorDictionary
from .matcher import Mention
from .noun_phrase import NounPhrase, read
from .phrases import (LOCATIVE_PREPS, RELATIONAL_NOUNS, SentenceContext, after_anti, at_home, backer, mentions_in,
                      names_a_border, np_tokens, own_side, related_only)
from .surnames import COMMON_WORD_SURNAMES, given_name_before, other_given_name, title_fits, title_of

__all__ = ["ActorResolver", "SentenceContext", "np_tokens", "related_only"]

_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: "his country", "their nation": the country of the possessor
_HOMELAND = frozenset({"country", "nation", "homeland"})
#: pronouns and the kind of antecedent they take
_PRONOUN_KIND = {"it": "thing", "its": "thing", "he": "person", "him": "person", "his": "person", "she": "person",
                 "her": "person", "they": "any", "them": "any", "their": "any"}
#: nationalities whose "X-ian" modifier tells an origin, not a home: "Turkish Cypriots", "Arab Americans"
_CIVIC_DEMONYMS = frozenset({"americans", "canadians", "australians", "cypriots", "britons", "brazilians", "argentines", "argentinians", "new zealanders"})
#: how a reference was guessed rather than read
_GUESSED = frozenset({"agent+context", "context", "focus", "domestic", "unnamed", "unnamed+place"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "him", "her", "them"})
_KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3}
#: how many sentences back an anaphor may reach
_REACH = 3
#: sectors of a singular agent that "he" or "she" may stand for ("the minister said … He added")
_PERSON_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "ELI", "REB", "MED", "HRI", "NGO", "CVL", "REL", "BUS"})
#: sectors of a court or police body: a person it acts on is taken to be of its country
_INSTITUTION_SECTORS = frozenset({"COP", "JUD"})
#: the document memory's mark for a surname that two people named in the article share
_AMBIGUOUS = "?"


@dataclass(frozen=True, slots=True)
class _Subject:
    """A subject of an earlier clause, as a pronoun's candidate antecedent."""

    index: int  # sentence
    refs: tuple[ActorRef, ...]
    plural: bool | None  # None: either ("the Taliban", a group named in the singular)


class ActorResolver:
    """Per-article actor resolution. ``on`` is the article date (``None`` if unknown)."""

    def __init__(self, dictionary: ActorDictionary, on: date | None, headline: str | None = None,
                 article_countries: frozenset[str] = frozenset()) -> None:
        self.d = dictionary
        self.on = on
        #: the countries the article names anywhere (by name, adjective, capital or place): a bare
        #: surname of a head of state or government in office is that leader only in an
        #: article about that leader's country (see :meth:`_office_holder`)
        self.article_countries = article_countries
        #: (doc, sentence, head, exclude) → what resolve() found: a sentence's subjects are
        #: resolved for the pronoun memory and again for its events (the profile's largest
        #: share of the coder's own time after the parse)
        self._memo: dict[tuple, tuple[ActorRef, ...]] = {}
        self.persons_seen: dict[str, str] = {}  # surname → actor id named in full earlier ("?" if two people share it)
        #: surname → who the article named in full with it: person actor ids, or "?Given Surname" for someone unknown
        self._named: dict[str, set[str]] = {}
        #: subjects of the clauses of earlier sentences, in order (for pronouns)
        self.subjects: list[_Subject] = []
        #: surname → person, for a surname that is also another actor's name ("Montenegro", "Wagner")
        #: whose first use in the article was in that person's full name ("Luís Montenegro")
        self._name_is_person: dict[str, str] = {}
        #: people the dictionary does not know, named in full with what places them ("special
        #: rapporteur Richard Bennett of the United Nations", "Guatemalan journalist Jose Ruben
        #: Zamora"): surname → (code, sector), for the bare surname later in the article
        self._placed_unknown: dict[str, tuple[str, str | None]] = {}
        #: names of countries, groups … the article has used on their own
        self._bare_seen: set[str] = set()
        #: a named body's head word → the bodies the article has named with it ("the International
        #: Court of Justice" → "court"), for "the court" later
        self._bodies: dict[str, dict[str, ActorRef]] = {}
        self.codes_seen: Counter[str] = Counter()
        if headline:
            self.observe_headline(headline)

    @staticmethod
    def countries_named(dictionary: ActorDictionary, mentions: list[list[Mention]], on: date | None) -> frozenset[str]:
        """The country codes of every country, capital and place the mentions name (not
        people, bodies or agent words): what :attr:`article_countries` holds."""
        out: set[str] = set()
        for ms in mentions:
            for m in ms:
                if m.is_agent:
                    continue
                for aid, via in m.candidates:
                    if via == "surname":
                        continue
                    entry = dictionary.entries.get(aid)
                    if entry is not None and entry.kind == "country":
                        code = entry.at(on)[0]
                        if code:
                            out.add(code)
                    elif entry is None and aid.startswith("place:"):
                        out.add(aid.split(":")[1])
        return frozenset(out)

    # -- memory ----------------------------------------------------------------------
    def _remember_name(self, sur: str, who: str) -> None:
        named = self._named.setdefault(sur, set())
        named.add(who)
        people = {w for w in named if not w.startswith("?")}
        if len(named) == 1 and people:
            self.persons_seen[sur] = who
        else:
            self.persons_seen[sur] = _AMBIGUOUS  # two people, or someone the dictionary does not know

    def observe_headline(self, text: str) -> None:
        """Take the people a headline names as named in the article: in full ("Donald Trump
        …"), or by a bare surname that only one person in office on the article date has
        ("Trump threatens …"): headlines name office-holders by surname alone."""
        words = [w for w in (_HEADLINE_EDGE.sub("", w) for w in text.split()) if w]
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 5), i, -1):
                aids = [a for a, v in self.d.names.get(" ".join(words[i:j]), ()) if v == "name" and a.startswith("person:")]
                if aids:
                    for sur in self.d.person_surnames.get(aids[0], ()):
                        self._remember_name(sur, aids[0])
                    i = j
                    break
            else:
                w = words[i]
                prev = words[i - 1] if i > 0 else ""
                # "Jimmy Lai": someone else's given name (in a Title Case headline any capitalised
                # word may be one: no surname there is taken unless a title or a name comes first)
                given = prev[:1].isupper() and prev.lower().rstrip(".") not in TITLES and prev not in self.d.names
                if self.on is not None and w in self.d.surnames and w not in self.d.names and w.lower() not in COMMON_WORD_SURNAMES \
                        and not given:
                    active = [a for a in self.d.surnames[w] if any(r.active(self.on) for r in self.d.get(a).roles)]
                    if len(active) == 1:
                        self._remember_name(w, active[0])
                i += 1

    def observe(self, ctx: SentenceContext) -> None:
        """Remember full names, codes and subjects of a sentence (call for every sentence, in order)."""
        for m in ctx.mentions:
            for aid, via in m.candidates:
                if via == "name" and aid.startswith("person:"):
                    for sur in self.d.person_surnames.get(aid, ()):
                        self._remember_name(sur, aid)
                        if sur in self.d.names and sur not in self._bare_seen:
                            self._name_is_person.setdefault(sur, aid)
                    break
            else:
                if any(v != "surname" for _, v in m.candidates) and m.text not in self._name_is_person:
                    self._bare_seen.add(m.text)
                if m.candidates and all(v == "surname" for _, v in m.candidates) and given_name_before(m, ctx, self.d.agents):
                    # "Jimmy Lai", "Jose Ruben Zamora": someone else with that surname
                    self._remember_name(m.text, f"?{ctx.doc[m.start - 1].text if m.start else ''} {m.text}")
            # (a surface test, so that parsed and unparsed sentences count alike)
            ref = None if names_a_border(m, ctx.doc) else self.mention_ref(m, ctx)
            if ref is not None and ref.code and not (ref.actor_id or "").startswith("body:") and not _outlet(ref):
                self.codes_seen[ref.code] += 1  # (a news outlet's country is not what the story is about)
            if ref is not None and ref.code and ref.actor_id and ref.kind == "igo":
                for word in {w.lower() for w in m.text.split()} & _BODY_HEADS:
                    self._bodies.setdefault(word, {})[ref.actor_id] = ref
        if _parsed(ctx.doc):
            self._note_subjects(ctx)

    def _note_subjects(self, ctx: SentenceContext) -> None:
        """The subjects of every clause of a parsed sentence, as antecedents for later pronouns."""
        doc = ctx.doc
        strings = doc.vocab.strings
        subj_ids = {strings["nsubj"], strings["nsubjpass"]}
        # the subjects' indices from one array, without making a Token for every word
        for i in [i for i, d in enumerate(doc.to_array([DEP]).tolist()) if d in subj_ids]:
            t = doc[i]
            if t.tag_ in ("WP", "WDT", "EX"):
                continue
            if t.lower_ not in _PRONOUN_KIND and t.pos_ != "PROPN" and not any(
                    i in ctx.by_token for i in range(t.left_edge.i, t.right_edge.i + 1)):
                continue  # names no actor and refers to none ("the plan"): nothing to resolve
            refs = [r for r in self.resolve(t, ctx) if r.code or r.kind in ("agent", "unknown", "person")]
            if not refs:
                continue
            # agents are placed where their own sentence places them; a guess from the sentence's
            # other actors ("Leaders at the summit criticized Russia") is no antecedent's country
            refs = [self._placed(r, ctx) for r in refs]
            # one actor named twice ("the Baloch Liberation Army, or BLA") is one
            refs = list({(r.code, r.actor_id, r.sector): r for r in reversed(refs)}.values())[::-1]
            if t.lower_ in ("they", "them", "we"):
                plural: bool | None = True
            elif len(refs) > 1 or t.tag_ in ("NNS", "NNPS") or self._plural_agent(t, ctx):
                plural = True
            elif refs[0].kind == "group" or (refs[0].kind == "unknown" and refs[0].via == "unresolved"):
                plural = None  # "the Taliban said they …", "Hamas said it …"
            else:
                plural = False
            self.subjects.append(_Subject(ctx.index, tuple(refs), plural))

    def _plural_agent(self, t: Token, ctx: SentenceContext) -> bool:
        """A head that is the plural of an agent word ("Rebels", whatever the tagger says)."""
        m = ctx.by_token.get(t.i)
        agent = self.d.agents.get(m.text.lower()) if m is not None and m.is_agent else None
        return agent is not None and agent.plural

    def _placed(self, ref: ActorRef, ctx: SentenceContext) -> ActorRef:
        if ref.kind != "agent" or ref.code is not None:
            return ref
        placed = self.situate(ref, ctx)
        return ref if placed.via in _GUESSED else placed

    def note_subject(self, ctx: SentenceContext, ref: ActorRef | None) -> None:
        """Remember the subject of a sentence that :meth:`observe` could not (one not parsed)."""
        if ref is None or ref.code is None or ref.via in _GUESSED:
            return  # only actors the text names are remembered, not guesses
        if any(s.index == ctx.index for s in self.subjects):
            return  # observe took the subjects of this (parsed) sentence
        self.subjects.append(_Subject(ctx.index, (ref,), None))

    def note_unparsed(self, ctx: SentenceContext) -> None:
        """For a sentence that was not parsed, take its first actor as the subject (a parsed
        sentence's subjects were taken by :meth:`observe`; an object is no antecedent)."""
        if _parsed(ctx.doc):
            return
        for m in ctx.mentions:
            ref = self.mention_ref(m, ctx)
            if ref is not None and ref.code and not _outlet(ref):  # ("described to VOA": an outlet reports)
                self.note_subject(ctx, ref)
                return

    def focus_pair(self) -> list[str]:
        return [c for c, _ in self.codes_seen.most_common(2)]

    # -- single mentions -------------------------------------------------------------
    def mention_ref(self, m: Mention, ctx: SentenceContext, sector_hint: str | None = None) -> ActorRef | None:
        """The actor a dictionary mention stands for on the article date."""
        s, e = ctx.span(m.start, m.end)
        if m.is_agent:
            return ActorRef(m.text, None, m.sector, None, "agent", s, e, "agent")
        named = [(a, v) for a, v in m.candidates if v != "surname"]
        person = self._name_is_person.get(m.text)
        if person is not None and self.persons_seen.get(m.text) == person and (person, "surname") in m.candidates \
                and ctx.doc[m.start].pos_ in ("", "PROPN") and not other_given_name(m, ctx, self.d.agents):
            # "Luís Montenegro … Montenegro said": the person the article named, not the country
            aid, via = person, "surname"
        elif named:
            aid, via = min(named, key=lambda av: _KIND_RANK.get(self.d.get(av[0]).kind, 9))
        else:
            aid = self._surname(m, ctx)
            if aid is None:
                placed = self._placed_unknown.get(m.text)
                if placed is not None and not other_given_name(m, ctx, self.d.agents):
                    # "Bennett said …" after "special rapporteur Richard Bennett of the UN"
                    return ActorRef(m.text, placed[0], placed[1], None, "person", s, e, "memory")
                return ActorRef(m.text, None, None, None, "unknown", s, e, "surname?")
            via = "surname"
        entry = self.d.get(aid)
        code, sector, _role = entry.at(self.on)
        if aid in self.d.body_shared:
            code = self._body_country(aid, code)
        if entry.kind == "person" and (sector == "ELI" or sector_hint == "ELI") and sector_hint:
            sector = sector_hint
        elif entry.kind == "person" and sector is None and sector_hint:
            # "Iraqi President Saddam Hussein" in a record of no date (or one the dated roles do not
            # cover): the title in the phrase says what the person is
            sector = sector_hint
        if entry.kind == "country" and sector is None and sector_hint:
            sector = sector_hint
        if entry.kind == "igo" and sector == "IGO" and sector_hint:
            sector = sector_hint  # "UN peacekeepers" MIL, "Arab League officials" GOV: the part of the body that acts
        if entry.kind == "country" and sector is None and via in ("demonym", "people") and ctx.doc[m.end - 1].tag_ in ("NNS", "NNPS"):
            sector = "CVL"  # "Thousands of Nigerians", "168 Liberians": people, not their state
        return ActorRef(m.text, code, sector, aid, entry.kind if entry.kind != "country" or not aid.startswith("seat:") else "country", s, e, via)

    def _learn_unknown(self, ref: ActorRef, ctx: SentenceContext) -> None:
        """Remember the country (and sector) the text gives an unknown person it names in
        full, for the bare surname later: only what the text says, never a guess."""
        if not ref.code or ref.via in _GUESSED or ref.via == "memory":
            return
        for m in ctx.mentions:
            if not m.candidates or not all(v == "surname" for _, v in m.candidates) or m.text in self._placed_unknown:
                continue
            ms, me = ctx.span(m.start, m.end)
            if ref.start <= ms and me <= ref.end and given_name_before(m, ctx, self.d.agents) \
                    and self.persons_seen.get(m.text) == _AMBIGUOUS and len(self._named.get(m.text, ())) == 1:
                self._placed_unknown[m.text] = (ref.code, ref.sector)

    def _surname(self, m: Mention, ctx: SentenceContext | None = None) -> str | None:
        """The person a bare surname stands for: one the article has named in full (and no
        one else with that surname), or one an office title in the same noun phrase fits
        ("President Lai", "the Trump administration"); else ``None``, an unknown person.
        Never the namesake who merely holds an office on the article date."""
        ids = [a for a, v in m.candidates if v == "surname"]
        if not ids:
            return None
        if ctx is not None and other_given_name(m, ctx, self.d.agents):
            return None
        tok = ctx.doc[m.start] if ctx is not None else None
        # a word the tagger calls no name ("Christian east Beirut") is a name only if the
        # article named that person in full, and never where the surname is a common word
        proper = tok is None or tok.pos_ in ("", "PROPN") or m.end - m.start > 1
        seen = self.persons_seen.get(m.text)
        if seen in ids and (proper or m.text.lower() not in COMMON_WORD_SURNAMES):
            return seen
        if ctx is None:
            return None
        if not proper:
            # "Trump said …": the tagger may call a capitalised surname that is also a word a
            # noun; with no determiner it is still the office-holder's name
            bare_noun = tok.pos_ == "NOUN" and tok.is_title and not any(c.dep_ in ("det", "poss") for c in tok.children)
            return self._office_holder(ids, m) if bare_noun else None
        title = title_of(m, ctx.doc)
        if not title:
            return self._office_holder(ids, m)
        fitting = [a for a in ids if title_fits(title, self.d.get(a))]
        if not fitting:
            return None
        if self.on is None:
            # an undated text ("President Trump criticized Iran"): the title fits one person's
            # roles, or it names no one we can tell apart ("President Bush")
            return fitting[0] if len(fitting) == 1 else None
        active = [a for a in fitting if any(r.active(self.on) for r in self.d.get(a).roles)]
        if len(active) == 1:
            return active[0]
        if active:
            return None  # two people with that title and surname in office
        # nobody with that title in office on that date: the person whose term is nearest
        # ("President Bush" in 1991 is the father, in 2005 the son)
        return min(fitting, key=lambda a: self._years_from_office(a))

    def _office_holder(self, ids: list[str], m: Mention) -> str | None:
        """ "Trump said …" in a 2025 story about the United States: a bare surname with no
        title is the head of state or government in office on the article date when nobody
        else in the dictionary has that surname, the surname is no common word, and the
        article names that leader's country; otherwise (a defendant "Alvarez" in a Spanish
        story, "Lai" in a Hong Kong story) it stays unknown."""
        if self.on is None or m.text.lower() in COMMON_WORD_SURNAMES or len(ids) != 1 or m.text in self.persons_seen:
            return None  # (two people with the surname, in office or not, or someone else named in full with it)
        active = [a for a in ids if any(r.active(self.on) for r in self.d.get(a).roles)]
        if len(active) != 1:
            return None
        entry = self.d.get(active[0])
        if not any(r.active(self.on) and r.role.startswith("head of") for r in entry.roles):
            return None
        code = entry.at(self.on)[0]
        return active[0] if code in self.article_countries else None

    def _body_country(self, aid: str, default: str | None) -> str | None:
        """The country of a body whose bare name several countries use ("Congress"): the
        default country if the story names it, else the shared country the story names most,
        else the default (bodies.tsv)."""
        if default is None or self.codes_seen.get(default):
            return default
        shared = [(n, c) for c, n in self.codes_seen.items() if c in self.d.body_shared[aid]]
        return max(shared)[1] if shared else default

    def _years_from_office(self, aid: str) -> float:
        on = self.on
        gaps = []
        for r in self.d.get(aid).roles:
            if r.start is not None and on < r.start:
                gaps.append((r.start - on).days)
            elif r.end is not None and on >= r.end:
                gaps.append((on - r.end).days)
            else:
                gaps.append(0)
        return min(gaps, default=float("inf"))

    # -- noun phrases ----------------------------------------------------------------
    def resolve(self, head: Token, ctx: SentenceContext, exclude: frozenset[str] = frozenset()) -> list[ActorRef]:
        """Actors named by the noun phrase headed by ``head`` (and its conjuncts).

        Where the head is a thing, not an actor ("North Korea's nuclear program",
        "US - North Korea talks"), the actors named inside it stand for it; ``exclude``
        drops those with the given codes (the other side of the event).
        """
        key = (id(ctx.doc), ctx.index, head.i, exclude)
        hit = self._memo.get(key)
        if hit is not None:
            return list(hit)
        out = self._resolve_phrase(head, ctx, exclude)
        for r in out:
            self._learn_unknown(r, ctx)
        if len(self._memo) > 4096:
            self._memo.clear()
        self._memo[key] = tuple(out)
        return out

    def _resolve_phrase(self, head: Token, ctx: SentenceContext, exclude: frozenset[str]) -> list[ActorRef]:
        out: list[ActorRef] = []
        heads = [head, *[c for c in head.conjuncts if c.i > head.i]]
        if len(heads) > 1:
            # "North Korea's rhetoric and Donald Trump": keep the conjuncts that are actors themselves
            actors = [h for h in heads if h.i in ctx.by_token or h.lower_ in _PRONOUNS]
            heads = actors or heads
        for h in heads:
            refs = self._resolve_one(h, ctx, exclude)
            out.extend(r for r in refs if r not in out)
        return out

    def _resolve_one(self, head: Token, ctx: SentenceContext, exclude: frozenset[str] = frozenset()) -> list[ActorRef]:
        """The actors one noun phrase (not its conjuncts) names, decided from its reading:
        a reference to an actor named before, else the whole of a part ("members of …"),
        else what its own words name."""
        found = self._referred(head, ctx)
        if found is not None:
            return found
        np = read(head, ctx)
        if np.whole is not None:
            # "members of the Association …", "one third of ethnic Albanian guerrillas": the whole
            return self._resolve_one(np.whole, ctx, exclude)
        return self._named_by_words(np, ctx, exclude)

    def _referred(self, head: Token, ctx: SentenceContext) -> list[ActorRef] | None:
        """A pronoun, "this country" or "the two sides": the actor it refers to (``[]`` where
        it stays unresolved), or ``None`` for a phrase that refers to nothing before it. (A
        pronoun's phrase is read only where its antecedent is found in earlier sentences.)"""
        low = head.lower_
        # anaphora first: a pronoun in a clause refers to the subject of a clause above it
        # ("Japan said it had halted aid"), else to the last subject of earlier sentences
        if low in _PRONOUN_KIND:
            inner = self._antecedent_in_sentence(head, ctx, _PRONOUN_KIND[low])
            if inner is not None:
                return [inner]
            if low in ("he", "she", "him", "her", "his"):
                return self._recall(ctx, head, "person", "pronoun")
            if low in ("they", "them", "their"):
                return self._recall(ctx, head, "plural", "pronoun")
        if low in ("it", "its") or (head.lemma_ in ("country", "nation", "regime") and read(head, ctx).determiner in ("this", "the", "that")):
            if not read(head, ctx).names_inside:
                if low in ("it", "its"):
                    return self._recall(ctx, head, "thing", "pronoun")
                return self._recall(ctx, head, "country", "memory")
        bodies = self._bodies.get(head.lemma_.lower()) if head.tag_ == "NN" else None
        if bodies is not None and len(bodies) == 1:
            # "the court" after "the International Court of Justice": that body, where the
            # article has named one body of that kind (two: unresolved, as a pronoun would be)
            np = read(head, ctx)
            if np.determiner == "the" and not np.names_inside:
                r = next(iter(bodies.values()))
                return [ActorRef(np.text, r.code, r.sector, r.actor_id, r.kind, np.start, np.end, "memory")]
        if head.lemma_ in ("side", "country", "nation") and head.tag_ in ("NNS",) and read(head, ctx).determiner in ("the", "both", "two"):
            if (pair := self.focus_pair()) and len(pair) == 2:
                s, e = ctx.span(head.i, head.i + 1)
                return [ActorRef(head.text, c, None, f"country:{c}", "country", s, e, "focus") for c in pair]
        return None

    def _named_by_words(self, np: NounPhrase, ctx: SentenceContext, exclude: frozenset[str]) -> list[ActorRef]:
        """The actors a noun phrase's own words name: through a possessive pronoun, a people
        and where it lives, the names in it, else the phrase itself (an unknown name, an
        agent placed by the phrase)."""
        head = np.head
        named = list(np.named)
        sector = np.sector
        if not named:
            found = self._possessed(np, ctx, exclude, sector)
            if found is not None:
                return found
        if named and np.ethnic:
            # "ethnic Albanians" in Serbia are a people, not Albania: the country comes from the place
            ethnic = [m for m in named if any(v in ("adjective", "demonym") for _, v in m.candidates)]
            named = [m for m in named if m not in ethnic]
            sector = sector or "CVL"
            if not named:
                place = self._place_of(head, ctx)
                return [ActorRef(np.text, place, sector, None, "agent", np.start, np.end, "ethnic")]
        if np.head_mention is not None:
            found = self._people(np, ctx, named, sector)
            if found is not None:
                return found
        if named:
            found = self._by_names(np, ctx, named, sector, exclude)
            if found is not None:
                return found
        return self._unnamed(np, ctx, sector)

    def _possessed(self, np: NounPhrase, ctx: SentenceContext, exclude: frozenset[str], sector: str | None) -> list[ActorRef] | None:
        """A phrase that names no one but has a possessive pronoun: "their forces", "its army"
        (the pronoun gives the country, the agent the sector), "his country" (the speaker's)."""
        poss = [c for c in np.possessors if c.lower_ in _PRONOUN_KIND]
        if poss and sector:
            refs = self._resolve_one(poss[0], ctx, exclude)
            if refs and refs[0].code:
                return [ActorRef(np.text, r.code, sector, None, "agent", np.start, np.end, "pronoun") for r in refs if r.code]
        if poss and np.head.lemma_.lower() in _HOMELAND:
            # "Putin said his country will not lift the ban": the speaker's country
            refs = [r for r in self._resolve_one(poss[0], ctx, exclude) if r.code and r.kind in ("person", "country")]
            if refs:
                return [ActorRef(np.text, r.code, None, f"country:{r.code}", "country", np.start, np.end, "pronoun") for r in refs[:1]]
        return None

    def _people(self, np: NounPhrase, ctx: SentenceContext, named: list[Mention], sector: str | None) -> list[ActorRef] | None:
        """A people at the head, of the country where it lives: "Bosnian Serbs", "Iraqi Kurds",
        "the Albanians of southern Serbia"."""
        head, head_m = np.head, np.head_mention
        if head_m is None or head_m not in named or not any(v == "demonym" for _, v in head_m.candidates):
            return None
        if (head.tag_ in ("NNPS", "NNS") or head.lower_.endswith("s")) and head.lower_ not in _CIVIC_DEMONYMS:
            # "Bosnian Serbs", "Iraqi Kurds": a people living in the country the adjective names
            home = {a for a, _ in head_m.candidates}
            lands = [m for m in named if m is not head_m and m.end <= head.i
                     and any(v in ("adjective", "name") and a not in home and a.startswith("country:") for a, v in m.candidates)]
            if lands:
                r = self.mention_ref(lands[-1], ctx)
                if r is not None and r.code:
                    return [ActorRef(np.text, r.code, sector or "CVL", None, "agent", np.start, np.end, "people+place")]
        # "the Albanians of southern Serbia": people living in a country belong to it
        place = self._place_of(head, ctx)
        if place is not None:
            return [ActorRef(np.text, place, sector or "CVL", None, "agent", np.start, np.end, "people+place")]
        return None

    def _by_names(self, np: NounPhrase, ctx: SentenceContext, named: list[Mention], sector: str | None,
                  exclude: frozenset[str]) -> list[ActorRef] | None:
        """The actor the names in a phrase stand for: the name at its head ("NATO-member
        Norway"), a body's own country ("Peru's Congress"), each of coordinated names ("French
        and German diplomats"), else the best of them; a place where the phrase is one ("a
        curfew in Algiers"). ``[]`` where all are the event's other side, ``None`` where none is
        known and an agent word at the head says who acts ("supporters of an unknown …")."""
        head, text, s, e = np.head, np.text, np.start, np.end
        at_head = np.head_mention
        if at_head is not None and not at_head.is_agent and at_head in named:
            head_ref = self.mention_ref(at_head, ctx, sector)
            if head_ref is not None and head_ref.code:
                own = self._np_country_of_body(head_ref, at_head, named, np, ctx)
                if own is not None:
                    return [ActorRef(text, own, head_ref.sector, None, "country", s, e, "body+country")]
                named = [at_head]  # "NATO-member Norway" is Norway
        refs = [r for r in (self.mention_ref(m, ctx, sector) for m in named) if r is not None]
        if exclude and head.i not in ctx.by_token:
            # (a group against the state is not its country's side: "killed ten Boko Haram fighters")
            refs = [r for r in refs if not own_side(r, exclude)]
            if not refs:
                return []
        resolved = [r for r in refs if r.code]
        if not resolved and np.head_agent and sector:
            return None  # "supporters of an unknown Ahmed Ben Bella": supporters, placed as agents are
        both = self._coordinated(np, named, ctx, sector, exclude)
        if both:
            # "French and German diplomats", "U.S. and Iraqi forces": each country's own
            return [ActorRef(text, r.code, r.sector, r.actor_id, r.kind, s, e, r.via) for r in both]
        pool = resolved or refs
        best = min(pool, key=lambda r: (_KIND_RANK.get(r.kind, 9), -r.start))
        seat = (best.actor_id or "").startswith("seat:")
        if seat and best.sector == "GOV" and np.locative:
            # "a curfew in Algiers": the city as a place, not the government seated there
            return [ActorRef(text, best.code, None, best.actor_id, best.kind, s, e, "place")]
        if best.kind == "country" and np.locative and head.i in ctx.by_token and best.start <= ctx.base + head.idx < best.end:
            # "talks in Canada", "a summit in Russia": the country named as where it happened
            return [ActorRef(text, best.code, best.sector, best.actor_id, best.kind, s, e, "place")]
        best_sector = best.sector
        if np.head_agent and sector and seat and best.sector == "GOV":
            # "a Tehran court" is a court, "Moscow police" police: the agent word at the head
            # says which part of the government
            best_sector = sector
        elif best_sector is None and sector is None and best.kind == "country" and np.head_mention is None and head.tag_ == "NNPS" \
                and best.via == "adjective":
            best_sector = "CVL"  # "Iraqi Kurds", "Afghan Hazaras": a people the dictionary does not name
        return [ActorRef(text, best.code, best_sector, best.actor_id, best.kind, s, e, best.via)]

    def _unnamed(self, np: NounPhrase, ctx: SentenceContext, sector: str | None) -> list[ActorRef]:
        """A phrase whose names give no actor: a proper name the dictionary does not know (an
        organisation's, or unresolved), someone's ally, or an agent placed by the phrase."""
        head, text, s, e = np.head, np.text, np.start, np.end
        if np.proper and not np.head_agent:
            # (a sentence-initial "Rebels" or "Protesters" is the agent word, whatever the tagger says)
            if np.organization:
                return [ActorRef(text, "NGO", "NGO", None, "igo", s, e, "organization")]
            return [ActorRef(text, None, sector, None, "unknown", s, e, "unresolved")]
        if not sector and np.relational:
            s, e = ctx.span(head.left_edge.i, head.i + 1)
            return [ActorRef(ctx.doc[head.left_edge.i : head.i + 1].text, None, None, None, "unknown", s, e, "related")]  # someone, not Iran
        if sector and (np.head_agent or head.pos_ == "NOUN"):
            # "the army", "opposition groups": an agent; "authorities in Croatia": with a country;
            # "officials from France and Germany": one for each country
            places = self._places_of(head, ctx)
            if len(places) == 1:
                return [ActorRef(text, places[0], sector, None, "agent", s, e, "agent+place")]
            if places:  # (each with its country's id, as "French and German diplomats" have, to tell them apart)
                return [ActorRef(text, place, sector, f"country:{place}", "agent", s, e, "agent+place") for place in places]
            return [ActorRef(text, None, sector, None, "agent", s, e, "agent")]
        return []

    def _np_country_of_body(self, head_ref: ActorRef, at_head: Mention, named: list[Mention], np: NounPhrase,
                            ctx: SentenceContext) -> str | None:
        """For a body whose bare name several countries share ("Congress"), a country named in
        its own noun phrase: "Peru's Congress", "the Philippine Congress"."""
        if head_ref.actor_id not in self.d.body_shared:
            return None
        bordering = np.bordering
        for m in named:
            if m is at_head or m in bordering:
                continue
            r = self.mention_ref(m, ctx)
            if r is not None and r.code in ISO3 and r.kind == "country" and not (r.actor_id or "").startswith("body:"):
                return r.code
        return None

    def _coordinated(self, np: NounPhrase, named: list[Mention], ctx: SentenceContext, sector: str | None,
                     exclude: frozenset[str]) -> list[ActorRef]:
        """The first group of coordinated names in the phrase (:meth:`NounPhrase.coordinated`)
        that gives more than one country: each an actor of its own."""
        for group in np.coordinated(named):
            refs = [r for r in (self.mention_ref(g, ctx, sector) for g in sorted(group, key=lambda g: g.start)) if r is not None and r.code]
            refs = [r for r in refs if r.code not in exclude] if exclude else refs
            if len({r.code for r in refs}) > 1:
                return refs
        return []

    def _place_of(self, head: Token, ctx: SentenceContext) -> str | None:
        """The country in "… in Croatia", "… of southern Serbia", "… from Kosovo", "…
        operating in Macedonia", "… living in Kenya"."""
        places = self._places_of(head, ctx)
        return places[0] if places else None

    def _places_of(self, head: Token, ctx: SentenceContext) -> list[str]:
        """The countries of :meth:`_place_of`, with the ones coordinated with it ("officials
        from France and Germany")."""
        preps = list(head.children)
        preps += [g for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for g in c.children]
        for c in preps:
            if c.dep_ == "prep" and c.lower_ in ("with", "from", "of"):
                # "rebels with the Revolutionary Armed Forces of Colombia", "militants from the
                # Islamic State": a member of the group or body the phrase names (not "protesters
                # with Palestinian flags": only a group or body at the phrase's head)
                for g in c.children:
                    m = ctx.by_token.get(g.i) if g.dep_ == "pobj" else None
                    ref = self.mention_ref(m, ctx) if m is not None and not m.is_agent else None
                    if ref is not None and ref.code and ref.kind in ("group", "igo"):
                        return [ref.code]
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "of"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    # ("diplomats from the Group of Seven": a body's own people, not a place)
                    igo = c.lower_ in ("from", "of")
                    first = self._country_at(g, ctx, igo)
                    if first is None:
                        continue
                    out = [first]
                    for cj in g.conjuncts:
                        code = self._country_at(cj, ctx, igo)
                        if code is not None and code not in out:
                            out.append(code)
                    return out
        return []

    def _country_at(self, g: Token, ctx: SentenceContext, igo: bool = False) -> str | None:
        for t in [g, *g.children]:
            if t.dep_ == "poss" and g.lemma_.lower() in RELATIONAL_NOUNS:
                continue
            m = ctx.by_token.get(t.i)
            ref = self.mention_ref(m, ctx) if m is not None and not m.is_agent else None
            if ref is not None and ref.code and (ref.kind == "country" or igo and ref.kind == "igo"):
                return ref.code
        return None

    def opposed_in(self, refs: list[ActorRef], ctx: SentenceContext) -> list[ActorRef]:
        """Actors named after "anti-" inside the text of ``refs`` ("anti-American protesters")."""
        out = []
        for m in ctx.mentions:
            if not after_anti(m, ctx.doc):
                continue
            s, e = ctx.span(m.start, m.end)
            within = [r for r in refs if r.start <= s and e <= r.end]
            if not within:
                continue
            if m.is_agent:  # "anti-government protesters": their own country's government
                if within[0].code:
                    out.append(ActorRef(m.text, within[0].code, m.sector, None, "agent", s, e, "opposed"))
                continue
            r = self.mention_ref(m, ctx)
            if r is not None and r.code:
                out.append(ActorRef(r.text, r.code, r.sector, r.actor_id, r.kind, s, e, "opposed"))
        return out

    def event_place(self, verb: Token, ctx: SentenceContext) -> str | None:
        """The country where what a verb tells happened: "… near Baghdad", "outside the Iraqi
        city of Basra", "a bombing in eastern Beirut killed …" (its clause's place phrases,
        not those of clauses inside it)."""
        heads = [verb, *(c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj", "agent"))]
        for h in heads:
            stack = [h]
            while stack:
                t = stack.pop(0)
                for c in t.children:
                    if c.dep_ in ("ccomp", "advcl", "relcl", "acl", "conj", "parataxis", "xcomp"):
                        continue
                    if c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS | {"outside", "near"}:
                        for m in mentions_in(c.subtree, ctx):
                            if m.is_agent or related_only(m, ctx):
                                continue
                            r = self.mention_ref(m, ctx)
                            if r is not None and r.code and r.kind == "country":
                                return r.code
                    elif c.dep_ in ("prep", "pobj", "agent"):
                        stack.append(c)
        return None

    def _antecedent_in_sentence(self, head: Token, ctx: SentenceContext, kind: str) -> ActorRef | None:
        """The subject of a governing clause, when it is an actor of the pronoun's kind; for a
        possessive ("X continued their strike"), first the subject of its own clause."""
        if head.dep_ == "poss":
            v = head.head
            while v.pos_ not in ("VERB", "AUX") and v.head.i != v.i:
                v = v.head
            if (found := self._subject_antecedent(v, head, ctx, kind)) is not None:
                return found
        t = head.head
        for _ in range(6):
            if t.head.i == t.i:
                break
            if t.dep_ in ("ccomp", "xcomp", "advcl", "conj", "pcomp"):
                if (found := self._subject_antecedent(t.head, head, ctx, kind)) is not None:
                    return found
            t = t.head
        return None

    def _subject_antecedent(self, verb: Token, pronoun: Token, ctx: SentenceContext, kind: str) -> ActorRef | None:
        """The subject of ``verb``, before the pronoun and not containing it, as the pronoun's referent."""
        for c in verb.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i < pronoun.i and c.lower_ not in _PRONOUN_KIND and pronoun not in c.subtree:
                refs = self._resolve_one(c, ctx)
                if refs and refs[0].code is None and refs[0].kind == "agent":
                    # "Militants loyal to … said they …": the agents, placed as agents are
                    refs = [self.situate(refs[0], ctx)]
                if refs and refs[0].code and _kind_ok(refs[0], kind):
                    r = refs[0]
                    s, e = ctx.span(pronoun.i, pronoun.i + 1)
                    return ActorRef(pronoun.text, r.code, r.sector, r.actor_id, r.kind, s, e, "pronoun")
        return None

    def situate(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int] = frozenset(),
                not_codes: frozenset[str] = frozenset()) -> ActorRef:
        placed = self._situate(ref, ctx, avoid, not_codes)
        if placed is not ref and placed.via in ("surname+sentence", "title+sentence"):
            self._learn_unknown(placed, ctx)
        return placed

    def _situate(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int] = frozenset(),
                 not_codes: frozenset[str] = frozenset()) -> ActorRef:
        """Give a country to an agent without one ("demonstrators", "the rebels"): the
        nearest country named in the sentence (not in the tokens ``avoid``), else the country
        the article is most about. ``not_codes`` are the codes of the event's other party:
        "diplomats urged Russia", "protesters denounced the United States" say nothing of the
        diplomats' or the protesters' own country, so an agent never takes its counterpart's. An unknown person with an office title ("Vice-President
        Moody Awori", "Judge Alejandro Rivera") takes the one country the sentence names,
        if it names exactly one: news copy names a foreign official's country and leaves a
        domestic one's to the story."""
        if ref.code is None and ref.kind == "unknown" and ref.via == "surname?":
            return self._situate_surname(ref, ctx, avoid, not_codes)
        if ref.code is None and ref.kind == "unknown":
            return self._situate_official(ref, ctx, avoid, not_codes)
        if ref.code is not None or ref.kind != "agent":
            return ref
        if any(backer(m, ctx.doc) and ref.start <= ctx.span(m.start, m.end)[0] < ref.end for m in ctx.mentions):
            return ref  # "Iran-backed militias": backed from abroad, of no country the text gives
        unplaced = _unplaced(ref.text)
        if unplaced is not None:
            # "international rights groups", "foreign bloggers": no country of their own
            if unplaced and ref.sector in ("HRI", "NGO"):
                return ActorRef(ref.text, "NGO", ref.sector, None, "igo", ref.start, ref.end, "organization")
            return ref
        best: tuple[int, str] | None = None
        for r in self._sentence_countries(ctx, avoid):
            if ref.start <= r.start < ref.end and ref.via == "ethnic":
                continue  # "ethnic Albanians" are not placed by their own name
            if r.code in not_codes and not ref.start <= r.start < ref.end:
                continue
            dist = min(abs(r.start - ref.start), abs(r.end - ref.end))
            if best is None or dist < best[0]:
                best = (dist, r.code)
        # (in the first sentence the article's focus is only what this sentence names, weighed above)
        focus = (self.focus_pair() or [None])[0] if ctx.index > 0 else None
        code = best[1] if best else focus if focus not in not_codes else None
        if code is None:
            return ref
        return ActorRef(ref.text, code, ref.sector, None, "agent", ref.start, ref.end, "agent+context")

    def _situate_surname(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int],
                         not_codes: frozenset[str] = frozenset()) -> ActorRef:
        """An unknown person named by a bare surname takes the sentence's country only where
        that is defensible: the sentence names exactly one country, and a court or police
        body acts in it ("Hong Kong police arrested Lai", "a Tehran court sentenced Alvarez");
        otherwise the person stays without a code."""
        titled = self._situate_official(ref, ctx, avoid, not_codes)  # "federal lawmaker Dahir Amin Jesow"
        if titled.code is not None or not any(m.is_agent and m.sector in _INSTITUTION_SECTORS for m in ctx.mentions):
            return titled
        codes = {r.code for r in self._sentence_countries(ctx, avoid) if r.code in ISO3 and not (ref.start <= r.start < ref.end)}
        if len(codes) != 1:
            return ref
        return ActorRef(ref.text, codes.pop(), None, None, "person", ref.start, ref.end, "surname+sentence")

    def _situate_official(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int],
                          not_codes: frozenset[str] = frozenset()) -> ActorRef:
        titles = [m for m in ctx.mentions if m.is_agent and ref.start <= ctx.base + ctx.doc[m.start].idx < ref.end]
        sector = ref.sector or (min(titles, key=lambda m: m.start).sector if titles else None)
        if not titles or not at_home(sector, ref.text):
            return ref  # "Foreign Minister X criticized Germany": Germany is whom X deals with
        # (nor the event's other party: "President X criticized Iran" says nothing of X's country)
        codes = {r.code for r in self._sentence_countries(ctx, avoid) if r.code in ISO3 and r.code not in not_codes}
        if len(codes) != 1:
            return ref
        return ActorRef(ref.text, codes.pop(), sector, None, "person", ref.start, ref.end, "title+sentence")

    def _sentence_countries(self, ctx: SentenceContext, avoid: frozenset[int]) -> Iterator[ActorRef]:
        """The countries and people with a code that the sentence names as actors (not as
        a border or a relation, and not in the tokens ``avoid``)."""
        for m in ctx.mentions:
            if m.is_agent or related_only(m, ctx) or m.start in avoid:
                continue
            r = self.mention_ref(m, ctx)
            if r is not None and r.code is not None and r.kind in ("country", "person") and not _outlet(r):
                yield r  # ("told VOA" places no one in the United States)

    def _recall(self, ctx: SentenceContext, head: Token, want: str, via: str) -> list[ActorRef]:
        """The antecedent of a pronoun (or "this country") in earlier sentences: the subject
        of matching number and kind in the most recent sentence that has one (``want``:
        person, thing, country or plural); none where that sentence has two different ones."""
        for back in range(1, _REACH + 1):
            index = ctx.index - back
            fits = [sub for sub in self.subjects if sub.index == index and _subject_fits(sub, want)]
            if not fits:
                continue
            if len({tuple((r.code, r.actor_id, r.sector if r.kind == "agent" else None) for r in sub.refs) for sub in fits}) > 1:
                return []  # two candidates compete
            if any(r.code is None for r in fits[-1].refs):
                return []  # someone the article does not identify: the pronoun stays unresolved
            return [self._as_anaphor(r, ctx, head, via) for r in fits[-1].refs]
        return []

    def _as_anaphor(self, ref: ActorRef, ctx: SentenceContext, head: Token, via: str) -> ActorRef:
        first = read(head, ctx).tokens[0].i
        s, e = ctx.span(first, head.i + 1)
        text = ctx.doc[first : head.i + 1].text
        sector = ref.sector if ref.kind in ("person", "agent") or via == "pronoun" else None
        return ActorRef(text, ref.code, sector, ref.actor_id, ref.kind, s, e, via)


_HEADLINE_EDGE = re.compile(r"^[^\w]+|(?:['\u2019]s)?[^\w.]*$")


def _outlet(ref: ActorRef) -> bool:
    """A news outlet named in the dictionary ("VOA", "Xinhua"): it reports, it places no one."""
    return (ref.actor_id or "").startswith("seat:") and ref.sector == "MED"


def _parsed(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def _subject_fits(sub: _Subject, want: str) -> bool:
    """Whether an earlier subject can be the antecedent of a pronoun that wants ``want``."""
    r = sub.refs[0]
    single = len(sub.refs) == 1
    if want == "plural":
        return not single or sub.plural is not False
    if not single or sub.plural:
        return False
    if want == "person":
        return r.kind == "person" or (r.kind == "unknown" and r.via in ("surname?", "unresolved")) or (
            r.kind == "agent" and r.sector in _PERSON_SECTORS)
    if want == "country":
        return r.kind == "country" and r.code is not None
    return r.kind in ("country", "igo", "group", "agent") or (r.kind == "unknown" and r.via == "unresolved")


def _kind_ok(ref: ActorRef, kind: str) -> bool:
    if kind == "person":
        return ref.kind == "person" or (ref.kind == "agent" and ref.sector in ("GOV", "MIL", "ELI"))
    if kind == "thing":
        return ref.kind in ("country", "igo", "group")
    return True


#: modifiers that say an agent belongs to no one country (True: across countries)
_UNPLACED_WORDS = {"international": True, "global": True, "transnational": True, "multinational": True, "foreign": False}


def _unplaced(text: str) -> bool | None:
    """Whether an agent phrase says it belongs to no one country: True for "international
    rights groups" (across countries), False for "foreign bloggers" (someone else's, unknown),
    None where it says nothing."""
    for w in text.lower().split():
        if w in _UNPLACED_WORDS:
            return _UNPLACED_WORDS[w]
    return None


#: head words of bodies' names that news uses alone for the body named before ("the court", "the council")
_BODY_HEADS = frozenset({"court", "tribunal", "council", "commission", "committee", "agency", "assembly", "bank", "fund",
                         "alliance", "bloc", "organization", "organisation", "union", "mission"})

