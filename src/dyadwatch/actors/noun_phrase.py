"""The reading of one noun phrase: what its words say, read once per head.

:class:`NounPhrase` owns everything about the phrase headed by a token that its words tell:
its tokens and text, its determiner, the actor mentions inside it and which of them only
qualify someone (an ally's or a backer's name, "anti-" or "pro-" a name, a border), the agent
words and the sector they give, whether it says "former", "ethnic", a part of a whole
("members of …"), a possessor, a relation ("Israel's ally"), a place ("in Algiers"), the
name of an organisation of its own. It decides no code: :class:`~.resolve.ActorResolver`
does that, from this reading and what the article said before (people, pronouns, the date).

:func:`read` builds a head's reading once per sentence and keeps it on the
:class:`~.phrases.SentenceContext` (a head is resolved for the pronoun memory, for its
events, and as an antecedent: each reads the same phrase).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from .matcher import Mention
from .phrases import (NOT_ACTORS, RELATIONAL_NOUNS, SentenceContext, after_anti, determiner, locative, mentions_in,
                      names_an_organization, np_tokens, relates_only)

__all__ = ["NounPhrase", "read", "clean_range"]

#: words before the head that make an office-holder a former one
_FORMER = frozenset({"former", "ousted", "exiled", "deposed", "ex", "late", "retired", "toppled", "overthrown"})
#: "members of", "one third of": the actor is the whole named after "of"
_PARTITIVES = frozenset({"member", "members", "third", "half", "quarter", "majority", "minority", "part", "some", "many",
                         "most", "several", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score",
                         "scores", "million", "millions", "tens", "group", "delegation", "representative"})
#: punctuation that never begins or ends an actor's text
_STRAY = frozenset({",", ";", ":", "-", "\u2013", "\u2014", "(", ")", "[", "]", '"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "/", "!", "?"})
_CLOSERS = {")": "(", "]": "[", "\u201d": "\u201c", '"': '"', "\u2019": "\u2018"}


@dataclass(frozen=True, slots=True)
class NounPhrase:
    """What the words of the noun phrase headed by ``head`` say (see the module's docstring).

    The fields are what every resolution of the phrase reads, read when it is built; the
    properties are what only some phrases are asked (a determiner, a possessor, a border …),
    told from the same words when asked."""

    head: Token
    #: the phrase's tokens (:func:`~.phrases.np_tokens`), in order
    tokens: tuple[Token, ...]
    #: its text without stray punctuation at the edges, and its article offsets
    text: str
    start: int
    end: int
    #: every actor mention inside the phrase, in order
    mentions: tuple[Mention, ...]
    #: agent words ("officials", "the army"), not those after "anti-" ("anti-government")
    agents: tuple[Mention, ...]
    #: names that may be the actor: not those that only say whose ally, backer or foe someone is
    named: tuple[Mention, ...]
    #: the mention at the head token, if any
    head_mention: Mention | None
    #: whether an agent word is at the head ("a Tehran court", "Moscow police")
    head_agent: bool
    #: the sector of the leftmost agent word before or at the head, else of the first one
    agent_sector: str | None
    #: "former prime minister", "ousted president", "ex-minister"
    former: bool
    #: the word "ethnic" ("ethnic Albanians")
    ethnic: bool
    #: for a part of a whole that names no actor itself ("members of the Association …"), the whole
    whole: Token | None
    #: the sentence's doc and its mentions by token (what the properties read)
    doc: Doc = field(repr=False, compare=False)
    by_token: dict[int, Mention] = field(repr=False, compare=False)

    @property
    def sector(self) -> str | None:
        """The sector the phrase's words give: "ELI" for a former office-holder, else the agent words'."""
        return "ELI" if self.former else self.agent_sector

    @property
    def determiner(self) -> str | None:
        return determiner(self.head)

    @property
    def names_inside(self) -> bool:
        """A mention on some token other than the head ("this country" has none, "this country Iran" one)."""
        hi = self.head.i
        return any(t.i != hi and t.i in self.by_token for t in self.tokens)

    @property
    def possessors(self) -> tuple[Token, ...]:
        """The head's possessors ("their forces", "Israel's ally")."""
        return tuple([c for c in self.head.children if c.dep_ == "poss"])

    @property
    def relational(self) -> bool:
        """A relational noun with a possessor ("Israel's ally"): someone related, not the possessor."""
        return self.head.lemma_.lower() in RELATIONAL_NOUNS and any(c.dep_ == "poss" for c in self.head.children)

    @property
    def locative(self) -> bool:
        """The object of a locative preposition ("in Algiers")."""
        return locative(self.head)

    @property
    def proper(self) -> bool:
        """A capitalised proper noun at the head that is no day or month."""
        head = self.head
        return head.pos_ == "PROPN" and (head.is_title or head.is_upper) and head.lower_ not in NOT_ACTORS

    @property
    def organization(self) -> bool:
        """The name of an organisation of its own (:func:`~.phrases.names_an_organization`)."""
        return names_an_organization(self.head)

    @property
    def bordering(self) -> tuple[Mention, ...]:
        """Those of :attr:`named` that only say whose border a place is near ("the Thai border")."""
        return tuple([m for m in self.named if relates_only(m, self.doc)])

    def coordinated(self, named: list[Mention]) -> Iterator[list[Mention]]:
        """Groups of coordinated modifiers of the head among ``named``, each an actor of its own:
        "French and German diplomats", "Polish and Czech officials", "U.S. and Iraqi forces" (a
        head that is a name itself is not modified this way), in the order of ``named``."""
        by_token = self.by_token
        if by_token.get(self.head.i) in named:
            return
        doc = self.doc
        hi = self.head.i
        at = {i: m for m in named for i in range(m.start, m.end)}
        for m in named:
            toks = [doc[i] for i in range(m.start, m.end)]
            if not any(t.head.i == hi and t.dep_ in ("amod", "compound", "nmod", "poss") for t in toks):
                continue
            group = [m]
            for t in toks:
                for c in t.conjuncts:  # (conjuncts are not in the noun phrase's own tokens)
                    other = at.get(c.i) or by_token.get(c.i)
                    if other is not None and not other.is_agent and other not in group and not relates_only(other, doc, borders=False):
                        group.append(other)
            if len(group) >= 2:
                yield group


def read(head: Token, ctx: SentenceContext) -> NounPhrase:
    """The reading of the noun phrase headed by ``head`` (built once per sentence)."""
    found = ctx.phrases.get(head.i)
    if found is None or found.head.doc is not head.doc:
        found = _read(head, ctx)
        if head.doc is ctx.doc:  # (a head of another doc is read, not kept)
            ctx.phrases[head.i] = found
    return found


#: heads that say only that someone acts for a body, whose "of" phrase says which
_GENERIC_HEADS = frozenset({"leader", "member", "official", "head", "chief", "representative", "delegation", "delegate"})


def _read(head: Token, ctx: SentenceContext) -> NounPhrase:
    doc = ctx.doc
    by_token = ctx.by_token
    hi = head.i
    toks = np_tokens(head)
    ments = mentions_in(toks, ctx)
    agents = tuple([m for m in ments if m.is_agent and not after_anti(m, doc)])
    pre_agents = [m for m in agents if m.start <= hi]
    post_agents = [m for m in agents if m.start > hi]
    if pre_agents and post_agents and all(m.start <= hi < m.end for m in pre_agents) and head.lemma_.lower() in _GENERIC_HEADS:
        # "leaders of the opposition coalition", "members of parliament": whose people they are
        agent_sector = post_agents[0].sector
    elif pre_agents:
        agent_sector = min(pre_agents, key=lambda m: m.start).sector
    elif agents:
        agent_sector = agents[0].sector
    else:
        agent_sector = None
    a, b = clean_range(doc, toks[0].i, toks[-1].i + 1)
    start, end = ctx.span(a, b)
    return NounPhrase(
        head=head,
        tokens=tuple(toks),
        text=doc[a:b].text,
        start=start,
        end=end,
        mentions=tuple(ments),
        agents=agents,
        named=tuple([m for m in ments if not m.is_agent and not relates_only(m, doc, borders=False)]),
        head_mention=by_token.get(hi),
        head_agent=any(m.start <= hi < m.end for m in agents),
        agent_sector=agent_sector,
        former=any(t.lower_ in _FORMER or t.lower_.startswith("ex-") for t in toks
                   if t.i < hi and t.dep_ in ("amod", "compound", "advmod")),
        ethnic=any(t.lower_ == "ethnic" for t in toks),
        whole=_whole(head, ctx) if head.lower_ in _PARTITIVES or head.lemma_.lower() in _PARTITIVES else None,
        doc=doc,
        by_token=by_token,
    )


def _whole(head: Token, ctx: SentenceContext) -> Token | None:
    """The whole a partitive head names after "of", where the head names no actor itself."""
    if any(ctx.by_token.get(c.i) for c in head.children if c.dep_ != "prep"):
        return None
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            whole = [g for g in c.children if g.dep_ == "pobj"]
            if whole:
                return whole[0]
    return None


def clean_range(doc: Doc, a: int, b: int) -> tuple[int, int]:
    """Token range ``a:b`` without stray punctuation at its edges (a closing bracket or quote
    whose opener is inside stays) or a possessive ending, widened over a hyphenated word it
    cuts in half ("-based immigration lawyer" → "Washington-based immigration lawyer")."""
    a0, b0 = a, b
    while a < b and doc[a].text in _STRAY:
        a += 1
    while b > a and doc[b - 1].text in _STRAY and not (
            doc[b - 1].text in _CLOSERS and any(doc[k].text == _CLOSERS[doc[b - 1].text] for k in range(a, b - 1))):
        b -= 1
    while b - 1 > a and doc[b - 1].lower_ in ("'s", "\u2019s", "'", "\u2019") and doc[b - 1].dep_ == "case":
        b -= 1  # "Lai's" names Lai
    if a == b:
        return a0, b0
    while a >= 2 and doc[a - 1].text in ("-", "\u2011") and not doc[a - 1].whitespace_ and not doc[a - 2].whitespace_ \
            and doc[a - 2].text not in _STRAY:
        a -= 2  # "Washington-based"
    while b + 1 < len(doc) and doc[b].text in ("-", "\u2011") and not doc[b - 1].whitespace_ and not doc[b].whitespace_ \
            and doc[b + 1].text not in _STRAY:
        b += 2
    return a, b
