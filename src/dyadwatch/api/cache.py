"""A small thread-safe LRU cache whose concurrent misses for one key compute it once.

:meth:`SingleFlightCache.at` keys a value to a version of the data as well (the API gives the
store's stamp, :func:`dyadwatch.api.db.store_stamp`): a new version drops every value of the
older ones, so that nothing computed before a write is served after it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["SingleFlightCache"]

V = TypeVar("V")
_NO_VERSION = object()


class SingleFlightCache(Generic[V]):
    """``cache(*key)`` returns ``compute(*key)``, kept for the ``size`` most recent keys (0: never kept);
    ``cache.at(version, *key)`` the same, for the data as of ``version``."""

    def __init__(self, compute: Callable[..., V], size: int = 256) -> None:
        self._compute = compute
        self._size = size
        self._values: OrderedDict[tuple[Hashable, ...], V] = OrderedDict()
        self._pending: dict[tuple[Hashable, ...], threading.Lock] = {}
        self._lock = threading.Lock()
        self._version: object = _NO_VERSION

    def __len__(self) -> int:
        return len(self._values)

    def keys(self) -> list[tuple[Hashable, ...]]:
        """The keys kept, least recently used first (without their version)."""
        with self._lock:
            return [k[1:] for k in self._values]

    @property
    def version(self) -> object:
        """The version of the data the kept values were computed from (None before any)."""
        return None if self._version is _NO_VERSION else self._version

    def _get(self, key: tuple[Hashable, ...]) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return True, self._values[key]
        return False, None

    def __call__(self, *key: Hashable) -> V:
        return self.at(None, *key)

    def at(self, version: Hashable, *key: Hashable) -> V:
        """``compute(*key)`` for the data as of ``version``."""
        if self._size <= 0:
            return self._compute(*key)
        full = (version, *key)
        with self._lock:
            if version != self._version:  # the data changed: what was kept is of an older version
                self._values.clear()
                self._version = version
        hit, value = self._get(full)
        if hit:
            return value  # type: ignore[return-value]
        with self._lock:
            flight = self._pending.setdefault(full, threading.Lock())
        with flight:  # one computes; the others wait here and then find the value
            hit, value = self._get(full)
            if hit:
                return value  # type: ignore[return-value]
            try:
                result = self._compute(*key)
            except BaseException:
                with self._lock:
                    self._pending.pop(full, None)
                raise
            with self._lock:
                if version == self._version:  # not when a newer version came while computing
                    self._values[full] = result
                    while len(self._values) > self._size:
                        self._values.popitem(last=False)
                self._pending.pop(full, None)
            return result
