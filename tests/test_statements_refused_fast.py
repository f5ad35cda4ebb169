"""The title tests that refuse a table (segments, another unit) and the column tests
(pro forma, historical) answer as their case-ignoring patterns do: an ASCII title is
lower-cased and searched by literal-led patterns, or ruled out by the words every match
holds. Checked on random titles built from the patterns' words, and by hand."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from risk.statements._normalise import (
    _HISTORICAL,
    _NOT_HISTORICAL,
    _OTHER_UNITS,
    _SEGMENTS,
    _historical,
    _not_historical,
    _other_units,
    _segments,
)

PIECES = ["(", ")", " in ", "In", "thousands ", "millions ", "of ", "OF ", "u.s. ", "US ",
          "dollars", "Dollars", "x", "kilowatt", "KWH", "kwh", "xkwh", "megawatt", "barrels",
          "Barrels ", "xbarrels", "barrelsx", "ounces", "percent", "Percentage", " of ",
          "as a percent", "%", " net ", "sales", "revenue", "revenues", "segment", "Segments",
          "by ", "operating ", "geographic", "GEOGRAPHICAL ", "areas", "quarterly ",
          "financial ", "data", "information", "selected ", "results ", "operations", "\n",
          "  ", "\u017f", "_", "1", "pro forma", "Historical", "change"]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12))
def test_title_and_column_tests_are_the_patterns(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert _segments(text) == (_SEGMENTS.search(text) is not None)
    assert _other_units(text) == (_OTHER_UNITS.search(text) is not None)
    assert _historical(text) == (_HISTORICAL.search(text) is not None)
    assert _not_historical(text) == (_NOT_HISTORICAL.search(text) is not None)


def test_by_hand() -> None:
    assert _segments("Information by Business Segment")
    assert not _segments("Consolidated Statements of Operations (in thousands)")
    assert _other_units("Generation (in thousands of KWH)")
    assert not _other_units("(In thousands of U.S. dollars)")
    assert _other_units("Sales of crude (barrels)")
    assert not _other_units("Sales of crude (xbarrels)")
    assert _not_historical("Pro Forma Adjustments") and not _not_historical("1997")
