"""Regressions: cash at the beginning of periods in the statement of cash flows.

Root cause (issue 13, ``benchmarks/accuracy.py``): a cash-flow statement gives no
balances, so the cash of dates the balance sheet does not print (the year before a
quarter, the beginning of a fiscal year) was missed. "Cash and cash equivalents at end
of period" is now read at the end of the column's period and "at beginning of period"
at the previous period's end - but only where the balance sheet confirms the figure at
a date both print (a cash-flow total may hold restricted cash). Made-up documents.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract
from risk.financials import LineItem
from risk.statements import RESTRICTED_CASH_NOTE

_STATEMENTS = """\
                         BRAMBLE WORKS, INC.
                     CONSOLIDATED BALANCE SHEETS
                           (In thousands)

                                          June 30,        December 31,
                                            2024              2023
Cash and cash equivalents                 $ 1,450           $ 1,200
Total current assets                        4,000             3,700
Total assets                                9,000             8,600


               CONSOLIDATED STATEMENTS OF CASH FLOWS
                           (In thousands)

                                             Six Months Ended June 30,
                                              2024              2023
Net cash provided by operating activities      $ 520             $ 410
Net cash used in investing activities           (180)             (150)
Net increase in cash and cash equivalents        250               160
Cash and cash equivalents at beginning of
  period                                       {begin}               940
Cash and cash equivalents at end of period   $ {end}           $ 1,100
"""


def test_cash_at_both_ends_of_the_periods_when_the_balance_sheet_agrees() -> None:
    filing = extract(_STATEMENTS.format(begin="1,200", end="1,450"))
    # "at beginning of period": the cash at the end of the period before each column's
    # (the closing row is the statement's ending_cash, checked against the sheet apart)
    start_2023 = filing.period(date(2022, 12, 31), 0)
    assert start_2023 is not None and start_2023.get("cash") == 940_000.0
    flows = filing.period(date(2024, 6, 30), 6)
    assert flows is not None and flows.get("operating_cash_flow") == 520_000.0


def test_cash_of_the_flow_statement_is_dropped_when_the_balance_sheet_disagrees() -> None:
    # the flow statement's cash holds 30 of restricted cash the balance sheet leaves out
    filing = extract(_STATEMENTS.format(begin="1,230", end="1,480"))
    assert filing.period(date(2022, 12, 31), 0) is None
    june_2024 = filing.period(date(2024, 6, 30), 0)
    assert june_2024 is not None and june_2024.get("cash") == 1_450_000.0
    assert any(w.code == "flow_balance_unconfirmed" for w in filing.warnings)


def test_cash_at_the_end_of_the_prior_years_period_from_the_closing_line() -> None:
    """Root cause: the closing line was read as ``ending_cash`` (a flow check) only, so the
    cash at the end of the prior year's six months (a date no balance sheet prints) was
    missed. It is the cash at that date too, once the sheet confirms the line."""
    filing = extract(_STATEMENTS.format(begin="1,200", end="1,450"))
    june_2023 = filing.period(date(2023, 6, 30), 0)
    assert june_2023 is not None and june_2023.get("cash") == 1_100_000.0
    # where both print a date, the balance sheet's figure (and provenance) stands
    june_2024 = filing.period(date(2024, 6, 30), 0)
    assert june_2024 is not None and june_2024.get("cash") == 1_450_000.0
    assert june_2024.provenance[next(p for p in june_2024.provenance if p == "cash")].note is None


def test_a_line_naming_restricted_cash_gives_cash_only_where_the_sheet_prints_none() -> None:
    """Cash "and restricted cash" equals the sheet's cash at the dates both print when
    nothing is restricted then, and may not at the others: the sheet's figure stands where
    it prints one, and the flows' figure, marked as including restricted cash, elsewhere
    (tests/test_regress_reader_recall.py)."""
    text = (
        _STATEMENTS.format(begin="1,200", end="1,450")
        .replace(
            "Cash and cash equivalents at end of period",
            "Cash, cash equivalents and restricted cash at end of period",
        )
        .replace(
            "Cash and cash equivalents at beginning of\n  period",
            "Cash, cash equivalents and restricted cash\n  at beginning of period",
        )
    )
    filing = extract(text)
    june_2023 = filing.period(date(2023, 6, 30), 0)
    assert june_2023 is not None and june_2023.get("cash") == 1_100_000.0
    assert june_2023.provenance[LineItem.CASH].note == RESTRICTED_CASH_NOTE
    june_2024 = filing.period(date(2024, 6, 30), 0)
    assert june_2024 is not None and june_2024.provenance[LineItem.CASH].note is None
