"""The scale words of a plain-text part ("in thousands", "000's") are found in ASCII text
lower-cased by a pattern that starts at a literal: the same places as the case-ignoring
pattern with a leading word boundary, on random texts and by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from risk.extraction._text import _SCALE_WORDS, _SCALE_WORDS_LOW, _stated_scale

PIECES = ["thousands", "Thousands", "millions", "MILLIONS", "000s", "000's", "000", "0", "1",
          "x", "_", " ", "(", ")", "in", "s", "'", "\n", ".", "\u017f"]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14))
def test_scale_words_found_in_the_same_places(pieces: list[str]) -> None:
    text = "".join(pieces)
    if text.isascii():
        expected = [m.span() for m in _SCALE_WORDS.finditer(text)]
        assert [m.span() for m in _SCALE_WORDS_LOW.finditer(text.lower())] == expected


def test_stated_scale_by_hand() -> None:
    assert _stated_scale("Net sales (in thousands)\n  1,234") == 1e3
    assert _stated_scale("(Dollars in MILLIONS)") == 1e6
    two = "in thousands" + " filler" * 20 + " in millions"  # far apart: two scales
    assert _stated_scale(two) is None
    assert _stated_scale("x1000s and y000s") is None
