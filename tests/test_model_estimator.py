"""DistressModel against scikit-learn's estimator checks, and its own properties."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from risk.model import FEATURE_SIGNS, DistressModel


# Every check applies and passes: NaN is allowed (missing line items), multiclass is
# refused with scikit-learn's message (the tags say binary only).
@parametrize_with_checks([DistressModel()])
def test_sklearn_compatible(estimator, check):
    check(estimator)


def _toy(n: int = 400, seed: int = 0) -> tuple[pd.DataFrame, np.ndarray]:
    rng = np.random.default_rng(seed)
    tl_ta = rng.uniform(0.1, 1.5, n)
    ni_ta = rng.normal(0.0, 0.1, n)
    log_mve = rng.normal(5, 2, n)
    logit = -4 + 3 * tl_ta - 10 * ni_ta - 0.3 * (log_mve - 5)
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    x = pd.DataFrame({"tl_ta": tl_ta, "ni_ta": ni_ta, "log_ta": 5.0, "log_mve": log_mve})
    return x, y


def test_signs_are_enforced_even_against_the_data():
    x, y = _toy()
    # Flip the truth for tl_ta: the data say more leverage is safer; theory (+1) wins.
    x = x.assign(tl_ta=2.0 - x["tl_ta"])
    model = DistressModel(market_features=()).fit(x, y)
    sub = model.submodels_["full"]
    assert FEATURE_SIGNS["tl_ta"] == 1
    assert len(sub.slopes("tl_ta")) == len(sub.knots[sub.columns.index("tl_ta")]) - 1 > 1
    assert all(c >= 0.0 for c in sub.slopes("tl_ta"))
    assert all(c <= 0.0 for c in sub.slopes("ni_ta"))
    # Unconstrained, the same data give tl_ta a falling curve: the constraint did work.
    free = DistressModel(market_features=(), signs={}).fit(x, y).submodels_["full"]
    assert free.curve_range()["tl_ta"] < 0.0


def test_relabelled_classes_give_the_same_probabilities():
    x, y = _toy()
    a = DistressModel().fit(x, y).predict_proba(x)
    b = DistressModel().fit(x, np.where(y == 1, "failed", "alive")).predict_proba(x)
    # "alive" < "failed": the second column is still the failure class.
    np.testing.assert_allclose(a, b)


def test_book_submodel_scores_rows_without_market_value():
    x, y = _toy()
    model = DistressModel().fit(x, y)
    assert set(model.submodels_) == {"full", "book"}
    row = x.iloc[[0]].assign(log_mve=np.nan)
    p = model.predict_proba(row)[0, 1]
    assert 0.0 < p < 1.0
    assert model.submodel_for(row.iloc[0]) == "book"
    assert model.submodel_for(x.iloc[0]) == "full"


def test_rows_without_core_inputs_are_refused():
    x, y = _toy()
    model = DistressModel().fit(x, y)
    bad = x.iloc[[0, 1, 2]].copy()
    bad.loc[bad.index[0], "tl_ta"] = np.nan  # no leverage
    bad.loc[bad.index[1], "ni_ta"] = np.nan  # no profitability (no ebit_ta column either)
    p = model.predict_proba(bad)[:, 1]
    assert np.isnan(p[0]) and np.isnan(p[1]) and np.isfinite(p[2])
    assert model.explain(bad.iloc[0]) == []


def test_explain_sums_to_the_log_odds_difference_from_the_median_company():
    x, y = _toy()
    model = DistressModel().fit(x, y)
    row = x.iloc[3]
    parts = model.explain(row)
    sub = model.submodels_["full"]
    median_row = pd.DataFrame([dict(zip(sub.columns, sub.median, strict=True))])
    expected = model.decision_function(x.iloc[[3]])[0] - model.decision_function(median_row)[0]
    assert sum(p.contribution for p in parts) == pytest.approx(expected, abs=1e-9)
    assert abs(parts[0].contribution) >= abs(parts[-1].contribution)
    assert all(p.text for p in parts)


def test_calibration_lowers_the_brier_score_of_a_shifted_model():
    x, y = _toy(2000, seed=1)
    raw = DistressModel(calibration={"full": (-2.0, 1.0)}).fit(x, y)  # deliberately too low
    fixed = DistressModel().fit(x, y)
    p_raw = raw.predict_proba(x)[:, 1]
    p_fixed = fixed.predict_proba(x)[:, 1]
    assert np.mean((p_fixed - y) ** 2) < np.mean((p_raw - y) ** 2)


def test_multiclass_is_rejected_with_the_classes_named():
    x, _ = _toy(30)
    with pytest.raises(ValueError, match="binary"):
        DistressModel().fit(x, np.arange(30) % 3)


def test_woe_scorecard_challenger_is_monotone_in_the_theory_direction():
    # The WOE challenger of the walk-forward: raising a risk-raising ratio (tl_ta, +)
    # never lowers its probability, even where the noisy bins would say otherwise.
    from risk.model._validation import _WoeScorecard

    rng = np.random.default_rng(0)
    n = 4000
    x = pd.DataFrame({"tl_ta": rng.uniform(0, 2, n), "wc_ta": rng.normal(0, 0.3, n)})
    logit = -5 + 2 * x["tl_ta"] - 1.5 * x["wc_ta"]
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(float)
    card = _WoeScorecard(bins=10).fit(x, y)
    grid = pd.DataFrame({"tl_ta": np.linspace(-1, 3, 200), "wc_ta": 0.0})
    p = card.predict_proba(grid)[:, 1]
    assert (np.diff(p) >= -1e-15).all()
    assert p[-1] > p[0]
    grid = pd.DataFrame({"tl_ta": 1.0, "wc_ta": np.linspace(-1, 1, 200)})
    p = card.predict_proba(grid)[:, 1]
    assert (np.diff(p) <= 1e-15).all() and p[-1] < p[0]


def test_two_knots_are_a_linear_logistic_model_on_winsorised_features():
    """With knots at the 5 % and 95 % quantiles and no sign constraints, the model is
    scikit-learn's L2 logistic regression on clipped, standardised features."""
    from sklearn.linear_model import LogisticRegression

    x, y = _toy()
    x = x[["tl_ta", "ni_ta", "log_mve"]]
    model = DistressModel(C=0.5, knot_quantiles=(0.05, 0.95), signs={}, market_features=())
    p = model.fit(x, y).predict_proba(x)[:, 1]
    lo, hi = x.quantile(0.05).to_numpy(), x.quantile(0.95).to_numpy()
    z = np.clip(x.to_numpy(), lo, hi)
    z = (z - z.mean(axis=0)) / z.std(axis=0)
    reference = LogisticRegression(C=0.5, tol=1e-10, max_iter=10_000).fit(z, y)
    np.testing.assert_allclose(p, reference.predict_proba(z)[:, 1], rtol=1e-4, atol=1e-7)


