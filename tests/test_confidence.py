"""Calibrated confidence: what an event's record shows about how it was coded, weighed."""

from __future__ import annotations

import dataclasses

import pytest

from dyadwatch.coding.confidence import FEATURES, GUESS_CONFIDENCE, calibrated, features, load_weights, parse_weights
from dyadwatch.errors import DictionaryError

from .conftest import code_text


def _one(coder, text):
    events = code_text(coder, text, "2024-05-01")
    assert events, text
    return events[0]


def test_every_bundled_weight_is_a_known_feature():
    w = load_weights()
    assert set(w) <= set(FEATURES) and "bias" in w


def test_named_actors_and_a_distinct_act_score_above_guesses_and_unknowns(coder):
    named = _one(coder, "Canada expelled four Indian diplomats.")
    x = features(named)
    assert x["source_named"] == x["target_named"] == x["distinct_root"] == 1.0
    unknown = dataclasses.replace(named, source=dataclasses.replace(named.source, code=None, via="unresolved"))
    assert calibrated(unknown) < calibrated(named)
    guessed = dataclasses.replace(named, target=dataclasses.replace(named.target, via="context"))
    assert calibrated(guessed) <= GUESS_CONFIDENCE < calibrated(named)
    unnamed = dataclasses.replace(named, source=dataclasses.replace(named.source, via="unnamed+place"))
    assert calibrated(unnamed) <= GUESS_CONFIDENCE


def test_the_coder_gives_each_event_its_calibrated_confidence(coder):
    e = _one(coder, "Canada expelled four Indian diplomats.")
    assert e.confidence == calibrated(e)
    assert 0.0 < e.confidence < 1.0


def test_weights_parse_and_bad_lines_are_named():
    assert parse_weights("feature\tweight\n# comment\nbias\t-1.5\nnoun\t0.25\n") == {"bias": -1.5, "noun": 0.25}
    with pytest.raises(DictionaryError, match="confidence.tsv:2"):
        parse_weights("feature\tweight\nbias\tlots\n")
    with pytest.raises(DictionaryError, match="unknown feature"):
        parse_weights("colour\t1.0\n")
