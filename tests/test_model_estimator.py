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


# ---------------------------------------------------------------- pairwise terms

_PAIRS = {"full": (("size_x_leverage", "log_ta", 1, "tl_ta", 1),)}


def _toy_sized(n: int = 1500, seed: int = 2) -> tuple[pd.DataFrame, np.ndarray]:
    """Leverage raises the risk, and more so for larger companies (made-up data)."""
    rng = np.random.default_rng(seed)
    tl_ta = rng.uniform(0.1, 1.5, n)
    log_ta = rng.uniform(1.0, 9.0, n)
    ni_ta = rng.normal(0.0, 0.1, n)
    logit = -6 + 1.0 * tl_ta + 0.5 * tl_ta * (log_ta - 1) - 8 * ni_ta
    y = (rng.uniform(size=n) < 1 / (1 + np.exp(-logit))).astype(int)
    return pd.DataFrame({"tl_ta": tl_ta, "ni_ta": ni_ta, "log_ta": log_ta}), y


def test_interaction_ranks_are_read_off_the_training_percentiles():
    from risk.model import Interaction
    from risk.model._submodel import rank_grid as _rank_grid

    # 0, 1, ..., 100: the k-th percentile is k, so a value's rank is value / 100.
    grid, ranks = _rank_grid(np.arange(101.0))
    it = Interaction(
        name="t",
        first="a",
        first_direction=1,
        first_grid=grid,
        first_ranks=ranks,
        second="b",
        second_direction=-1,
        second_grid=grid,
        second_ranks=ranks,
    )
    # rank(25) = 0.25; b turned round: 1 - rank(40) = 0.6; beyond the grid: held at 1 / 0.
    np.testing.assert_allclose(
        it.values(np.array([25.0, 250.0, 50.0]), np.array([40.0, -5.0, 100.0])),
        [0.25 * 0.6, 1.0 * 1.0, 0.5 * 0.0],
    )
    # A spike gets the middle of its ranks, not its lowest: 100 zeros then 1..100; the
    # percentile at level q sits at position 199 q, so levels 0.00-0.49 are all 0 and
    # their mean rank is 0.245.
    grid, ranks = _rank_grid(np.r_[np.zeros(100), np.arange(1.0, 101.0)])
    assert grid[0] == 0.0 and ranks[0] == pytest.approx(0.245)
    assert grid[1] > 0.0 and ranks[1] == pytest.approx(0.50)


def test_a_pairwise_term_is_fitted_rising_and_kept_through_the_artefact(tmp_path):
    from risk.model import load_model
    from risk.model._artefact import artefact_payload, write_artefact

    x, y = _toy_sized()
    model = DistressModel(market_features=(), signs={"tl_ta": 1, "ni_ta": -1, "log_ta": -1})
    model.set_params(interactions=_PAIRS).fit(x, y)
    sub = model.submodels_["full"]
    assert sub.terms == ("tl_ta", "ni_ta", "log_ta", "size_x_leverage")
    assert all(c >= 0.0 for c in sub.slopes("size_x_leverage"))
    assert sub.curve_range()["size_x_leverage"] > 0.0  # the data have the interaction
    assert all(c <= 0.0 for c in sub.slopes("log_ta"))
    path = tmp_path / "m.json"
    write_artefact(artefact_payload(model), path)
    loaded = load_model(path)
    assert loaded.submodels_["full"].interactions == sub.interactions
    np.testing.assert_array_equal(loaded.predict_proba(x), model.predict_proba(x))


def test_explain_splits_a_pairwise_term_between_its_two_features():
    x, y = _toy_sized()
    model = DistressModel(market_features=(), interactions=_PAIRS).fit(x, y)
    sub = model.submodels_["full"]
    median = dict(zip(sub.columns, sub.median, strict=True))
    row = x.iloc[7]
    parts = {p.feature: p.contribution for p in model.explain(row)}
    assert set(parts) == {"tl_ta", "ni_ta", "log_ta"}  # no contribution for the term itself
    expected = (
        model.decision_function(x.iloc[[7]])[0] - model.decision_function(pd.DataFrame([median]))[0]
    )
    assert sum(parts.values()) == pytest.approx(expected, abs=1e-9)
    # Only leverage moved from the median company: size gets nothing, even though the
    # pairwise term changed (Shapley: no effect alone, no effect given the other).
    moved = pd.Series({**median, "tl_ta": 1.4})
    by_feature = {p.feature: p.contribution for p in model.explain(moved)}
    assert by_feature["log_ta"] == pytest.approx(0.0, abs=1e-12)
    assert by_feature["tl_ta"] > 0.0


def test_interactions_must_pair_columns_of_their_submodel():
    x, y = _toy_sized(200)
    with pytest.raises(ValueError, match="interactions"):
        DistressModel(
            market_features=(), interactions={"full": (("t", "log_ta", 1, "missing", 1),)}
        ).fit(x, y)
    with pytest.raises(ValueError, match="submodel 'book'"):
        DistressModel(market_features=(), interactions={"book": _PAIRS["full"]}).fit(x, y)
