"""Regressions: plain-text statements of wire-service earnings releases (issue 13).

Root causes, found by ``benchmarks/accuracy.py`` on the 8-K earnings releases:
- a heading printed over the last two of five columns ("Twelve Months" above "Ended")
  was given to all five, so the quarter columns read as twelve-month ones;
- section headings between the column header and the first figures ("Assets",
  "Current Assets:", the first line of a wrapped label) cut the header off: the balance
  sheet had no columns and was not read;
- rows printed three lines apart ended the table after its first row.
The documents below are made up for these tests.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract

_INCOME = """\
                     LAKESHORE SIGNAL CORPORATION
                 Consolidated Statements of Operations
                 (In thousands, except per share data)

                                                             Twelve Months
                                    Three Months Ended           Ended
                                 Sep 30,  Jun 30,  Sep 30,  Sep 30,  Sep 30,
                                  2008     2008     2007     2008     2007
    Net revenues                  $5,210   $5,090   $4,870  $20,110  $18,400
    Cost of revenues               3,100    3,050    2,900   12,000   11,100
    Income from operations           610      580      450    2,300    1,900
    Net income                      $410     $395     $300   $1,560   $1,250
"""

_BALANCE = """\
                     LAKESHORE SIGNAL CORPORATION
                 Condensed Consolidated Balance Sheets
                            (In thousands)

                                              As of              As of
                                          Sep 30, 2008      Sep 30, 2007


                  Assets


    Current Assets:


          Cash and cash equivalents           $ 3,300            $ 2,900


          Accounts receivable                   1,700              1,500


                Total current assets            6,000              5,400


    Property and equipment, net                 2,500              2,600


                Total assets                  $ 8,500            $ 8,000


                Total current liabilities       1,900              1,800


                Total liabilities               2,400              2,350


                Total shareholders' equity      6,100              5,650
"""


def test_a_heading_over_the_last_columns_does_not_span_the_first() -> None:
    filing = extract(_INCOME)
    q = filing.period(date(2008, 9, 30), 3)
    fy = filing.period(date(2008, 9, 30), 12)
    assert q is not None and fy is not None
    assert q.get("revenue") == 5_210_000.0
    assert fy.get("revenue") == 20_110_000.0
    prior_q = filing.period(date(2008, 6, 30), 3)
    assert prior_q is not None and prior_q.get("net_income") == 395_000.0


def test_section_headings_and_spaced_rows_keep_the_balance_sheet_whole() -> None:
    filing = extract(_BALANCE)
    now, before = filing.period(date(2008, 9, 30), 0), filing.period(date(2007, 9, 30), 0)
    assert now is not None and before is not None
    assert now.get("cash") == 3_300_000.0
    assert now.get("current_assets") == 6_000_000.0
    assert now.get("total_assets") == 8_500_000.0
    assert before.get("total_liabilities") == 2_350_000.0
    assert before.get("stockholders_equity") == 5_650_000.0
