"""The mapping tables of ``datasets/data`` (TSV; ``#`` lines are comments), read by their header."""

from __future__ import annotations

from importlib import resources

from ..errors import DictionaryError

__all__ = ["read_table", "name_key"]


def read_table(name: str) -> list[dict[str, str]]:
    """A TSV data file of this package as dicts by its header; ``#`` lines are comments."""
    text = (resources.files("dyadwatch.datasets") / "data" / name).read_text("utf-8")
    lines = [ln for ln in text.split("\n") if ln.strip() and not ln.startswith("#")]
    header = lines[0].split("\t")
    rows = []
    for n, ln in enumerate(lines[1:], 2):
        cells = ln.split("\t")
        if len(cells) > len(header):
            raise DictionaryError(f"datasets/data/{name}: row {n} has {len(cells)} fields, the header {len(header)}")
        rows.append(dict(zip(header, cells + [""] * (len(header) - len(cells)))))
    return rows


def name_key(s: str) -> str:
    return " ".join(s.casefold().split())
