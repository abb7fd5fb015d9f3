"""The in-process engine: read → code → store, streaming in bounded batches."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..coding.article import ArticleCoder
from ..coding.coder import CodingOptions
from ..ingest import DEFAULT_MAX_BYTES
from ..records import Article, Rejection
from ..store.duck import Store
from .intake import new_articles
from .stories import StoryLinker

__all__ = ["RunSummary", "code_sources"]


@dataclass(slots=True)
class RunSummary:
    articles: int = 0  # articles read
    coded: int = 0  # articles newly coded and stored
    already: int = 0  # articles already in the store (skipped)
    sentences: int = 0
    parsed: int = 0
    events: int = 0
    quarantined: int = 0
    duplicates: int = 0  # wire copies linked to a story already coded
    #: the first rejections (all of them are in the store's quarantine table)
    rejections: list[Rejection] = field(default_factory=list)
    #: the named inputs that do not exist (quarantined with the reason "not found"): a run
    #: with any of them did not read what it was asked to
    missing_inputs: list[str] = field(default_factory=list)

    def note_rejection(self, r: Rejection, keep: int = 1000) -> None:
        if len(self.rejections) < keep:
            self.rejections.append(r)


ProgressFn = Callable[[str, Article | Rejection, RunSummary], None]


def code_sources(
    paths: Iterable[str | Path],
    store: Store,
    default_date: date | None = None,
    options: CodingOptions | None = None,
    coder: ArticleCoder | None = None,
    batch_size: int = 64,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_item: ProgressFn | None = None,
    read_options: dict | None = None,
    link_stories: bool = True,
) -> RunSummary:
    """Code every article under ``paths`` into ``store``; bad items go to quarantine; wire
    copies of a story already coded are linked to it, not coded again.

    Articles stream from the readers to the store in batches of ``batch_size``; nothing
    is collected across batches."""
    coder = coder or ArticleCoder(options)
    summary = RunSummary()
    linker = StoryLinker(store) if link_stories else None
    batch: list = []
    stories: dict[str, str] = {}
    pending: set[str] = set()

    def flush() -> None:
        if linker is not None:
            linker.save()  # before the batch: a resumed run then sees these articles' story
        store.add_coded(batch, stories)
        batch.clear()
        stories.clear()
        pending.clear()

    for item, story in new_articles(paths, store, summary, pending, linker, default_date, max_bytes, read_options, on_item):
        if story != item.article_id:
            stories[item.article_id] = story
            batch.append((item, [], 0, 0))
        else:
            res = coder.code_article(item)
            batch.append((item, res.events, res.n_sentences, res.n_parsed))
            summary.coded += 1
            summary.sentences += res.n_sentences
            summary.parsed += res.n_parsed
            summary.events += len(res.events)
            if on_item:
                on_item("coded", item, summary)
        if len(batch) >= batch_size:
            flush()
    flush()
    return summary
