"""Book-value-only submodel: size never raises the probability (since model 1.1.0)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from risk.model import BOOK_SIGNS, load_model, model_features


def test_shipped_book_submodel_holds_size_at_or_below_zero() -> None:
    model = load_model()
    book = model.submodels_["book"]
    assert BOOK_SIGNS["log_ta"] == -1
    assert book.slopes("log_ta")  # size is in the book submodel, as a curve
    assert all(c <= 0.0 for c in book.slopes("log_ta"))


def test_scaling_a_company_up_does_not_raise_its_book_probability() -> None:
    # The same ratios at $50M and at $50bn of assets: only size differs.
    base = {
        "entity": ["small", "large"],
        "period_end": pd.to_datetime(["2010-12-31", "2010-12-31"]),
        "months": [12, 12],
    }
    scale = np.array([50e6, 50e9])
    frame = pd.DataFrame(
        base
        | {
            "total_assets": scale,
            "total_liabilities": 0.6 * scale,
            "current_assets": 0.4 * scale,
            "current_liabilities": 0.3 * scale,
            "revenue": 0.9 * scale,
            "operating_income": 0.02 * scale,
            "net_income": -0.01 * scale,
            "retained_earnings": -0.1 * scale,
        }
    )
    model = load_model()
    feats = model_features(frame)
    assert model.submodel_for(feats.iloc[0]) == "book"  # no market value
    p = model.predict_proba(feats[list(model.feature_names_in_)])[:, 1]
    assert p[1] <= p[0] + 1e-12
