from __future__ import annotations

import os
from pathlib import Path

import pytest

# wide Rich output in CLI tests, so paths and messages are not folded
os.environ.setdefault("COLUMNS", "250")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def coder():
    """One ArticleCoder (spaCy pipeline, dictionary, lexicon) for the whole session."""
    from dyadwatch import ArticleCoder

    return ArticleCoder()


@pytest.fixture(scope="session")
def coder_keep_unlikely(coder):
    """The session's coder keeping every event, also those under the confidence floor."""
    from dyadwatch import ArticleCoder, CodingOptions

    return ArticleCoder(CodingOptions(min_confidence=0.0), dictionary=coder.dictionary, nlp=coder.nlp, lexicon=coder.lexicon)


@pytest.fixture(scope="session")
def coder_keep_negated():
    from dyadwatch import ArticleCoder, CodingOptions

    return ArticleCoder(CodingOptions(keep_negated=True))


@pytest.fixture
def fresh_db(tmp_path):
    """A new, empty DuckDB store file."""
    from dyadwatch import Store

    path = tmp_path / "test.duckdb"
    with Store(path) as store:
        yield store


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (seed, gold, corpus); tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is absent: this test reads the shared data set (seed, gold, corpus)")
    return SHARED


def code_text(coder, text: str, on: str | None = "2019-12-17"):
    """Code a text as one article and return its events."""
    from datetime import date

    from dyadwatch import Article

    art = Article.from_text(text, published=date.fromisoformat(on) if on else None)
    return coder.code_article(art).events
