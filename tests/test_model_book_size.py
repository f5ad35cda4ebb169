"""Book-value submodel: size matters only together with distress (since model 3.0.0).

Model 1.1.0 held size at <= 0 in the book submodel because, fitted freely, it made the
largest companies look riskiest (Apple's 2025 10-Q scored 0.9 %, band bb). That threw
away the panel's size effect among distressed companies (large ones file under Chapter
11, small ones tend to delist). Model 3.0.0 keeps size's own curve at <= 0 and lets size
raise the risk only through its pairwise terms with leverage and losses.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

import risk
from risk.model import BOOK_INTERACTIONS, BOOK_SIGNS, load_model, model_features


def _pair(scale: np.ndarray, *, leverage: float, margin: float) -> pd.DataFrame:
    """Two made-up companies with the same ratios (no source document), two fiscal years
    each (same ratios in both), that differ only in size; no market value."""
    years = pd.to_datetime(["2009-12-31", "2010-12-31"])
    rows = []
    for i, ta in enumerate(scale):
        for end in years:
            rows.append(
                {
                    "entity": f"company {i}",
                    "period_end": end,
                    "months": 12,
                    "total_assets": ta,
                    "total_liabilities": leverage * ta,
                    "current_assets": 0.4 * ta,
                    "current_liabilities": 0.3 * ta,
                    "revenue": 0.9 * ta,
                    "operating_income": (margin + 0.02) * ta,
                    "net_income": margin * ta,
                    "retained_earnings": (margin - 0.1) * ta,
                }
            )
    return pd.DataFrame(rows)


def _book_probabilities(frame: pd.DataFrame) -> np.ndarray:
    model = load_model()
    feats = model_features(frame)
    last = frame["period_end"] == frame["period_end"].max()
    assert {model.submodel_for(feats.loc[i]) for i in feats.index[last]} == {"book"}
    return model.predict_proba(feats.loc[last, list(model.feature_names_in_)])[:, 1]


def test_size_enters_the_book_submodel_falling_alone_and_rising_with_distress() -> None:
    book = load_model().submodels_["book"]
    assert BOOK_SIGNS["ohlson_size"] == -1
    assert all(c <= 0.0 for c in book.slopes("ohlson_size"))
    assert "log_ta" not in book.columns  # real size replaces nominal size
    assert {it.name for it in book.interactions} == {t[0] for t in BOOK_INTERACTIONS}
    for it in book.interactions:
        assert it.first == "ohlson_size" and it.first_direction == 1
        assert all(c >= 0.0 for c in book.slopes(it.name))


def test_the_larger_of_two_distressed_companies_is_riskier_without_market_value() -> None:
    # Liabilities at 95 % of assets and a loss of 20 % of assets: among such firm-years
    # of the panel, $200M-$1bn companies filed several times as often as those under $5M.
    p = _book_probabilities(_pair(np.array([3e6, 500e6]), leverage=0.95, margin=-0.2))
    assert p[1] > 2 * p[0]


def test_a_large_profitable_company_is_not_riskier_than_a_mid_sized_one() -> None:
    p = _book_probabilities(_pair(np.array([2e9, 200e9]), leverage=0.5, margin=0.1))
    assert p[1] <= p[0]


def test_apples_2025_quarterly_report_gets_a_safe_band(corpus_dir: Path) -> None:
    # The filing that made 1.1.0 hold size at <= 0 (0.9 %, band bb, with size free). Its
    # 10-Q states no market value, so the book submodel scores it.
    report = risk.score([corpus_dir / "apple_10-Q_2025-06-28.html"])
    assert report.status == "scored" and report.band is not None
    drivers = {d.feature for d in report.drivers}
    assert "ohlson_size" in drivers and "log_mve" not in drivers  # the book submodel ran
    assert report.band.name in {"aaa", "aa", "a"}
