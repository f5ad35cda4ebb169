"""Regression: Caterpillar's Q1 2022 earnings release gave no income statement.

Root causes: (1) its title "Condensed Consolidated Statement of Results of Operations"
was not recognised as a primary statement, while its "Statement of Financial Position"
and "Statement of Cash Flow" were, so the reader kept only those and dropped the income
statement; the two readers (HTML and plain text) each had their own title pattern, now
one (``risk.tables.STATEMENT_TITLE``). (2) labels.json had no rule for "Total sales and
revenues", "Profit" (Caterpillar's net income attributable to common shareholders),
"Profit per common share" or "Profit employed in the business" (retained earnings). (3) the footnote marker after "Profit" is a raised small "1"
(``position:relative; top:-3.15pt``), read into the label as "Profit 1".
"""

# ruff: noqa: E501

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_filings import extract_once

from risk.documents import html_to_text, parse_html
from risk.statements._labels import match_label
from risk.tables import STATEMENT_TITLE, read_html_tables


@pytest.mark.parametrize(
    "title",
    [
        "Condensed Consolidated Statement of Results of Operations",
        "Consolidated Statements of Operations",
        "Statements of Consolidated Income",
        "Consolidated Statement of Financial Position",
        "Consolidated Balance Sheets",
        "Consolidated Income Statement",
        "Consolidated Statements of Cash Flows",
        "Statement of Comprehensive Loss",
    ],
)
def test_primary_statement_titles(title: str) -> None:
    assert STATEMENT_TITLE.search(title)


@pytest.mark.parametrize(
    "title", ["Supplemental Data for Results of Operations", "Notes to the Financial Statements"]
)
def test_other_titles_are_not_statements(title: str) -> None:
    assert not STATEMENT_TITLE.search(title)


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Total sales and revenues", "revenue"),
        ("Profit", "net_income"),
        ("Profit (loss)", "net_income"),
        ("Profit per common share", "eps_basic"),
        ("Profit per common share — diluted", "eps_diluted"),
        # Not the bottom line: stays unmapped or maps elsewhere.
        ("Profit of consolidated companies", None),
        ("Less: Profit (loss) attributable to noncontrolling interests", None),
        ("Operating profit", "operating_income"),
        ("Profit employed in the business", "retained_earnings"),
        ("Earnings reinvested in the business", "retained_earnings"),
        ("Reinvested earnings", "retained_earnings"),
    ],
)
def test_caterpillar_labels(label: str, field: str | None) -> None:
    rule, _ = match_label(label)
    assert (rule.field.value if rule and rule.field else None) == field


RAISED = """<html><body><table>
<tr><td>(Dollars in millions)</td><td>2022</td><td>2021</td></tr>
<tr><td><div><font>Profit </font><font style="font-size:5.85pt;position:relative;top:-3.15pt;vertical-align:baseline">1</font></div></td><td>$ 1,537</td><td>$ 1,530</td></tr>
<tr><td>Shares<sup>(a)</sup></td><td>534.5</td><td>546.4</td></tr>
<tr><td>Area in m<span style="position:relative;top:2pt">2</span></td><td>7</td><td>8</td></tr>
</table></body></html>"""


def test_raised_footnote_markers_are_not_part_of_the_label() -> None:
    (table,) = read_html_tables(html_to_text(parse_html(RAISED, name="t.htm")), document="t.htm")
    labels = [r.label for r in table.rows]
    assert labels[:2] == ["Profit", "Shares"]
    # Lowered, not raised: not a footnote marker, kept.
    assert labels[2] == "Area in m2"


def test_caterpillar_q1_2022_income_statement(corpus_dir: Path) -> None:
    # Values as printed in EX-99.1, "Condensed Consolidated Statement of Results of
    # Operations (Dollars in millions except per share data)", three months ended March 31.
    filing = extract_once(corpus_dir / "caterpillar_8-K_2022-03-31.txt")
    q1 = filing.period(date(2022, 3, 31), 3)
    q1_2021 = filing.period(date(2021, 3, 31), 3)
    assert q1 is not None and q1_2021 is not None
    assert q1.get("revenue") == 13_589e6
    assert q1.get("operating_income") == 1_855e6
    assert q1.get("pretax_income") == 1_999e6
    assert q1.get("income_tax_expense") == 469e6
    assert q1.get("net_income") == 1_537e6
    assert q1.get("eps_basic") == 2.88
    assert q1.get("eps_diluted") == 2.86
    assert q1.get("weighted_shares_diluted") == 538.3e6
    assert q1_2021.get("revenue") == 11_887e6
    assert q1_2021.get("net_income") == 1_530e6
    # Statement of Financial Position: "Profit employed in the business".
    march = filing.period(date(2022, 3, 31), 0)
    assert march is not None and march.get("retained_earnings") == 40_820e6
