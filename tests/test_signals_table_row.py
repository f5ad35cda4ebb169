"""A table row is told from the reversed line (issue 18); the reference is the forward
search it replaced, written here."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from risk.signals._detect import _TABLE_ROW_REVERSED

FORWARD = re.compile(
    r"(?:(?:[ \t]{2,}|\t)(?:\$\s*)?(?:\(?[\d,.]+\)?%?|-{1,3}|—|–)){2,}[ \t]*$"
    r"|[ \t]{6,}(?:\$\s*)?(?:\(?[\d,.]+\)?%?|-{1,3}|—|–)[ \t]*$"
)


def is_row(line: str) -> bool:
    return _TABLE_ROW_REVERSED.match(line[::-1]) is not None


@given(st.text(alphabet=" \t\r0123456789,.()%$-—–aZ", max_size=40))
@settings(max_examples=600, deadline=None)
def test_reversed_match_as_the_forward_search(line: str) -> None:
    assert is_row(line) is (FORWARD.search(line) is not None)


@given(
    st.lists(
        st.sampled_from(
            [
                " ",
                "  ",
                "      ",
                "\t",
                "$",
                "$ ",
                "(1,234)",
                "12.5%",
                "-",
                "---",
                "—",
                "–",
                "net",
                "loss",
            ]
        ),
        max_size=12,
    )
)
@settings(max_examples=600, deadline=None)
def test_reversed_match_as_the_forward_search_on_cells(parts: list[str]) -> None:
    line = "".join(parts)
    assert is_row(line) is (FORWARD.search(line) is not None)


def test_rows_by_hand() -> None:
    assert is_row("Net revenue        $ 1,234      $ 987")
    assert is_row("Total assets\t12.5%\t(3)   ")
    assert is_row("Loss per share                         (0.12)")  # six blanks, one figure
    assert is_row("Change in reserves          –")  # an en dash for nil
    assert not is_row("Loss per share   (0.12)")  # one figure after three blanks
    assert not is_row("the company lost $1,234 and $987 in the quarter.")
    assert not is_row("Revenue  12  34 million")  # the line ends in words
