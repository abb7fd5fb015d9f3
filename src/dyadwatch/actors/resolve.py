"""Resolve argument noun phrases to actors, date-aware and document-aware.

One :class:`ActorResolver` serves one article: it remembers the people named in full
(so a later bare surname is the same person), the last actor in subject position (for
"this country", "it", "he"), and the actors the article talks about most (for "the two
sides").
"""

from __future__ import annotations

import calendar
from collections import Counter
from collections.abc import Iterator
from datetime import date

from spacy.tokens import Token

from ..records import ActorRef
from .dictionary import ISO3, TITLES, ActorDictionary
from .matcher import Mention
from .phrases import (LOCATIVE_PREPS, RELATIONAL_NOUNS, SentenceContext, after_anti, at_home, determiner, locative,
                      names_a_border, names_an_organization, np_tokens, related_only)

__all__ = ["ActorResolver", "SentenceContext", "np_tokens", "related_only"]

_SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj"}
#: proper nouns that head no actor: days, months
_NOT_ACTORS = frozenset(w.lower() + dot for w in [*calendar.day_name, *calendar.day_abbr, *calendar.month_name[1:],
                                                   *calendar.month_abbr[1:], "Sept", "Tues", "Thur", "Thurs"]
                        for dot in ("", "."))  # "said on Feb. 5"
#: Surnames that are also common English words or month names: resolved only after a full mention.
COMMON_WORD_SURNAMES = frozenset("""
may march april june august fox bishop green gates cook hunt straw brown martin rice ban han gil young king
long rich white black gray grey wood woods hill lord price stone field hall rose love little short bell
park sun moon rain snow cash chase hope joy major sharp strong swift wise baker carter cole frank grant
hope lee sale rule page ward west north south east day week may christian muslim moslem jewish catholic harris
""".split())
#: pronouns and the kind of antecedent they take
_PRONOUN_KIND = {"it": "thing", "its": "thing", "he": "person", "him": "person", "his": "person", "she": "person",
                 "her": "person", "they": "any", "them": "any", "their": "any"}
#: nationalities whose "X-ian" modifier tells an origin, not a home: "Turkish Cypriots", "Arab Americans"
_CIVIC_DEMONYMS = frozenset({"americans", "canadians", "australians", "cypriots", "britons", "brazilians", "argentines", "argentinians", "new zealanders"})
#: words inside a name that are not a given name ("Omar El Bashir", "Jose Eduardo dos Santos")
_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "da", "dos", "das", "do", "van", "von", "der", "del", "la", "le", "di"})
#: how a reference was guessed rather than read
_GUESSED = frozenset({"agent+context", "context", "focus", "domestic", "unnamed", "unnamed+place"})
_FORMER = frozenset({"former", "ousted", "exiled", "deposed", "ex", "late", "retired", "toppled", "overthrown"})
_PRONOUNS = frozenset({"it", "he", "she", "they", "him", "her", "them"})
#: "members of", "one third of": the actor is the whole named after "of"
_PARTITIVES = frozenset({"member", "members", "third", "half", "quarter", "majority", "minority", "part", "some", "many",
                         "most", "several", "dozens", "hundreds", "thousands", "group", "delegation", "representative"})
_KIND_RANK = {"person": 0, "group": 1, "igo": 2, "country": 3}
#: how many sentences back an anaphor may reach
_REACH = 3


