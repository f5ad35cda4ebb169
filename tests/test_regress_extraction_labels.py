"""Regression: row labels that name a line item but did not map.

Root causes: (1) note references were not stripped before matching, so GAINSCO's
"Interest expense, net (notes 6 and 7)" matched no rule (only "(6)", "(a)", "*" and
"(see ...)" were dropped); (2) labels.json had no rule for "Sales, net of returns and
allowances" nor for share rows that put "Basic"/"Diluted" first ("Basic weighted average
shares", Buckle) or read "Average Shares Outstanding (in millions)" (Southern).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from corpus_filings import extract_once

from risk.statements._labels import match_label, normalise_label


@pytest.mark.parametrize(
    ("label", "normalised"),
    [
        ("Interest expense, net (notes 6 and 7)", "interest expense net"),
        ("Revenue (Note 3)", "revenue"),
        ("Net sales (notes 1, 12 and 13)", "net sales"),
        ("Net sales (note 3(b))", "net sales"),
        ("Net sales (1)", "net sales"),
        # Not a note reference: kept.
        ("Working capital (deficiency)", "working capital (deficiency)"),
    ],
)
def test_note_references_are_stripped(label: str, normalised: str) -> None:
    assert normalise_label(label) == normalised


@pytest.mark.parametrize(
    ("label", "field"),
    [
        ("Interest expense, net (notes 6 and 7)", "interest_expense"),
        ("SALES, Net of returns and allowances", "revenue"),
        ("Net sales, net of returns and discounts", "revenue"),
        ("Basic weighted average shares", "weighted_shares_basic"),
        ("Diluted weighted average shares", "weighted_shares_diluted"),
        ("Average Shares Outstanding (in millions)", "weighted_shares_basic"),
        # issue 13: a retailer's and a drug maker's statements of income
        ("Consolidated net income attributable to Walmart", "net_income"),
        ("Consolidated net income", "consolidated_net_income"),
        ("Sales to customers", "revenue"),
        ("Cash and cash equivalents at end of year", "ending_cash"),
        # a subtotal printed without "Total" (a heading prints no figures)
        ("Current assets", "current_assets"),
        ("Current liabilities", "current_liabilities"),
    ],
)
def test_labels_map(label: str, field: str) -> None:
    rule, _ = match_label(label)
    assert rule is not None and rule.field is not None
    assert rule.field.value == field


def _period(path: Path, end: date, months: int) -> dict[str, float]:
    for pv in extract_once(path).periods:
        if pv.end == end and pv.months == months:
            return {k.value: v for k, v in pv.values.items()}
    raise AssertionError(f"no period {end} {months}m in {path.name}")


def test_buckle_sales_and_shares(corpus_dir: Path) -> None:
    # CONSOLIDATED STATEMENTS OF INCOME (Amounts in Thousands Except Per Share Amounts),
    # Thirteen Weeks Ended November 2, 2024: "SALES, Net of returns and allowances $ 293,618",
    # "Basic weighted average shares 49,854", "Diluted weighted average shares 50,297";
    # net income 44,172 / 49,854 = $0.89, the printed basic EPS.
    q = _period(corpus_dir / "buckle_8-K-ex99_2024-11-02.html", date(2024, 11, 2), 3)
    assert q["revenue"] == 293_618_000.0
    assert q["weighted_shares_basic"] == 49_854_000.0
    assert q["weighted_shares_diluted"] == 50_297_000.0
    # Thirty-Nine Weeks Ended October 28, 2023: sales 878,719, diluted shares 49,891.
    y = _period(corpus_dir / "buckle_8-K-ex99_2024-11-02.html", date(2023, 10, 28), 9)
    assert y["revenue"] == 878_719_000.0
    assert y["weighted_shares_diluted"] == 49_891_000.0


def test_gainsco_interest_expense(corpus_dir: Path) -> None:
    # Consolidated Statements of Operations (Amounts in thousands): "Interest expense, net
    # (notes 6 and 7) 2,086 3,188" among the expenses, 2009 then 2008.
    path = corpus_dir / "gainsco_10-K_2009-12-31.html"
    assert _period(path, date(2009, 12, 31), 12)["interest_expense"] == 2_086_000.0
    assert _period(path, date(2008, 12, 31), 12)["interest_expense"] == 3_188_000.0


def test_southern_average_shares(corpus_dir: Path) -> None:
    # Exhibit 99.02 Financial Highlights: "Average Shares Outstanding (in millions) 741 733
    # 739 727" under 3 Months / 12 Months Ended December 2004, 2003; net income as
    # reported 204 / 741 = $0.27, the printed basic EPS.
    path = corpus_dir / "southern_8-K_2004-12-31.txt"
    assert _period(path, date(2004, 12, 31), 3)["weighted_shares_basic"] == 741e6
    assert _period(path, date(2003, 12, 31), 12)["weighted_shares_basic"] == 727e6
