"""Modality of an event trigger: negation, mood, and reported speech."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

__all__ = ["Modality", "modality_of", "SPEECH_VERBS", "MUST_AUX", "MESSAGE_VERBS", "NEG_WORDS", "OBJECT_CONTROL", "FUTURE_AUX", "HYPOTHETICAL_AUX"]

SPEECH_VERBS = frozenset({
    "say", "tell", "state", "announce", "report", "claim", "add", "note", "insist", "assert",
    "allege", "write", "declare", "confirm", "stress", "argue", "explain", "comment", "reply", "respond", "quote",
    "reiterate", "repeat", "emphasize", "emphasise", "maintain", "suggest", "indicate", "predict", "remind", "announce",
    "tell", "inform", "warn", "believe", "think", "hope", "expect", "conclude",
})
#: light verbs of a speech act: "issued a reminder", "sent a message"
MESSAGE_VERBS = frozenset({"issue", "send", "deliver", "give"})
#: (not "try" or "decide": an attempt or a decision is the act, as CAMEO codes an attempted
#: assassination or a court's decision to allow a candidate)
_INTEND = frozenset({"plan", "intend", "aim", "look", "prepare", "expect", "want", "hope", "seek", "move", "set", "mean", "schedule", "wish"})
_READY = frozenset({"willing", "ready", "prepared", "determined", "eager", "poised", "set", "keen", "likely", "about"})
_FAIL = frozenset({"fail", "neglect", "decline", "cease"})
#: verbs whose "to" complement happened: "managed to", "began to", "voted to" (an attempt or a
#: decision is the act, as CAMEO codes an attempted assassination); any other "to" clause is
#: not asserted ("traveled to Beijing to meet Xi", "it is now for Russia to accept it")
_IMPLICATIVE = frozenset({"manage", "begin", "start", "continue", "resume", "go", "proceed", "try", "attempt", "decide",
                          "choose", "vote", "get", "come", "dare", "help", "keep", "use", "opt", "elect", "resolve",
                          "rush", "hasten", "refuse", "fail", "neglect", "decline", "cease", "agree", "threaten",
                          "offer", "promise", "pledge", "vow", "be",
                          # nouns: "an attempt to assassinate", "a decision to expel", "an operation to free"
                          "attempt", "bid", "effort", "decision", "operation", "campaign"})
_DEMAND = frozenset({"demand", "insist", "require", "order", "urge"})
HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "can"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
MUST_AUX = frozenset({"must", "should", "ought"})
NEG_WORDS = frozenset({"not", "n't", "never", "no"})


@dataclass(frozen=True, slots=True)
class Modality:
    negated: bool
    mood: str  # asserted | intended | hypothetical | demanded
    speaker_head: Token | None  # subject of the speech verb in reported speech
    notes: tuple[str, ...] = ()
    #: not asserted only because it sits in a "to" clause ("traveled to Beijing to meet Xi"):
    #: unrealized, but no stated intent (so not framed as one: no 036, no 138)
    irrealis: bool = False


def _aux_lemmas(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}


#: verbs whose object is asked to do what their "to" clause says
#: verbs whose object is asked, told or let to do what their "to" clause says ("urge Iran to …")
OBJECT_CONTROL = frozenset({"urge", "ask", "call", "tell", "force", "order", "persuade", "invite", "allow", "encourage", "push",
                            "press", "pressure", "warn", "request", "appeal", "implore", "compel", "demand", "want"})


def _infinitive(tok: Token) -> bool:
    """A verb in a "to" clause ("to accept", "to be released")."""
    return tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)


def _within_infinitive(tok: Token) -> Token | None:
    """The "to" clause a verb is part of, through "by"/"while" gerunds and conjunctions
    ("to reciprocate by agreeing", "to accept it and implement it"), or None."""
    t = tok
    for _ in range(3):
        if t.dep_ not in ("pcomp", "conj", "prep") or t.head.i == t.i:
            return None
        t = t.head
        if _infinitive(t):
            return None if t.dep_ in ("xcomp", "acl") and t.head.lemma_ in _IMPLICATIVE else t
    return None


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ in ("advmod", "det") and c.lower_ in NEG_WORDS) for c in tok.children):
        return True
    # "Neither ICE nor DHS responded": a subject that neither … nor names denies the verb for each
    return tok.pos_ in ("VERB", "AUX") and any(
        c.dep_ in ("nsubj", "nsubjpass") and any(g.dep_ in ("preconj", "det") and g.lower_ == "neither" and g.i < c.i
                                                 and any(n.lower_ == "nor" for n in c.children) for g in c.children)
        for c in tok.children)


def modality_of(tok: Token) -> Modality:
    """Read negation, mood and reported speech off the parse around a trigger token."""
    notes: list[str] = []
    negated = _negated(tok)
    if negated:
        notes.append(f"negated by '{next((c.text for c in tok.children if c.dep_ == 'neg' or c.lower_ in NEG_WORDS), 'not')}'")
    aux = _aux_lemmas(tok)
    mood = "asserted"
    # a verb inside a noun's clause takes the modality of the verb that governs the noun
    gov = tok
    if tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "pobj", "nsubjpass", "attr"):
        gov = tok.head if tok.dep_ != "pobj" else tok.head.head
        aux |= _aux_lemmas(gov)
        if _negated(gov) and not negated:
            negated = True
            notes.append(f"negated via '{gov.text}'")
    if aux & HYPOTHETICAL_AUX:
        mood = "hypothetical"
        notes.append(f"hypothetical: '{sorted(aux & HYPOTHETICAL_AUX)[0]}'")
    elif aux & MUST_AUX:
        mood = "demanded"
        notes.append(f"demanded: '{sorted(aux & MUST_AUX)[0]}'")
    elif aux & FUTURE_AUX:
        mood = "intended"
        notes.append(f"future: '{sorted(aux & FUTURE_AUX)[0]}'")
    if gov.dep_ == "xcomp" and gov.head.pos_ == "ADJ" and gov.head.lemma_ in _READY and mood == "asserted":
        mood = "intended"
        notes.append(f"intended: '{gov.head.text} to'")
        if _negated(gov.head) or _negated(gov.head.head):
            negated = True
            notes.append(f"negated via '{gov.head.text}'")
        aux2 = _aux_lemmas(gov.head.head)
        if aux2 & HYPOTHETICAL_AUX:
            mood = "hypothetical"
        elif aux2 & MUST_AUX:
            mood = "demanded"  # "the US must be ready to mediate"
            notes.append(f"demanded: '{sorted(aux2 & MUST_AUX)[0]}'")
    if gov.dep_ == "xcomp" and gov.head.lemma_ in _INTEND and mood == "asserted":
        mood = "intended"
        notes.append(f"intended: '{gov.head.text} to'")
        if _negated(gov.head):
            negated = True
            notes.append(f"negated via '{gov.head.text}'")
    if gov.dep_ in ("ccomp", "xcomp") and gov.head.lemma_ in _DEMAND and mood == "asserted":
        mood = "demanded"
        notes.append(f"demanded by '{gov.head.text}'")
    irrealis = False
    if mood == "asserted" and gov is tok and not _infinitive(gov) and (inf := _within_infinitive(gov)) is not None:
        mood, irrealis = "intended", True  # "urged Russia to reciprocate by agreeing to a ceasefire", "to accept and implement it"
        notes.append(f"not asserted: within 'to {inf.text}'")
    if mood == "asserted" and _infinitive(gov) and not (gov.dep_ in ("xcomp", "acl") and gov.head.lemma_ in _IMPLICATIVE):
        if any(c.dep_ == "mark" and c.lower_ == "for" for c in gov.children) or gov.dep_ == "xcomp" and gov.head.lemma_ in OBJECT_CONTROL:
            mood = "demanded"  # "it is now for Russia to accept it", "urged Russia to accept"
            notes.append(f"demanded: 'for … to {gov.text}'" if gov.dep_ != "xcomp" else f"demanded by '{gov.head.text}'")
        else:
            mood, irrealis = "intended", True
            notes.append(f"not asserted: 'to {gov.text}'")
    # conditionals: an 'if' / 'unless' clause on the trigger or a clause above it
    t = gov
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in t.children):
            mood = "hypothetical"
            notes.append("conditional clause")
            break
        if t.head.i == t.i:
            break
        t = t.head
    if gov.dep_ == "xcomp" and gov.head.lemma_ in _FAIL and not negated:
        negated = True
        notes.append(f"negated: '{gov.head.text} to'")
    # reported speech: climb ccomp links to a speech verb
    speaker = None
    t = gov
    for _ in range(5):
        if t.dep_ not in ("ccomp", "conj", "parataxis", "xcomp", "acomp") or t.head.i == t.i:
            break
        t = t.head
        if t.lemma_ in SPEECH_VERBS:
            subj = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if subj:
                speaker = subj[0]
                notes.append(f"reported: '{t.text}'")
            break
    if speaker is not None and mood == "hypothetical" and "would" in aux and "conditional clause" not in notes:
        # "X said it would meet Y": future in the past, not a hypothesis
        mood = "intended"
        notes.append("reported 'would': intended")
    return Modality(negated, mood, speaker, tuple(notes), irrealis and mood == "intended")
