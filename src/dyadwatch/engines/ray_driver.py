"""The Ray engine's driver loop: items in, batches out to the actors, results written as they
come back. What it holds is bounded: the batch being filled, at most ``window`` batches in
flight (each at most ``batch_size`` articles and, unless one article alone weighs more,
``batch_bytes`` of text), and what waits to be written (at most :data:`WRITE_ARTICLES`
articles or :data:`WRITE_BYTES` bytes); never the corpus, never a whole input file."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..ingest.paths import NOT_FOUND
from ..records import Article, Rejection
from ..store.parquet import write_coded_parquet, write_rejections_parquet
from .local import RunSummary
from .ray_inputs import text_bytes
from .worker import Coded

__all__ = ["RayDriver", "WRITE_ARTICLES", "WRITE_BYTES"]

#: coded articles (or rejections) gathered before they are written as one Parquet file
WRITE_ARTICLES = 64
#: ... or this many bytes of their text (a rejection: of what it keeps of the item)
WRITE_BYTES = 8 * 1024 * 1024


class RayDriver:
    """Ships batches to ``actors`` (Ray actor handles with a ``code`` method), at most
    ``window`` in flight, each to the actor with the fewest; writes Parquet into ``out_dir``."""

    def __init__(self, ray, actors: list, out_dir: str | Path, summary: RunSummary, window: int,  # noqa: ANN001 - the ray module
                 on_item: Callable | None = None) -> None:
        if window < 1:
            raise ValueError(f"at least one batch must be in flight, not {window}")
        self.ray = ray
        self.actors = actors
        self.out_dir = str(out_dir)
        self.summary = summary
        self.window = window
        self.on_item = on_item
        self.load = [0] * len(actors)
        self.inflight: dict = {}  # object ref -> (actor index, batch)
        self.unwritten: set[str] = set()  # ids read and not yet written: a repeat among them is skipped
        self.done: list[Coded] = []
        self.done_bytes = 0
        self.rejections: list[Rejection] = []
        self.rejection_bytes = 0
        self.most_in_flight = 0  # the largest number of batches that were in flight at once

    # -- reading ------------------------------------------------------------------------
    def articles(self, items: Iterable[Article | Rejection]) -> Iterator[Article]:
        """The articles of ``items`` to code; rejections are counted and written as they come."""
        s = self.summary
        for item in items:
            if isinstance(item, Rejection):
                s.quarantined += 1
                s.note_rejection(item)
                if item.reason == NOT_FOUND:
                    s.missing_inputs.append(item.origin)
                self._tell("rejected", item)
                self.rejections.append(item)
                self.rejection_bytes += len(item.raw) + len(item.detail)
                if len(self.rejections) >= WRITE_ARTICLES or self.rejection_bytes >= WRITE_BYTES:
                    self._write_rejections()
                continue
            s.articles += 1
            if item.article_id in self.unwritten:
                s.already += 1
                self._tell("already", item)
                continue
            self.unwritten.add(item.article_id)
            yield item

    # -- coding -------------------------------------------------------------------------
    def submit(self, batch: list[Article]) -> None:
        """Send ``batch`` to the least busy actor, once fewer than ``window`` batches are in flight."""
        while len(self.inflight) >= self.window:
            self._collect()
        i = min(range(len(self.actors)), key=self.load.__getitem__)
        self.inflight[self.actors[i].code.remote(batch)] = (i, batch)
        self.load[i] += 1
        self.most_in_flight = max(self.most_in_flight, len(self.inflight))

    def finish(self) -> None:
        while self.inflight:
            self._collect()
        self._write()
        self._write_rejections()

    def _collect(self) -> None:
        """Wait for one batch in flight and take its results."""
        ready, _ = self.ray.wait(list(self.inflight), num_returns=1)
        for ref in ready:
            i, batch = self.inflight.pop(ref)
            self.load[i] -= 1
            rows = self.ray.get(ref)
            s = self.summary
            for article, (article_id, events, n_sentences, n_parsed) in zip(batch, rows, strict=True):
                if article_id != article.article_id:
                    raise RuntimeError(f"a Ray actor answered for article {article_id}, not {article.article_id}")
                self.done.append((article, events, n_sentences, n_parsed))
                self.done_bytes += text_bytes(article)
                s.coded += 1
                s.sentences += n_sentences
                s.parsed += n_parsed
                s.events += len(events)
                self._tell("coded", article)
            if len(self.done) >= WRITE_ARTICLES or self.done_bytes >= WRITE_BYTES:
                self._write()

    # -- writing ------------------------------------------------------------------------
    def _write(self) -> None:
        if not self.done:
            return
        write_coded_parquet(self.out_dir, self.done)
        self.unwritten.difference_update(a.article_id for a, *_ in self.done)
        self.done = []
        self.done_bytes = 0

    def _write_rejections(self) -> None:
        if self.rejections:
            write_rejections_parquet(self.out_dir, self.rejections)
        self.rejections = []
        self.rejection_bytes = 0

    def _tell(self, kind: str, item: Article | Rejection) -> None:
        if self.on_item is not None:
            self.on_item(kind, item, self.summary)
