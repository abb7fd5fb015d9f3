"""Wire copies: articles that retell a story already coded (MinHash/LSH over word
shingles) are linked to that story instead of being coded again, so their events count
once while the number of articles and outlets that carried the story is kept (the
``stories`` view). The index lives in the store, so incremental and resumed runs see
what earlier runs saw."""

from __future__ import annotations

from ..ingest.dedup import DuplicateIndex
from ..records import Article
from ..store.duck import Store

__all__ = ["StoryLinker"]

_KEY = "duplicate_index"


class StoryLinker:
    def __init__(self, store: Store, threshold: float = 0.7) -> None:
        self.store = store
        raw = store.get_state(_KEY)
        self.index = DuplicateIndex.from_bytes(raw) if raw else DuplicateIndex(threshold=threshold)
        self.dirty = False

    def story_of(self, article: Article) -> str:
        """The story id: the article's own id, or that of the first article of its story."""
        known = self.index.story_of(article.article_id)
        if known is not None:
            return known
        self.dirty = True
        return self.index.add(article.article_id, f"{article.title or ''}\n{article.text}")

    def save(self) -> None:
        if self.dirty:
            self.store.set_state(_KEY, self.index.to_bytes())
            self.dirty = False
