"""Regression: the prior fiscal year of a trailing-twelve-month row at a quarter end.

Root cause: the model's trend features (``d_tl_ta``, ``sales_growth``, ...) took the
*previous* annual row of an entity as its prior year, and dropped it when it was not
9-15 months back. A timeline built from a Q1 release has rows at the fiscal year end
(FY2002) and at the quarter end three months later (TTM to 2003-03-31), so the TTM
row's predecessor was three months back and every trend went missing, which the model
reads like a newly listed company (FiberCore's probability fell from 1.3 % to 0.35 %).
The fix looks further back for the row closest to a year before, within the window.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from risk.model import model_features


def _frame(rows: list[tuple[str, float, float, float]]) -> pd.DataFrame:
    # (period_end, total_assets, total_liabilities, revenue), all 12-month rows
    return pd.DataFrame(
        {
            "entity": "A",
            "period_end": pd.to_datetime([r[0] for r in rows]),
            "months": 12,
            "total_assets": [r[1] for r in rows],
            "total_liabilities": [r[2] for r in rows],
            "revenue": [r[3] for r in rows],
            "net_income": -1.0e6,
            "operating_income": -1.0e6,
        }
    )


def test_ttm_row_reaches_back_to_the_fiscal_year_fifteen_months_earlier() -> None:
    frame = _frame(
        [
            ("2001-12-31", 100e6, 50e6, 50e6),
            ("2002-12-31", 100e6, 80e6, 25e6),
            ("2003-03-31", 100e6, 95e6, 20e6),  # TTM at Q1: 455 days after FY2001
        ]
    )
    feats = model_features(frame)
    # FY2002 against FY2001: 0.80 - 0.50
    assert feats["d_tl_ta"].iloc[1] == pytest.approx(0.30)
    # TTM 2003-03-31 against FY2001 (FY2002 is only 90 days back): 0.95 - 0.50
    assert feats["d_tl_ta"].iloc[2] == pytest.approx(0.45)
    assert not math.isnan(feats["sales_growth"].iloc[2])


def test_a_row_exactly_a_year_back_is_preferred() -> None:
    frame = _frame(
        [
            ("2001-12-31", 100e6, 50e6, 50e6),
            ("2002-03-31", 100e6, 60e6, 45e6),  # TTM a year before the last row
            ("2002-12-31", 100e6, 80e6, 25e6),
            ("2003-03-31", 100e6, 95e6, 20e6),
        ]
    )
    feats = model_features(frame)
    # 2003-03-31 pairs with 2002-03-31 (365 days), not 2001-12-31 (455 days): 0.95 - 0.60
    assert feats["d_tl_ta"].iloc[3] == pytest.approx(0.35)


def test_no_row_in_the_window_leaves_the_trend_missing() -> None:
    frame = _frame([("1999-12-31", 100e6, 50e6, 50e6), ("2002-12-31", 100e6, 80e6, 25e6)])
    assert math.isnan(model_features(frame)["d_tl_ta"].iloc[1])  # 3 years apart
