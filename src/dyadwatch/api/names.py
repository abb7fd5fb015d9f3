"""Actor codes → the names a reader knows them by ("PRK" → "North Korea"), for the dashboard's
dyad picker: the first name of each row of the bundled countries and IGO tables."""

from __future__ import annotations

import functools
from importlib import resources

__all__ = ["actor_names", "actor_name"]


def _first_names(table: str) -> dict[str, str]:
    names: dict[str, str] = {}
    text = (resources.files("dyadwatch.actors") / "data" / table).read_text("utf-8")
    for line in text.splitlines()[1:]:  # the first line is the header
        cells = line.split("\t")
        if line.startswith("#") or len(cells) < 2 or not cells[0] or not cells[1]:
            continue
        names.setdefault(cells[0], cells[1].split("|")[0])
    return names


@functools.lru_cache(maxsize=1)
def actor_names() -> dict[str, str]:
    """Every bundled country and IGO code with its first (common) name."""
    # IMG covers every transnational armed group: its first row names only one of them
    return {**_first_names("igos.tsv"), **_first_names("countries.tsv"), "IMG": "transnational armed groups"}


def actor_name(code: str | None) -> str | None:
    """The code's name, or None for a code without one (or no code)."""
    return actor_names().get(code) if code else None
