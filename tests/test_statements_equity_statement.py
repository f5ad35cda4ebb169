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


def _quarter_block(year: int, retained: tuple[str, str], total: tuple[str, str]) -> str:
    head = f"Three Months Ended June 30, {year}"
    return (
        "<table>"
        + _row("", f"{head} Common Stock", f"{head} Retained Earnings", f"{head} Total Equity")
        + _row("Balances at beginning of period", "$ 1,000", f"$ {retained[0]}", f"$ {total[0]}")
        + _row("Net income", "&#8212;", "300", "300")
        + _row("Balances at end of period", "1,000", retained[1], total[1])
        + "</table>"
    )


_QUARTERS = (
    "<html><body><p>ORRERY TOOLS, INC.</p><p>CONDENSED CONSOLIDATED BALANCE SHEETS</p>"
    "<p>(In thousands)</p><table>"
    + _row("", "June 30, 2024", "December 31, 2023")
    + _row("Total assets", "$ 9,000", "$ 8,000")
    + _row("Total liabilities", "4,300", "3,600")
    + _row("Total stockholders' equity", "4,700", "4,400")
    + "</table><p>CONDENSED CONSOLIDATED STATEMENTS OF STOCKHOLDERS' EQUITY</p>"
    "<p>(In thousands)</p>"
    + _quarter_block(2024, ("3,400", "3,700"), ("4,400", "4,700"))
    + _quarter_block(2023, ("2,600", "2,900"), ("3,600", "3,900"))
    + "</body></html>"
)


def test_balances_dated_by_their_column_and_the_prior_years_block_by_its_names() -> None:
    """Root cause (issue 13): rows "Balances at beginning/end of period" print no date, so
    statements with a block per quarter gave nothing; the prior year's block (a table of
    its own, without a title) shares no date with the balance sheet."""
    filing = extract(_QUARTERS)
    # this year's block: its total at the end (June 30, 2024) matches the sheet; its
    # beginning is the end of the quarter before
    march_2024 = filing.period(date(2024, 3, 31), 0)
    assert march_2024 is not None
    assert march_2024.get("stockholders_equity") == 4_400_000.0
    # the 2023 block: its "Total Equity" column is the series the sheet confirmed in 2024
    for end, equity in ((date(2023, 3, 31), 3_600_000.0), (date(2023, 6, 30), 3_900_000.0)):
        found = filing.period(end, 0)
        assert found is not None and found.get("stockholders_equity") == equity


def test_a_prior_year_block_of_other_column_names_is_not_taken() -> None:
    renamed = _QUARTERS.replace("2023 Total Equity", "2023 Noncontrolling Interests")
    filing = extract(renamed)
    assert filing.period(date(2024, 3, 31), 0) is not None
    assert filing.period(date(2023, 6, 30), 0) is None


_YEARS = (
    "<html><body><p>QUILL MILLS CORP.</p><p>CONSOLIDATED BALANCE SHEETS</p>"
    "<p>(In millions)</p><table>"
    + _row("", "December 31, 2024", "December 31, 2023")
    + _row("Total assets", "$ 900", "$ 800")
    + _row("Total liabilities", "500", "450")
    + _row("Total shareholders' equity", "400", "350")
    + "</table><p>CONSOLIDATED STATEMENTS OF SHAREHOLDERS' EQUITY</p><p>(In millions)</p>"
    "<table>"
    + _row(
        "",
        "Year ended December 31, 2024",
        "Year ended December 31, 2023",
        "Year ended December 31, 2022",
    )
    + _row("Total shareholders' equity, beginning balances", "$ 350", "$ 310", "$ 280")
    + _row("Retained earnings:", "", "", "")
    + _row("Beginning balances", "100", "60", "30")
    + _row("Net income", "50", "40", "30")
    + _row("Ending balances", "150", "100", "60")
    + _row("Total shareholders' equity, ending balances", "$ 400", "$ 350", "$ 310")
    + "</table></body></html>"
)


def test_a_statement_whose_columns_are_years_gives_the_balances_of_its_total_rows() -> None:
    filing = extract(_YEARS)
    for end, equity in ((date(2022, 12, 31), 310e6), (date(2021, 12, 31), 280e6)):
        found = filing.period(end, 0)
        assert found is not None and found.get("stockholders_equity") == equity
