"""Regressions of issue 13's recall round: statements read in full, and only the company's.

Root causes (``benchmarks/accuracy.py --missing`` on the inline-XBRL corpus read as plain
HTML), one per section below. Every table here is made up.
"""

from __future__ import annotations

from datetime import date

from risk.financials import LineItem
from risk.statements import NormalisedTable, normalise_table
from risk.tables import RawRow, RawTable

_YEARS = ("Year Ended June 30, 2024", "Year Ended June 30, 2023")


def _table(rows: list[tuple[str, tuple[str, ...]]], *, title: str) -> RawTable:
    return RawTable(
        title=title,
        columns=_YEARS,
        rows=tuple(
            RawRow(label=label, cells=cells, line=i + 1, indent=0)
            for i, (label, cells) in enumerate(rows)
        ),
        document="made-up.htm",
        document_type="10-K",
    )


def _value(result: NormalisedTable, end: str, months: int, item: LineItem) -> float | None:
    for pv in result.periods:
        if pv.end == date.fromisoformat(end) and pv.months == months:
            return pv.values.get(item)
    return None


# -------------------------------------------- a catch-all row is no repeated block
# Root cause: "Other, net" printed under operating and again under investing activities
# was taken for the same rows repeated per subsidiary, so nothing below the investing
# heading was read: the cash at the beginning and end of each year was lost.

_FLOWS = [
    ("Operating activities", ("", "")),
    ("Net income", ("310", "275")),
    ("Other, net", ("12", "(4)")),
    ("Net cash provided by operating activities", ("402", "366")),
    ("Investing activities", ("", "")),
    ("Purchases of property and equipment", ("(95)", "(88)")),
    ("Other, net", ("3", "7")),
    ("Net cash used in investing activities", ("(92)", "(81)")),
    ("Net increase in cash and cash equivalents", ("310", "285")),
    ("Cash and cash equivalents at beginning of year", ("640", "355")),
    ("Cash and cash equivalents at end of year", ("950", "640")),
]


def test_other_net_under_two_headings_does_not_stop_the_statement() -> None:
    title = "Consolidated Statements of Cash Flows (in millions)"
    result = normalise_table(_table(_FLOWS, title=title))
    assert _value(result, "2024-06-30", 0, LineItem.CASH) == 950e6
    assert _value(result, "2023-06-30", 0, LineItem.CASH) == 640e6
    assert _value(result, "2022-06-30", 0, LineItem.CASH) == 355e6
    assert "repeated_blocks" not in {w.code for w in result.warnings}


def test_named_rows_repeated_under_a_new_heading_still_stop_the_reading() -> None:
    # the consolidated block, then a subsidiary's: a named line item repeats
    rows = [
        ("Consolidated -", ("", "")),
        ("Operating revenues", ("1,000", "900")),
        ("Other, net", ("5", "4")),
        ("Eastbrook Power -", ("", "")),
        ("Other, net", ("1", "1")),
        ("Operating revenues", ("400", "350")),
        ("Net income", ("50", "40")),
    ]
    result = normalise_table(_table(rows, title="Results of operations (in millions)"))
    assert _value(result, "2024-06-30", 12, LineItem.REVENUE) == 1_000e6
    assert _value(result, "2024-06-30", 12, LineItem.NET_INCOME) is None
    assert "repeated_blocks" in {w.code for w in result.warnings}


# ------------------------------------- flows under a "Discontinued operations" heading
# Root cause: once the statement was read in full, "Cash provided by operating
# activities" under the heading "Discontinued Operations" (the discontinued part's own
# flows) outranked the company's "... from continuing operations" line.


