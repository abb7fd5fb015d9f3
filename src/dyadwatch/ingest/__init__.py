"""Readers that turn files, directories, feeds, web pages and archives into
:class:`~dyadwatch.records.Article` records.

Unreadable items come out as :class:`~dyadwatch.records.Rejection` records with their
reason; they never stop a run. Formats: plain text with headers (:mod:`.text`), JSON Lines
(:mod:`.jsonl`), CSV (:mod:`.csvfile`), HTML (:mod:`.html`), RSS/Atom (:mod:`.feeds`) and
WARC (:mod:`.warc`), told apart by :mod:`.detect`. Files are read as streams with a byte
limit per item (:mod:`.limits`): memory is bounded by the limit, not by the input. Also
here: which files a list of paths names (:mod:`.paths`), fetching with ``fetch=True``
(:mod:`.fetch`, never from private addresses unless allowed), event dates from relative
expressions (:mod:`.relative_dates`), the language check (:mod:`.language`) and
near-duplicate stories (:mod:`.dedup`).
"""

from .detect import FORMATS, detect_format
from .relative_dates import resolve_event_date
from .sources import DEFAULT_MAX_BYTES, read_sources
from .text import parse_text_article

__all__ = ["read_sources", "parse_text_article", "DEFAULT_MAX_BYTES", "FORMATS", "detect_format",
           "resolve_event_date"]
