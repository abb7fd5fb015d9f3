"""HTML pages: the main text (trafilatura), title, publication date (htmldate) and url.

Nothing here touches the network: trafilatura and htmldate are handed a parsed tree, never
a URL, so neither of them can decide to download anything.
"""

from __future__ import annotations

import logging
from datetime import date

from ..records import Article, Rejection
from .dates import parse_date

__all__ = ["read_html", "html_to_text", "parse_html_tree"]

# trafilatura and htmldate log at WARNING for ordinary pages ("discarding data" …).
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).setLevel(logging.ERROR)


def parse_html_tree(data: bytes | str):  # noqa: ANN201 - lxml element or None
    """Parse ``data`` into an lxml HTML tree (``None`` when there is nothing to parse)."""
    from lxml import etree, html as lxml_html

    try:
        return lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return None


def read_html(
    data: bytes,
    origin: str,
    default_date: date | None = None,
    *,
    url: str | None = None,
    fallback_date: date | None = None,
) -> Article | Rejection:
    """Turn one HTML page into an :class:`Article`, or a :class:`Rejection` saying why not.

    ``url`` (e.g. a WARC target URI) wins over the page's canonical link / ``og:url``.
    The date is the page's own publication date when it has one, else ``fallback_date``
    (e.g. the WARC-Date), else ``default_date``.
    """
    import trafilatura

    tree = parse_html_tree(data)
    if tree is None:
        return Rejection(origin, "no article text", "the HTML could not be parsed", data)
    # Read the markup before trafilatura prunes the tree.
    page_url = url or _canonical_url(tree)
    published = _page_date(tree, page_url) or fallback_date or default_date
    page_title = _clean(_first(tree, "//title/text()"))
    try:
        doc = trafilatura.bare_extraction(
            tree, with_metadata=True, include_comments=False, include_tables=False, favor_recall=True,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError) as exc:  # trafilatura on odd trees
        return Rejection(origin, "no article text", f"extraction failed: {exc}", data)
    text = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not text:
        return Rejection(origin, "no article text", "the page has no main text that could be extracted", data)
    title = _clean(getattr(doc, "title", None)) or page_title
    text = _drop_heading(text, title)
    if not text:
        return Rejection(origin, "no article text", "the page has a headline but no main text", data)
    return Article.from_text(text, title=title, url=page_url, publisher=_clean(getattr(doc, "sitename", None)),
                             published=published, origin=origin)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed summary): tags dropped, blocks on their own lines."""
    from .htmlstrip import strip_tags

    return strip_tags(fragment)


def _drop_heading(text: str, title: str | None) -> str:
    """Drop a first line that only repeats the title (the page's ``<h1>``)."""
    first, _, rest = text.partition("\n")
    if title and _clean(first) == title:
        return rest.strip()
    return text


def _page_date(tree, url: str | None) -> date | None:  # noqa: ANN001
    """The page's publication date from its markup (meta tags, ``<time>``) or the date in its
    url (``/2024/03/05/``); htmldate gets the parsed tree, so it never fetches."""
    from htmldate import find_date

    try:
        found = find_date(tree, extensive_search=False, original_date=True, outputformat="%Y-%m-%d", url=url)
    except (ValueError, TypeError):
        return None
    if not found:
        return None
    try:
        return parse_date(found)
    except ValueError:
        return None


def _canonical_url(tree) -> str | None:  # noqa: ANN001
    return _clean(_first(tree, "//link[@rel='canonical']/@href")) or _clean(
        _first(tree, "//meta[@property='og:url']/@content")
    )


def _first(tree, xpath: str) -> str | None:  # noqa: ANN001
    found = tree.xpath(xpath)
    return str(found[0]) if found else None


def _clean(value: object) -> str | None:
    if value is None:
        return None
    s = " ".join(str(value).split())
    return s or None
