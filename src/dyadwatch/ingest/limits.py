"""Reading with a byte limit: memory is bounded by the limit, never by the input.

An item over the limit (a file, a JSON line, a CSV row, a WARC record) is not kept whole:
its rejection holds its head (:data:`HEAD_KEPT` bytes), its size (or "over N bytes" where
reading stopped) and the sha256 of every byte that was read, so it can be found again.
"""

from __future__ import annotations

import hashlib
from typing import BinaryIO

from ..errors import UsageError
from ..records import Rejection

__all__ = ["DEFAULT_MAX_BYTES", "HEAD_KEPT", "DRAIN_MAX_BYTES", "check_max_bytes", "Overflow", "read_bounded",
           "describe_bytes"]

#: The largest single article accepted (a JSONL, CSV or feed file may be larger: its limit is per item).
DEFAULT_MAX_BYTES = 5_000_000
#: How much of an over-limit item its rejection keeps.
HEAD_KEPT = 8192
#: How far past the limit an over-limit item is read (to count and hash it) before reading stops.
DRAIN_MAX_BYTES = 2_000_000_000
_CHUNK = 1 << 16


def check_max_bytes(max_bytes: object) -> int:
    """``max_bytes`` as an int, or :class:`UsageError` when it is not a whole number ≥ 0."""
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int):
        raise UsageError(f"max_bytes (--max-bytes) must be a whole number of bytes, not {max_bytes!r}")
    if max_bytes < 0:
        raise UsageError(f"max_bytes (--max-bytes) must be 0 or more, not {max_bytes}")
    return max_bytes


def describe_bytes(n: int) -> str:
    """``n`` bytes for a reader: ``812 bytes``, ``209.7 MB (209,715,200 bytes)``."""
    return f"{n:,} bytes" if n < 1_000_000 else f"{n / 1e6:.1f} MB ({n:,} bytes)"


class Overflow:
    """What is kept of an item over the limit while the rest of it is read past: its head,
    the number of bytes read, their sha256."""

    def __init__(self, first: bytes) -> None:
        self.head = first[:HEAD_KEPT]
        self.size = len(first)
        self._hash = hashlib.sha256(first)
        self.complete = True  # False when reading stopped at DRAIN_MAX_BYTES

    def add(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self._hash.update(chunk)

    def drain(self, fh: BinaryIO, until_newline: bool = False) -> None:
        """Read the rest of the item from ``fh`` (to its end, or to the end of the line),
        counting and hashing it, up to :data:`DRAIN_MAX_BYTES`."""
        while True:
            if self.size >= DRAIN_MAX_BYTES:
                self.complete = False
                return
            chunk = fh.readline(_CHUNK) if until_newline else fh.read(_CHUNK)
            if not chunk:
                return
            self.add(chunk)
            if until_newline and chunk.endswith(b"\n"):
                return

    def rejection(self, origin: str, limit: int, what: str = "one article", known_size: int | None = None,
                  option: str | None = "--max-bytes") -> Rejection:
        """The rejection ``too large`` for ``origin``, over ``limit`` bytes for ``what``
        (a limit the command-line ``option`` sets, where one does)."""
        size = known_size if known_size is not None else self.size
        if self.complete or known_size is not None:
            size_text = describe_bytes(size)
        else:
            size_text = f"over {describe_bytes(self.size)}"
        hashed = "all of it" if self.complete and known_size in (None, self.size) else f"the first {self.size:,} bytes"
        set_by = f" ({option})" if option else ""
        detail = (f"{size_text} is over the {describe_bytes(limit)} limit for {what}{set_by};"
                  f" kept: the first {len(self.head):,} bytes; sha256 of {hashed}: {self._hash.hexdigest()}")
        return Rejection(origin, "too large", detail, self.head)


def read_bounded(fh: BinaryIO, limit: int) -> tuple[bytes, Overflow | None]:
    """Read ``fh`` to its end if it holds at most ``limit`` bytes: ``(data, None)``; else
    ``(b"", overflow)``, the whole stream counted and hashed but only its head kept."""
    data = fh.read(limit + 1)
    if len(data) <= limit:
        return data, None
    over = Overflow(data)
    del data
    over.drain(fh)
    return b"", over