def test_operating_flows_under_a_discontinued_operations_heading_are_not_the_company_s() -> None:
    rows = [
        ("Operating Activities", ("", "")),
        ("Net income", ("200", "180")),
        ("Cash provided by operating activities from continuing operations", ("410", "380")),
        ("Discontinued Operations", ("", "")),
        ("Cash provided by operating activities", ("35", "60")),
        ("Cash used by investing activities", ("(5)", "(9)")),
        ("Cash, cash equivalents and restricted cash at end of period", ("900", "700")),
    ]
    title = "Consolidated Statements of Cash Flows (in millions)"
    result = normalise_table(_table(rows, title=title))
    assert _value(result, "2024-06-30", 12, LineItem.OPERATING_CASH_FLOW) == 410e6
    assert _value(result, "2023-06-30", 12, LineItem.OPERATING_CASH_FLOW) == 380e6


# ------------------------------------------------ cash that includes restricted cash
# Root cause: a statement of flows since ASU 2016-18 ends with "Cash, cash equivalents
# and restricted cash", which gave no cash at all, so the cash at the dates no balance
# sheet prints (the beginning of the earliest year) was missing. It now stands at a date
# only where no table prints cash and equivalents alone then (the XBRL mapping's choice).


def _html(*tables: tuple[str, list[str], list[tuple[str, ...]]]) -> str:
    parts = ["<html><body><p>HERONSGATE FOODS, INC.</p>"]
    for title, header, rows in tables:
        parts.append(f"<p>{title}</p><p>(In millions)</p><table>")
        parts.append("<tr><td></td>" + "".join(f"<td>{h}</td>" for h in header) + "</tr>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    return "".join(parts) + "</body></html>"


_SHEET = (
    "CONSOLIDATED BALANCE SHEETS",
    ["June 30, 2024", "June 30, 2023"],
    [
        ("Cash and cash equivalents", "$ 950", "$ 640"),
        ("Total current assets", "2,100", "1,800"),
        ("Total assets", "5,000", "4,600"),
    ],
)
_CASH_FLOW_ROWS = [
    ("Net cash provided by operating activities", "402", "366"),
    ("Net increase in cash, cash equivalents and restricted cash", "310", "285"),
    ("Cash, cash equivalents and restricted cash at beginning of year", "660", "375"),
    ("Cash, cash equivalents and restricted cash at end of year", "$ 970", "$ 660"),
]
_YEARS_HTML = ["Year Ended June 30, 2024", "Year Ended June 30, 2023"]


def _cash(filing: object, end: str) -> tuple[float | None, str | None]:
    from risk.financials import Filing

    assert isinstance(filing, Filing)
    pv = filing.period(date.fromisoformat(end), 0)
    if pv is None or LineItem.CASH not in pv.values:
        return None, None
    return pv.values[LineItem.CASH], pv.provenance[LineItem.CASH].note


def test_restricted_cash_stands_only_at_dates_printing_no_plain_cash() -> None:
    from risk.extraction import extract
    from risk.statements import RESTRICTED_CASH_NOTE

    flows = ("CONSOLIDATED STATEMENTS OF CASH FLOWS", _YEARS_HTML, _CASH_FLOW_ROWS)
    filing = extract(_html(_SHEET, flows))
    # the balance sheet's cash wins at the dates it prints (not the 970 and 660 with 20
    # of restricted cash)
    assert _cash(filing, "2024-06-30") == (950e6, None)
    assert _cash(filing, "2023-06-30") == (640e6, None)
    # the beginning of the earliest year: only the figure with restricted cash is printed
    assert _cash(filing, "2022-06-30") == (375e6, RESTRICTED_CASH_NOTE)


def test_a_reconciliation_under_the_statement_gives_the_plain_cash() -> None:
    from risk.extraction import extract

    rows = [
        *_CASH_FLOW_ROWS,
        ("Reconciliation to the balance sheets:", "", ""),
        ("Cash and cash equivalents", "$ 950", "$ 640"),
        ("Restricted cash in other assets", "20", "20"),
        ("Total cash, cash equivalents and restricted cash", "$ 970", "$ 660"),
    ]
    flows = ("CONSOLIDATED STATEMENTS OF CASH FLOWS", _YEARS_HTML, rows)
    sheet = (_SHEET[0], ["June 30, 2024"], [(r[0], r[1]) for r in _SHEET[2]])
    filing = extract(_html(sheet, flows))
    # June 2023 is on no balance sheet: the reconciliation's cash alone, confirmed by the
    # sheet's 950 at June 2024
    assert _cash(filing, "2023-06-30") == (640e6, "balance printed in a statement of flows")


def test_plain_cash_printed_in_a_note_leaves_the_date_without_cash() -> None:
    from risk.extraction import extract

    flows = ("CONSOLIDATED STATEMENTS OF CASH FLOWS", _YEARS_HTML, _CASH_FLOW_ROWS)
    note = (
        "Note 4. Cash, cash equivalents and restricted cash",
        ["June 30, 2024", "June 30, 2023", "June 30, 2022"],
        [
            ("Cash and cash equivalents", "$ 950", "$ 640", "$ 360"),
            ("Restricted cash", "20", "20", "15"),
        ],
    )
    filing = extract(_html(_SHEET, flows, note))
    # which figure is the cash of June 2022 is not checked: none is given
    assert _cash(filing, "2022-06-30") == (None, None)


def test_a_balance_sheet_printing_only_cash_with_restricted_cash() -> None:
    from risk.extraction import extract
    from risk.statements import RESTRICTED_CASH_NOTE

    sheet = (
        "CONSOLIDATED BALANCE SHEETS",
        ["June 30, 2024", "June 30, 2023"],
        [
            ("Cash, cash equivalents and restricted cash", "$ 970", "$ 660"),
            ("Total current assets", "2,100", "1,800"),
            ("Total assets", "5,000", "4,600"),
        ],
    )
    filing = extract(_html(sheet))
    assert _cash(filing, "2024-06-30") == (970e6, RESTRICTED_CASH_NOTE)


# ---------------------------------------- an opening balance at the first of a month
# Root cause: "Balance at May 1, 2021" in a statement of equity was stored at May 1, a
# date no other statement gives, so the equity at the year end April 30, 2021 was missed.


def _equity_document(opening: str) -> str:
    def row(label: str, *cells: str) -> str:
        return "<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    return (
        "<html><body><p>LINDQVIST TOOLS, INC.</p><p>CONSOLIDATED BALANCE SHEETS</p>"
        "<p>(In millions)</p><table>"
        + row("", "April 30, 2023", "April 30, 2022")
        + row("Cash and cash equivalents", "$ 120", "$ 100")
        + row("Total assets", "9,000", "8,000")
        + row("Total shareholders' equity", "6,000", "5,500")
        + "</table><p>CONSOLIDATED STATEMENTS OF CASH FLOWS</p><p>(In millions)</p><table>"
        + row("", "Year Ended April 30, 2023", "Year Ended April 30, 2022")
        + row("Net cash provided by operating activities", "$ 300", "$ 280")
        + row("Cash and cash equivalents at beginning of year", "100", "90")
        + row("Cash and cash equivalents at end of year", "$ 120", "$ 100")
        + "</table><p>CONSOLIDATED STATEMENTS OF SHAREHOLDERS' EQUITY</p>"
        "<p>(In millions)</p><table>"
        + row("", "Common Shares", "Retained Income", "Total Shareholders' Equity")
        + row(f"Balance at {opening}", "$ 2,000", "$ 2,800", "$ 4,800")
        + row("Net income", "&#8212;", "700", "700")
        + row("Balance at April 30, 2022", "2,000", "3,500", "5,500")
        + row("Net income", "&#8212;", "500", "500")
        + row("Balance at April 30, 2023", "2,000", "4,000", "6,000")
        + "</table></body></html>"
    )


