"""Plain-text articles, with optional header lines before a blank line::

    Title: North Korea tests missiles
    Date: 2019-12-17
    URL: https://example.org/a
    Publisher: Example Wire

    Body text …
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..records import Article
from .dates import date_in_text, parse_date

_HEADER = re.compile(r"^(Title|Date|URL|Url|Publisher|Published)\s*:\s*(.*)$")


def parse_text_article(text: str, origin: str, default_date: date | None = None) -> Article:
    """Turn one text file's content into an :class:`Article`.

    Header lines are read only at the top and only when a blank line follows them, so a
    body that happens to start with "Date:" is left alone.
    """
    lines = text.split("\n")
    headers: dict[str, str] = {}
    i = 0
    while i < len(lines) and (m := _HEADER.match(lines[i].strip())):
        headers[m.group(1).lower()] = m.group(2).strip()
        i += 1
    if headers and i < len(lines) and not lines[i].strip():
        body = "\n".join(lines[i + 1 :]).strip()
    else:
        headers = {}
        body = text.strip()
    if not body:
        raise InputError(origin, "empty", "headers but no body text")
    raw_date = headers.get("date") or headers.get("published")
    try:
        published = parse_date(raw_date) or date_in_text(body) or default_date
    except ValueError:
        raise InputError(origin, "bad date", f"header Date: {raw_date!r} is not an ISO date (YYYY-MM-DD)") from None
    return Article.from_text(
        body,
        title=headers.get("title") or None,
        url=headers.get("url") or None,
        publisher=headers.get("publisher") or None,
        published=published,
        origin=origin,
    )
