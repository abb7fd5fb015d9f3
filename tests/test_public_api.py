"""The public API is curated: pin it."""

import dyadwatch

EXPECTED = {
    "__version__",
    "Article", "ActorRef", "Event", "Rejection",
    "ArticleCoder", "ArticleResult", "CodingOptions", "explain_text",
    "ActorDictionary", "Codebook",
    "read_sources", "code_sources", "RunSummary",
    "Store", "export_events",
    "dyad_summary", "DyadSummary", "parse_dyad",
    "DyadwatchError", "InputError", "ModelNotFoundError", "DictionaryError", "StoreError", "UsageError",
}


def test_public_api_is_pinned():
    assert set(dyadwatch.__all__) == EXPECTED
    for name in EXPECTED:
        assert hasattr(dyadwatch, name), name


def test_errors_share_one_base():
    for name in ("InputError", "ModelNotFoundError", "DictionaryError", "StoreError", "UsageError"):
        assert issubclass(getattr(dyadwatch, name), dyadwatch.DyadwatchError)
