"""Page breaks of a plain-text part (``<PAGE>``, a form feed, "--More--"), by line.

They decide whether a table without a scale borrows the scale of the table above it
(only on the same page). The "--More--" pattern is run from the first dash of a run
only: tried at every dash, it took time quadratic in the length of a dash rule.
"""

from __future__ import annotations

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
