"""A sentence cut from the boundaries near a hit is the one cut from all of the text's.

Sentences are cut from the boundaries of the chunks of text within reach of a hit, each
chunk's found on first use (``_chunk_boundaries``); this holds them to the whole-text
boundaries on random text made of stops, closing and opening quotes, abbreviations,
initials, blank lines and long runs, with chunks small and large.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import risk.signals._detect as detect
from risk.signals._rules import load_rules

RULES = load_rules("en")
PIECES = [".", "!", "?", '"', "'", "”", ")", "]", " ", "\n", "\t", "\n\n", " \n \n", "A", "a"]
PIECES += ["Mr.", "Inc.", "U.S.", "word", "1", "$", "issued.The", "." * 30, " " * 40, "x" * 90]
# opening quotes and other white space a stop's lookahead reads past a chunk's end
PIECES += ["“", "(", "‘", "\u00a0", "\r", "Ab", "! ", "? ", ". ", ".\n"]
# the three stop characters glued to a capitalised word, after closers, or in a row
PIECES += ["done!The", "why?The", "so.”", "no!)", "?!", "!?.", "ab"]


def _whole(text: str, pos: int) -> object:
    reader = detect._Reader(text, RULES, None)
    reader._boundaries()  # found once for the whole text: the sentences are cut from them
    return reader._sentence(pos)


@pytest.mark.parametrize("chunk", [1, 7, 300, 4096])
@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=200), st.data())
def test_chunked_sentence_equals_whole_text_sentence(
    chunk: int, pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(detect, "_CHUNK", chunk)
        mp.setattr(detect, "_CHUNKED_MIN_CHARS", 0)
        reader = detect._Reader(text, RULES, None)
        for _ in range(3):  # later sentences reuse the chunks found for the first
            pos = data.draw(st.integers(0, len(text) - 1))
            assert reader._sentence(pos) == _whole(text, pos)


def test_a_sentence_needs_only_the_chunks_near_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detect, "_CHUNK", 1000)
    monkeypatch.setattr(detect, "_CHUNKED_MIN_CHARS", 0)
    text = "The first sentence is here. " * 1000  # 28,000 characters
    reader = detect._Reader(text, RULES, None)
    sent = reader._sentence(14_010)
    assert text[sent.start : sent.end] == "The first sentence is here."
    assert reader._ends is None  # the whole text's boundaries were not found
    assert sorted(reader._chunks) == [13, 14]  # 14,010 - 701 .. 14,010 + 701


def test_chunk_boundaries_are_the_whole_text_ones_in_the_chunk() -> None:
    text = 'He left. "Then," she said. (It ended.)\n\n  \nNew line. U.S. Inc. is here.' * 3
    reader = detect._Reader(text, RULES, None)
    ends, starts = reader._boundaries()
    for lo, hi in [(0, 10), (7, 40), (30, len(text)), (40, 45)]:
        got = detect._chunk_boundaries(text, lo, hi)
        assert got == ([e for e in ends if lo <= e < hi], [s for s in starts if lo <= s < hi])


def test_a_long_run_of_closers_falls_back_to_the_whole_text() -> None:
    text = "Word. " + '"' * 2000 + " Next sentence here."
    after = text.index(" Next")  # a chunk starting after the quotes must look past them
    assert detect._chunk_boundaries(text, after, len(text)) is None
    reader = detect._Reader(text, RULES, None)
    assert reader._sentence(len(text) - 5) == _whole(text, len(text) - 5)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(PIECES) | st.just("word " * 20), min_size=1, max_size=80),
    st.data(),
)
def test_stops_in_a_range_are_the_regex_scan_of_it(pieces: list[str], data: st.DataObject) -> None:
    """``_sentence_stops`` over ``[lo, hi)``: the stops the one regex's ``finditer`` finds
    there (its class ``[.!?]`` scanned for), from the three scans per stop character
    merged, with few stops (long filler pieces) or many (dot leaders); ``hi`` often just
    after a stop, where the regex's lookahead would read past it."""
    text = "".join(pieces)
    lo = data.draw(st.integers(0, len(text)))
    near_stop = [i + d for i, c in enumerate(text) if c in ".!?" for d in (1, 2) if i + d >= lo]
    ends = st.integers(lo, len(text))
    if near_stop:
        ends = ends | st.sampled_from([e for e in near_stop if e <= len(text)] or [lo])
    hi = data.draw(ends)
    expected = [m.end() for m in detect._SENTENCE_END.finditer(text, lo, hi)]
    assert detect._sentence_stops(text, lo, hi) == expected
    assert detect._sentence_stops(text) == [m.end() for m in detect._SENTENCE_END.finditer(text)]
