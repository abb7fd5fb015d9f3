"""What every in-process engine does before coding: read the inputs, quarantine what
cannot be read, skip what the store already has, and link wire copies to their story."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from itertools import islice
from pathlib import Path

from ..ingest import read_sources
from ..ingest.paths import NOT_FOUND
from ..records import Article, Rejection
from ..store.duck import Store
from .stories import StoryLinker

__all__ = ["new_articles"]

#: items read ahead so that one store query answers which of them are already stored (a
#: query per article was ~2 ms of the parent's time in the process pool)
LOOKAHEAD = 64


def new_articles(
    paths: Iterable[str | Path],
    store: Store,
    summary,
    pending: set[str],
    linker: StoryLinker | None,
    default_date: date | None,
    max_bytes: int,
    read_options: dict | None,
    on_item: Callable | None,
) -> Iterator[tuple[Article, str]]:
    """Yield (article, story id) for each article not yet stored; ``pending`` holds the ids
    yielded but not yet written (the caller clears it after each write). A story id other
    than the article's own marks a wire copy of a story already coded."""
    items = iter(read_sources(paths, default_date, max_bytes, **(read_options or {})))
    while chunk := list(islice(items, LOOKAHEAD)):
        # What was stored before this chunk, or yielded and not yet written (``pending``, which
        # the caller may clear once it writes), or is yielded within the chunk: the same
        # answer as asking the store article by article.
        ids = {i.article_id for i in chunk if not isinstance(i, Rejection)}
        seen = store.known_article_ids(ids) | (ids & pending)
        if linker is not None:
            linker.prepare(i for i in chunk if not isinstance(i, Rejection) and i.article_id not in seen)
        for item in chunk:
            if isinstance(item, Rejection):
                store.add_rejections([item])
                summary.quarantined += 1
                summary.note_rejection(item)
                if item.reason == NOT_FOUND:
                    summary.missing_inputs.append(item.origin)
                if on_item:
                    on_item("rejected", item, summary)
                continue
            summary.articles += 1
            if item.article_id in seen or item.article_id in pending:
                summary.already += 1
                if on_item:
                    on_item("already", item, summary)
                continue
            pending.add(item.article_id)
            seen.add(item.article_id)
            story = linker.story_of(item) if linker is not None else item.article_id
            if story != item.article_id:
                summary.duplicates += 1
                if on_item:
                    on_item("duplicate", item, summary)
            yield item, story
