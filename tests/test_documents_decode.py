"""``decode``: binary files refused by their control bytes, counted without a Python loop."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from risk.documents import decode
from risk.exceptions import DocumentError


def _refused(data: bytes) -> bool:
    try:
        decode(data, name="x")
    except DocumentError:
        return True
    return False


def _loop_says_binary(data: bytes) -> bool:
    """The rule written out byte by byte: over 5% control bytes (not tab, LF, FF, CR) in 8 KiB."""
    head = data[:8192]
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control > len(head) * 0.05


def test_five_percent_control_bytes_is_the_limit() -> None:
    # 100 bytes: 5 control bytes are allowed, 6 are not; tab, LF, FF and CR never count.
    assert not _refused(b"\x01" * 5 + b"a" * 95)
    assert _refused(b"\x01" * 6 + b"a" * 94)
    assert not _refused(b"\t\n\x0c\r" * 20 + b"a" * 20)
    # Only the first 8 KiB are looked at.
    assert not _refused(b"a" * 8192 + b"\x02" * 4000)
    assert _refused(b"\x1f" * 500 + b"a" * 8000)


@settings(max_examples=300, deadline=None)
@given(
    st.binary(max_size=300).filter(
        # a UTF-16/32 byte-order mark selects that encoding: the rule applies after decoding
        lambda b: b"\x00" not in b and b.strip() and not b.startswith((b"\xff\xfe", b"\xfe\xff"))
    )
)
def test_refusal_follows_the_byte_by_byte_rule(data: bytes) -> None:
    assert _refused(data) == _loop_says_binary(data)


def test_empty_and_nul_are_refused() -> None:
    with pytest.raises(DocumentError, match="empty"):
        decode(b"  \n", name="x")
    with pytest.raises(DocumentError, match="NUL"):
        decode(b"abc\x00def", name="x")


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"a\r\nb\rc\nd", "a\nb\nc\nd"),  # CRLF and a lone CR end a line as LF does
        (b"a\r\r\nb", "a\n\nb"),
        ("caf\u00e9\nno CR at all\n".encode(), "caf\u00e9\nno CR at all\n"),  # left as it is
        ("\u2019\r\n".encode("utf-16"), "\u2019\n"),
    ],
)
def test_line_ends_become_newlines(data: bytes, text: str) -> None:
    assert decode(data, name="x") == text
