"""Regressions: HTML statement headers and labels of large filers (issue 13).

Root causes, found by ``benchmarks/accuracy.py`` reading inline-XBRL filings as plain HTML:
- a header cell spanning two rows (``rowspan``: "In millions" beside "Six Months Ended"
  and the dates below it) shifted the dates one column left, so each column took the
  other's date (values of 2023 stored under 2022);
- "Net (loss)/earnings attributable to <company>" and "(Loss)/earnings from operations"
  matched no rule. Made-up documents.
"""

from __future__ import annotations

from datetime import date

from risk.extraction import extract

_CASH_FLOWS = """<html><body>
<p>KESTREL CHEMICAL COMPANY</p><p>CONSOLIDATED STATEMENTS OF CASH FLOWS</p>
<table>
<tr><td rowspan="2">In millions (Unaudited)</td><td colspan="4">Six Months Ended</td></tr>
<tr><td colspan="2">Jun 30, 2023</td><td colspan="2">Jun 30, 2022</td></tr>
<tr><td>Net cash provided by operating activities</td><td>$</td><td>1,882</td>
<td>$</td><td>3,457</td></tr>
<tr><td>Net cash used in investing activities</td><td></td><td>(950)</td>
<td></td><td>(700)</td></tr>
</table></body></html>"""

_INCOME = """<html><body>
<p>OSPREY AEROSPACE CORPORATION</p><p>CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS</p>
<p>(Dollars in millions)</p>
<table>
<tr><td></td><td>Three months ended June 30 2023</td><td>Three months ended June 30 2022</td></tr>
<tr><td>Total revenues</td><td>$19,751</td><td>$16,681</td></tr>
<tr><td>(Loss)/earnings from operations</td><td>(99)</td><td>780</td></tr>
<tr><td>Net (loss)/earnings</td><td>(149)</td><td>160</td></tr>
<tr><td>Less: net loss attributable to noncontrolling interest</td><td></td><td>(33)</td></tr>
<tr><td>Net (loss)/earnings attributable to Osprey Shareholders</td><td>($149)</td>
<td>$193</td></tr>
</table></body></html>"""


def test_a_header_cell_spanning_two_rows_keeps_the_dates_over_their_columns() -> None:
    filing = extract(_CASH_FLOWS)
    h1_2023, h1_2022 = filing.period(date(2023, 6, 30), 6), filing.period(date(2022, 6, 30), 6)
    assert h1_2023 is not None and h1_2022 is not None
    assert h1_2023.get("operating_cash_flow") == 1_882e6
    assert h1_2022.get("operating_cash_flow") == 3_457e6


def test_loss_first_labels_and_the_shareholders_net_income() -> None:
    filing = extract(_INCOME)
    q = filing.period(date(2022, 6, 30), 3)
    assert q is not None
    assert q.get("operating_income") == 780e6
    assert q.get("net_income") == 193e6  # attributable to the company, not the group's 160


def test_a_title_held_in_a_layout_table_names_the_statement() -> None:
    """Root cause (issue 13): a filer printing the statement's title in a small layout
    table of its own ("Consolidated Statements of Income / Quarry Telecom Inc.") left
    the statement untitled (a title did not cross a table); since the balance sheet was
    titled, only titled tables were read and the income statement was lost. A table
    without figures is now read as text above the next."""
    from datetime import date

    from risk.extraction import extract

    def row(label: str, *cells: str) -> str:
        return "<tr><td>" + label + "</td>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"

    doc = (
        "<html><body><table><tr><td>Consolidated Statements of Income</td></tr>"
        "<tr><td>Quarry Telecom Inc. and Subsidiaries</td></tr></table>"
        "<table>"
        + row(
            "(dollars in millions)", "Year Ended December 31, 2023", "Year Ended December 31, 2022"
        )
        + row("Total Operating Revenues", "$ 1,339", "$ 1,368")
        + row("Operating Income", "228", "304")
        + row("Net Income", "$ 116", "$ 212")
        + "</table><p>Consolidated Balance Sheets</p><p>(dollars in millions)</p><table>"
        + row("", "December 31, 2023", "December 31, 2022")
        + row("Total assets", "$ 3,800", "$ 3,790")
        + row("Total liabilities", "2,870", "2,860")
        + "</table></body></html>"
    )
    filing = extract(doc)
    found = filing.period(date(2023, 12, 31), 12)
    assert found is not None and found.get("revenue") == 1_339e6
