"""dyadwatch: political event data from news text, and the state of relations between actors.

The public API::

    from dyadwatch import ArticleCoder, Article, Store, code_sources, read_sources

    coder = ArticleCoder()
    result = coder.code_article(Article.from_text("North Korea fired two missiles.", published=date(2019, 12, 17)))
    for event in result.events:
        print(event.source.label, event.cameo, event.target)
"""

from __future__ import annotations

__version__ = "0.1.0"

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
