"""Page breaks of a plain-text part (``<PAGE>``, a form feed, "--More--"), by line.

They decide whether a table without a scale borrows the scale of the table above it
(only on the same page). The "--More--" pattern is run from the first dash of a run
only: tried at every dash, it took time quadratic in the length of a dash rule.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from risk.extraction._text import _page_break_lines


def test_each_kind_of_break_on_its_line() -> None:
    text = "a\n                --More--\nb\f\n<page>\nc\n"
    assert _page_break_lines(text) == [2, 3, 4]


def test_a_form_feed_inside_more_is_one_break() -> None:
    # "-+\s*more\s*-+" spans the line end and the form feed of line 3: one break, on
    # line 2 where the dashes start; the form feed of line 4 is another
    assert _page_break_lines("x\n--\n\fmore--\ny\f") == [2, 4]


def test_dash_rules_are_no_break() -> None:
    assert _page_break_lines("Total\n" + "-" * 60 + "\n" + "=" * 60 + "\n") == []
    # "more" must be followed by dashes (after white space only)
    assert _page_break_lines("---- more than that ----") == []
    assert _page_break_lines("---- MORE ----") == [1]


def test_a_long_dash_rule_then_more() -> None:
    # the first rule is followed by a dash, not "more": the break is the second line
    assert _page_break_lines("-" * 100_000 + "\n" + "-" * 50_000 + "more-\n") == [2]


_OLD_PAGE_MARK = re.compile(r"<PAGE>|\f", re.I)
_OLD_MORE = re.compile(r"-(?<!--)-*\s*more\s*-+", re.I)


def _breaks_plain(text: str) -> list[int]:
    """The lines as the case-ignoring regexes over the whole text give them."""
    spans = sorted(m.span() for p in (_OLD_PAGE_MARK, _OLD_MORE) for m in p.finditer(text))
    breaks: list[int] = []
    line, pos, end = 1, 0, 0
    for start, stop in spans:
        if start < end:
            continue
        line += text.count("\n", pos, start)
        pos, end = start, stop
        breaks.append(line)
    return breaks


_BREAK_PIECES = ["<page>", "<PaGe>", "<PAGE", "\f", "--", "-", "more", "MoRe", "\n", " ", "x"]
_BREAK_PIECES += ["<", "İ", "ſ"]


@given(st.lists(st.sampled_from(_BREAK_PIECES), max_size=20))
@settings(max_examples=500, deadline=None)
def test_breaks_as_the_case_ignoring_regexes_find_them(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _page_break_lines(text) == _breaks_plain(text)
