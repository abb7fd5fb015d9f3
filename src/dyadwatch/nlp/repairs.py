"""Repairs of parse errors the small English model makes often enough to cost events.

Each repair is a narrow, structural rule over the dependency tree, applied to a parsed
sentence before it is coded, and each says in its docstring which error it undoes.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["repair_parse"]

#: determiners and modifiers that can open the noun phrase after a particle verb
_NP_INNER = frozenset({"compound", "poss", "case", "det", "amod", "nummod"})


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to ``doc`` (in place) and return it."""
    for tok in doc:
        if tok.pos_ == "VERB":
            _orphan_particle_object(tok)
    return doc


def _orphan_particle_object(verb: Token) -> None:
    """ "tried to scale down North Korea's rhetoric and Donald Trump hailed …": the model
    reads "North Korea's rhetoric and Donald Trump" as the subject of "hailed" and leaves
    "scale down" with no object. Where a particle verb has no object, and the noun phrase
    right after its particle is the subject of a verb coordinated with it that has a second,
    coordinated subject, the first phrase is the particle verb's object and the second the
    subject of the later verb."""
    prt = [c for c in verb.children if c.dep_ == "prt"]
    if not prt or any(c.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") for c in verb.children):
        return
    doc = verb.doc
    start = prt[-1].i + 1
    if start >= len(doc):
        return
    head = doc[start]
    while head.dep_ in _NP_INNER and head.head.i > head.i:
        head = head.head
    later = head.head
    if head.dep_ != "nsubj" or later.i <= head.i or later.dep_ != "conj" or later.pos_ != "VERB":
        return
    if not (later.head.i == verb.i or later.head.i == verb.head.i):
        return
    second = [c for c in head.children if c.dep_ == "conj" and c.pos_ == "PROPN"]
    cc = [c for c in head.children if c.dep_ == "cc"]
    if len(second) != 1 or len(cc) != 1 or not cc[0].i < second[0].i < later.i:
        return
    head.head, head.dep_ = verb, "dobj"
    second[0].head, second[0].dep_ = later, "nsubj"
    cc[0].head = later
