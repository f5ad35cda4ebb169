"""Regressions: column dates from real headers (issue 13).

Root cause: a balance sheet headed "At January 1, 2017 and January 3, 2016" over the
columns "2016" and "2015" (a 52-53 week year labelled by the year it mostly lies in) was
read as one period, 2016-01-03, holding the 2017 column's figures, or as two columns of
one date and dropped. The dates printed win, in the order printed. The documents below
are made up for these tests.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract
from risk.statements._periods import dates_over_year_columns

_BALANCE = """\
                        HARBOURSIDE FOODS, INC.
                      CONSOLIDATED BALANCE SHEETS
                  At January 1, 2017 and January 3, 2016
                            (In thousands)

                                            2016            2015
Cash and cash equivalents               $  4,100        $  3,200
Total current assets                      22,000          20,500
Total assets                              61,000          58,000
Total current liabilities                 12,000          11,400
Total liabilities                         30,000          29,900
Total shareholders' equity                31,000          28,100
"""


def test_printed_dates_win_over_the_fiscal_year_labels() -> None:
    filing = extract(_BALANCE)
    new, old = filing.period(date(2017, 1, 1), 0), filing.period(date(2016, 1, 3), 0)
    assert new is not None and old is not None
    assert new.get("total_assets") == 61_000_000.0
    assert old.get("total_assets") == 58_000_000.0
    assert old.get("cash") == 3_200_000.0
    assert {p.end for p in filing.periods} == {date(2017, 1, 1), date(2016, 1, 3)}


def test_the_rule_needs_one_date_per_year() -> None:
    title = "At January 1, 2017 and January 3, 2016"
    assert dates_over_year_columns(["2016", "2015"], title) == [
        date(2017, 1, 1),
        date(2016, 1, 3),
    ]
    # one date for two years: nothing is assumed
    assert dates_over_year_columns(["2016", "2015"], "At January 1, 2017") is None
    # a date far from its year's end does not move a year on
    assert dates_over_year_columns(["2016", "2015"], "At June 30, 2017 and June 30, 2016") is None
    # headers that print more than a year are left to the header reader
    assert dates_over_year_columns(["March 31, 2016", "2015"], title) is None


def test_a_statement_whose_columns_cannot_be_dated_is_named() -> None:
    text = (
        "                 CONSOLIDATED STATEMENTS OF OPERATIONS\n"
        "                           (In thousands)\n"
        "                                            Fiscal          Fiscal\n"
        "                                            Current         Prior\n"
        "Net sales                                  $ 9,000         $ 8,000\n"
        "Net income                                     500             400\n"
    )
    filing = extract(text)
    assert filing.periods == []
    undated = [w for w in filing.warnings if w.code == "columns_undated"]
    assert undated and "CONSOLIDATED STATEMENTS OF OPERATIONS" in undated[0].message
