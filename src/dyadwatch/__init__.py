"""dyadwatch: political event data from news text, and the state of relations between actors.

The public API::

    from dyadwatch import ArticleCoder, Article, Store, code_sources, read_sources

    coder = ArticleCoder()
    result = coder.code_article(Article.from_text("North Korea fired two missiles.", published=date(2019, 12, 17)))
    for event in result.events:
        print(event.source.label, event.cameo, event.target)

The names are imported when first used (PEP 562), so importing a submodule, such as the
command line, does not load spaCy and DuckDB before they are needed.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

#: public name → the module that defines it
_EXPORTS = {
    "ActorDictionary": ".actors.dictionary",
    "DyadSummary": ".analysis.dyads", "dyad_summary": ".analysis.dyads", "parse_dyad": ".analysis.dyads",
    "ArticleCoder": ".coding.article", "ArticleResult": ".coding.article", "explain_text": ".coding.article",
    "Codebook": ".coding.codebook",
    "CodingOptions": ".coding.coder",
    "RunSummary": ".engines.local", "code_sources": ".engines.local",
    "DictionaryError": ".errors", "DyadwatchError": ".errors", "InputError": ".errors", "ModelNotFoundError": ".errors",
    "StoreError": ".errors", "UsageError": ".errors",
    "read_sources": ".ingest",
    "ActorRef": ".records", "Article": ".records", "Event": ".records", "Rejection": ".records",
    "Store": ".store.duck",
    "export_events": ".store.export",
}

__all__ = [
    "__version__",
    "Article", "ActorRef", "Event", "Rejection",
    "ArticleCoder", "ArticleResult", "CodingOptions", "explain_text",
    "ActorDictionary", "Codebook",
    "read_sources", "code_sources", "RunSummary",
    "Store", "export_events",
    "dyad_summary", "DyadSummary", "parse_dyad",
    "DyadwatchError", "InputError", "ModelNotFoundError", "DictionaryError", "StoreError", "UsageError",
]

if TYPE_CHECKING:
    from .actors.dictionary import ActorDictionary
    from .analysis.dyads import DyadSummary, dyad_summary, parse_dyad
    from .coding.article import ArticleCoder, ArticleResult, explain_text
    from .coding.codebook import Codebook
    from .coding.coder import CodingOptions
    from .engines.local import RunSummary, code_sources
    from .errors import DictionaryError, DyadwatchError, InputError, ModelNotFoundError, StoreError, UsageError
    from .ingest import read_sources
    from .records import ActorRef, Article, Event, Rejection
    from .store.duck import Store
    from .store.export import export_events


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
