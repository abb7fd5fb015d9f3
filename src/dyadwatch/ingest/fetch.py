"""Fetching a URL with :mod:`urllib` — used only when a caller passes ``fetch=True``."""

from __future__ import annotations

import urllib.error
import urllib.request

from ..errors import InputError

__all__ = ["fetch_url", "is_url", "USER_AGENT"]

USER_AGENT = "dyadwatch/0.1 (+news event coder)"
_TIMEOUT_S = 20.0


def is_url(value: object) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, timeout: float = _TIMEOUT_S) -> bytes:
    """Return the body at ``url`` (at most ``max_bytes``), or raise :class:`InputError`."""
    if not is_url(url):
        raise InputError(url, "fetch failed", "only http:// and https:// addresses are fetched")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - scheme checked above
            data = resp.read(max_bytes + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(url, "fetch failed", f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        raise InputError(url, "fetch failed", str(getattr(exc, "reason", exc))) from None
    if len(data) > max_bytes:
        raise InputError(url, "too large", f"over the {max_bytes / 1e6:.1f} MB limit")
    return data
