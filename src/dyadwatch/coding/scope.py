"""Where a trigger sits in its sentence, and whether the sentence asserts it as an act.

A lexicon word is an event only where the sentence says the act happened (or is threatened,
intended, demanded: that is :mod:`.modality`). Many triggers sit where nothing is asserted:

* a comparison: "has more urgent worries *than seeking talks*";
* a purpose, or what someone is asked or allowed to do: "held drills *to demonstrate*",
  "raised pressure *to gear up talks*", "told Israel *to release* them";
* what is denied or alleged: "denied charges *that its army shelled* the town";
* a belief or hedged analysis: "Washington is sure *that Pyongyang wanted* …",
  "analysts say Beijing *wants* …";
* the alternative of an ultimatum: "release the hostages *or face war*";
* a question, and a negated clause around a noun ("did not accuse China of *the attack*");
* a name or a date: "the African Union *Support* Mission", "in *March*".

:func:`unasserted` says which of these holds (a reason for ``explain``), or ``None``.
:func:`background` says whether an act is told as background ("the sanctions Washington
*has imposed*", "a war that *killed* 100,000"): still an event, but not news of the day.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Token

from .clauses import date_adverbial
from .modality import SPEECH_VERBS

#: head nouns that only say an act was undertaken: in "a mediation effort", "a bombing
#: campaign", "a rescue operation" the modifier is the act, not a label of the head
UNDERTAKINGS = frozenset("""effort efforts campaign campaigns operation operations mission drive bid initiative
programme program""".split())

__all__ = ["UNDERTAKINGS", "unasserted", "background", "ultimatum_branches", "purpose_clause", "NON_POLITICAL_SPEAKERS"]

_DENY = frozenset({"deny", "dismiss", "refute", "rebut", "dispute", "reject", "disavow"})
#: nouns whose clause tells what is alleged, feared or rumoured, not what happened
_ALLEGATION = frozenset({
    "charge", "accusation", "allegation", "claim", "rumor", "rumour", "speculation", "suggestion",
    "fear", "concern", "worry", "possibility", "risk", "prospect", "suspicion", "theory", "question",
    "doubt", "hope", "expectation", "idea", "notion", "report", "evidence", "sign", "likelihood",
    "wish", "desire", "dream", "belief", "view", "assumption",
})
#: verbs and adjectives of belief: what they govern is the subject's belief, not the news
_BELIEF = frozenset({
    "believe", "think", "suspect", "fear", "worry", "doubt", "speculate", "wonder", "assume", "guess",
    "imagine", "suppose", "sure", "convinced", "confident", "certain", "likely", "unlikely", "possible",
    "seem", "appear", "estimate", "predict", "expect", "hope", "wish",
})
#: speakers whose reading of events is analysis, not a political act (convention 29)
NON_POLITICAL_SPEAKERS = frozenset({
    "analyst", "expert", "observer", "scholar", "researcher", "commentator", "economist", "professor",
    "academic", "historian", "pundit", "strategist", "specialist", "critic", "skeptic", "sceptic",
})
_MONTHS = frozenset({"January", "February", "March", "April", "June", "July", "August", "September",
                     "October", "November", "December"})
_COMPARE_PREPS = frozenset({"than"})


def purpose_clause(clause: Token) -> bool:
    """An infinitive clause of purpose ("to demonstrate its strength", "in order to …")."""
    if clause.pos_ not in ("VERB", "AUX"):
        return False
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
    in_order = any(c.dep_ == "mark" and c.lower_ in ("in", "so") for c in clause.children)
    subj = any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children)
    return (to or in_order) and not subj


def _comparison(child: Token, head: Token) -> bool:
    if head.lower_ in _COMPARE_PREPS and child.dep_ in ("pobj", "pcomp"):
        return True
    prev = head.doc[head.i - 1] if head.i > 0 else None
    if head.lower_ == "of" and prev is not None and prev.lower_ == "instead":
        return True  # "instead of seeking talks"
    return head.lower_ == "to" and prev is not None and prev.lower_ == "opposed"  # "as opposed to"


def _open_question(tok: Token) -> str | None:
    """ "To what extent the United States will defend …", "whether they agree or not": what a
    clause asks or leaves open, not what happened."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    for c in tok.children:
        if c.dep_ == "mark" and c.lower_ == "whether":
            return "an open question ('whether …')"
        if c.dep_ == "prep":
            for g in c.children:
                if g.dep_ in ("pobj", "pcomp") and any(d.dep_ == "det" and d.tag_ == "WDT" for d in g.children):
                    return f"an open question ('{c.text} {next(d for d in g.children if d.tag_ == 'WDT').text} {g.text} …')"
    return None


