"""The founding example: the US–DPRK opinion piece of mid-December 2019 (read from ../shared)."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch import Article


@pytest.fixture(scope="module")
def seed_events(shared, coder):
    text = (shared / "seed" / "us-dprk-signals-2019-12.txt").read_text("utf-8")
    return coder.code_article(Article.from_text(text, published=date(2019, 12, 17))).events


def _find(events, src, tgt, roots=None, types=None):
    out = []
    for e in events:
        if e.source.code != src:
            continue
        if tgt is not None and (e.target is None or e.target.code != tgt):
            continue
        if roots and e.cameo_root not in roots:
            continue
        if types and e.plover_type not in types:
            continue
        out.append(e)
    return out


def test_talks_declared_over(seed_events):
    hits = _find(seed_events, "PRK", "USA", roots={"12", "16"})
    assert any("talks" in e.sentence and "over" in e.sentence for e in hits), [(e.cameo, e.sentence[:60]) for e in seed_events]


def test_missiles_fired_by_north_korea(seed_events):
    hits = [e for e in _find(seed_events, "PRK", None) if e.trigger_text.lower().startswith("fire")]
    assert hits and hits[0].cameo_root in {"15", "19"}
    assert hits[0].source.text == "this country"


def test_verbal_threat_of_military_force(seed_events):
    hits = _find(seed_events, "USA", "PRK", types={"THREATEN"})
    assert hits and hits[0].source.sector == "GOV" and "Trump" in hits[0].source.text
    # a threat to use military means: 138 (threaten to use military force), not the generic 130
    assert hits[0].cameo.startswith("138")


def test_restraint_and_conciliatory_attitude(seed_events):
    hits = _find(seed_events, "USA", "PRK", roots={"05"})
    assert any(e.trigger_text == "adopted" for e in hits), [(e.cameo, e.trigger_text) for e in seed_events]


def test_no_events_from_comparisons_purposes_or_beliefs(seed_events):
    # "more urgent domestic headache than seeking substantial progress in talks": no appeal;
    # "only wanted to raise pressure to substantially gear up nuclear talks": no coercion, no consultation
    assert not [e for e in seed_events if e.trigger_text in ("seeking", "pressure", "talks")], \
        [(e.cameo, e.trigger_text) for e in seed_events]
    # every event of the article but plain statements (01x, which the views leave out) is one of its true ones
    assert {e.trigger_text for e in seed_events if e.cameo_root != "01"} <= {"declared", "fired", "threat", "adopted", "sent", "hailed", "scale"}


def test_the_attempt_to_scale_down_the_rhetoric(seed_events):
    # "the US tried to scale down North Korea's rhetoric": a conciliatory act toward Pyongyang
    hits = [e for e in seed_events if e.trigger_text == "scale"]
    assert [(e.cameo[:2], e.source.code, e.target.code) for e in hits] == [("05", "USA", "PRK")]


def test_year_end_ultimatum(seed_events):
    hits = _find(seed_events, "PRK", "USA", roots={"13"})
    assert any(e.cameo == "139" for e in hits), [(e.source.label, e.cameo) for e in seed_events]


def test_background_sanctions_are_not_news(seed_events):
    # "sanctions Washington has been imposing": background, never coded as a new sanction
    assert not [e for e in seed_events if e.cameo.startswith("163") and e.mood != "background"]


def test_trump_hails_relationship_with_kim(seed_events):
    hits = _find(seed_events, "USA", "PRK", types={"SUPPORT"})
    assert any(e.cameo == "051" and e.trigger_text == "hailed" for e in hits)
    praise = next(e for e in hits if e.trigger_text == "hailed")
    assert praise.source.actor_id == "person:donald-trump" and praise.source.sector == "GOV"
    assert praise.target.actor_id == "person:kim-jong-un" and praise.target.sector == "GOV"
