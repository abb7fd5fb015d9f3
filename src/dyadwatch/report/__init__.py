"""The dyad report: a self-contained HTML page (charts embedded) and PNG charts.

``write_report`` and ``render_charts`` load matplotlib when first used; :mod:`.palette`
(the colours, shared with the dashboard) loads nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["write_report", "render_charts"]

if TYPE_CHECKING:
    from .charts import render_charts
    from .html import write_report


def __getattr__(name: str) -> Any:
    if name == "write_report":
        from .html import write_report

        return write_report
    if name == "render_charts":
        from .charts import render_charts

        return render_charts
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
