"""Checks on raw bytes before they become text: empty, binary, invalid UTF-8, too large."""

from __future__ import annotations

from ..errors import InputError

__all__ = ["check_bytes", "decode_text"]

#: Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})


def check_bytes(data: bytes, origin: str, max_bytes: int) -> None:
    """Raise :class:`InputError` when ``data`` is too large, empty or binary."""
    if len(data) > max_bytes:
        raise InputError(
            origin,
            "too large",
            f"{len(data) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit for one article;"
            " split it into articles or raise --max-bytes",
        )
    if not data.strip():
        raise InputError(origin, "empty", "no text in it")
    head = data[:8192]
    if b"\0" in head:
        raise InputError(origin, "binary file", "it contains NUL bytes, so it is not text")
    if head:
        ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
        if ctrl / len(head) > 0.05:
            raise InputError(origin, "binary file", f"{ctrl} control bytes in the first {len(head)}")


def decode_text(data: bytes, origin: str, max_bytes: int) -> str:
    """Return ``data`` as text, or raise :class:`InputError` saying what is wrong with it."""
    check_bytes(data, origin, max_bytes)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin,
            "invalid UTF-8",
            f"byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded; save the file as UTF-8",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "empty", "only whitespace")
    return text
