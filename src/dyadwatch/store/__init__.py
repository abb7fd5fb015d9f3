"""The DuckDB store (articles, events, quarantine) and event exports."""

from .duck import Store
from .export import EXPORT_FORMATS, export_events

__all__ = ["Store", "export_events", "EXPORT_FORMATS"]
