"""The negation check reads the last clause before a match (issue 18: found with
``str.rfind``); the reference is the regex scan it replaced, written here."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from risk.signals._detect import _last_clause

_BREAK = re.compile(r"[,;:(]")


def reference(window: str) -> str:
    breaks = list(_BREAK.finditer(window))
    return window[breaks[-1].end() :] if breaks else window


@given(st.text(alphabet="ab ,;:()n't.\n", max_size=40))
@settings(max_examples=500, deadline=None)
def test_the_last_clause_as_the_regex_scan_finds_it(window: str) -> None:
    assert _last_clause(window) == reference(window)


def test_the_last_clause_by_hand() -> None:
    # after the last break, ";": its blank kept
    assert _last_clause("although the lender, in its view (as stated; not") == " not"
    assert _last_clause("no break here") == "no break here"
    assert _last_clause("ends with a comma,") == ""
    assert _last_clause("") == ""