class ActorResolver:
    """Per-article actor resolution. ``on`` is the article date (``None`` if unknown)."""

    def __init__(self, dictionary: ActorDictionary, on: date | None) -> None:
        self.d = dictionary
        self.on = on
        self.persons_seen: dict[str, str] = {}  # surname → actor id named in full earlier
        self.last_subject: tuple[int, ActorRef] | None = None  # (sentence index, country/igo/group ref)
        self.last_person: tuple[int, ActorRef] | None = None
        self.codes_seen: Counter[str] = Counter()

    # -- memory ----------------------------------------------------------------------
    def observe(self, ctx: SentenceContext) -> None:
        """Remember full names and codes of a sentence (call for every sentence, in order)."""
        for m in ctx.mentions:
            for aid, via in m.candidates:
                if via == "name" and aid.startswith("person:"):
                    for sur in self.d.person_surnames.get(aid, ()):
                        self.persons_seen[sur] = aid
                    break
            # (a surface test, so that parsed and unparsed sentences count alike)
            ref = None if names_a_border(m, ctx.doc) else self.mention_ref(m, ctx)
            if ref is not None and ref.code:
                self.codes_seen[ref.code] += 1

    def note_subject(self, ctx: SentenceContext, ref: ActorRef | None) -> None:
        if ref is None or ref.code is None or ref.via in _GUESSED:
            return  # only actors the text names are remembered, not guesses
        if ref.kind == "person":
            self.last_person = (ctx.index, ref)
        else:
            self.last_subject = (ctx.index, ref)

    def note_unparsed(self, ctx: SentenceContext) -> None:
        """For a sentence that was not parsed, take its first actor as the subject."""
        for m in ctx.mentions:
            ref = self.mention_ref(m, ctx)
            if ref is not None and ref.code:
                self.note_subject(ctx, ref)
                return

    def focus_pair(self) -> list[str]:
        return [c for c, _ in self.codes_seen.most_common(2)]

    # -- single mentions -------------------------------------------------------------
    def _span(self, ctx: SentenceContext, start: int, end: int) -> tuple[int, int]:
        doc = ctx.doc
        return ctx.base + doc[start].idx, ctx.base + doc[end - 1].idx + len(doc[end - 1].text)

    def mention_ref(self, m: Mention, ctx: SentenceContext, sector_hint: str | None = None) -> ActorRef | None:
        """The actor a dictionary mention stands for on the article date."""
        s, e = self._span(ctx, m.start, m.end)
        if m.is_agent:
            return ActorRef(m.text, None, m.sector, None, "agent", s, e, "agent")
        named = [(a, v) for a, v in m.candidates if v != "surname"]
        if named:
            aid, via = min(named, key=lambda av: _KIND_RANK.get(self.d.get(av[0]).kind, 9))
        else:
            tagged = ctx.doc[m.start].pos_ != ""
            not_a_name = tagged and m.end - m.start == 1 and ctx.doc[m.start].pos_ != "PROPN"  # "Christian east Beirut"
            aid = None if not_a_name or self._other_given_name(m, ctx) else self._surname(m, ctx)
            if aid is None:
                return ActorRef(m.text, None, None, None, "unknown", s, e, "surname?")
            via = "surname"
        entry = self.d.get(aid)
        code, sector, _role = entry.at(self.on)
        if entry.kind == "person" and (sector == "ELI" or sector_hint == "ELI") and sector_hint:
            sector = sector_hint
        if entry.kind == "country" and sector is None and sector_hint:
            sector = sector_hint
        return ActorRef(m.text, code, sector, aid, entry.kind if entry.kind != "country" or not aid.startswith("seat:") else "country", s, e, via)

    def _other_given_name(self, m: Mention, ctx: SentenceContext) -> bool:
        """"Quillon Barrow" is not Adama Barrow: a capitalised word before a bare surname
        that is neither a title, an agent word nor another actor name is someone else's
        given name."""
        nxt = ctx.doc[m.end] if m.end < len(ctx.doc) else None
        if (nxt is not None and nxt.pos_ == "PROPN" and (nxt.is_title or nxt.is_upper) and nxt.i not in ctx.by_token
                and nxt.lower_ not in _NOT_ACTORS):
            return True  # "Scott Bessent" is not Guy Scott: the surname is someone's given name here
        if m.start == 0:
            return False
        prev = ctx.doc[m.start - 1]
        if not (prev.is_title or prev.is_upper) or prev.pos_ != "PROPN":
            return False
        if prev.i in ctx.by_token or prev.lower_.rstrip(".") in TITLES or prev.lower_ in self.d.agents or prev.lower_ in _NAME_PARTICLES:
            return False
        return True

    def _surname(self, m: Mention, ctx: SentenceContext | None = None) -> str | None:
        """A bare surname is a person named in full earlier in the article; failing that,
        the one person with that surname in office on the article date, unless the
        surname is also a common word ("May", "Fox", "Rice")."""
        ids = [a for a, v in m.candidates if v == "surname"]
        if not ids:
            return None
        seen = self.persons_seen.get(m.text)
        if seen in ids:
            return seen
        if self.on is None or m.text.lower() in COMMON_WORD_SURNAMES:
            return None
        active = [a for a in ids if any(r.active(self.on) for r in self.d.get(a).roles)]
        if len(active) == 1:
            return active[0]
        # nobody in office on that date: with a title before it ("President Obama"), the
        # surname is the person with it whose term is nearest that date ("President Bush" in
        # 1991 is the father, in 2005 the son)
        prev = ctx.doc[m.start - 1] if ctx is not None and m.start > 0 else None
        nxt = ctx.doc[m.end] if ctx is not None and m.end < len(ctx.doc) else None
        titled = (prev is not None and prev.lower_.rstrip(".") in TITLES) or (
            nxt is not None and nxt.lower_ in ("administration", "government", "cabinet", "regime"))  # "the Bush administration"
        if not titled or active:
            return None
        return min(ids, key=lambda a: self._years_from_office(a))

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
        low = head.lower_
        # anaphora first: a pronoun in a clause refers to the subject of a clause above it
        # ("Japan said it had halted aid"), else to the last subject of earlier sentences
        if low in _PRONOUN_KIND:
            inner = self._antecedent_in_sentence(head, ctx, _PRONOUN_KIND[low])
            if inner is not None:
                return [inner]
            if low in ("he", "she", "him", "her", "his"):
                r = self._recall(self.last_person, ctx, head, "pronoun")
                return [r] if r else []
            if low in ("they", "them", "their"):
                r = self._recall(self.last_subject, ctx, head, "pronoun") or self._recall(self.last_person, ctx, head, "pronoun")
                return [r] if r else []
        if low in ("it", "its") or (head.lemma_ in ("country", "nation", "regime") and determiner(head) in ("this", "the", "that")):
            if not self._mentions_in(np_tokens(head), ctx, skip=head):
                return [r for r in [self._recall(self.last_subject, ctx, head, "pronoun" if low in ("it", "its") else "memory")] if r]
        if head.lemma_ in ("side", "country", "nation") and head.tag_ in ("NNS",) and determiner(head) in ("the", "both", "two"):
            if (pair := self.focus_pair()) and len(pair) == 2:
                s, e = self._span(ctx, head.i, head.i + 1)
                return [ActorRef(head.text, c, None, f"country:{c}", "country", s, e, "focus") for c in pair]
        if head.lemma_.lower() in _PARTITIVES and not any(ctx.by_token.get(c.i) for c in head.children if c.dep_ != "prep"):
            # "members of the Association …", "one third of ethnic Albanian guerrillas": the whole
            for c in head.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    whole = [g for g in c.children if g.dep_ == "pobj"]
                    if whole:
                        return self._resolve_one(whole[0], ctx, exclude)
        toks = np_tokens(head)
        ments = self._mentions_in(toks, ctx)
        agents = [m for m in ments if m.is_agent and not after_anti(m, ctx.doc)]  # not "anti-government"
        named = [m for m in ments if not m.is_agent and not related_only(m, ctx, borders=False)]
        # leftmost agent word before or at the head gives the sector
        sector = None
        pre_agents = [m for m in agents if m.start <= head.i]
        if pre_agents:
            sector = min(pre_agents, key=lambda m: m.start).sector
        elif agents:
            sector = agents[0].sector
        if any(t.lower_ in _FORMER or t.lower_.startswith("ex-") for t in toks if t.i < head.i and t.dep_ in ("amod", "compound", "advmod")):
            sector = "ELI"  # "former prime minister", "ousted president", "ex-minister"
        if not named:
            # "their forces", "its army": the possessive pronoun gives the country, the agent the sector
            poss = [c for c in head.children if c.dep_ == "poss" and c.lower_ in _PRONOUN_KIND]
            if poss and sector:
                refs = self._resolve_one(poss[0], ctx, exclude)
                if refs and refs[0].code:
                    r = refs[0]
                    s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
                    return [ActorRef(ctx.doc[toks[0].i : toks[-1].i + 1].text, r.code, sector, None, "agent", s, e, "pronoun")]
        if named and any(t.lower_ == "ethnic" for t in toks):
            # "ethnic Albanians" in Serbia are a people, not Albania: the country comes from the place
            ethnic = [m for m in named if any(v in ("adjective", "demonym") for _, v in m.candidates)]
            named = [m for m in named if m not in ethnic]
            sector = sector or "CVL"
            if not named:
                s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
                place = self._place_of(head, ctx)
                return [ActorRef(ctx.doc[toks[0].i : toks[-1].i + 1].text, place, sector, None, "agent", s, e, "ethnic")]
        head_m = ctx.by_token.get(head.i)
        if head_m is not None and head_m in named and (head.tag_ in ("NNPS", "NNS") or head.lower_.endswith("s")) \
                and any(v == "demonym" for _, v in head_m.candidates) and head.lower_ not in _CIVIC_DEMONYMS:
            # "Bosnian Serbs", "Iraqi Kurds": a people living in the country the adjective names
            home = {a for a, _ in head_m.candidates}
            lands = [m for m in named if m is not head_m and m.end <= head.i
                     and any(v in ("adjective", "name") and a not in home and a.startswith("country:") for a, v in m.candidates)]
            if lands:
                r = self.mention_ref(lands[-1], ctx)
                if r is not None and r.code:
                    s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
                    return [ActorRef(ctx.doc[toks[0].i : toks[-1].i + 1].text, r.code, sector or "CVL", None, "agent", s, e, "people+place")]
        if head_m is not None and head_m in named and any(v == "demonym" for _, v in head_m.candidates):
            # "the Albanians of southern Serbia": people living in a country belong to it
            place = self._place_of(head, ctx)
            if place is not None:
                s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
                return [ActorRef(ctx.doc[toks[0].i : toks[-1].i + 1].text, place, sector or "CVL", None, "agent", s, e, "people+place")]
        if named:
            at_head = ctx.by_token.get(head.i)
            if at_head is not None and not at_head.is_agent and at_head in named:
                head_ref = self.mention_ref(at_head, ctx, sector)
                if head_ref is not None and head_ref.code:
                    named = [at_head]  # "NATO-member Norway" is Norway
            refs = [r for r in (self.mention_ref(m, ctx, sector) for m in named) if r is not None]
            if exclude and head.i not in ctx.by_token:
                refs = [r for r in refs if r.code not in exclude]
                if not refs:
                    return []
            resolved = [r for r in refs if r.code]
            head_agent = any(m.start <= head.i < m.end for m in agents)
            if not resolved and head_agent and sector:
                named = []  # "supporters of an unknown Ahmed Ben Bella": supporters, placed below
        if named:
            pool = resolved or refs
            best = min(pool, key=lambda r: (_KIND_RANK.get(r.kind, 9), -r.start))
            s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
            text = ctx.doc[toks[0].i : toks[-1].i + 1].text
            if (best.actor_id or "").startswith("seat:") and best.sector == "GOV" and locative(head):
                # "a curfew in Algiers": the city as a place, not the government seated there
                return [ActorRef(text, best.code, None, best.actor_id, best.kind, s, e, "place")]
            return [ActorRef(text, best.code, best.sector, best.actor_id, best.kind, s, e, best.via)]
        s, e = self._span(ctx, toks[0].i, toks[-1].i + 1)
        text = ctx.doc[toks[0].i : toks[-1].i + 1].text
        if head.pos_ == "PROPN" and (head.is_title or head.is_upper) and head.lower_ not in _NOT_ACTORS:
            if names_an_organization(head):
                return [ActorRef(text, "NGO", "NGO", None, "igo", s, e, "organization")]
            return [ActorRef(text, None, sector, None, "unknown", s, e, "unresolved")]
        if not sector and head.lemma_.lower() in RELATIONAL_NOUNS and any(c.dep_ == "poss" for c in head.children):
            s, e = self._span(ctx, head.left_edge.i, head.i + 1)
            return [ActorRef(ctx.doc[head.left_edge.i : head.i + 1].text, None, None, None, "unknown", s, e, "related")]  # someone, not Iran
        if sector and (any(m.start <= head.i < m.end for m in agents) or head.pos_ == "NOUN"):
            # "the army", "opposition groups": an agent; "authorities in Croatia": with a country
            place = self._place_of(head, ctx)
            if place is not None:
                return [ActorRef(text, place, sector, None, "agent", s, e, "agent+place")]
            return [ActorRef(text, None, sector, None, "agent", s, e, "agent")]
        return []

    def _place_of(self, head: Token, ctx: SentenceContext) -> str | None:
        """The country in "… in Croatia", "… of southern Serbia", "… from Kosovo", "…
        operating in Macedonia", "… living in Kenya"."""
        preps = list(head.children)
        preps += [g for c in head.children if c.dep_ == "acl" and c.tag_ in ("VBG", "VBN") for g in c.children]
        for c in preps:
            if c.dep_ == "prep" and c.lower_ in ("in", "from", "of"):
                for g in c.children:
                    if g.dep_ != "pobj":
                        continue
                    for t in [g, *g.children]:
                        if t.dep_ == "poss" and g.lemma_.lower() in RELATIONAL_NOUNS:
                            continue
                        m = ctx.by_token.get(t.i)
                        ref = self.mention_ref(m, ctx) if m is not None and not m.is_agent else None
                        if ref is not None and ref.code and ref.kind == "country":
                            return ref.code
        return None

    def opposed_in(self, refs: list[ActorRef], ctx: SentenceContext) -> list[ActorRef]:
        """Actors named after "anti-" inside the text of ``refs`` ("anti-American protesters")."""
        out = []
        for m in ctx.mentions:
            if not after_anti(m, ctx.doc):
                continue
            s, e = self._span(ctx, m.start, m.end)
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
                        for m in self._mentions_in(list(c.subtree), ctx):
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
                    s, e = self._span(ctx, pronoun.i, pronoun.i + 1)
                    return ActorRef(pronoun.text, r.code, r.sector, r.actor_id, r.kind, s, e, "pronoun")
        return None

    def situate(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int] = frozenset()) -> ActorRef:
        """Give a country to an agent without one ("demonstrators", "the rebels"): the
        nearest country named in the sentence (not in the tokens ``avoid``), else the country
        the article is most about. An unknown person with an office title ("Vice-President
        Moody Awori", "Judge Alejandro Rivera") takes the one country the sentence names,
        if it names exactly one: news copy names a foreign official's country and leaves a
        domestic one's to the story."""
        if ref.code is None and ref.kind == "unknown":
            return self._situate_official(ref, ctx, avoid)
        if ref.code is not None or ref.kind != "agent":
            return ref
        best: tuple[int, str] | None = None
        for r in self._sentence_countries(ctx, avoid):
            if ref.start <= r.start < ref.end and ref.via == "ethnic":
                continue  # "ethnic Albanians" are not placed by their own name
            dist = min(abs(r.start - ref.start), abs(r.end - ref.end))
            if best is None or dist < best[0]:
                best = (dist, r.code)
        # (in the first sentence the article's focus is only what this sentence names, weighed above)
        code = best[1] if best else (self.focus_pair() or [None])[0] if ctx.index > 0 else None
        if code is None:
            return ref
        return ActorRef(ref.text, code, ref.sector, None, "agent", ref.start, ref.end, "agent+context")

    def _situate_official(self, ref: ActorRef, ctx: SentenceContext, avoid: frozenset[int]) -> ActorRef:
        titles = [m for m in ctx.mentions if m.is_agent and ref.start <= ctx.base + ctx.doc[m.start].idx < ref.end]
        sector = ref.sector or (min(titles, key=lambda m: m.start).sector if titles else None)
        if not titles or not at_home(sector, ref.text):
            return ref  # "Foreign Minister X criticized Germany": Germany is whom X deals with
        codes = {r.code for r in self._sentence_countries(ctx, avoid) if r.code in ISO3}
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
            if r is not None and r.code is not None and r.kind in ("country", "person"):
                yield r

    def _mentions_in(self, toks: list[Token], ctx: SentenceContext, skip: Token | None = None) -> list[Mention]:
        out: list[Mention] = []
        for t in toks:
            if skip is not None and t.i == skip.i:
                continue
            m = ctx.by_token.get(t.i)
            if m is not None and m not in out:
                out.append(m)
        return out

    def _recall(self, slot: tuple[int, ActorRef] | None, ctx: SentenceContext, head: Token, via: str) -> ActorRef | None:
        if slot is None or ctx.index - slot[0] > _REACH:
            return None
        ref = slot[1]
        s, e = self._span(ctx, head.i, head.i + 1)
        text = ctx.doc[np_tokens(head)[0].i : head.i + 1].text
        sector = ref.sector if ref.kind == "person" or via == "pronoun" else None
        return ActorRef(text, ref.code, sector, ref.actor_id, ref.kind, s, e, via)


def _kind_ok(ref: ActorRef, kind: str) -> bool:
    if kind == "person":
        return ref.kind == "person" or (ref.kind == "agent" and ref.sector in ("GOV", "MIL", "ELI"))
    if kind == "thing":
        return ref.kind in ("country", "igo", "group")
    return True
