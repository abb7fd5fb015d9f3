"""The written brief: a one-page reading of a pair of actors in plain sentences, built from the
signals by templates (no language model), every claim citing the events behind it.

    from dyadwatch.brief import brief_for_store, render
    with Store("news.duckdb", read_only=True) as store:
        print(render(brief_for_store(store, "PRK", "USA"), "markdown"))
"""

from __future__ import annotations

from .build import brief_for_store, brief_from_assessment, build_brief, report_section
from .model import Brief, Claim, Evidence, Section
from .render import FORMATS, brief_html_section, render, render_html, render_markdown, render_text

__all__ = [
    "Brief", "Claim", "Evidence", "Section",
    "build_brief", "brief_for_store", "brief_from_assessment", "report_section",
    "FORMATS", "render", "render_text", "render_markdown", "render_html", "brief_html_section",
]
