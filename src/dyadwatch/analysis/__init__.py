"""Reading relations out of the events: dyad series, the relation index and its change
points, mixed signals, reciprocity, deadlines and ultimatums, repeated patterns."""

from .dyads import DyadSummary, dyad_summary, parse_dyad

__all__ = ["dyad_summary", "DyadSummary", "parse_dyad"]
