"""The lexicon: its files are well formed, and every row's own example sentence codes to that row's code."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch import Article, Codebook
from dyadwatch.coding.lexicon import Lexicon, inflections


def _rows():
    lex = Lexicon.bundled()
    rows = [p for pats in lex.verbs.values() for p in pats] + [p for pats in lex.nouns.values() for p in pats]
    return sorted(rows, key=lambda p: (p.kind, p.line))


def test_every_code_in_the_lexicon_is_in_the_codebook():
    cb = Codebook.bundled()
    for p in _rows():
        assert p.code in cb, p.pid


def test_every_row_has_an_example():
    assert all(p.example.strip() for p in _rows())


def test_examples_code_to_their_own_row(coder_keep_unlikely):
    """Each row's example (written with the row) must produce the row's code. A handful of
    examples may fail on parser errors; more than 1% failing means the coder broke. (The
    examples are single undated sentences: the confidence floor is not what is tested here.)"""
    coder = coder_keep_unlikely
    failures = []
    rows = _rows()
    for p in rows:
        evs = coder.code_article(Article.from_text(p.example, published=date(2023, 6, 1))).events
        if "none" in p.flags:  # a "no event" row: its words give no event of the head's code
            if p.code in {e.cameo for e in evs}:
                failures.append((p.pid, p.example, sorted({e.cameo for e in evs})))
        elif p.code not in {e.cameo for e in evs}:
            failures.append((p.pid, p.example, sorted({e.cameo for e in evs})))
    assert len(failures) <= len(rows) // 100, failures[:20]


def test_inflections_cover_regular_and_irregular_forms():
    assert {"attack", "attacks", "attacked", "attacking"} <= inflections("attack", verb=True)
    assert {"seize", "seized", "seizing"} <= inflections("seize", verb=True)
    assert {"fight", "fought"} <= inflections("fight", verb=True)
    assert {"stop", "stopped", "stopping"} <= inflections("stop", verb=True)
    assert {"ally", "allies", "allied"} <= inflections("ally", verb=True)
    assert "talks" in inflections("talk", verb=False)


@pytest.mark.parametrize("text, code", [
    ("Thousands of Iranians staged a protest against Israel.", "141"),   # model lemma: "stag"
    ("Israel forgave Jordan.", "056"),                                    # model lemma: "forgave"
    ("China forgave the debt owed by Cuba.", "071"),
])
def test_model_lemma_slips_are_repaired(coder, text, code):
    evs = coder.code_article(Article.from_text(text, published=date(2023, 6, 1))).events
    assert code in {e.cameo for e in evs}, [(e.cameo, e.pattern) for e in evs]
