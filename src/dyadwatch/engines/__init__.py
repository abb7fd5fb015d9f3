"""Engines run the per-article coder over a stream of inputs: in-process (``local``), in a
process pool (``processes``) or on Ray (``ray``). The same input gives the same events,
with the same ids, on every engine."""

from .local import RunSummary, code_sources
from .worker import CoderSpec

ENGINES = ("local", "processes", "ray")

__all__ = ["code_sources", "RunSummary", "CoderSpec", "ENGINES"]
