"""A statement split by sector gives the consolidated totals only (issue 13).

Root cause: an automotive sector's "Sales" line was read as the group's revenue. The
statement below is made up for this test, in the layout of diversified manufacturers
(a block per sector, then the company's totals).
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract
from risk.statements import normalise_table
from risk.tables import RawRow, RawTable

_STATEMENT = """\
                       HALLORAN MOTOR COMPANY
               CONSOLIDATED STATEMENT OF INCOME
                       (In millions)

                                               Year Ended December 31,
                                                 2005          2004
AUTOMOTIVE
Sales                                         $ 90,000      $ 86,000
Costs and expenses                              91,500        85,200
Operating income (loss)                         (1,500)          800
Income (loss) before income taxes -
  Automotive                                    (1,700)          600

FINANCIAL SERVICES
Revenues                                        12,000        11,500
Costs and expenses                              10,100         9,900
Income before income taxes - Fin. Services      1,900         1,600

TOTAL COMPANY
Income before income taxes                         200         2,200
Provision for income taxes                          60           700
Net income                                         140         1,500
"""


def test_only_the_company_totals_of_a_sector_split_statement() -> None:
    filing = extract(_STATEMENT)
    year = filing.period(date(2005, 12, 31), 12)
    assert year is not None
    assert year.get("revenue") is None  # no sector's sales stands for the group's
    assert year.get("operating_income") is None
    assert year.get("pretax_income") == 200e6
    assert year.get("net_income") == 140e6
    warned = [w for w in filing.warnings if w.code == "sector_split"]
    assert warned and "AUTOMOTIVE" in warned[0].message


def test_an_ordinary_statement_with_headings_is_not_split() -> None:
    rows = (
        RawRow("Revenues:", ("", "")),
        RawRow("Product sales", ("500", "450"), indent=2),
        RawRow("Services", ("100", "90"), indent=2),
        RawRow("Total revenues", ("600", "540")),
        RawRow("Costs and expenses:", ("", "")),
        RawRow("Cost of sales", ("300", "280"), indent=2),
        RawRow("Operating income", ("120", "100")),
        RawRow("Net income", ("80", "70")),
    )
    table = RawTable(
        title="CONSOLIDATED STATEMENTS OF OPERATIONS\n(In thousands)",
        columns=("Year Ended December 31, 2005", "Year Ended December 31, 2004"),
        rows=rows,
        document="made-up",
    )
    result = normalise_table(table)
    assert not [w for w in result.warnings if w.code == "sector_split"]
    (y2004, y2005) = [p for p in result.periods if p.months == 12]
    assert y2005.get("revenue") == 600_000.0 and y2005.get("net_income") == 80_000.0
    assert y2004.get("operating_income") == 100_000.0
