"""What the words around one actor mention, or one head, say in a parsed sentence: the
tokens of a noun phrase, the mentions that only qualify or place someone ("Israel's ally",
"the Thai border", "anti-American") rather than name who acts, a locative head, a
determiner, an organisation's name; and :class:`SentenceContext`, the sentence being coded.

These are word-level tests. The reading of a whole noun phrase, built from them once per
head, is :class:`~.noun_phrase.NounPhrase`; what actor it names is the resolver's decision.
"""

from __future__ import annotations

import calendar
import re

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from .matcher import Mention

if TYPE_CHECKING:
    from ..records import ActorRef
    from .noun_phrase import NounPhrase

__all__ = ["SentenceContext", "AGAINST_THE_STATE", "own_side", "np_tokens", "mentions_in", "related_only", "relates_only", "after_anti", "after_pro", "backer", "BACKING",
           "names_a_border", "locative", "determiner", "names_an_organization", "at_home", "HOME_SECTORS", "RELATIONAL_NOUNS",
           "LOCATIVE_PREPS", "NOT_ACTORS"]

#: Dependents that stay inside a noun phrase.
_NP_DEPS = {"compound", "amod", "poss", "det", "nmod", "appos", "nummod", "flat", "case", "quantmod", "nn", "predet", "punct", "cc", "conj"}
#: nouns for another actor related to their possessor: "Israel's ally" is not Israel
RELATIONAL_NOUNS = frozenset("""ally allies partner partners neighbour neighbours neighbor neighbors rival rivals enemy enemies
foe foes opponent opponents adversary adversaries critic critics proxy proxies client clients patron patrons""".split())
_BORDERS = frozenset({"border", "frontier", "boundary", "borderland"})
#: proper nouns that head no actor: days, months
NOT_ACTORS = frozenset(w.lower() + dot for w in [*calendar.day_name, *calendar.day_abbr, *calendar.month_name[1:],
                                                  *calendar.month_abbr[1:], "Sept", "Tues", "Thur", "Thurs"]
                       for dot in ("", "."))  # "said on Feb. 5"


@dataclass(slots=True)
class SentenceContext:
    """One sentence being coded: its doc, its offset in the article, its mentions (by the
    tokens they cover), and the readings of its noun phrases (:func:`.noun_phrase.read`)."""

    index: int
    doc: Doc
    base: int
    mentions: list[Mention]
    by_token: dict[int, Mention] = field(default_factory=dict)
    #: head index → the reading of its noun phrase, built once (see :func:`.noun_phrase.read`)
    phrases: dict[int, NounPhrase] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        for m in self.mentions:
            for i in range(m.start, m.end):
                self.by_token[i] = m

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The article offsets of tokens ``start:end``."""
        doc = self.doc
        return self.base + doc[start].idx, self.base + doc[end - 1].idx + len(doc[end - 1].text)


#: sectors of a country's own people who stand against its state: the other side of its state's
#: acts ("Nigerian troops killed Boko Haram fighters"), never its own people
AGAINST_THE_STATE = frozenset({"REB", "IMG", "INS", "UAF", "OPP"})


def own_side(r: ActorRef, codes: frozenset[str]) -> bool:
    """``r`` is of the side whose countries are ``codes`` (what an event's other party leaves out:
    "offered its troops to Lebanon"): its code is among them and it does not stand against that state."""
    return bool(r.code) and r.code in codes and r.sector not in AGAINST_THE_STATE


def np_tokens(head: Token, include_conj: bool = False) -> list[Token]:
    """The tokens of the noun phrase headed by ``head``: modifiers, possessors,
    appositions and an ``of`` phrase; not relative clauses or other prepositions."""
    seen = {head.i: head}
    stack = [head]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.i in seen:
                continue
            dep = c.dep_
            if dep in ("conj", "cc") and not include_conj:
                continue
            if dep == "poss" and t.lemma_.lower() in RELATIONAL_NOUNS:
                continue  # "Israel's militia ally" is not Israel
            if dep in _NP_DEPS or (dep == "prep" and c.lower_ == "of" and t.i == head.i):
                seen[c.i] = c
                stack.append(c)
            elif dep == "pobj" and t.dep_ == "prep" and t.lower_ == "of":
                seen[c.i] = c
                stack.append(c)
    return sorted(seen.values(), key=lambda t: t.i)


def mentions_in(toks: Iterable[Token], ctx: SentenceContext, skip: Token | None = None) -> list[Mention]:
    """The mentions on ``toks`` (but the token ``skip``), each once, in the order of the tokens."""
    out: list[Mention] = []
    for t in toks:
        if skip is not None and t.i == skip.i:
            continue
        m = ctx.by_token.get(t.i)
        if m is not None and m not in out:
            out.append(m)
    return out


def related_only(m: Mention, ctx: SentenceContext, borders: bool = True) -> bool:
    """The mention only says whose ally, neighbour or rival someone is ("Israel's ally"), or
    whose border a place is near ("on the Thai border", "Macedonia's border with Bulgaria")."""
    return relates_only(m, ctx.doc, borders)


def relates_only(m: Mention, doc: Doc, borders: bool = True) -> bool:
    """:func:`related_only`, told from the sentence's doc alone."""
    t = doc[m.end - 1]
    h = t.head
    if after_anti(m, doc) or after_pro(m, doc) or backer(m, doc):
        return True
    if t.dep_ == "poss" and h.lemma_.lower() in RELATIONAL_NOUNS:
        return True
    if not borders:
        return False
    if names_a_border(m, doc):
        return True
    if t.dep_ in ("poss", "amod", "compound") and h.lemma_.lower() in _BORDERS:
        return True
    return t.dep_ == "pobj" and h.dep_ == "prep" and h.lower_ == "with" and h.head.lemma_.lower() in _BORDERS


