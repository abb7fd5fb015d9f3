"""The brief as text, Markdown or HTML. Sentences come from news articles, so Markdown
escapes every character that could be markup, and HTML escapes everything (a self-contained
page: its styles inline, no scripts, nothing fetched)."""

from __future__ import annotations

import html
import re

from .model import Brief, Claim, Evidence
from .wording import arrow, signed

__all__ = ["FORMATS", "render", "render_text", "render_markdown", "render_html", "brief_html_section", "escape_markdown"]

FORMATS = ("text", "markdown", "html")

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#|<>&~!])")


def escape_markdown(text: str) -> str:
    """``text`` with every Markdown (and inline HTML) character backslash-escaped, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _title(b: Brief) -> str:
    return f"{b.a}\u2013{b.b}: the brief, as of {b.as_of or 'no date (no events)'}"


def _span(b: Brief) -> str:
    period = f"events {b.start} \u2026 {b.end}" if b.start else "no events"
    return f"{period}; {b.events} counted event{'' if b.events == 1 else 's'} between the two sides; {b.counting}"


def _evidence_line(e: Evidence) -> str:
    return (f"{e.date} {e.event_id} {arrow(e.source, e.target)} {e.cameo} {e.cameo_name} "
            f"(Goldstein {signed(e.goldstein)}), {e.speaker}: \u201c{' '.join(e.sentence.split())}\u201d")


def _refs(claim: Claim, numbers: dict[str, int]) -> str:
    return ", ".join(str(numbers[i]) for i in claim.evidence if i in numbers)


def render_text(b: Brief) -> str:
    numbers = b.numbers()
    lines = [_title(b), _span(b), ""]
    for section in b.sections:
        lines.append(section.title)
        for claim in section.claims:
            refs = _refs(claim, numbers)
            lines.append(f"  - {claim.text}" + (f" [{refs}]" if refs else ""))
        lines.append("")
    lines.append("Events cited")
    lines += [f"  [{numbers[i]}] {_evidence_line(b.evidence[i])}" for i in b.cited() if i in b.evidence]
    return "\n".join(lines) + "\n"


def render_markdown(b: Brief) -> str:
    numbers = b.numbers()
    lines = [f"# {escape_markdown(_title(b))}", "", f"*{escape_markdown(_span(b))}*", ""]
    for section in b.sections:
        lines += [f"## {escape_markdown(section.title)}", ""]
        for claim in section.claims:
            refs = _refs(claim, numbers)
            lines.append(f"- {escape_markdown(claim.text)}" + (f" \\[{refs}\\]" if refs else ""))
        lines.append("")
    lines += ["## Events cited", ""]
    lines += [f"- \\[{numbers[i]}\\] {escape_markdown(_evidence_line(b.evidence[i]))}" for i in b.cited() if i in b.evidence]
    return "\n".join(lines) + "\n"


_CSS = """
.dw-brief{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;max-width:1000px;color:#222;line-height:1.45}
.dw-brief h2,.dw-brief h3{font-size:1.05em;margin:1em 0 .3em} .dw-brief .muted{color:#666;font-size:.92em}
.dw-brief ul{margin:.2em 0 .6em 1.2em;padding:0} .dw-brief li{margin:.25em 0}
.dw-brief sup a{text-decoration:none} .dw-brief ol.evidence{font-size:.88em;color:#333}
"""


def _e(x: object) -> str:
    return html.escape("" if x is None else str(x), quote=True)


def _anchor(b: Brief, event_id: str) -> str:
    return f"dw-{_e(b.a)}-{_e(b.b)}-{_e(event_id)}"


def brief_html_section(b: Brief, level: int = 1) -> str:
    """The brief as one ``<section>`` (with its own styles), for a page of its own (``level`` 1: its
    title an ``<h1>``) or inside another page (the report's: ``level`` 2)."""
    numbers = b.numbers()
    top, sub = f"h{level}", f"h{min(level + 1, 6)}"
    parts = [f"<section class='dw-brief'><style>{_CSS}</style>", f"<{top}>{_e(_title(b))}</{top}>", f"<p class='muted'>{_e(_span(b))}</p>"]
    for section in b.sections:
        parts.append(f"<{sub}>{_e(section.title)}</{sub}><ul>")
        for claim in section.claims:
            refs = "".join(f"<sup><a href='#{_anchor(b, i)}'>[{numbers[i]}]</a></sup>" for i in claim.evidence if i in numbers)
            parts.append(f"<li>{_e(claim.text)}{refs}</li>")
        parts.append("</ul>")
    parts.append(f"<{sub}>Events cited</{sub}><ol class='evidence'>")
    parts += [f"<li id='{_anchor(b, i)}'>{_e(_evidence_line(b.evidence[i]))}</li>" for i in b.cited() if i in b.evidence]
    parts.append("</ol></section>")
    return "\n".join(parts)


def render_html(b: Brief) -> str:
    """A whole, self-contained HTML page."""
    return ("<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>{_e(_title(b))}</title></head><body>\n{brief_html_section(b)}\n</body></html>\n")


def render(b: Brief, fmt: str = "text") -> str:
    """The brief in ``fmt``: ``text``, ``markdown`` or ``html``."""
    from ..errors import UsageError

    renderers = {"text": render_text, "markdown": render_markdown, "html": render_html}
    if fmt not in renderers:
        raise UsageError(f"brief format {fmt!r}: use text, markdown or html")
    return renderers[fmt](b)
