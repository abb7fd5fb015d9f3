"""The per-article work every engine runs, and the per-process coder it needs.

Each worker process (or Ray actor) builds one :class:`ArticleCoder` — the spaCy model,
the dictionary and its matchers — and reuses it for every batch it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..coding.article import ArticleCoder
from ..coding.coder import CodingOptions
from ..records import Article, Event

__all__ = ["CoderSpec", "Coded", "code_batch", "make_coder"]


@dataclass(frozen=True, slots=True)
class CoderSpec:
    """What a worker needs to build the same coder as the parent: picklable."""

    options: CodingOptions = CodingOptions()
    actor_files: tuple[str, ...] = ()

    def build(self) -> ArticleCoder:
        from ..actors.user import dictionary_with

        return ArticleCoder(self.options, dictionary=dictionary_with([Path(f) for f in self.actor_files]))


#: (article, events, sentences, parsed sentences)
Coded = tuple[Article, list[Event], int, int]

_CODER: dict[CoderSpec, ArticleCoder] = {}  # one coder per spec and process (worker state)


def make_coder(spec: CoderSpec) -> ArticleCoder:
    coder = _CODER.get(spec)
    if coder is None:
        coder = _CODER[spec] = spec.build()
    return coder


def code_batch(spec: CoderSpec, articles: list[Article]) -> list[Coded]:
    coder = make_coder(spec)
    out = []
    for a in articles:
        r = coder.code_article(a)
        out.append((a, r.events, r.n_sentences, r.n_parsed))
    return out


def code_batch_tables(spec: CoderSpec, articles: list[Article]):
    """Code a batch in a worker and return it as Arrow tables (articles, events) with the
    per-article counts, so the parent only inserts."""
    from ..store.tables import coded_tables

    coded = code_batch(spec, articles)
    arts, events = coded_tables(coded)
    return arts, events, [(a.article_id, len(evs), ns, npz) for a, evs, ns, npz in coded]
