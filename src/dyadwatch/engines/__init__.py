"""Engines run the per-article coder over a stream of inputs and write to the store."""

from .local import RunSummary, code_sources

__all__ = ["code_sources", "RunSummary"]
