"""Year-to-date flows annualised only on request, and announced in the report."""

from __future__ import annotations

import math
from datetime import date

import pytest

from risk.financials import Filing, LineItem, PeriodValues
from risk.report import score
from risk.timelines import timeline

SHA = "a" * 64
END = date(2010, 9, 30)


def _ten_q() -> Filing:
    # A company known from one 10-Q: balances at the quarter end and 9-month flows.
    return Filing(
        source="q3.txt",
        sha256=SHA,
        company="Example Corp",
        filed=date(2010, 11, 5),
        periods=[
            PeriodValues(
                end=END,
                months=0,
                values={
                    LineItem.TOTAL_ASSETS: 1_000e6,
                    LineItem.TOTAL_LIABILITIES: 700e6,
                    LineItem.CURRENT_ASSETS: 400e6,
                    LineItem.CURRENT_LIABILITIES: 300e6,
                    LineItem.RETAINED_EARNINGS: 100e6,
                },
            ),
            PeriodValues(
                end=END,
                months=9,
                values={
                    LineItem.REVENUE: 900e6,
                    LineItem.OPERATING_INCOME: 45e6,
                    LineItem.NET_INCOME: 18e6,
                    LineItem.EPS_BASIC: 0.9,  # per share: never scaled
                },
            ),
        ],
    )


def test_to_frame_leaves_flows_missing_unless_asked() -> None:
    frame = timeline([_ten_q()]).to_frame()
    assert "revenue" not in frame.columns or math.isnan(frame["revenue"].iloc[-1])
    assert frame.attrs["annualised"] == {}


def test_to_frame_annualises_nine_months_by_twelve_ninths() -> None:
    frame = timeline([_ten_q()]).to_frame(annualise=True)
    row = frame.iloc[-1]
    assert row["revenue"] == pytest.approx(900e6 * 12 / 9)  # 1,200,000,000
    assert row["net_income"] == pytest.approx(18e6 * 12 / 9)  # 24,000,000
    assert "eps_basic" not in frame.columns or math.isnan(row["eps_basic"])
    assert row["total_assets"] == 1_000e6  # balances untouched
    assert frame.attrs["annualised"] == {"2010-09-30": 9}


def test_report_scores_a_lone_ten_q_and_says_it_annualised() -> None:
    report = score([_ten_q()])
    assert report.status.value == "scored"
    assert report.model_probability is not None
    codes = [w.code for w in report.warnings]
    assert "annualised_flows" in codes
    (warning,) = [w for w in report.warnings if w.code == "annualised_flows"]
    assert "9-month" in warning.message and "12/9" in warning.message
