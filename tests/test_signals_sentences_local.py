"""A sentence cut from the boundaries near a hit is the one cut from all of the text's.

Long texts find the sentences of their first hits from the boundaries within reach
(``_local_boundaries``); this holds them to the whole-text boundaries on random text
made of stops, closing quotes, abbreviations, initials, blank lines and long runs.
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
# opening quotes and other white space a stop's lookahead reads past the window's end
PIECES += ["“", "(", "‘", "\u00a0", "\r", "Ab", "! ", "? ", ". ", ".\n"]


def _sentence(text: str, pos: int, *, local: bool, monkeypatch: pytest.MonkeyPatch) -> object:
    monkeypatch.setattr(detect, "_LOCAL_MIN_CHARS", 0 if local else 10**12)
    return detect._Reader(text, RULES, None)._sentence(pos)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=200), st.data())
def test_local_sentence_equals_whole_text_sentence(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    pos = data.draw(st.integers(0, len(text) - 1))
    with pytest.MonkeyPatch.context() as mp:
        local = _sentence(text, pos, local=True, monkeypatch=mp)
        whole = _sentence(text, pos, local=False, monkeypatch=mp)
    assert local == whole


def test_a_long_run_of_closers_falls_back_to_the_whole_text() -> None:
    text = "Word. " + '"' * 2000 + " Next sentence here."
    assert detect._local_boundaries(text, len(text) - 5) is None