def unasserted(tok: Token, complements: frozenset[int] = frozenset(), triggers: frozenset[int] = frozenset()) -> str | None:
    """Why the sentence does not assert the act of ``tok``; ``None`` if nothing above it says so.

    ``complements`` are the tokens of clauses that a frame of the lexicon has taken as its
    content ("urged Iran *to release* …"): those are read by the frame, not here. ``triggers``
    are the sentence's lexicon triggers: a purpose is no event where the act it is the purpose
    of is coded ("held drills *to demonstrate* strength"); where that act is no event of the
    lexicon, the purpose is what the sentence reports ("used tear gas *to disperse* them").
    """
    if tok.text in _MONTHS:
        return f"'{tok.text}' is a month"
    if tok.pos_ == "PROPN" and tok.tag_ in ("NNP", "NNPS") and not _title_case(tok):
        near = [t for t in (*tok.children, tok.head) if t.dep_ in ("compound", "flat") or t.i == tok.head.i and tok.dep_ in ("compound", "flat")]
        if any(t.pos_ == "PROPN" for t in near):
            return f"'{tok.text}' is part of a name"
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ == "compound" and tok.head.lemma_.lower() not in UNDERTAKINGS:
        return f"'{tok.text}' modifies '{tok.head.text}' (a label, not an act)"
    if (q := _open_question(tok)) is not None:
        return q
    sent_end = tok.doc[-1]
    if sent_end.text == "?" or (len(tok.doc) > 1 and sent_end.text in ('"', "”", "'") and tok.doc[-2].text == "?"):
        return "a question"
    noun = tok.pos_ in ("NOUN", "PROPN")
    if (who := _according_to_pundit(tok)) is not None:
        return f"analysis according to '{who.text}', not a political act"
    child, head = tok, tok.head
    for _ in range(12):
        if child.i in complements and child.i != tok.i:
            return None  # a frame reads it
        if ultimatum_branches(child) is not None:
            return f"the demand of an ultimatum ('{child.text} … or face …')"
        if head.i == child.i:
            break
        if _comparison(child, head):
            return f"inside a comparison ('{head.text} {child.text}')"
        if child.dep_ == "advcl" and purpose_clause(child) and _acted(head, triggers):
            return f"inside a purpose clause ('to {child.text}') of '{head.text}'"
        if child.dep_ == "acl" and purpose_clause(child) and head.lemma_.lower() not in _DECISION:
            return f"what is planned or sought ('{head.text} to {child.text}'), not an act"
        passive_ask = head.lemma_ in _ASKING and head.tag_ == "VBN"  # "a meeting requested by X to discuss …"
        if child.dep_ == "xcomp" and purpose_clause(child) and head.pos_ == "VERB" \
                and (any(c.dep_ == "dobj" for c in head.children) or passive_ask) \
                and head.lemma_ not in _INSTRUMENT and (head.lemma_ in _ASKING or _acted(head, triggers)):
            # "raise pressure to gear up talks", "told Israel to release …": a purpose of an act
            # coded on its own, or what the object is asked or allowed to do
            return f"'to {child.text}' after '{head.text}' and its object: a purpose or a request, not an act"
        if child.dep_ in ("ccomp", "acl", "relcl", "xcomp", "advcl") and head.lemma_.lower() in _DENY \
                and not (child.dep_ == "advcl" and child.tag_ == "VBG"):
            # (a participle beside the denial is an act of its own: "rejected the warrant,
            # telling journalists …", "denied it, accusing Israel of …")
            return f"denied by '{head.text}'"
        if child.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in _CONSIDER:
            return f"under consideration ('{head.text} {child.text}'), not done"
        if child.dep_ in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and head.lemma_.lower() in _ALLEGATION:
            return f"what the '{head.text}' says, not what happened"
        if child.dep_ in ("ccomp", "xcomp") and head.lemma_.lower() in _BELIEF and (child.dep_ == "ccomp" or head.pos_ == "ADJ"):
            return f"a belief ('{head.text}')"
        if child.dep_ == "conj" and child.lemma_ == "face" and _or_face(child, head):
            return "the threatened alternative of an ultimatum ('or face …')"
        if noun and head.i != tok.head.i and head.pos_ in ("VERB", "AUX") and any(c.dep_ == "neg" for c in head.children):
            return f"inside a negated clause ('{head.text}')"
        if head.pos_ in ("VERB", "AUX") and head.lemma_ in SPEECH_VERBS and child.dep_ in ("ccomp", "parataxis"):
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and _pundit(subj):
                return f"analysis by '{subj.text}', not a political act"
        child, head = head, head.head
    return None


