"""Bytes to text, refusing what is not a text document."""

from __future__ import annotations

from risk.exceptions import DocumentError

__all__ = ["decode"]

_SNIFF = 8192
#: Control bytes that do not occur in text (tab, line feed, form feed and return do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode(data: bytes, *, name: str) -> str:
    """Decode a document's bytes to text.

    UTF-8 (with or without a byte-order mark) is tried first, then Windows-1252,
    which EDGAR text filings of the 1990s and 2000s often use.

    Raises
    ------
    DocumentError
        When the file is empty or blank, or looks binary (NUL bytes or mostly
        control characters in its first 8 KiB).
    """
    if not data.strip():
        raise DocumentError("the file is empty (no text to read)", source=name)
    head = data[:_SNIFF]
    if b"\x00" in head:
        raise DocumentError("the file is binary (it contains NUL bytes), not a filing", source=name)
    control = len(head) - len(head.translate(None, _CONTROL))
    if control > len(head) * 0.05:
        raise DocumentError(
            "the file is binary (over 5% control characters), not a filing", source=name
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")
