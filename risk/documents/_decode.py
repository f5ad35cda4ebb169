"""Bytes to text, refusing what is not a text document."""

from __future__ import annotations

from risk.exceptions import DocumentError

__all__ = ["decode"]

_SNIFF = 8192
#: Control bytes that do not occur in text (tab, line feed, form feed and return do).
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


#: Byte-order marks of the wide encodings, longest first (UTF-32 LE starts like UTF-16 LE).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def _wide_encoding(data: bytes) -> str | None:
    """``"utf-16"`` or ``"utf-32"`` when ``data`` starts with that byte-order mark."""
    return next((codec for bom, codec in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, *, name: str) -> str:
    """Decode a document's bytes to text.

    A UTF-16 or UTF-32 byte-order mark selects that encoding. Otherwise UTF-8
    (with or without a byte-order mark) is tried first, then Windows-1252, which
    EDGAR text filings of the 1990s and 2000s often use.

    Raises
    ------
    DocumentError
        When the file is empty or blank, or looks binary (NUL bytes or mostly
        control characters in its first 8 KiB, after a UTF-16/32 file is decoded),
        or has a UTF-16/32 byte-order mark and does not decode.
    """
    wide = _wide_encoding(data)
    if wide is not None:
        try:
            data = data.decode(wide).encode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"the file starts with a {wide.upper()} byte-order mark but does not decode "
                f"as {wide.upper()} (byte {exc.start})",
                source=name,
            ) from exc
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
    if "\r" not in text:  # a search for one character: quicker than a replace of two
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")
