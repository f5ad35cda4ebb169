"""Regression: columns headed by a year alone ("Year Ended 2011", "1994").

Root cause: a year-only header took its month and day only from the table title, and
the known period ends came only from other column headers. GenCorp's statements print
"Year Ended 2011" under a title that carries the auditor's date ("February 6, 2012"),
so the whole income statement was dropped although the cover states "For the Fiscal Year
Ended November 30, 2011"; Apple's five-year table (title "FIVE FISCAL YEARS ENDED
SEPTEMBER 26, 1997", a 52-53 week year) dropped 1994 and 1995 although the document
prints "Balance as of September 30, 1994" and "year ended September 29, 1995". Now the
cover's fiscal-year end serves twelve-month year-only columns (a month end carries over
to other years; another day only to a date printed for that year), and period ends
stated in prose join the known ends. 1993, whose end Apple never prints, stays out.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from corpus_filings import extract_once

from risk.statements import (
    fiscal_year_end,
    normalise_table,
    parse_column_period,
    stated_period_ends,
)
from risk.tables import RawRow, RawTable

FY11 = date(2011, 11, 30)


def test_fiscal_year_end_from_the_cover() -> None:
    text = (
        "ANNUAL REPORT ... For the Fiscal Year Ended November 30, 2011 ... incorporated by "
        "reference to the Annual Report on Form 10-K for the fiscal year ended November 19, "
        "1999 (File No. 1-1520) and for the fiscal year ended November 30, 2010"
    )
    assert fiscal_year_end(text) == FY11
    # A later fiscal year ending on another day: a change of year end, left open.
    changed = "For the fiscal year ended December 31, 2010 ... for the year ended June 30, 2011"
    assert fiscal_year_end(changed) is None
    assert fiscal_year_end("Three months ended March 31, 2003") is None


def test_stated_period_ends() -> None:
    text = "Balance as of September 30, 1994 ... the fiscal year ended September 29, 1995."
    assert stated_period_ends(text) == {date(1994, 9, 30), date(1995, 9, 29)}
    assert stated_period_ends("signed on February 6, 2012") == set()


def test_year_only_header_takes_the_fiscal_year_end() -> None:
    title = "Sacramento, California\nFebruary 6, 2012\nCONSOLIDATED STATEMENTS OF OPERATIONS"
    cp = parse_column_period("Year Ended 2010 (In millions)", title=title, fiscal_year_end=FY11)
    assert (cp.end, cp.months) == (date(2010, 11, 30), 12)
    # Without the fiscal year end: left out, as before.
    assert parse_column_period("Year Ended 2010 (In millions)", title=title).end is None
    # No period length: a balance or a quarter could be meant; left out.
    assert parse_column_period("2010", fiscal_year_end=FY11).end is None
    # A title stating its own period end wins ("Six months ended June 30").
    cp = parse_column_period("2010", title="Twelve months ended June 30", fiscal_year_end=FY11)
    assert cp.end == date(2010, 6, 30)


def test_52_53_week_year_needs_a_printed_date() -> None:
    fy = date(1997, 9, 26)
    cp = parse_column_period("Fiscal year 1993", fiscal_year_end=fy)
    assert cp.end is None
    known = {date(1994, 9, 30)}
    cp = parse_column_period("Fiscal year 1994", fiscal_year_end=fy, known_ends=known)
    assert cp.end == date(1994, 9, 30)
    assert parse_column_period("Fiscal year 1997", fiscal_year_end=fy).end == fy


def test_fiscal_year_end_needs_its_own_year_among_the_columns() -> None:
    # A retailer's "Fiscal 2023" ends in February 2024: the document's year end (2024)
    # is not among the column years, so it is not applied.
    table = RawTable(
        title="STATEMENTS OF INCOME (In thousands)",
        columns=("Year Ended 2023", "Year Ended 2022"),
        rows=(RawRow(label="Net sales", cells=("100", "90"), line=1),),
        document="doc.htm",
    )
    res = normalise_table(table, fiscal_year_end=date(2024, 2, 3))
    assert res.periods == ()
    res = normalise_table(table, fiscal_year_end=date(2023, 12, 31))
    assert {(pv.end, pv.months) for pv in res.periods} == {
        (date(2023, 12, 31), 12),
        (date(2022, 12, 31), 12),
    }


def _values(path: Path) -> dict[tuple[date, int], dict[str, float]]:
    return {
        (pv.end, pv.months): {k.value: v for k, v in pv.values.items()}
        for pv in extract_once(path).periods
    }


def test_gencorp_income_statement(corpus_dir: Path) -> None:
    # CONSOLIDATED STATEMENTS OF OPERATIONS, "Year Ended 2011 / 2010 / 2009 (In millions,
    # except per share amounts)": Net sales $918.1 $857.9 $795.4; Net income $2.9 $6.8
    # $52.2; Basic net income per share $0.05 $0.12 $0.89 (continuing operations: $1.00
    # for 2009, not the net figure).
    v = _values(corpus_dir / "gencorp_10-K_2011-11-30.html")
    assert v[(date(2011, 11, 30), 12)]["revenue"] == 918_100_000.0
    assert v[(date(2010, 11, 30), 12)]["revenue"] == 857_900_000.0
    assert v[(date(2009, 11, 30), 12)]["net_income"] == 52_200_000.0
    assert v[(date(2009, 11, 30), 12)]["eps_basic"] == 0.89
    # Interest expense 30.8 in the statement of operations, not the 6.7 of debt discount
    # amortisation added back in the cash-flow statement.
    assert v[(date(2011, 11, 30), 12)]["interest_expense"] == 30_800_000.0


def test_apple_five_year_table(corpus_dir: Path) -> None:
    # ITEM 6, "FIVE FISCAL YEARS ENDED SEPTEMBER 26, 1997 ... 1994": Net sales $9,189,
    # Total assets $5,303, Shareholders' equity $2,383 (the equity statement's "Balance as
    # of September 30, 1994" gives the date).
    v = _values(corpus_dir / "apple_10-K_1997-09-26.txt")
    assert v[(date(1994, 9, 30), 12)]["revenue"] == 9_189_000_000.0
    assert v[(date(1994, 9, 30), 0)]["total_assets"] == 5_303_000_000.0
    assert v[(date(1994, 9, 30), 0)]["stockholders_equity"] == 2_383_000_000.0
    assert not any(end.year == 1993 for end, _ in v)
