"""RSS and Atom feeds (feedparser): one article per entry.

Each entry gives its link, title, date and body (``content`` or ``summary``, tags
stripped). An entry with no body becomes an article only when fetching is allowed: then
the linked page is fetched and read as HTML; otherwise it is a rejection that says so.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from datetime import date
from time import struct_time

from ..errors import InputError
from ..records import Article, Rejection
from . import fetch as _fetch
from .html import html_to_text, read_html
from .limits import DEFAULT_MAX_BYTES

__all__ = ["read_feed"]

_NO_TEXT = "no article text"


def read_feed(
    data: bytes,
    origin: str,
    default_date: date | None = None,
    *,
    fetch: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    allow_private: bool = False,
) -> Iterator[Article | Rejection]:
    """Yield an article (or a rejection) for each entry of the feed in ``data``.

    Entries are named ``origin#N`` (N from 1). A feed that is not well-formed XML gives one
    rejection ``malformed feed`` with the parser's message and the feed's bytes; the entries
    the parser recovered from it with a body are still read, the others are counted in that
    rejection. ``allow_private`` lets fetching reach private addresses (see :mod:`.fetch`).
    """
    import feedparser

    # A file object, never a string: feedparser would fetch a string that looks like a URL.
    parsed = feedparser.parse(io.BytesIO(data))
    entries = parsed.get("entries") or []
    broken = _parse_error(parsed)
    if not entries:
        if broken:
            yield Rejection(origin, "malformed feed", broken, data)
        else:
            yield Rejection(origin, "empty feed", "the feed has no entries", data)
        return
    lost = 0
    for i, entry in enumerate(entries, 1):
        item = _entry(entry, f"{origin}#{i}", default_date, fetch, max_bytes, allow_private)
        if broken and isinstance(item, Rejection) and item.reason == _NO_TEXT:
            lost += 1
            continue
        yield item
    if broken:
        read = f"{len(entries) - lost} of its {len(entries)} entries read" if lost < len(entries) else "no entry read"
        yield Rejection(origin, "malformed feed", f"{broken}; {read}", data)


def _parse_error(parsed) -> str | None:  # noqa: ANN001 - feedparser's result
    """The parser's message when the feed is not well-formed XML (a declared encoding that
    had to be overridden is not an error), else ``None``."""
    from feedparser import CharacterEncodingOverride, NonXMLContentType

    exc = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if exc is None or isinstance(exc, (CharacterEncodingOverride, NonXMLContentType)):
        return None
    return f"not well-formed XML: {type(exc).__name__}: {exc}"


def _entry(entry: dict, where: str, default_date: date | None, fetch: bool, max_bytes: int,
           allow_private: bool = False) -> Article | Rejection:
    link = (entry.get("link") or "").strip() or None
    title = " ".join((entry.get("title") or "").split()) or None
    published = _entry_date(entry) or default_date
    body = _entry_body(entry)
    raw = _entry_raw(entry)
    if not body:
        if not fetch or not link:
            hint = f"; pass fetch=True (--fetch) to read {link}" if link else ""
            return Rejection(where, _NO_TEXT, f"the entry has no summary or content{hint}", raw)
        try:
            page = _fetch.fetch_url(link, max_bytes, allow_private=allow_private)
        except InputError as exc:
            return Rejection(where, exc.reason, f"{link}: {exc.detail}", raw)
        got = read_html(page, where, default_date, url=link, fallback_date=published)
        if isinstance(got, Rejection):
            return got
        return Article.from_text(got.text, title=title or got.title, url=link, publisher=got.publisher,
                                 published=published or got.published, origin=where)
    return Article.from_text(body, title=title, url=link, published=published, origin=where)


def _entry_body(entry: dict) -> str:
    """The longest of the entry's ``content`` values and its ``summary``, as plain text."""
    candidates = [c.get("value") or "" for c in entry.get("content") or []]
    candidates.append(entry.get("summary") or "")
    texts = [html_to_text(c) for c in candidates if c and c.strip()]
    return max(texts, key=len, default="").strip()


def _entry_date(entry: dict) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = dict.get(entry, key)  # not entry.get: feedparser maps a missing updated to published
        if isinstance(value, struct_time):
            return date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def _entry_raw(entry: dict) -> bytes:
    """What is kept of a rejected entry: its fields as text (the feed bytes are not split)."""
    fields = [f"{k}: {dict.get(entry, k)}" for k in ("link", "title", "published", "updated", "summary")
              if dict.get(entry, k)]
    return "\n".join(fields).encode("utf-8")
