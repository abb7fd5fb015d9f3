"""Parse repairs (nlp/repairs.py): a misattached phrase is put back where it belongs."""

from __future__ import annotations

import pytest

from .conftest import code_text


def test_a_particle_verbs_lost_object_is_given_back(coder):
    # the small model reads "China's rhetoric and Fumio Kishida" as the subject of "hailed"
    events = code_text(coder, "So Japan tried to scale down China's rhetoric and Fumio Kishida again hailed his ties with Xi.",
                       "2025-03-01")
    got = {(e.cameo[:3], e.source.code, e.target.code if e.target else None) for e in events}
    assert ("050", "JPN", "CHN") in got, got
    hail = [e for e in events if e.trigger_text == "hailed"]
    assert hail and hail[0].source.text == "Fumio Kishida", hail


def test_a_parse_with_an_object_is_left_alone(coder):
    from dyadwatch.nlp.pipeline import load_pipeline
    from dyadwatch.nlp.repairs import repair_parse

    nlp = load_pipeline()
    doc = nlp("Japan stepped up its patrols near the islands and China protested.")
    before = [(t.i, t.head.i, t.dep_) for t in doc]
    assert [(t.i, t.head.i, t.dep_) for t in repair_parse(doc)] == before


def _doc(words, heads, deps, pos, tags):
    """A parsed sentence written by hand: the model's misparse, whatever the model does today."""
    from spacy.tokens import Doc

    from dyadwatch.nlp.pipeline import load_pipeline

    return Doc(load_pipeline().vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags)


def _arcs(doc):
    from dyadwatch.nlp.repairs import repair_parse

    repair_parse(doc)
    return {t.text: (t.dep_, t.head.text) for t in doc}


def test_a_sentence_read_as_one_noun_phrase_gets_its_verb_back():
    # "The Mexican navy carried out two raids.": "carried" read as a participle of "navy", no verb
    doc = _doc(["The", "Mexican", "navy", "carried", "out", "two", "raids", "."], [2, 2, 2, 2, 3, 6, 3, 2],
               ["det", "amod", "ROOT", "acl", "prt", "nummod", "dobj", "punct"],
               ["DET", "ADJ", "NOUN", "VERB", "ADP", "NUM", "NOUN", "PUNCT"], ["DT", "JJ", "NN", "VBN", "RP", "CD", "NNS", "."])
    arcs = _arcs(doc)
    assert arcs["carried"][0] == "ROOT" and arcs["navy"] == ("nsubj", "carried") and arcs["."] == ("punct", "carried"), arcs
    assert doc[3].tag_ == "VBD"


