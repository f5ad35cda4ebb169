"""``DistressModel``: a monotone additive logistic model with a book-value fallback.

The model is two logistic submodels on the same transformed features:

- ``full``: every feature, market-based ones included;
- ``book``: book-value features only (its own set, see ``book_features``), used for
  a row whose market value of equity is missing (many filings do not state it).

Each feature enters as a piecewise-linear curve: its value is clipped to its
outermost knots (training quantiles, by default the 1 % and 99 % ones) and
split into ramp segments between consecutive knots, each segment with its own
slope. A missing value is imputed at the training median and flagged by a
missing-indicator term (learned from the rows that lack it in training, e.g.
trends on a company's first year); the design columns are standardised. The
slopes are fitted by L-BFGS-B with an L2 penalty, and every slope of a feature
is held to the sign theory gives (``FEATURE_SIGNS``): each curve is monotone,
so the probability never falls when a risk-raising ratio rises with everything
else fixed. With two knots per feature the model is a linear logistic
regression on winsorised features.

A submodel may also have pairwise terms (:class:`Interaction`): the product of two
features' training ranks, entered as one more monotone rising curve. ``explain``
splits such a term between its two features (their Shapley values relative to the
median company), so every contribution still belongs to one feature.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.optimize import minimize
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.exceptions import ConvergenceWarning
from sklearn.utils.multiclass import check_classification_targets, type_of_target
from sklearn.utils.validation import check_is_fitted, validate_data

from risk.model._predict import BOOK, FULL, explain, probability, route
from risk.model._submodel import Interaction, SubModel, rank_grid
from risk.model._transform import BOOK_SIGNS, FEATURE_SIGNS, MARKET_FEATURES
from risk.model._types import Contribution

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["DEFAULT_KNOTS", "DistressModel", "Interaction", "SubModel"]


#: Iterations the optimiser may take; short of convergence the fit warns (ConvergenceWarning).
MAX_ITER = 2000

#: Quantile levels of the training distribution at which each feature's curve may bend.
DEFAULT_KNOTS: tuple[float, ...] = (0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99)


def _fit_logistic(
    design: np.ndarray, y: np.ndarray, c: float, bounds: Sequence[tuple[float | None, float | None]]
) -> tuple[np.ndarray, float]:
    """L2-penalised logistic regression (scikit-learn's C convention) with coefficient bounds."""
    _n, k = design.shape

    def objective(theta: np.ndarray) -> tuple[float, np.ndarray]:
        w = theta[:k]
        b = theta[k]
        z = design @ w + b
        # log(1 + exp(z)) - y z, stable
        loss = np.logaddexp(0.0, z) - y * z
        p = 0.5 * (1.0 + np.tanh(0.5 * z))
        r = p - y
        f = c * float(loss.sum()) + 0.5 * float(w @ w)
        grad = np.empty(k + 1)
        grad[:k] = c * (design.T @ r) + w
        grad[k] = c * float(r.sum())
        return f, grad

    prior = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    start = np.zeros(k + 1)
    start[k] = math.log(prior / (1 - prior))
    result = minimize(
        objective,
        start,
        jac=True,
        method="L-BFGS-B",
        bounds=[*bounds, (None, None)],
        options={"maxiter": MAX_ITER, "gtol": 1e-7},
    )
    if not result.success:
        warnings.warn(
            f"DistressModel: the L-BFGS-B fit of a logistic submodel ({k} design columns, "
            f"C={c}) did not converge after {result.nit} iterations: {result.message}; "
            "the coefficients are those of the last iteration",
            ConvergenceWarning,
            stacklevel=4,
        )
    theta = result.x
    return theta[:k].copy(), float(theta[k])


class DistressModel(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Probability that a company fails (files for bankruptcy) within 12 months.

    Parameters
    ----------
    C : float, default 0.01
        Inverse L2 regularisation strength (scikit-learn's convention).
    knot_quantiles : sequence of float, default ``DEFAULT_KNOTS``
        Strictly increasing quantile levels in [0, 1] (at least two) of each feature's
        training values at which its curve may bend; values are clipped to the first
        and last (winsorising). Coinciding knots (e.g. of a 0/1 feature) merge. Two
        levels ``(w, 1 - w)`` give a linear logistic model on winsorised features.
    min_missing : float, default 0.01
        A feature gets a missing-indicator term only when at least this share of the
        training rows lack it (e.g. trends, missing on a company's first year). A
        feature missing more rarely is imputed at its training median without a term:
        a term fitted on a handful of rows would swing the score arbitrarily.
    signs : mapping of str to int, or None, default None
        The sign each coefficient must take (+1, -1, 0 unconstrained), by feature
        name. None uses :data:`risk.model.FEATURE_SIGNS` for the features it knows.
    book_signs : mapping of str to int, or None, default None
        Signs that hold in the book-value-only submodel on top of ``signs``. None uses
        :data:`risk.model.BOOK_SIGNS` (size lowers the risk when market value is absent).
    market_features : sequence of str, default ``MARKET_FEATURES``
        The features that need the market value of equity. When present in ``X``,
        a book-value-only submodel is fitted as well and used for rows whose first
        market feature is missing. Empty: no submodel.
    full_features : sequence of str or None, default None
        The columns of ``X`` the full submodel reads; None: all of them.
    book_features : sequence of str or None, default None
        The columns of ``X`` the book-value submodel reads (none of them a market
        feature); None: the full submodel's columns without the market features.
    interactions : mapping of str to sequence of (str, str, int, str, int), or None
        Pairwise terms per submodel (``"full"``, ``"book"``): (name, first feature,
        its direction, second feature, its direction), see :class:`Interaction`. Both
        features must be columns of that submodel; each term's curve is held rising.
        None: no pairwise terms.
    calibration : mapping of str to (float, float), or None, default None
        Platt maps per submodel (``{"full": (a, b), "book": (a, b)}``): calibrated
        logit = a + b * fitted logit. Fitted on out-of-time predictions by
        :func:`risk.model.train`; None is the identity.
    random_state : int, default 0
        Recorded in the artefact; the fit itself is deterministic.

    Attributes
    ----------
    classes_ : ndarray of shape (2,)
    n_features_in_ : int
    feature_names_in_ : ndarray of str
        Only when ``X`` was a DataFrame.
    submodels_ : dict of str to SubModel
        ``"full"`` and (when market features are present) ``"book"``.
    """

    #: Set by :func:`risk.model.load_model`; defaults for a freshly fitted model.
    name: str = "distress"
    version: str = "unversioned"
    sha256: str | None = None

    def __init__(
        self,
        *,
        C: float = 0.01,
        knot_quantiles: Sequence[float] = DEFAULT_KNOTS,
        min_missing: float = 0.01,
        signs: Mapping[str, int] | None = None,
        book_signs: Mapping[str, int] | None = None,
        market_features: Sequence[str] = MARKET_FEATURES,
        full_features: Sequence[str] | None = None,
        book_features: Sequence[str] | None = None,
        interactions: Mapping[str, Sequence[tuple[str, str, int, str, int]]] | None = None,
        calibration: Mapping[str, Sequence[float]] | None = None,
        random_state: int = 0,
    ) -> None:
        self.C = C
        self.knot_quantiles = knot_quantiles
        self.min_missing = min_missing
        self.signs = signs
        self.book_signs = book_signs
        self.market_features = market_features
        self.full_features = full_features
        self.book_features = book_features
        self.interactions = interactions
        self.calibration = calibration
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        tags.classifier_tags.multi_class = False
        return tags

    # ------------------------------------------------------------------ fit
    def _names(self) -> list[str]:
        names = getattr(self, "feature_names_in_", None)
        if names is not None:
            return [str(n) for n in names]
        return [f"x{i}" for i in range(self.n_features_in_)]

    def fit(self, X: Any, y: Any) -> DistressModel:
        """Fit both submodels.

        Parameters
        ----------
        X : array-like or DataFrame of shape (n_samples, n_features)
            Features (NaN allowed), e.g. from :func:`risk.model.model_features`.
        y : array-like of shape (n_samples,)
            Binary target (1 = failed within the next year).

        Returns
        -------
        DistressModel
            self.
        """
        if not isinstance(self.C, int | float) or not self.C > 0:
            raise ValueError(f"C must be a positive number; got {self.C!r}")
        levels = _check_knot_quantiles(self.knot_quantiles)
        if not isinstance(self.min_missing, int | float) or not 0 <= self.min_missing <= 1:
            raise ValueError(f"min_missing must be in [0, 1]; got {self.min_missing!r}")
        values, target = validate_data(
            self, X, y, ensure_all_finite="allow-nan", dtype="float64", y_numeric=False
        )
        check_classification_targets(target)
        y_type = type_of_target(target, input_name="y", raise_unknown=True)
        classes, encoded = np.unique(target, return_inverse=True)
        if len(classes) < 2:
            raise ValueError(
                f"y has only one class ({classes[0]!r}): DistressModel needs both outcomes"
            )
        if y_type != "binary" or len(classes) != 2:
            raise ValueError(
                "Only binary classification is supported. The type of the target is "
                f"{y_type}; DistressModel needs exactly two classes, got {classes!r}"
            )
        self.classes_ = classes
        yy = encoded.astype("float64")
        names = self._names()
        signs = dict(FEATURE_SIGNS if self.signs is None else self.signs)
        cal = dict(self.calibration or {})
        self.submodels_: dict[str, SubModel] = {}
        for block, columns in self._blocks(names).items():
            if not columns:
                continue
            cols = [names.index(c) for c in columns]
            pair = cal.get(block, (0.0, 1.0))
            block_signs = dict(signs)
            if block == BOOK:
                block_signs.update(BOOK_SIGNS if self.book_signs is None else self.book_signs)
            self.submodels_[block] = self._fit_block(
                values[:, cols],
                yy,
                columns,
                block_signs,
                (float(pair[0]), float(pair[1])),
                levels,
                dict(self.interactions or {}).get(block, ()),
            )
        return self

    def _blocks(self, names: list[str]) -> dict[str, list[str]]:
        """The columns of each submodel, checked against the columns of ``X``."""
        market = [m for m in self.market_features if m in names]
        full = list(names if self.full_features is None else self.full_features)
        blocks: dict[str, list[str]] = {FULL: full}
        if market:
            book = self.book_features
            blocks[BOOK] = [n for n in full if n not in market] if book is None else list(book)
        for block, columns in blocks.items():
            unknown = [c for c in columns if c not in names]
            if unknown:
                raise ValueError(
                    f"{block}_features name columns X does not have: {unknown}; X has {names}"
                )
        leaked = [c for c in blocks.get(BOOK, []) if c in market]
        if leaked:
            raise ValueError(f"book_features must not contain market features; got {leaked}")
        for block, pairs in dict(self.interactions or {}).items():
            if block not in blocks:
                raise ValueError(
                    f"interactions name the submodel {block!r}; this fit has {list(blocks)}"
                )
            for pair in pairs:
                if len(pair) != 5 or pair[1] not in blocks[block] or pair[3] not in blocks[block]:
                    raise ValueError(
                        f"interactions[{block!r}]: {pair!r} must be (name, feature, direction, "
                        f"feature, direction) with two of the submodel's columns "
                        f"{blocks[block]}"
                    )
        return blocks

    def _fit_block(
        self,
        values: np.ndarray,
        y: np.ndarray,
        columns: list[str],
        signs: Mapping[str, int],
        calibration: tuple[float, float],
        levels: np.ndarray,
        pairs: Sequence[tuple[str, str, int, str, int]] = (),
    ) -> SubModel:
        knots, median = _feature_knots(values, levels)
        filled = np.where(np.isnan(values), median, values)
        interactions = [_interaction(pair, columns, values) for pair in pairs]
        pos = {c: i for i, c in enumerate(columns)}
        for it in interactions:
            term = it.values(filled[:, pos[it.first]], filled[:, pos[it.second]])
            knots.append(tuple(float(v) for v in np.unique(np.quantile(term, levels))))
        indicators = self._indicators(np.isnan(values), columns)
        width = sum(len(kn) - 1 for kn in knots) + len(indicators)
        partial = SubModel(
            columns=tuple(columns),
            knots=tuple(knots),
            median=tuple(float(v) for v in median),
            indicators=tuple(indicators),
            mean=(0.0,) * width,
            scale=(1.0,) * width,
            coef=(0.0,) * width,
            intercept=0.0,
            calibration=calibration,
            interactions=tuple(interactions),
        )
        raw = partial.design(values)
        mean = raw.mean(axis=0)
        scale = raw.std(axis=0)
        scale[scale == 0] = 1.0
        design = (raw - mean) / scale
        term_signs = [int(signs.get(name, 0)) for name in columns] + [1] * len(interactions)
        bounds: list[tuple[float | None, float | None]] = []
        for sign, term_knots in zip(term_signs, knots, strict=True):
            bound = (0.0, None) if sign > 0 else (None, 0.0) if sign < 0 else (None, None)
            bounds.extend(bound for _ in range(len(term_knots) - 1))
        bounds.extend((None, None) for _ in indicators)
        coef, intercept = _fit_logistic(design, y, float(self.C), bounds)
        return replace(
            partial,
            mean=tuple(float(v) for v in mean),
            scale=tuple(float(v) for v in scale),
            coef=tuple(float(v) for v in coef),
            intercept=intercept,
        )

    def _indicators(self, missing: np.ndarray, columns: list[str]) -> list[str]:
        """Columns whose missingness gets its own term (often enough missing, and not on
        the same rows as an earlier one)."""
        indicators: list[str] = []
        seen: list[np.ndarray] = []
        for j, name in enumerate(columns):
            m = missing[:, j]
            if m.all() or m.mean() < self.min_missing:
                continue
            if any(np.array_equal(m, s) for s in seen):
                continue  # same rows as an earlier indicator: one term is enough
            seen.append(m)
            indicators.append(name)
        return indicators

    # -------------------------------------------------------------- predict
    def _values(self, X: Any) -> np.ndarray:
        check_is_fitted(self)
        values: np.ndarray = validate_data(
            self, X, reset=False, ensure_all_finite="allow-nan", dtype="float64"
        )
        return values

    def _route(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated logit per row, and the submodel used (``"full"``/``"book"``/``""``)."""
        return route(self.submodels_, self._names(), self.market_features, values)

    def decision_function(self, X: Any) -> np.ndarray:
        """Calibrated log-odds of failure (NaN for refused rows)."""
        logit, _ = self._route(self._values(X))
        return logit

    def predict_proba(self, X: Any) -> np.ndarray:
        """Probabilities of each class, shape (n_samples, 2); NaN rows were refused.

        A row is refused (NaN) when it lacks total assets, a leverage measure
        (``tl_ta``) or both profitability measures (``ebit_ta``, ``ni_ta``).
        """
        p1 = probability(self.decision_function(X))
        return np.column_stack([1.0 - p1, p1])

    def predict(self, X: Any) -> np.ndarray:
        """The more likely class (refused rows get the first class)."""
        p1 = self.predict_proba(X)[:, 1]
        return np.asarray(self.classes_[(p1 > 0.5).astype(int)])

    # -------------------------------------------------------------- explain
    def submodel_for(self, features_row: Mapping[str, float] | pd.Series) -> str:
        """Which submodel scores a row (``"full"``, ``"book"``, or ``""`` when refused)."""
        values = self._row_values(features_row)
        _, used = self._route(values)
        return str(used[0])

    def _row_values(self, features_row: Mapping[str, float] | pd.Series) -> np.ndarray:
        check_is_fitted(self)
        names = self._names()
        row = dict(features_row)
        values = np.array(
            [[float(row[n]) if row.get(n) is not None else math.nan for n in names]],
            dtype="float64",
        )
        return values

    def explain(self, features_row: Mapping[str, float] | pd.Series) -> list[Contribution]:
        """Each feature's contribution to the calibrated log-odds of one row.

        Parameters
        ----------
        features_row : mapping or pandas.Series
            One row of :func:`risk.model.model_features` (feature name -> value;
            missing or NaN values are imputed as in scoring).

        Returns
        -------
        list of Contribution
            Relative to a baseline company with every feature at its training
            median (so contributions sum to the row's log-odds minus the baseline's),
            sorted by absolute size, largest first; a pairwise term of the submodel is
            split between its two features (:meth:`SubModel.contributions`). Empty
            when the row is refused.
        """
        check_is_fitted(self)
        return explain(self.submodels_, self._names(), self.market_features, dict(features_row))


def _feature_knots(
    values: np.ndarray, levels: np.ndarray
) -> tuple[list[tuple[float, ...]], np.ndarray]:
    """Per column: its knots (distinct training quantiles at ``levels``) and its median
    after clipping to them (0 and a single knot for a column with no value)."""
    k = values.shape[1]
    knots: list[tuple[float, ...]] = []
    median = np.zeros(k)
    for j in range(k):
        col = values[:, j]
        ok = col[~np.isnan(col)]
        if len(ok) == 0:
            knots.append((0.0,))
            continue
        kn = np.unique(np.quantile(ok, levels))
        knots.append(tuple(float(v) for v in kn))
        median[j] = float(np.median(np.clip(ok, kn[0], kn[-1])))
    return knots, median


def _interaction(
    pair: tuple[str, str, int, str, int], columns: list[str], values: np.ndarray
) -> Interaction:
    """An :class:`Interaction` with rank grids from the training values of its features."""
    name, first, first_direction, second, second_direction = pair
    grids = {}
    for feature in (first, second):
        col = values[:, columns.index(feature)]
        ok = col[~np.isnan(col)]
        if len(ok) == 0:
            raise ValueError(f"interaction {name!r}: {feature!r} has no training value")
        grids[feature] = rank_grid(ok)
    return Interaction(
        name=str(name),
        first=str(first),
        first_direction=int(first_direction),
        first_grid=grids[first][0],
        first_ranks=grids[first][1],
        second=str(second),
        second_direction=int(second_direction),
        second_grid=grids[second][0],
        second_ranks=grids[second][1],
    )


def _check_knot_quantiles(levels: Any) -> np.ndarray:
    """The knot quantile levels as an array, or a ValueError naming the rule broken."""
    try:
        arr = np.asarray(levels, dtype="float64")
    except (TypeError, ValueError):
        arr = np.asarray([], dtype="float64")
        ok = False
    else:
        ok = (
            arr.ndim == 1
            and len(arr) >= 2
            and bool(np.all(np.isfinite(arr)))
            and bool(np.all((arr >= 0) & (arr <= 1)))
            and bool(np.all(np.diff(arr) > 0))
        )
    if not ok:
        raise ValueError(
            "knot_quantiles must be at least two strictly increasing numbers in [0, 1]; "
            f"got {levels!r}"
        )
    return arr