def test_a_balance_at_the_first_of_a_month_is_the_close_of_the_day_before() -> None:
    from risk.extraction import extract

    # April 30, 2021 is a period end the document gives (the cash the year began with)
    filing = extract(_equity_document("May 1, 2021"))
    start = filing.period(date(2021, 4, 30), 0)
    assert start is not None and start.get("stockholders_equity") == 4_800e6
    assert filing.period(date(2021, 5, 1), 0) is None


def test_a_first_of_the_month_no_period_ends_before_stays_where_it_is() -> None:
    from risk.extraction import extract

    # without the cash flows, no period ends on April 30, 2021: the balance "at May 1,
    # 2021" may close a quarter of 52-53 weeks ending that Sunday, and keeps its date
    text = _equity_document("May 1, 2021")
    start, end = (
        text.index("<p>CONSOLIDATED STATEMENTS OF CASH FLOWS"),
        text.index("<p>CONSOLIDATED STATEMENTS OF SHAREHOLDERS"),
    )
    filing = extract(text[:start] + text[end:])
    opening = filing.period(date(2021, 5, 1), 0)
    assert opening is not None and opening.get("stockholders_equity") == 4_800e6
    assert filing.period(date(2021, 4, 30), 0) is None


# ------------------------------------------ the first column headed from the corner cell
# Root cause: a filer printing "In millions  Years ended December 31, 2023" in the
# corner cell above the labels, and "2022", "2021" over the other columns, left the first
# column without a header: the latest year (its revenue, total assets) was never read.


