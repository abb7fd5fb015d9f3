"""As-of: analyses read a selection as of its latest article date, never the wall clock."""

from __future__ import annotations

from datetime import date

import pytest

from dyadwatch import Article, Store
from dyadwatch.analysis.asof import latest_article_date, resolve_as_of
from dyadwatch.analysis.frame import load_events
from dyadwatch.analysis.signals import assess_dyad

ARTICLES = [
    ("2019-12-10", "North Korea threatened the United States with a new nuclear test."),
    ("2019-12-17", "Pyongyang gave Washington until the end of the year to drop its hostile policy."),
]


@pytest.fixture(scope="module")
def frame(tmp_path_factory, coder):
    path = tmp_path_factory.mktemp("asof") / "asof.duckdb"
    with Store(path) as store:
        batch = []
        for day, text in ARTICLES:
            article = Article.from_text(text, published=date.fromisoformat(day))
            res = coder.code_article(article)
            batch.append((article, res.events, res.n_sentences, res.n_parsed))
        store.add_coded(batch)
        return load_events(store)


def test_the_latest_article_date_is_the_default(frame):
    assert latest_article_date(frame) == date(2019, 12, 17)
    assert resolve_as_of(frame) == date(2019, 12, 17)
    assert resolve_as_of(frame, date(2020, 2, 1)) == date(2020, 2, 1)


def test_an_empty_selection_has_no_as_of(frame):
    assert latest_article_date(frame.iloc[0:0]) is None


def test_assess_dyad_counts_down_from_the_latest_article(frame):
    res = assess_dyad(frame, "PRK", "USA")
    assert res.as_of == date(2019, 12, 17)
    [deadline] = res.deadlines
    assert deadline.due == date(2019, 12, 31)
    assert deadline.countdown(res.as_of) == "due in 14 days"
    assert res.open_deadlines() == [deadline]


def test_an_as_of_given_is_kept(frame):
    res = assess_dyad(frame, "PRK", "USA", as_of=date(2020, 1, 1))
    [deadline] = res.deadlines
    assert res.as_of == date(2020, 1, 1)
    assert deadline.countdown(res.as_of) == "expired 1 day before as-of"
    assert deadline.countdown(date(2019, 12, 31)) == "due today"
    assert res.open_deadlines() == []
