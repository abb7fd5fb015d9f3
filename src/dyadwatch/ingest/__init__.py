"""Readers that turn files, directories and JSON Lines into :class:`~dyadwatch.records.Article` records.

Unreadable items come out as :class:`~dyadwatch.records.Rejection` records with their
reason; they never stop a run.
"""

from .sources import DEFAULT_MAX_BYTES, read_sources
from .text import parse_text_article

__all__ = ["read_sources", "parse_text_article", "DEFAULT_MAX_BYTES"]
