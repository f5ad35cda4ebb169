"""``risk score-table`` reads the American bankruptcy panel's own layout too."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from risk.cli import main

# Two made-up companies, two fiscal years each, in the panel's columns (millions).
# X1 current assets, X2 COGS, X3 D&A, X4 EBITDA, X5 inventory, X6 net income,
# X7 receivables, X8 market value, X9 sales, X10 total assets, X11 long-term debt,
# X12 EBIT, X13 gross profit, X14 current liabilities, X15 retained earnings,
# X16 total revenue (= X9), X17 total liabilities, X18 operating expenses.
HEADER = ["company_name", "status_label", "year", *(f"X{i}" for i in range(1, 19))]
PANEL = (
    ",".join([*HEADER, "failed_next_year"])
    + """
C_1,alive,2013,500,600,40,160,100,80,150,2000,1000,1200,200,120,400,250,600,1000,500,840,0
C_1,alive,2014,520,610,40,170,100,90,160,2100,1050,1250,200,130,440,260,690,1050,510,880,0
C_2,failed,2013,50,180,10,-15,20,-40,30,8,200,300,150,-25,20,180,-150,200,290,215,0
C_2,failed,2014,40,170,10,-35,15,-60,25,3,150,280,160,-45,-20,230,-210,150,300,185,1
"""
)

FIELDS = {
    "X1": "current_assets", "X2": "cost_of_sales", "X3": "depreciation_amortization",
    "X4": "ebitda", "X5": "inventory", "X6": "net_income", "X7": "receivables",
    "X8": "market_value_equity", "X9": "revenue", "X10": "total_assets",
    "X11": "long_term_debt", "X12": "operating_income", "X13": "gross_profit",
    "X14": "current_liabilities", "X15": "retained_earnings", "X17": "total_liabilities",
    "X18": "operating_expenses",
}  # fmt: skip


def _as_financials(panel: pd.DataFrame) -> pd.DataFrame:
    """The same rows written by hand in the financials.md layout, in dollars."""
    out = pd.DataFrame(
        {
            "entity": panel["company_name"],
            "period_end": panel["year"].astype(str) + "-12-31",
            "months": 12,
        }
    )
    for column, field in FIELDS.items():
        out[field] = panel[column] * 1_000_000
    return out


def test_panel_layout_scores_like_the_same_rows_in_dollars(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    panel_csv = tmp_path / "panel.csv"
    panel_csv.write_text(PANEL)
    table_csv = tmp_path / "table.csv"
    _as_financials(pd.read_csv(panel_csv)).to_csv(table_csv, index=False)

    assert main(["score-table", str(panel_csv), "--out", str(tmp_path / "a.csv")]) == 0
    assert "panel layout" in capsys.readouterr().err
    assert main(["score-table", str(table_csv), "--out", str(tmp_path / "b.csv")]) == 0
    a = pd.read_csv(tmp_path / "a.csv")
    b = pd.read_csv(tmp_path / "b.csv")
    assert list(a["entity"]) == ["C_1", "C_1", "C_2", "C_2"]
    pd.testing.assert_series_equal(a["probability"], b["probability"])
    # the point-in-time label passes through for validation; status_label never does
    assert list(a["failed_next_year"]) == [0, 0, 0, 1]
    assert "status_label" not in a.columns
    # the loss-making, over-levered company ranks above the healthy one
    assert a["probability"].iloc[3] > a["probability"].iloc[1]


def test_financials_layout_is_forced_with_layout_flag(tmp_path: Path) -> None:
    panel_csv = tmp_path / "panel.csv"
    panel_csv.write_text(PANEL)
    # read as financials.md, the panel's columns are unknown: exit 2 naming the column
    assert main(["score-table", str(panel_csv), "--out", str(tmp_path / "a.csv"),
                 "--layout", "financials"]) == 2  # fmt: skip
