"""The fast attribute ruler and lemmatizer annotate exactly as spaCy's own components."""

from __future__ import annotations

import json

import numpy
import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, NORM, ORTH, POS, SENT_START, TAG

from dyadwatch.nlp.fast import FastAttributeRuler, FastLemmatizer, FastPipeline, _fast
from dyadwatch.nlp.pipeline import load_pipeline
from dyadwatch.nlp.sentences import split_sentences

ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, NORM, SENT_START]

TEXTS = [
    "North Korea said on Tuesday it would not return to the talks unless Washington dropped its hostile policy.",
    "The army's spokesman said troops had been sent to the border, but that it wasn't an invasion.",
    "There is no deadline. There's one, and there were two before; there are none now.",
    "I told you it ai n't over, y'all, and we're gon na win — nothin' will stop us, let 's go.",
    "They've got ta sign it: the ministers had met, did they not? I am sure they have.",
    "Protesters   gathered  in\tthe square ; police fired tear gas at them.",
    "«Nous refusons», a déclaré le ministre. Mr. Kim Jong Un's envoy met U.S. officials in Hanoi.",
    "But Russia, whose forces had withdrawn, said that it was ready to negotiate while sanctions remain.",
    "",
    "   ",
    "Sanctions imposed by the European Union on Iran were lifted in 2016 after the nuclear deal.",
    "Do it! Have you done it? Does he have it? He did.",
]


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _arrays(docs):
    return [d.to_array(ATTRS) for d in docs]


def _same(a, b):
    return len(a) == len(b) and all(x.shape == y.shape and numpy.array_equal(x, y) for x, y in zip(a, b))


def test_both_rule_components_are_replaced(nlp):
    fast = FastPipeline(nlp)
    assert fast.replaced == ["attribute_ruler", "lemmatizer"]
    assert isinstance(fast.tail[0], FastAttributeRuler) and isinstance(fast.tail[1], FastLemmatizer)


def test_same_annotations_as_spacy(nlp):
    fast = FastPipeline(nlp)
    texts = TEXTS + [t.upper() for t in TEXTS] + [t.lower() for t in TEXTS]
    stock = _arrays(nlp.pipe(texts))
    for _ in range(2):  # cold memos, then warm ones
        assert _same(stock, _arrays(fast.pipe(nlp.make_doc(t) for t in texts)))


def test_single_doc_call(nlp):
    fast = FastPipeline(nlp)
    text = TEXTS[0]
    assert _same(_arrays([nlp(text)]), _arrays([fast(nlp.make_doc(text))]))


def test_full_pipeline_keeps_its_stock_components():
    full = load_pipeline(full=True)
    # NER comes last in the full model, so nothing at the end can be replaced
    assert FastPipeline(full).replaced == []


def test_unsupported_patterns_keep_the_stock_ruler():
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"TAG": "DT"})
    assert FastPipeline(blank).replaced == []


def test_voa_sentences_same_annotations(nlp, shared):
    texts = []
    with (shared / "corpora" / "voa_stories.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            texts += [s.text for s in split_sentences(json.loads(line)["text"])]
            if len(texts) > 400:
                break
    fast = FastPipeline(nlp)
    assert _same(_arrays(nlp.pipe(texts)), _arrays(fast.pipe(nlp.make_doc(t) for t in texts)))


SPLIT_TEXTS = TEXTS + [
    "A.  B!\t\tC?\n\nD ... E\u00a0. F.\" G (H.) I",
    "Mr. Smith went to Washington. He said: \"No.\" Then left.",
    "end.Next one. x",
    "  lead. trail  \n x",
    "...",
    "?!",
]


def _sentencizer_split(text):
    """What the splitter did before: a blank English pipeline with spaCy's sentencizer."""
    import re

    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    out, pos = [], 0
    bounds = [(m.start(), m.end()) for m in re.finditer(r"\n\s*\n|\n", text)]
    paragraphs = []
    for a, b in bounds:
        paragraphs.append((pos, a))
        pos = b
    paragraphs.append((pos, len(text)))
    for p_start, p_end in paragraphs:
        para = text[p_start:p_end]
        if not para.strip():
            continue
        for sent in nlp(para).sents:
            s = sent.text.strip()
            if s:
                start = p_start + sent.start_char + len(sent.text) - len(sent.text.lstrip())
                out.append((start, start + len(s), s))
    return out


@pytest.mark.parametrize("text", SPLIT_TEXTS)
def test_split_is_spacys_sentencizer(text, nlp):
    from dyadwatch.nlp.sentences import same_tokenizer

    want = _sentencizer_split(text)
    assert [(s.start, s.end, s.text) for s in split_sentences(text)] == want
    assert same_tokenizer(nlp.tokenizer)
    assert [(s.start, s.end, s.text) for s in split_sentences(text, nlp.tokenizer)] == want


def test_lemmatizers_that_may_read_more_keep_the_stock_component(nlp):
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    class ContextLemmatizer(EnglishLemmatizer):
        def is_base_form(self, token):
            return token.i == 0

    stock = nlp.get_pipe("lemmatizer")
    odd = ContextLemmatizer(nlp.vocab, stock.model, name="lemmatizer", mode="rule")
    odd.lookups = stock.lookups
    assert _fast("lemmatizer", odd) is None
    assert isinstance(_fast("lemmatizer", stock), FastLemmatizer)
