"""Reading relations out of the events: dyad summaries (and, later, series and signals)."""

from .dyads import DyadSummary, dyad_summary, parse_dyad

__all__ = ["dyad_summary", "DyadSummary", "parse_dyad"]