def test_a_relative_clause_with_no_subject_becomes_the_verb():
    # "The Chilean government, the unions and the church on Friday condemned the law."
    words = ["The", "Chilean", "government", ",", "the", "unions", "and", "the", "church", "on", "Friday", "condemned", "the", "law", "."]
    heads = [2, 2, 2, 2, 5, 2, 5, 8, 5, 11, 9, 5, 13, 11, 2]
    deps = ["det", "amod", "ROOT", "punct", "det", "appos", "cc", "det", "conj", "prep", "pobj", "relcl", "det", "dobj", "punct"]
    pos = ["DET", "ADJ", "NOUN", "PUNCT", "DET", "NOUN", "CCONJ", "DET", "NOUN", "ADP", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["DT", "JJ", "NN", ",", "DT", "NNS", "CC", "DT", "NN", "IN", "NNP", "VBD", "DT", "NN", "."]
    arcs = _arcs(_doc(words, heads, deps, pos, tags))
    assert arcs["condemned"][0] == "ROOT" and arcs["government"] == ("nsubj", "condemned"), arcs


@pytest.mark.parametrize("words, heads, deps, pos, tags", [
    # "Ships seized by the coast guard.": a passive participle with its agent (a caption)
    (["Ships", "seized", "by", "the", "guard", "."], [0, 0, 1, 4, 2, 0], ["ROOT", "acl", "agent", "det", "pobj", "punct"],
     ["NOUN", "VERB", "ADP", "DET", "NOUN", "PUNCT"], ["NNS", "VBN", "IN", "DT", "NN", "."]),
    # "The towns the army recaptured.": a relative clause with a subject
    (["The", "towns", "the", "army", "recaptured", "."], [1, 1, 3, 4, 1, 1], ["det", "ROOT", "det", "nsubj", "relcl", "punct"],
     ["DET", "NOUN", "DET", "NOUN", "VERB", "PUNCT"], ["DT", "NNS", "DT", "NN", "VBD", "."]),
    # "Aid workers held in Darfur.": no object
    (["Aid", "workers", "held", "in", "Darfur", "."], [1, 1, 1, 2, 3, 1], ["compound", "ROOT", "acl", "prep", "pobj", "punct"],
     ["NOUN", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"], ["NN", "NNS", "VBN", "IN", "NNP", "."]),
])
def test_a_true_noun_phrase_keeps_its_participle(words, heads, deps, pos, tags):
    from dyadwatch.nlp.repairs import repair_parse

    doc = _doc(words, heads, deps, pos, tags)
    before = [(t.i, t.head.i, t.dep_) for t in doc]
    assert [(t.i, t.head.i, t.dep_) for t in repair_parse(doc)] == before


def test_a_subject_hung_on_the_auxiliary_is_the_verbs():
    # "Norway and Iceland however have opposed the ban.": the subject on "have", none on "opposed"
    words = ["Norway", "and", "Iceland", "however", "have", "opposed", "the", "ban", "."]
    heads = [4, 0, 0, 4, 5, 5, 7, 5, 5]
    deps = ["nsubj", "cc", "conj", "advmod", "aux", "ROOT", "det", "dobj", "punct"]
    pos = ["PROPN", "CCONJ", "PROPN", "ADV", "AUX", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["NNP", "CC", "NNP", "RB", "VBP", "VBN", "DT", "NN", "."]
    arcs = _arcs(_doc(words, heads, deps, pos, tags))
    assert arcs["Norway"] == ("nsubj", "opposed"), arcs


def test_the_repaired_sentence_is_coded(coder):
    # the model reads this one as a noun phrase ("the force carried out …"); repaired, it is an act
    events = code_text(coder, "The Turkish air force carried out at least two air strikes in northern Iraq.", "2024-05-01")
    assert [(e.cameo[:2], e.source.code, e.source.sector) for e in events] == [("19", "TUR", "MIL")], events


def test_a_title_and_a_name_read_as_two_subjects_become_one():
    # "The envoy Maria Lopez criticized the junta.": "envoy" and "Lopez" both subjects of the verb
    words = ["The", "envoy", "Maria", "Lopez", "criticized", "the", "junta", "."]
    heads = [1, 4, 3, 4, 4, 6, 4, 4]
    deps = ["det", "nsubj", "compound", "nsubj", "ROOT", "det", "dobj", "punct"]
    pos = ["DET", "NOUN", "PROPN", "PROPN", "VERB", "DET", "NOUN", "PUNCT"]
    tags = ["DT", "NN", "NNP", "NNP", "VBD", "DT", "NN", "."]
    arcs = _arcs(_doc(words, heads, deps, pos, tags))
    assert arcs["Lopez"] == ("appos", "envoy") and arcs["envoy"] == ("nsubj", "criticized"), arcs


def test_an_object_read_as_a_second_predicate_is_the_object():
    # "Chile called Peru's claims baseless.": "claims" and "baseless" both oprd of "called"
    words = ["Chile", "called", "Peru", "'s", "claims", "baseless", "."]
    heads = [1, 1, 4, 2, 1, 1, 1]
    deps = ["nsubj", "ROOT", "poss", "case", "oprd", "oprd", "punct"]
    pos = ["PROPN", "VERB", "PROPN", "PART", "NOUN", "ADJ", "PUNCT"]
    tags = ["NNP", "VBD", "NNP", "POS", "NNS", "JJ", "."]
    arcs = _arcs(_doc(words, heads, deps, pos, tags))
    assert arcs["claims"] == ("dobj", "called") and arcs["baseless"] == ("oprd", "called"), arcs
