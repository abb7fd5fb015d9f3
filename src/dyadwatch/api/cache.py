"""A small thread-safe LRU cache whose concurrent misses for one key compute it once.

The API opens its store read-only, so a result computed from it stays true while the app runs.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["SingleFlightCache"]

V = TypeVar("V")


class SingleFlightCache(Generic[V]):
    """``cache(*key)`` returns ``compute(*key)``, kept for the ``size`` most recent keys (0: never kept)."""

    def __init__(self, compute: Callable[..., V], size: int = 256) -> None:
        self._compute = compute
        self._size = size
        self._values: OrderedDict[tuple[Hashable, ...], V] = OrderedDict()
        self._pending: dict[tuple[Hashable, ...], threading.Lock] = {}
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._values)

    def _get(self, key: tuple[Hashable, ...]) -> tuple[bool, V | None]:
        with self._lock:
            if key in self._values:
                self._values.move_to_end(key)
                return True, self._values[key]
        return False, None

    def __call__(self, *key: Hashable) -> V:
        if self._size <= 0:
            return self._compute(*key)
        hit, value = self._get(key)
        if hit:
            return value  # type: ignore[return-value]
        with self._lock:
            flight = self._pending.setdefault(key, threading.Lock())
        with flight:  # one computes; the others wait here and then find the value
            hit, value = self._get(key)
            if hit:
                return value  # type: ignore[return-value]
            result = self._compute(*key)
            with self._lock:
                self._values[key] = result
                while len(self._values) > self._size:
                    self._values.popitem(last=False)
                self._pending.pop(key, None)
            return result
