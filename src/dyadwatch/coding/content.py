"""What a statement says about someone: "X said Y's policy is hostile" is X criticizing Y.

CAMEO codes a statement by what it carries. A speech verb with no addressee whose content
evaluates a named party, with a word of ``data/evaluative.tsv`` ("Washington said Beijing's
conduct was *dangerous*", "Kabul called Islamabad's claims *baseless*"), is a criticism (111)
or a praise (051) of that party, not a bare statement (010). The party is who the content is
about: the content's subject, or the owner of that subject ("Beijing's conduct"); where the
content names no one, or names its own speaker, the statement stays a statement.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..records import ActorRef
from .modality import NEG_WORDS
from .senses import evaluative

__all__ = ["evaluated_party"]

#: only judgements that CAMEO codes as acts of their own (not 012 pessimism: no target)
_JUDGEMENTS = frozenset({"111", "051"})


def evaluated_party(verb: Token, resolve: Callable[[Token], list[ActorRef]],
                    speakers: list[ActorRef]) -> tuple[str, list[ActorRef], str] | None:
    """(code, parties, word) where the content of the statement ``verb`` judges a named
    party; None otherwise."""
    content = next((c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")), None)
    if content is None:
        return None
    clause = _clause(content)
    if any(t.lower_ in NEG_WORDS for t in clause) or any(t.tag_ == "MD" for t in clause):
        return None  # "is not hostile", "could be dangerous": no judgement made
    words = evaluative()
    judged = [(words[t.lemma_.lower()], t) for t in _predicates(content)
              if t.pos_ in ("ADJ", "NOUN") and words.get(t.lemma_.lower()) in _JUDGEMENTS]
    if not judged or len({c for c, _ in judged}) != 1:
        return None  # none, or praise and blame mixed
    own = {r.code for r in speakers if r.code}
    parties = [r for r in _about(content, resolve) if r.code and r.code not in own]
    if not parties:
        return None
    return judged[0][0], parties, judged[0][1].text


def _clause(content: Token) -> list[Token]:
    """The tokens of the content clause, without clauses of its own inside it (a nested
    report or a relative clause judges something else)."""
    out: list[Token] = []
    stack = [content]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in ("ccomp", "relcl", "advcl", "parataxis"))
    return out


def _predicates(content: Token) -> list[Token]:
    """What the content says its subject is or does: the predicate of "X is *hostile*", "X
    is *a threat*", "X poses *a threat*", with its modifiers ("a *dangerous* provocation") and
    the words coordinated with them; not a word elsewhere in the clause ("his political
    *allies*" says nothing of the subject)."""
    out: list[Token] = []
    for c in content.children:
        if c.dep_ in ("acomp", "attr", "oprd", "dobj"):
            out += [c, *[g for g in c.children if g.dep_ in ("amod", "compound", "conj")]]
            # "one of the most abusive nations"
            out += [h for g in c.children if g.dep_ == "prep" and g.lower_ == "of" and c.lemma_ in ("one", "some", "part")
                    for pg in g.children if pg.dep_ == "pobj" for h in (pg, *pg.children) if h is pg or h.dep_ == "amod"]
            out += [g for cj in c.conjuncts for g in (cj, *cj.children) if g.dep_ in ("amod", "compound", "conj") or g is cj]
    if content.pos_ == "ADJ":
        out.append(content)
    return out


def _about(content: Token, resolve: Callable[[Token], list[ActorRef]]) -> list[ActorRef]:
    """Who the content is about: its subject, or the owner of its subject."""
    for subj in (c for c in content.children if c.dep_ in ("nsubj", "nsubjpass")):
        refs = [r for r in resolve(subj) if r.code]
        if refs:
            return refs
        owners = [g for g in subj.children if g.dep_ in ("poss", "compound", "amod")]
        # "the conduct of Iran", "the talks with Washington"
        owners += [pg for g in subj.children if g.dep_ == "prep" and g.lower_ in ("of", "with", "by")
                   for pg in g.children if pg.dep_ == "pobj"]
        for g in owners:
            refs = [r for r in resolve(g) if r.code]
            if refs:
                return refs
    return []
