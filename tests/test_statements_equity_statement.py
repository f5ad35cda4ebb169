"""Equity at the dates of a statement of shareholders' equity (issue 13).

The statement runs its balances down the rows and its components across the columns; the
registrant's total column is the one the balance sheet confirms. Made-up documents.

Plain-text statements of equity are not found yet: the text table finder takes a
header only from lines that name periods, and such a statement's columns name components.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract


def _row(label: str, *cells: str) -> str:
    return "<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


_DOCUMENT = (
    "<html><body><p>FENWICK LABS, INC.</p><p>CONSOLIDATED BALANCE SHEETS</p>"
    "<p>(In thousands)</p><table>"
    + _row("", "December 31, 2023", "December 31, 2022")
    + _row("Total assets", "$ 9,000", "$ 8,000")
    + _row("Total liabilities", "3,000", "2,500")
    + _row("Total stockholders' equity", "{equity}", "5,500")
    + "</table><p>CONSOLIDATED STATEMENTS OF STOCKHOLDERS' EQUITY</p><p>(In thousands)</p>"
    "<table>"
    + _row("", "Common Stock", "Retained Earnings", "Total")
    + _row("Balance at December 31, 2021", "$ 2,000", "$ 2,800", "$ 4,800")
    + _row("Net income", "&#8212;", "700", "700")
    + _row("Balance at December 31, 2022", "2,000", "3,500", "5,500")
    + _row("Net income", "&#8212;", "500", "500")
    + _row("Balance at December 31, 2023", "2,000", "4,000", "6,000")
    + "</table></body></html>"
)


def test_the_year_before_from_the_total_column_the_balance_sheet_confirms() -> None:
    filing = extract(_DOCUMENT.replace("{equity}", "6,000"))
    start = filing.period(date(2021, 12, 31), 0)
    assert start is not None
    assert start.get("stockholders_equity") == 4_800_000.0
    # the balance sheet's own figures stand
    end = filing.period(date(2023, 12, 31), 0)
    assert end is not None and end.get("stockholders_equity") == 6_000_000.0
    assert end.provenance[next(iter(end.provenance))].note is None


def test_nothing_is_taken_when_no_column_matches_the_balance_sheet() -> None:
    # the balance sheet says 6,100 at the end of 2023: the "Total" column is not confirmed
    # at that date, so none of its balances is taken
    filing = extract(_DOCUMENT.replace("{equity}", "6,100"))
    assert filing.period(date(2021, 12, 31), 0) is None
