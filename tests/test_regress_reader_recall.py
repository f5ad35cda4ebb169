"""Regressions of issue 13's recall round: statements read in full, and only the company's.

Root causes (``benchmarks/accuracy.py --missing`` on the inline-XBRL corpus read as plain
HTML), one per section below. Every table here is made up.
"""

from __future__ import annotations

from datetime import date

from risk.financials import LineItem
from risk.statements import NormalisedTable, normalise_table
from risk.tables import RawRow, RawTable

_YEARS = ("Year Ended June 30, 2024", "Year Ended June 30, 2023")


def _table(rows: list[tuple[str, tuple[str, ...]]], *, title: str) -> RawTable:
    return RawTable(
        title=title,
        columns=_YEARS,
        rows=tuple(
            RawRow(label=label, cells=cells, line=i + 1, indent=0)
            for i, (label, cells) in enumerate(rows)
        ),
        document="made-up.htm",
        document_type="10-K",
    )


def _value(result: NormalisedTable, end: str, months: int, item: LineItem) -> float | None:
    for pv in result.periods:
        if pv.end == date.fromisoformat(end) and pv.months == months:
            return pv.values.get(item)
    return None


# -------------------------------------------- a catch-all row is no repeated block
# Root cause: "Other, net" printed under operating and again under investing activities
# was taken for the same rows repeated per subsidiary, so nothing below the investing
# heading was read: the cash at the beginning and end of each year was lost.

_FLOWS = [
    ("Operating activities", ("", "")),
    ("Net income", ("310", "275")),
    ("Other, net", ("12", "(4)")),
    ("Net cash provided by operating activities", ("402", "366")),
    ("Investing activities", ("", "")),
    ("Purchases of property and equipment", ("(95)", "(88)")),
    ("Other, net", ("3", "7")),
    ("Net cash used in investing activities", ("(92)", "(81)")),
    ("Net increase in cash and cash equivalents", ("310", "285")),
    ("Cash and cash equivalents at beginning of year", ("640", "355")),
    ("Cash and cash equivalents at end of year", ("950", "640")),
]


def test_other_net_under_two_headings_does_not_stop_the_statement() -> None:
    title = "Consolidated Statements of Cash Flows (in millions)"
    result = normalise_table(_table(_FLOWS, title=title))
    assert _value(result, "2024-06-30", 0, LineItem.CASH) == 950e6
    assert _value(result, "2023-06-30", 0, LineItem.CASH) == 640e6
    assert _value(result, "2022-06-30", 0, LineItem.CASH) == 355e6
    assert "repeated_blocks" not in {w.code for w in result.warnings}


def test_named_rows_repeated_under_a_new_heading_still_stop_the_reading() -> None:
    # the consolidated block, then a subsidiary's: a named line item repeats
    rows = [
        ("Consolidated -", ("", "")),
        ("Operating revenues", ("1,000", "900")),
        ("Other, net", ("5", "4")),
        ("Eastbrook Power -", ("", "")),
        ("Other, net", ("1", "1")),
        ("Operating revenues", ("400", "350")),
        ("Net income", ("50", "40")),
    ]
    result = normalise_table(_table(rows, title="Results of operations (in millions)"))
    assert _value(result, "2024-06-30", 12, LineItem.REVENUE) == 1_000e6
    assert _value(result, "2024-06-30", 12, LineItem.NET_INCOME) is None
    assert "repeated_blocks" in {w.code for w in result.warnings}


# ------------------------------------- flows under a "Discontinued operations" heading
# Root cause: once the statement was read in full, "Cash provided by operating
# activities" under the heading "Discontinued Operations" (the discontinued part's own
# flows) outranked the company's "... from continuing operations" line.


def test_operating_flows_under_a_discontinued_operations_heading_are_not_the_company_s() -> None:
    rows = [
        ("Operating Activities", ("", "")),
        ("Net income", ("200", "180")),
        ("Cash provided by operating activities from continuing operations", ("410", "380")),
        ("Discontinued Operations", ("", "")),
        ("Cash provided by operating activities", ("35", "60")),
        ("Cash used by investing activities", ("(5)", "(9)")),
        ("Cash, cash equivalents and restricted cash at end of period", ("900", "700")),
    ]
    title = "Consolidated Statements of Cash Flows (in millions)"
    result = normalise_table(_table(rows, title=title))
    assert _value(result, "2024-06-30", 12, LineItem.OPERATING_CASH_FLOW) == 410e6
    assert _value(result, "2023-06-30", 12, LineItem.OPERATING_CASH_FLOW) == 380e6
