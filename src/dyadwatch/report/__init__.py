"""The dyad report: a self-contained HTML page (charts embedded) and PNG charts."""

from .charts import render_charts
from .html import write_report

__all__ = ["write_report", "render_charts"]
