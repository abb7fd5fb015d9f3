"""Clause-level readings of a trigger: its own date adverbial, a condition clause
("unless …"), and who tells the sentence ("…, officials in Nairobi said")."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from .modality import SPEECH_VERBS

__all__ = ["date_adverbial", "condition_of", "attribution"]

_WHEN_DEPS = frozenset({"npadvmod", "tmod", "advmod", "obl:tmod"})
_WHEN_PREPS = frozenset({"on", "in", "during", "at", "since", "last"})


def date_adverbial(tok: Token, published: date) -> tuple[date, str, str] | None:
    """The event's own date from a date adverbial on its trigger ("attacked on Wednesday",
    "met last week"), or on the verb that reports it ("said on Tuesday")."""
    from ..ingest.relative_dates import resolve_event_date

    heads = [tok]
    if tok.pos_ == "NOUN" and tok.head.i != tok.i:
        heads.append(tok.head)
    t = heads[-1]
    for _ in range(3):  # up through ccomp / conj to the reporting verb
        if t.dep_ in ("ccomp", "conj", "xcomp", "advcl") and t.head.i != t.i:
            t = t.head
            heads.append(t)
        else:
            break
    for h in heads:
        for c in h.children:
            if c.dep_ in _WHEN_DEPS or (c.dep_ == "prep" and c.lower_ in _WHEN_PREPS):
                phrase = c.doc[c.left_edge.i : c.right_edge.i + 1].text
                if len(phrase) > 60:
                    continue
                hit = resolve_event_date(phrase, published)
                if hit is not None:
                    return hit[0], hit[1], phrase
    return None



def condition_of(tok: Token) -> str | None:
    """"unless" or "if" when the trigger's own clause carries a condition clause ("will
    withdraw … unless Chad agrees", "may halt mediation if …")."""
    for c in tok.children:
        if c.dep_ == "advcl":
            for m in c.children:
                if m.dep_ == "mark" and m.lower_ in ("unless", "if"):
                    return m.lower_
    return None


def attribution(tok: Token) -> frozenset[int]:
    """Tokens of who tells the sentence ("…, relief officials in Nairobi said"), when the
    trigger is inside what they tell: no place or party of the event is taken from there."""
    root = tok.sent.root if tok.doc.has_annotation("SENT_START") else next((t for t in tok.doc if t.dep_ == "ROOT"), tok)
    if root.i == tok.i or root.lemma_ not in SPEECH_VERBS:
        return frozenset()
    subj = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or tok.i in {t.i for t in subj[0].subtree}:
        return frozenset()
    return frozenset(t.i for t in subj[0].subtree)
