"""Against the 322 PLOVER gold records in ../shared (skipped where it is absent): the
prefilter loses no event, and the coder's scores do not fall below what it reached."""

from __future__ import annotations

import pytest

from dyadwatch.evaluation import evaluate, read_gold
from dyadwatch.records import Article


@pytest.fixture(scope="module")
def gold(shared):
    return read_gold(shared / "gold" / "plover_gsr_cameo.json")


def test_prefilter_loses_no_event_on_the_gold_records(gold, coder):
    skipped = 0
    for g in gold:
        art = Article.from_text(g.text, published=g.on, origin=f"gold:{g.gid}")
        filtered = coder.code_article(art)
        full = coder.code_article(art, parse_all=True)
        assert [e.event_id for e in filtered.events] == [e.event_id for e in full.events], g.gid
        skipped += full.n_parsed - filtered.n_parsed
    assert skipped > 0  # the prefilter does skip sentences here, and none of them had an event


def test_gold_scores_do_not_regress(gold, coder):
    r = evaluate(gold, coder)
    assert r.n == 322
    assert r.macro_f1 >= 0.75
    assert r.quad_accuracy >= 0.85
    assert r.source_accuracy >= 0.90
    # 0.85 until the context guesses gave way to the parse (issue 15: 0.858 → 0.847; the
    # guessed targets are marked by via and kept under the default confidence)
    assert r.target_accuracy >= 0.84