#: "Iran-backed militias", "Russian-backed separatists", "U.S.-funded groups": the named
#: country backs the actor, it is not the actor (unlike "Saudi-led", "Russian-installed")
BACKING = frozenset("""backed supported sponsored funded financed armed trained allied aligned affiliated
linked friendly inspired""".split())


def backer(m: Mention, doc: Doc) -> bool:
    """The mention is the backer in "X-backed …": the words right after it are "-" and a
    participle of backing."""
    return m.end + 1 < len(doc) and doc[m.end].text == "-" and doc[m.end + 1].lower_ in BACKING


def _prefixed(m: Mention, doc: Doc, word: str) -> bool:
    """The mention follows "word -" ("anti-Syria", "pro-Russian"); token by token, as a
    slice of the Doc costs more than the test (the actors' profile)."""
    return m.start >= 2 and doc[m.start - 1].text == "-" and doc[m.start - 2].lower_ == word


def after_anti(m: Mention, doc: Doc) -> bool:
    return _prefixed(m, doc, "anti")


def after_pro(m: Mention, doc: Doc) -> bool:
    return _prefixed(m, doc, "pro")


def names_a_border(m: Mention, doc: Doc) -> bool:
    """A name that places or qualifies rather than acts, told by the words around it: "the
    Thai border", "Macedonia's border", "an anti-Syria journalist", "pro-Russian separatists"."""
    if after_anti(m, doc) or after_pro(m, doc):
        return True
    n = len(doc)
    if m.end >= n:
        return False
    first = doc[m.end].lower_
    return first in _BORDERS or (first in ("'s", "’s") and m.end + 1 < n and doc[m.end + 1].lower_ in _BORDERS)


#: prepositions that make a city a place rather than a metonym for its government
LOCATIVE_PREPS = frozenset({"in", "at", "near", "around", "outside", "inside", "across", "throughout", "within"})


def locative(head: Token) -> bool:
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS


def determiner(tok: Token) -> str | None:
    for c in tok.children:
        if c.dep_ in ("det", "nummod", "predet"):
            return c.lower_
    return None


#: last words of the names of bodies that are organisations of their own
ORGANIZATION_HEADS = frozenset({"committee", "commission", "council", "forum", "association", "federation", "foundation",
                                "institute", "institution", "league", "society", "organization", "organisation", "network",
                                "alliance", "coalition", "fund", "centre", "center", "trust", "watch", "jurists"})
#: words that make a body a state's own, or a side in its politics (not an NGO)
STATE_WORDS = frozenset({"national", "federal", "state", "supreme", "central", "royal", "presidential", "parliamentary",
                         "ministry", "government", "republic", "party", "front", "movement", "army", "military", "police",
                         "security", "revolutionary", "islamic", "liberation", "judicial", "electoral",
                         "constitutional", "legislative", "executive", "provincial", "regional", "municipal", "city",
                         "county", "district", "transitional", "sovereign", "interim", "ruling", "public"})


def names_an_organization(head: Token) -> bool:
    """A name the dictionary does not know whose last word says it is a body of its own
    ("the Ceasefire Violations Committee", "the Third World Water Forum", "the Association
    of African Jurists") and none of whose words ties it to a state ("National", "Federal")
    or a side (parties, fronts, movements): coded NGO, as CAMEO codes unnamed
    non-governmental organisations."""
    if head.lemma_.lower() not in ORGANIZATION_HEADS:
        return False  # (told first: every noun phrase's reading asks)
    name = [t for t in head.subtree if t.i <= head.i and t.dep_ in ("compound", "amod", "nmod") or t.i == head.i]
    name += [g for c in head.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.subtree]
    if len([t for t in name if t.pos_ == "PROPN"]) < 2:
        return False
    return not any(t.lower_ in STATE_WORDS for t in name)


#: sectors of people who almost always act in their own country (officials, judges,
#: legislators, police, politicians; not soldiers, civilians or spies, who may be abroad)
HOME_SECTORS = frozenset({"GOV", "JUD", "LEG", "COP", "OPP", "PTY"})
#: words of offices that deal with other countries or serve abroad
_ABROAD = re.compile(r"\b(foreign|ambassador|envoy|diplomat|consul|emissary|embass|attach[eé]|delegat|defen[cs]e|secretary of state)",
                     re.IGNORECASE)


def at_home(sector: str | None, text: str) -> bool:
    """Whether an actor of ``sector`` named by ``text`` is almost surely in their own
    country: a judge or a governor is; a foreign or defence minister, an envoy, a soldier
    is not (the country a sentence names is as often the one they deal with)."""
    return (sector or "")[:3] in HOME_SECTORS and not _ABROAD.search(text)