def test_a_curve_bends_where_the_data_do():
    """Risk that rises only above a threshold is fitted by the curve, not by one slope."""
    rng = np.random.default_rng(1)
    n = 4000
    tl_ta = rng.uniform(0.0, 2.0, n)
    logit = -4.0 + 4.0 * np.maximum(tl_ta - 1.0, 0.0)  # flat below 1, steep above
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    x = pd.DataFrame({"tl_ta": tl_ta, "ni_ta": rng.normal(0, 0.1, n)})
    model = DistressModel(C=1.0, market_features=()).fit(x, y)
    grid = pd.DataFrame({"tl_ta": [0.1, 0.9, 1.1, 1.9], "ni_ta": 0.0})
    z = model.decision_function(grid)
    below, above = z[1] - z[0], z[3] - z[2]  # the truth: 0 and 3.2
    assert above > 2.0
    assert abs(below) < 0.25 * above
    # One slope per feature (two knots) cannot bend: it splits the difference.
    linear = DistressModel(C=1.0, knot_quantiles=(0.01, 0.99), market_features=()).fit(x, y)
    zl = linear.decision_function(grid)
    assert zl[1] - zl[0] == pytest.approx(zl[3] - zl[2], rel=1e-9)


@pytest.mark.parametrize("levels", [(0.5,), (0.9, 0.1), (0.1, 0.1, 0.9), (-0.1, 0.5), "abc"])
def test_bad_knot_quantiles_are_refused_with_the_rule(levels):
    x, y = _toy()
    with pytest.raises(ValueError, match="knot_quantiles must be at least two strictly"):
        DistressModel(knot_quantiles=levels).fit(x, y)


def test_a_fit_that_does_not_converge_warns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The optimiser's status is checked: stopped by its iteration limit, the fit says so."""
    import warnings

    from sklearn.exceptions import ConvergenceWarning

    import risk.model._estimator as estimator

    x, y = _toy()
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        DistressModel(market_features=()).fit(x, y)  # converges: no warning
    monkeypatch.setattr(estimator, "MAX_ITER", 2)
    with pytest.warns(ConvergenceWarning, match="did not converge after 2 iterations"):
        DistressModel(market_features=()).fit(x, y)
