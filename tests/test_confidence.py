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


def test_an_event_under_the_confidence_floor_is_not_kept_unless_asked(coder, coder_keep_unlikely):
    from dyadwatch.coding.article import explain_text
    from dyadwatch.coding.coder import UNLIKELY

    text = "Foreign bloggers who praise China rapidly gain popularity."  # a relative clause of unplaced bloggers
    kept = code_text(coder_keep_unlikely, text, "2024-06-01")
    assert kept and all(e.confidence < UNLIKELY for e in kept), kept
    assert code_text(coder, text, "2024-06-01") == []
    trace = explain_text(text, None, coder)
    reasons = [c.reason for tr in trace.traces for c in tr.candidates]
    assert any("not kept (--keep-unlikely keeps them)" in r for r in reasons), reasons


def test_the_cli_keeps_unlikely_events_when_asked(tmp_path):
    from typer.testing import CliRunner

    from dyadwatch.cli import app

    src = tmp_path / "a.txt"
    src.write_text("Date: 2024-06-01\n\nForeign bloggers who praise China rapidly gain popularity.\n", "utf-8")
    r = CliRunner().invoke(app, ["code", str(src), "--db", str(tmp_path / "d.duckdb")])
    assert r.exit_code == 0, r.output
    r = CliRunner().invoke(app, ["code", str(src), "--db", str(tmp_path / "k.duckdb"), "--keep-unlikely"])
    assert r.exit_code == 0, r.output
    import duckdb

    count = lambda db: duckdb.connect(str(tmp_path / db), read_only=True).execute("SELECT count(*) FROM events").fetchone()[0]
    assert count("d.duckdb") == 0 and count("k.duckdb") >= 1