#: "is considering sending aid": an option weighed, not an act
_CONSIDER = frozenset({"consider", "contemplate", "mull", "weigh", "ponder"})

#: "used tear gas to disperse them": the instrument of an act, which happens
_INSTRUMENT = frozenset({"use", "employ", "deploy", "utilize", "utilise"})
#: "told Israel to release …": what the object is asked, forced or allowed to do
_ASKING = frozenset({"tell", "ask", "request", "urge", "order", "force", "allow", "permit", "invite", "persuade", "encourage",
                     "press", "pressure", "push", "warn", "advise", "compel", "implore", "beg", "instruct", "authorize",
                     "authorise", "enable", "help", "want", "expect", "need", "require"})


def _acted(head: Token, triggers: frozenset[int]) -> bool:
    """The clause a purpose hangs on has an act of its own: its verb or its object is a trigger."""
    return head.i in triggers or any(c.i in triggers for c in head.children if c.dep_ in ("dobj", "nsubjpass", "attr"))


_DECISION = frozenset({"decision", "move", "order", "vote", "step", "bid", "attempt"})


def _according_to_pundit(tok: Token) -> Token | None:
    """ "According to analysts, Japan wants to …": the sentence reports an analysis. The
    pundit named by an "according to" on the trigger or a clause above it, or None."""
    t = tok
    for _ in range(8):
        for c in t.children:
            if c.dep_ == "prep" and c.lower_ == "according":
                for g in (x for to in c.children for x in ([to] if to.dep_ == "pobj" else to.children) if x.dep_ == "pobj"):
                    if g.lemma_.lower() in NON_POLITICAL_SPEAKERS:
                        return g
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def _pundit(subj: Token) -> bool:
    head = subj
    if subj.dep_ == "nsubj" and subj.lower_ in ("who",):
        return False
    return head.lemma_.lower() in NON_POLITICAL_SPEAKERS


def _or_face(a: Token, b: Token) -> bool:
    """``a`` and ``b`` are joined by "or", and one of them is "face" ("release them or face war")."""
    joined = any(c.dep_ == "cc" and c.lower_ == "or" for c in (*b.children, *a.children))
    return joined and (a.lemma_ == "face" or b.lemma_ == "face")


def ultimatum_branches(tok: Token) -> tuple[Token, Token] | None:
    """(what is demanded, what is threatened) where ``tok`` heads "X or face Y"; else ``None``."""
    for c in tok.children:
        if c.dep_ == "conj" and c.lemma_ == "face" and _or_face(c, tok):
            return tok, c
    return None


def _title_case(tok: Token) -> bool:
    """A headline in title case: most words capitalised, so PROPN tags say nothing."""
    words = [t for t in tok.doc if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


#: nouns for a message, whose participle says what it says ("a statement calling on …")
MESSAGE_NOUNS = frozenset({"statement", "letter", "message", "resolution", "communique", "communiqué", "declaration",
                           "note", "post", "tweet", "video", "report", "petition", "notice"})


def background(tok: Token, published: date | None) -> str | None:
    """Why an act is told as background (a relative clause or a participle on a noun), or ``None``.

    "the sanctions Washington has been imposing", "a war that killed 100,000", "forces backed
    by Turkey": the sentence's news is elsewhere. A clause dated to the days of the story
    ("Hamas, which attacked Israel on Saturday") is news, and not background.
    """
    clause = tok
    if tok.pos_ in ("NOUN", "PROPN"):
        clause = tok.head if tok.dep_ in ("dobj", "nsubjpass", "attr") else tok
    if clause.dep_ not in ("relcl", "acl") or clause.head.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if clause.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return None  # "a plan to …": a purpose, read by unasserted()
    if clause.dep_ == "acl" and clause.tag_ == "VBG" and clause.head.lemma_.lower() in MESSAGE_NOUNS:
        return None  # "a statement calling on X to …": what the message says, news of the day
    if published is not None:
        when = date_adverbial(clause, published)
        if when is not None and abs((published - when[0]).days) <= 7 and when[1] == "day":
            return None
    return f"background: a clause on '{clause.head.text}'"
