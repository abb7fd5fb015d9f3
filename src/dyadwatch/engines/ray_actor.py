"""The Ray actor of the Ray engine: one coder (one spaCy model) for its lifetime, given
batches of articles by the driver; it sends back each article's events and counts, not its
text (the driver still holds the batch), and writes nothing."""

from __future__ import annotations

from ..records import Article, Event
from .worker import CoderSpec, code_batch, make_coder

__all__ = ["RayCoder", "CodedRow"]

#: (article id, events, sentences, parsed sentences)
CodedRow = tuple[str, list[Event], int, int]


class RayCoder:
    """Made a Ray actor by the driver (``ray.remote(RayCoder)``), so this module needs no Ray."""

    def __init__(self, spec: CoderSpec) -> None:
        self.spec = spec
        make_coder(spec)  # the model is loaded before the first batch arrives

    def ready(self) -> bool:
        return True

    def code(self, articles: list[Article]) -> list[CodedRow]:
        return [(a.article_id, events, ns, npz) for a, events, ns, npz in code_batch(self.spec, articles)]
