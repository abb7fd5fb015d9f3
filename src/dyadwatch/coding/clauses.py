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
    nouns = [tok] if tok.pos_ in ("NOUN", "PROPN") else [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN"]
    for n in nouns:
        # "the 2004 bombing", "last week's raids": the noun's own date ("the 2004 bombing …
        # killed nine soldiers": the killing's too)
        for c in n.children:
            if c.dep_ in ("compound", "nummod", "amod", "npadvmod") and _year(c, published) is not None:
                return date(_year(c, published), 1, 1), "year", c.text
            if c.dep_ == "poss" and c.pos_ == "NOUN":
                phrase = c.doc[c.left_edge.i: c.i + 1].text
                hit = resolve_event_date(phrase, published) if len(phrase) <= 30 else None
                if hit is not None:
                    return hit[0], hit[1], phrase
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in ("in", "since", "during"):
                year = next((_year(g, published) for g in c.children if g.dep_ == "pobj"), None)
                if year is not None:
                    return date(year, 1, 1), "year", f"{c.text} {year}"
            if c.dep_ in _WHEN_DEPS or (c.dep_ == "prep" and c.lower_ in _WHEN_PREPS):
                phrase = c.doc[c.left_edge.i : c.right_edge.i + 1].text
                if len(phrase) > 60:
                    continue
                hit = resolve_event_date(phrase, published)
                if hit is not None:
                    return hit[0], hit[1], phrase
    return None



def _year(t: Token, published: date) -> int | None:
    """A four-digit year no later than the story ("2004"), else ``None``."""
    if len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= published.year:
        return int(t.text)
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