def test_a_date_in_the_corner_cell_heads_the_first_column() -> None:
    rows = [
        ("Total revenues", ("25,494", "23,183", "23,223")),
        ("Net income", ("8,469", "6,177", "7,545")),
    ]
    table = RawTable(
        title="Consolidated Statement of Income\nIn millions Years ended December 31, 2023",
        columns=("", "2022", "2021"),
        rows=tuple(RawRow(label=lb, cells=c, line=i + 1) for i, (lb, c) in enumerate(rows)),
        document="made-up.htm",
        document_type="10-K",
    )
    result = normalise_table(table)
    assert _value(result, "2023-12-31", 12, LineItem.REVENUE) == 25_494e6
    assert _value(result, "2022-12-31", 12, LineItem.REVENUE) == 23_183e6
    assert _value(result, "2021-12-31", 12, LineItem.NET_INCOME) == 7_545e6


def test_a_corner_date_not_the_year_after_the_columns_heads_nothing() -> None:
    # the title's date is not the year after the columns' (a note's "as of" date)
    table = RawTable(
        title="Debt maturities\nIn millions December 31, 2025",
        columns=("", "2022", "2021"),
        rows=(RawRow(label="Total revenues", cells=("1", "2", "3"), line=1),),
        document="made-up.htm",
        document_type="10-K",
    )
    result = normalise_table(table)
    assert all(pv.end.year != 2025 for pv in result.periods)


# --------------------------------------------------- dates of 52-53 week fiscal years
# Root cause: the cash "at beginning of year" of a year ending Saturday, September 30,
# 2023 was dated September 30, 2022 (a month end gave a month end), though the column
# beside it ends Saturday, September 24, 2022.


def test_a_year_ending_on_a_month_end_in_a_52_53_week_table_begins_after_its_neighbour() -> None:
    from risk.statements._periods import period_start

    end = date(2023, 9, 30)
    weeks = [date(2024, 9, 28), end, date(2022, 9, 24)]
    assert period_start(end, 12, set(), weeks) == date(2022, 9, 24)
    # a calendar filer's table: the month end, printed or not
    assert period_start(end, 12, set(), [end, date(2022, 9, 30)]) == date(2022, 9, 30)
    assert period_start(end, 12, set()) == date(2022, 9, 30)
    # six months to Sunday, July 31, 2022 beside six months to Sunday, July 30, 2023:
    # the start (Sunday, January 30, 2022) is printed nowhere, so none is given
    half = [date(2023, 7, 30), date(2022, 7, 31)]
    assert period_start(date(2022, 7, 31), 6, set(), half) is None
    assert period_start(date(2022, 7, 31), 6, {date(2022, 1, 30)}, half) == date(2022, 1, 30)
