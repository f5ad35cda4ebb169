"""Cross-statement checks on hand-made documents: warnings that name both sources and the
difference, and never change a value."""

from __future__ import annotations

from datetime import date

import pytest
from statement_docs import instance, submission, table

from risk.extraction import extract
from risk.financials import Filing, LineItem

BS_TITLE = "CONSOLIDATED BALANCE SHEETS (in thousands)"
CF_TITLE = "CONSOLIDATED STATEMENTS OF CASH FLOWS (in thousands)"


def _checks(filing: Filing) -> list[str]:
    return [w.message for w in filing.warnings if w.code == "check_failed"]


def _cash_filing(year: int, ending: str, label: str) -> Filing:
    """A balance sheet printing cash 1,200 and a cash-flow statement ending with ``ending``."""
    return extract(
        submission(
            table(
                BS_TITLE,
                (f"December 31, {year}",),
                [
                    ("Cash and cash equivalents", ("$ 1,200",)),
                    ("Total assets", ("$ 10,000",)),
                    ("Total liabilities", ("5,900",)),
                    ("Total stockholders' equity", ("4,100",)),
                ],
            ),
            table(
                CF_TITLE,
                (f"Year Ended December 31, {year}",),
                [
                    ("Net income", ("$ 500",)),
                    ("Net cash provided by operating activities", ("700",)),
                    (label, (ending,)),
                ],
            ),
            filed=f"{year + 1}0215",
            period=f"{year}1231",
        ),
        name="cash.txt",
    )


def test_cash_on_the_balance_sheet_against_the_cash_flow_statement() -> None:
    # 2016 (before restricted cash joined the statement): 1,150 at the end of the
    # cash-flow statement against 1,200 on the balance sheet.
    filing = _cash_filing(2016, "$ 1,150", "Cash and cash equivalents at end of year")
    found = [m for m in _checks(filing) if m.startswith("cash at 2016-12-31")]
    assert len(found) == 1
    message = found[0]
    assert "1,200,000" in message and "1,150,000" in message and "differ by 50,000" in message
    assert '"Cash and cash equivalents", EX-99.1' in message
    assert '"Cash and cash equivalents at end of year", EX-99.2' in message
    # never corrected: the balance sheet's cash stands as printed
    balance = filing.period(date(2016, 12, 31), 0)
    assert balance is not None and balance.values[LineItem.CASH] == 1_200_000.0
    flows = filing.period(date(2016, 12, 31), 12)
    assert flows is not None and flows.values[LineItem.ENDING_CASH] == 1_150_000.0


def test_equal_cash_gives_no_warning() -> None:
    filing = _cash_filing(2016, "$ 1,200", "Cash and cash equivalents at end of year")
    assert not [m for m in _checks(filing) if m.startswith("cash at")]


@pytest.mark.parametrize(
    ("year", "ending", "label", "fails"),
    [
        (2016, "$ 1,260", "Cash, cash equivalents and restricted cash at end of year", False),
        (2019, "$ 1,260", "Cash and cash equivalents at end of year", False),
        (2019, "$ 1,150", "Cash, cash equivalents and restricted cash at end of year", True),
    ],
)
def test_restricted_cash_may_exceed_the_balance_sheet_cash_never_fall_short(
    year: int, ending: str, label: str, fails: bool
) -> None:
    filing = _cash_filing(year, ending, label)
    assert bool([m for m in _checks(filing) if m.startswith("cash at")]) is fails


CONTEXTS = {
    "FY": ("2023-01-01", "2023-12-31"),
    "I": (None, "2023-12-31"),
}


def test_net_income_against_the_cash_flow_statements_first_line() -> None:
    # Income statement 100 attributable to the company + 20 to noncontrolling interests;
    # the cash-flow statement starts from 130: 10 too much.
    doc = instance(
        CONTEXTS,
        [
            ("NetIncomeLoss", "FY", 100_000),
            ("NetIncomeLossAttributableToNoncontrollingInterest", "FY", 20_000),
            ("ProfitLoss", "FY", 130_000),
        ],
    )
    filing = extract(doc, name="ni.xml")
    found = [m for m in _checks(filing) if "cash-flow statement's net income" in m]
    assert len(found) == 1
    assert "us-gaap:ProfitLoss" in found[0] and "us-gaap:NetIncomeLoss" in found[0]
    assert "differ by 10,000" in found[0]
    flows = filing.period(date(2023, 12, 31), 12)
    assert flows is not None
    assert flows.values[LineItem.NET_INCOME] == 100_000.0  # unchanged


def test_net_income_that_adds_up_gives_no_warning() -> None:
    doc = instance(
        CONTEXTS,
        [
            ("NetIncomeLoss", "FY", 100_000),
            ("NetIncomeLossAttributableToNoncontrollingInterest", "FY", 30_000),
            ("ProfitLoss", "FY", 130_000),
        ],
    )
    assert _checks(extract(doc, name="ni.xml")) == []


def test_assets_against_liabilities_and_equity_across_statements() -> None:
    # Tagged: assets 10,000, liabilities 6,000, equity 4,100: 100 too much on the right.
    doc = instance(
        CONTEXTS,
        [
            ("Assets", "I", 10_000_000),
            ("Liabilities", "I", 6_000_000),
            ("StockholdersEquity", "I", 4_100_000),
        ],
    )
    filing = extract(doc, name="bs.xml")
    found = _checks(filing)
    assert len(found) == 1
    assert found[0].startswith("assets = liabilities")
    assert "differ by 100,000" in found[0]
    assert "us-gaap:Liabilities" in found[0] and "us-gaap:StockholdersEquity" in found[0]


QUARTERS = {
    "Q3": ("2023-07-01", "2023-09-30"),
    "YTD9": ("2023-01-01", "2023-09-30"),
    "YTD6": ("2023-01-01", "2023-06-30"),
}


@pytest.mark.parametrize(("quarter", "fails"), [(280_000, False), (300_000, True)])
def test_a_quarter_against_the_year_to_date_difference(quarter: int, fails: bool) -> None:
    # Nine months 900 less six months 620 is 280 for the third quarter.
    doc = instance(
        QUARTERS,
        [
            ("Revenues", "Q3", quarter),
            ("Revenues", "YTD9", 900_000),
            ("Revenues", "YTD6", 620_000),
        ],
    )
    filing = extract(doc, name="q.xml")
    found = [m for m in _checks(filing) if m.startswith("revenue for the 3 months")]
    assert bool(found) is fails
    if fails:
        assert "the 9 months to 2023-09-30, 900,000" in found[0]
        assert "the 6 months to 2023-06-30, 620,000" in found[0]
        assert "differ by 20,000" in found[0]
    q3 = filing.period(date(2023, 9, 30), 3)
    assert q3 is not None and q3.values[LineItem.REVENUE] == float(quarter)
