"""Regressions: the registrant's own figures when a statement also prints the group's.

Root cause (issue 13, found by ``benchmarks/accuracy.py`` on 24 inline-XBRL filings): a
statement of a company with non-controlling interests prints "Net income" (the group's,
before the minority share) above "Net income attributable to <company>", and "Total
<company> shareholders' equity" above "Total shareholders' equity" (with the minority
share). The first row printed was kept; the company's figure is the attributable one.
A caption "(Millions, except per share amounts)" was not read as a scale, so the table
borrowed "billions" from an earlier table (values a thousand times too large).

The documents below are made up for these tests.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract
from risk.statements import parse_scale

_INCOME = """\
                       NORTHWIND TOOLING CORP.
                 CONSOLIDATED STATEMENTS OF INCOME
                 (In thousands, except per share data)

                                          Year Ended December 31,
                                          2023              2022
Net sales                               $ 9,400           $ 8,800
Operating income                          1,300             1,150
Net income                                  720               610
Less: net income attributable to
  noncontrolling interests                   70                40
Net income attributable to
  Northwind Tooling Corp.                   650               570
"""

_BALANCE = """\
                       NORTHWIND TOOLING CORP.
                     CONSOLIDATED BALANCE SHEETS
                           (In thousands)

                                       December 31,      December 31,
                                           2023              2022
Total assets                             $ 5,000           $ 4,600
Total liabilities                          3,100             2,950
Total Northwind shareholders' equity       1,700             1,500
Noncontrolling interests                     200               150
Total shareholders' equity                 1,900             1,650
Total liabilities and shareholders'
  equity                                 $ 5,000           $ 4,600
"""


def _get(text: str, end: date, months: int, field: str) -> float | None:
    pv = extract(text).period(end, months)
    assert pv is not None
    return pv.get(field)


def test_net_income_attributable_to_the_company_wins_over_the_groups() -> None:
    fy23, fy22 = date(2023, 12, 31), date(2022, 12, 31)
    assert _get(_INCOME, fy23, 12, "net_income") == 650_000.0
    assert _get(_INCOME, fy22, 12, "net_income") == 570_000.0
    assert _get(_INCOME, fy23, 12, "revenue") == 9_400_000.0


def test_the_companys_equity_wins_over_equity_with_the_minority_share() -> None:
    assert _get(_BALANCE, date(2023, 12, 31), 0, "stockholders_equity") == 1_700_000.0
    assert _get(_BALANCE, date(2022, 12, 31), 0, "stockholders_equity") == 1_500_000.0
    # "Total liabilities and shareholders' equity" is never the equity
    assert _get(_BALANCE, date(2023, 12, 31), 0, "total_assets") == 5_000_000.0


def test_a_scale_in_parentheses_with_an_except_clause() -> None:
    assert parse_scale("(Millions, except per share amounts)").money == 1e6
    assert parse_scale("(Thousands of dollars, except share data)").money == 1e3
    assert parse_scale("(Billions)").money == 1e9
