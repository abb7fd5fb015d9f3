"""Checks on raw bytes before they become text: empty, binary, invalid UTF-8 (or UTF-16/32
with a byte-order mark), NUL characters; and a UTF-8 view of a stream in another encoding."""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

from ..errors import InputError

__all__ = ["check_bytes", "decode_text", "bom_encoding", "utf8_stream", "NUL_REASON"]

#: Control characters other than tab, newline, carriage return and form feed.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_CONTROL_CHARS = "".join(map(chr, _CONTROL))
#: The reason of a text that holds a NUL character beyond the head (a binary head is "binary file").
NUL_REASON = "NUL character"
# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``head`` names (``utf-16``, ``utf-32``,
    ``utf-8-sig``), or ``None`` without one."""
    for bom, name in _BOMS:
        if head.startswith(bom):
            return name
    return None


def check_bytes(data: bytes, origin: str) -> None:
    """Raise :class:`InputError` when ``data`` is empty or binary (a UTF-16/32 text with its
    byte-order mark is text)."""
    if not data.strip():
        raise InputError(origin, "empty", "no text in it")
    encoding = bom_encoding(data)
    if encoding in ("utf-16", "utf-32"):
        _check_chars(_decode(data[:8192 * 4], origin, encoding, final=False)[:8192], origin)
        return
    head = data[:8192]
    if b"\0" in head:
        raise InputError(origin, "binary file", "it contains NUL bytes, so it is not text")
    if head:
        ctrl = sum(head.count(bytes([c])) for c in _CONTROL)
        if ctrl / len(head) > 0.05:
            raise InputError(origin, "binary file", f"{ctrl} control bytes in the first {len(head)}")


def decode_text(data: bytes, origin: str) -> str:
    """Return ``data`` as text (UTF-8, or the encoding its byte-order mark names), or raise
    :class:`InputError` saying what is wrong with it."""
    check_bytes(data, origin)
    text = _decode(data, origin, bom_encoding(data) or "utf-8")
    nul = text.find("\0")
    if nul >= 0:
        raise InputError(origin, NUL_REASON, f"a NUL character at character {nul:,}, so it is not plain text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError(origin, "empty", "only whitespace")
    return text


def _decode(data: bytes, origin: str, encoding: str, final: bool = True) -> str:
    try:
        return codecs.getincrementaldecoder(encoding)().decode(data, final)
    except UnicodeDecodeError as exc:
        name = "UTF-8" if encoding.startswith("utf-8") else encoding.upper()
        hint = "; save the file as UTF-8" if name == "UTF-8" else ""
        raise InputError(
            origin, f"invalid {name}", f"byte 0x{data[exc.start]:02x} at offset {exc.start} cannot be decoded{hint}"
        ) from None


def _check_chars(text: str, origin: str) -> None:
    if "\0" in text:
        raise InputError(origin, "binary file", "it contains NUL characters, so it is not text")
    if text:
        ctrl = sum(text.count(c) for c in _CONTROL_CHARS)
        if ctrl / len(text) > 0.05:
            raise InputError(origin, "binary file", f"{ctrl} control characters in the first {len(text)}")


class _Utf8Reader(io.RawIOBase):
    """A raw stream giving the UTF-8 bytes of a text stream in another encoding."""

    def __init__(self, text: io.TextIOBase) -> None:
        self._text = text
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:  # noqa: ANN001 - a writable buffer
        while not self._pending:
            chunk = self._text.read(8192)
            if not chunk:
                return 0
            self._pending = chunk.encode("utf-8")
        n = min(len(buf), len(self._pending))
        buf[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def utf8_stream(fh: BinaryIO, encoding: str) -> BinaryIO:
    """``fh`` (text in ``encoding``, its BOM first) as a stream of UTF-8 bytes without a BOM.
    Bytes that are not ``encoding`` raise :class:`UnicodeDecodeError` when they are read."""
    text = io.TextIOWrapper(fh, encoding=encoding, errors="strict", newline="")
    return io.BufferedReader(_Utf8Reader(text))
