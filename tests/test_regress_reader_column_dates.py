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


def _html_row(label: str, *cells: str) -> str:
    return "<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


def test_fiscal_year_names_from_the_text() -> None:
    """A retailer's "fiscal 2023" may end in January 2024 or 2023: only the text says."""
    from risk.statements import fiscal_year_names

    text = (
        "fiscal 2022 Fiscal year ended January 29, 2023 (includes 52 weeks)\n"
        "fiscal 2023 Fiscal year ended January 28, 2024 (includes 52 weeks)\n"
        "In fiscal 2019, ended February 2, 2020, we ... Fiscal 2019 ended March 1, 2020."
    )
    # 2019 is named with two ends: left out
    assert fiscal_year_names(text) == {2022: date(2023, 1, 29), 2023: date(2024, 1, 28)}


_FISCAL_YEARS = (
    "<html><body><p>FOR THE FISCAL YEAR ENDED JANUARY 28, 2024</p>"
    "<p>fiscal 2023 Fiscal year ended January 28, 2024; fiscal 2022 Fiscal year ended "
    "January 29, 2023.</p>"
    + "".join(f"<p>Item {i}. Not applicable.</p>" for i in range(1, 9))
    + "<p>CONSOLIDATED STATEMENTS OF EARNINGS</p><p>in millions</p><table>"
    + _html_row("", "Fiscal 2023", "Fiscal 2022")
    + _html_row("Net sales", "$ 1,500", "$ 1,400")
    + _html_row("Operating income", "200", "180")
    + _html_row("Net earnings", "$ 120", "$ 110")
    + "</table></body></html>"
)


def test_columns_headed_fiscal_year_take_the_end_the_text_names() -> None:
    """Root cause (issue 13): "Fiscal 2023" over a statement gave a year and no day, and
    the cover's fiscal-year end (January 28, 2024) was not used for it since the column
    does not print 2024; the statements of a 10-K were left out as undated."""
    filing = extract(_FISCAL_YEARS)
    latest = filing.period(date(2024, 1, 28), 12)
    before = filing.period(date(2023, 1, 29), 12)
    assert latest is not None and latest.get("revenue") == 1_500e6
    assert before is not None and before.get("net_income") == 110e6


def test_bare_year_columns_of_an_annual_statement_of_earnings_are_fiscal_years() -> None:
    """Root cause: a 10-K's statement of earnings over "2023 2022" stated no period length
    (the title says "statements of earnings", not "years ended"); the cover's "For the
    fiscal year ended December 31, 2023" makes its columns fiscal years."""
    text = (
        _FISCAL_YEARS.replace("JANUARY 28, 2024", "DECEMBER 31, 2023")
        .replace("Fiscal 2023", "2023")
        .replace("Fiscal 2022", "2022")
    )
    filing = extract(text)
    found = filing.period(date(2022, 12, 31), 12)
    assert found is not None and found.get("operating_income") == 180e6


def test_first_half_is_six_months() -> None:
    from risk.statements import parse_column_period

    found = parse_column_period("For the periods ended June 30, 2023 First Half")
    assert (found.end, found.months) == (date(2023, 6, 30), 6)
    found = parse_column_period("For the periods ended June 30, 2023 Second Quarter")
    assert (found.end, found.months) == (date(2023, 6, 30), 3)
