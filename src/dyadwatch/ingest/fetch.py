"""Fetching a URL with :mod:`urllib` — used only when a caller passes ``fetch=True``.

A URL comes from untrusted input (a feed entry's link), so a fetch is fenced in:

- the host is resolved and every address it has is checked; loopback, private, link-local,
  multicast, reserved and unspecified addresses are refused unless ``allow_private=True``.
  The check is made where the connection is opened, to the address checked, so a redirect
  or a second DNS answer cannot lead elsewhere; proxies from the environment are not used.
- the body is read up to ``max_bytes`` (more is refused), within ``total_s`` seconds for
  the whole fetch (connecting, headers and body), not only per read.
"""

from __future__ import annotations

import functools
import http.client
import ipaddress
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request

from ..errors import InputError

__all__ = ["fetch_url", "is_url", "USER_AGENT", "TOTAL_TIMEOUT_S", "READ_TIMEOUT_S"]

USER_AGENT = "dyadwatch/0.1 (+news event coder)"
#: the longest one read may wait
READ_TIMEOUT_S = 20.0
#: the longest a whole fetch may take
TOTAL_TIMEOUT_S = 60.0
_CHUNK = 65536
#: the reason of a refused address
REFUSED = "refused address"


def is_url(value: object) -> bool:
    """True for an ``http://`` or ``https://`` address."""
    return isinstance(value, str) and value.lower().startswith(("http://", "https://"))


def fetch_url(url: str, max_bytes: int, timeout: float = READ_TIMEOUT_S, *, total_s: float = TOTAL_TIMEOUT_S,
              allow_private: bool = False) -> bytes:
    """Return the body at ``url`` (at most ``max_bytes``), or raise :class:`InputError`:
    ``refused address``, ``too large``, ``too slow`` (over ``total_s`` in all, or ``timeout``
    waiting for one read) or ``fetch failed``, with what was wrong."""
    if not is_url(url):
        raise InputError(url, "fetch failed", "only http:// and https:// addresses are fetched")
    guard = _Guard(allow_private)
    opener = _opener(guard)
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    watchdog = threading.Timer(total_s, guard.expire)  # ends the fetch wherever it waits
    watchdog.daemon = True
    watchdog.start()
    try:
        return _fetch(opener, req, max_bytes, min(timeout, total_s), guard, total_s)
    finally:
        watchdog.cancel()


def _fetch(opener, req, max_bytes: int, timeout: float, guard: "_Guard", total_s: float) -> bytes:  # noqa: ANN001
    url = req.full_url
    slow = InputError(url, "too slow", f"not done within the {total_s:g} s limit for one fetch")
    try:
        with opener.open(req, timeout=timeout) as resp:
            body = _read_body(resp, url, max_bytes, guard)
    except urllib.error.HTTPError as exc:
        raise InputError(url, "fetch failed", f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, _Refused):
            raise InputError(url, REFUSED, str(exc.reason)) from None
        if guard.expired:
            raise slow from None
        raise InputError(url, "fetch failed", str(exc.reason)) from None
    except (http.client.HTTPException, OSError, ValueError) as exc:  # TimeoutError is an OSError
        if guard.expired:
            raise slow from None
        if isinstance(exc, TimeoutError):
            raise InputError(url, "too slow", f"no data for {timeout:g} s") from None
        raise InputError(url, "fetch failed", f"{type(exc).__name__}: {exc}") from None
    if guard.expired:  # the watchdog shut the socket: what was read may be cut short
        raise slow
    return body


def _read_body(resp, url: str, max_bytes: int, guard: "_Guard") -> bytes:  # noqa: ANN001
    declared = resp.headers.get("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise InputError(url, "too large", f"its Content-Length, {int(declared):,} bytes, is over the"
                         f" {max_bytes:,}-byte limit")
    parts: list[bytes] = []
    size = 0
    while not guard.expired:
        chunk = resp.read1(_CHUNK)
        if not chunk:
            break
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, "too large", f"over the {max_bytes:,}-byte limit")
        parts.append(chunk)
    return b"".join(parts)


class _Refused(OSError):
    """An address the fetch may not reach (urllib hands it back inside a URLError)."""


class _Guard:
    """Opens connections for urllib, only to addresses that may be reached; shuts them all
    when the fetch's time is up (:meth:`expire`, called by a timer)."""

    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass  # already closed

    def connect(self, address: tuple[str, int], timeout: float | None = None,
                source_address: object = None) -> socket.socket:
        """``socket.create_connection`` for ``http.client``, to a checked address."""
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        if not self.allow_private:
            for info in infos:
                _check_address(host, info[4][0])
        error: OSError | None = None
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            with self._lock:
                if self.expired:
                    sock.close()
                    raise TimeoutError("the time for this fetch ran out before connecting")
                self._sockets.append(sock)
            try:
                sock.settimeout(timeout if isinstance(timeout, (int, float)) else READ_TIMEOUT_S)
                sock.connect(sockaddr)
                return sock
            except OSError as exc:
                sock.close()
                error = exc
        raise error or OSError(f"{host}: no address to connect to")


def _check_address(host: str, address: str) -> None:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    kinds = [("loopback", ip.is_loopback), ("link-local", ip.is_link_local), ("private", ip.is_private),
             ("multicast", ip.is_multicast), ("reserved", ip.is_reserved), ("unspecified", ip.is_unspecified)]
    kind = next((name for name, hit in kinds if hit), None)
    if kind is not None or not ip.is_global:
        what = f"{host} resolves to {ip}" if host != str(ip) else str(ip)
        raise _Refused(f"{what}, a {kind or 'non-public'} address: not fetched from untrusted input;"
                       " allow_private=True (--allow-private) fetches it")


def _opener(guard: _Guard) -> urllib.request.OpenerDirector:
    """An opener for http and https only, through ``guard``: no proxies from the environment,
    no ftp:, file: or data: (a redirect there is refused)."""
    opener = urllib.request.OpenerDirector()
    for handler in (_HTTPHandler(guard), _HTTPSHandler(guard), urllib.request.HTTPDefaultErrorHandler(),
                    _RedirectHandler(), urllib.request.HTTPErrorProcessor(), urllib.request.UnknownHandler()):
        opener.add_handler(handler)
    return opener


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http:// and https:// addresses only."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201, PLR0913
        if not is_url(urllib.parse.urljoin(req.full_url, newurl)):
            raise urllib.error.URLError(f"a redirect to {newurl}: only http:// and https:// addresses are fetched")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req):  # noqa: ANN001, ANN201
        return self.do_open(functools.partial(_connection, http.client.HTTPConnection, self.guard), req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req):  # noqa: ANN001, ANN201
        return self.do_open(functools.partial(_connection, http.client.HTTPSConnection, self.guard), req,
                            context=self._context)


def _connection(cls: type, guard: _Guard, *args, **kwargs) -> http.client.HTTPConnection:  # noqa: ANN002, ANN003
    """An ``http.client`` connection whose socket is opened by ``guard``."""
    conn = cls(*args, **kwargs)
    conn._create_connection = guard.connect  # the hook http.client opens its socket with
    return conn
