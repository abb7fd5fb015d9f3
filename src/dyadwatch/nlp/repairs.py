"""Repairs of parse errors the small English model makes often enough to cost events.

Each repair is a narrow, structural rule over the dependency tree, applied to a parsed
sentence before it is coded, and each says in its docstring which error it undoes.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

__all__ = ["repair_parse"]

#: determiners and modifiers that can open the noun phrase after a particle verb
_NP_INNER = frozenset({"compound", "poss", "case", "det", "amod", "nummod"})


#: subjects the model sometimes hangs on an auxiliary instead of its verb
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})


def repair_parse(doc: Doc) -> Doc:
    """Apply every repair to ``doc`` (in place) and return it."""
    for tok in doc:
        if tok.pos_ == "VERB":
            _object_read_as_a_second_predicate(tok)  # (before the next: it looks for an object)
    for tok in doc:
        if tok.dep_ == "ROOT" and tok.pos_ in ("NOUN", "PROPN"):
            _noun_root_with_active_participle(tok)
    for tok in doc:
        if tok.dep_ in ("aux", "auxpass"):
            _subject_on_auxiliary(tok)
        if tok.pos_ == "VERB":
            _orphan_particle_object(tok)
            _title_and_name_as_two_subjects(tok)
    return doc


def _noun_root_with_active_participle(noun: Token) -> None:
    """ "The Iraqi air force carried out three air strikes in Mosul.", "The Afghan government,
    parties and the Taliban on Thursday condemned the decision.": the model reads the sentence
    as one noun phrase, "the force (that was) carried out …", with the verb a participle or a
    relative clause of a noun and no verb at all. Where the root of a sentence is a noun, and
    a past-tense or participle verb under it has a direct object but no subject, auxiliary,
    agent or relative pronoun (a passive participle has no object; a relative clause has a
    subject), and that verb's clause runs to the end of the sentence, the verb is the
    sentence's verb and the noun its subject."""
    doc = noun.doc
    if any(t.dep_ == "ROOT" and t.i != noun.i for t in doc):
        return
    verb = next((t for t in noun.subtree if t.dep_ in ("acl", "relcl") and t.tag_ in ("VBN", "VBD")), None)
    if verb is None or not _clause_of_its_own(verb, noun):
        return
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "nsubj"
    verb.tag_ = "VBD"
    for c in list(noun.rights):
        if c.i > verb.i:
            c.head = verb  # the final full stop and what follows belong to the verb


_SUBJECT_PHRASE_ARCS = frozenset({"appos", "conj", "prep", "pobj"})


def _clause_of_its_own(verb: Token, noun: Token) -> bool:
    """``verb`` (a participle or relative clause under ``noun``) reads as the main verb."""
    kids = [c.dep_ for c in verb.children]
    if "dobj" not in kids or any(k in ("aux", "auxpass", "agent", "nsubj", "nsubjpass", "mark") for k in kids):
        return False
    if any(c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in verb.children):
        return False
    step = verb.head
    while step.i != noun.i:  # the noun phrase above the verb: appositions, lists, "of" phrases
        if step.dep_ not in _SUBJECT_PHRASE_ARCS:
            return False
        step = step.head
    doc = noun.doc
    return all(doc[i].is_punct for i in range(verb.right_edge.i + 1, len(doc)))


def _title_and_name_as_two_subjects(verb: Token) -> None:
    """ "The special rapporteur Richard Bennett criticized …": the model makes the title noun
    and the name two subjects of the verb. Where a verb has two subjects, a common noun and a
    name whose phrase begins right after it, the name is the noun's apposition."""
    subs = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subs) != 2:
        return
    a, b = sorted(subs, key=lambda t: t.i)
    if a.pos_ == "NOUN" and b.pos_ == "PROPN" and b.left_edge.i == a.i + 1 and b.i < verb.i:
        b.head, b.dep_ = a, "appos"


def _object_read_as_a_second_predicate(verb: Token) -> None:
    """ "called Pakistan's assertions baseless": the model reads both the object and what it is
    called as predicates (``oprd``) of the verb. Of two predicates of one verb with no object,
    the first is the object."""
    preds = [c for c in verb.children if c.dep_ == "oprd"]
    if len(preds) == 2 and not any(c.dep_ == "dobj" for c in verb.children) and preds[0].pos_ in ("NOUN", "PROPN", "PRON"):
        preds[0].dep_ = "dobj"


def _subject_on_auxiliary(aux: Token) -> None:
    """ "The United Kingdom and France however have opposed …": the model attaches the
    subject to the auxiliary "have" and leaves the verb "opposed" with none. A subject of an
    auxiliary whose verb has no subject of its own is the verb's subject."""
    verb = aux.head
    if verb.i == aux.i or verb.pos_ not in ("VERB", "AUX"):
        return
    subjects = [c for c in aux.children if c.dep_ in _SUBJECTS]
    if not subjects or any(c.dep_ in _SUBJECTS for c in verb.children):
        return
    for s in subjects:
        s.head = verb


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
