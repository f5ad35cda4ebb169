"""Walk-forward validation: train on fiscal years before t, test on year t.

Every candidate and every unfitted published score is evaluated on the same
rows in the same run. The functions here are used by ``risk train`` (which
stores the tables in the artefact), by the model card and by the notebook.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from risk.model._estimator import DistressModel
from risk.model._transform import (
    BOOK_FEATURES,
    BOOK_INTERACTIONS,
    BOOK_SIGNS,
    FEATURE_SIGNS,
    FULL_FEATURES,
    MODEL_FEATURES,
    V2_BOOK_FEATURES,
)

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BASELINES",
    "BOOK_CANDIDATES",
    "BOOK_ROW",
    "CANDIDATES",
    "SEGMENT_TEXT",
    "Candidate",
    "WalkForward",
    "distress_estimator",
    "distressed_segment",
    "evaluate",
    "fit_platt",
    "reliability_table",
    "walk_forward",
]

#: Published scores evaluated unfitted, with the direction in which risk rises.
#: name -> (feature_table column, +1 if a higher score means riskier, else -1).
BASELINES: dict[str, tuple[str, int]] = {
    "Altman Z (1968)": ("altman_z", -1),
    "Altman Z' (1983)": ("altman_z_prime", -1),
    "Altman Z'' (1995)": ("altman_z_double_prime", -1),
    "Ohlson O (1980)": ("ohlson_p", 1),
    "Zmijewski (1984)": ("zmijewski_p", 1),
}
#: Baselines that are probabilities (calibration figures make sense for them).
_PROBABILITY_BASELINES = {"ohlson_p", "zmijewski_p"}

HAZARD_FEATURES: tuple[str, ...] = ("log_age",)


@dataclass(frozen=True)
class Candidate:
    """A model to compare: how to build it and which columns it reads.

    ``book`` marks a book-value model: it reads no market feature and is compared with
    the shipped model's book submodel (the market value of equity is absent from most
    filings), in tables of its own.
    """

    name: str
    build: Callable[[], Any]
    columns: tuple[str, ...]
    start: int  # first training fiscal year
    book: bool = False


def distress_estimator(**params: Any) -> DistressModel:
    """The shipped model's configuration, unfitted.

    The full submodel reads :data:`FULL_FEATURES` (as in 2.0.0); the book submodel its
    own :data:`BOOK_FEATURES` with the pairwise terms :data:`BOOK_INTERACTIONS`. Fit it on
    :data:`MODEL_FEATURES`. ``params`` go to :class:`DistressModel` (e.g. calibration).
    """
    return DistressModel(
        full_features=FULL_FEATURES,
        book_features=BOOK_FEATURES,
        interactions={"book": BOOK_INTERACTIONS},
        **params,
    )


def _hgb(
    columns: Sequence[str] = FULL_FEATURES, *, monotone: bool = True, size_free: bool = False
) -> Any:
    """Gradient boosting, held to the theory signs of :data:`FEATURE_SIGNS` (size
    excepted when ``size_free``) or unconstrained."""
    from sklearn.ensemble import HistGradientBoostingClassifier

    signs = {**FEATURE_SIGNS, **({"log_ta": 0, "ohlson_size": 0} if size_free else {})}
    return HistGradientBoostingClassifier(
        max_iter=200,
        learning_rate=0.05,
        max_leaf_nodes=15,
        min_samples_leaf=50,
        l2_regularization=1.0,
        monotonic_cst=[signs.get(c, 0) if monotone else 0 for c in columns],
        random_state=0,
    )


class _WoeScorecard:
    """Evaluation-only challenger: a monotone weight-of-evidence scorecard.

    Each feature is cut into (up to) ``bins`` bins at its training quantiles; the
    weight of evidence of a bin (log odds of failure in the bin minus the training
    log odds, smoothed by half an event) is made monotone in the direction of
    :data:`FEATURE_SIGNS` by isotonic regression (free features keep their raw
    WOE); a missing value gets its own WOE when at least 20 training rows lack it
    (else 0). A logistic regression on the WOE columns with non-negative
    coefficients (L2, C = 0.1) gives the probability. Everything is fitted on the
    training years only.
    """

    def __init__(self, bins: int = 20) -> None:
        self.bins = bins

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> _WoeScorecard:
        from sklearn.isotonic import IsotonicRegression

        from risk.model._estimator import _fit_logistic

        yy = np.asarray(y, dtype="float64")
        events = yy.sum()
        base = math.log(events / (len(yy) - events))
        self.maps_: list[tuple[np.ndarray, np.ndarray, float]] = []
        for name in X.columns:
            x = X[name].to_numpy(dtype="float64")
            ok = ~np.isnan(x)
            edges = np.unique(np.quantile(x[ok], np.linspace(0, 1, self.bins + 1)[1:-1]))
            idx = np.searchsorted(edges, x[ok], side="right")
            k = len(edges) + 1
            ev = np.bincount(idx, weights=yy[ok], minlength=k)
            n = np.bincount(idx, minlength=k).astype("float64")
            woe = np.log((ev + 0.5) / (n - ev + 0.5)) - base
            sign = FEATURE_SIGNS.get(str(name), 0)
            if sign:
                iso = IsotonicRegression(increasing=sign > 0).fit(
                    np.arange(k), woe, sample_weight=n
                )
                woe = iso.predict(np.arange(k))
            miss = ~ok
            woe_missing = 0.0
            if miss.sum() >= 20:
                em = yy[miss].sum()
                woe_missing = math.log((em + 0.5) / (miss.sum() - em + 0.5)) - base
            self.maps_.append((edges, woe, woe_missing))
        design = self._design(X)
        coef, intercept = _fit_logistic(design, yy, 0.1, [(0.0, None)] * design.shape[1])
        self.coef_, self.intercept_ = coef, intercept
        return self

    def _design(self, X: pd.DataFrame) -> np.ndarray:
        cols = []
        for (edges, woe, woe_missing), name in zip(self.maps_, X.columns, strict=True):
            x = X[name].to_numpy(dtype="float64")
            out = np.full(len(x), woe_missing)
            ok = ~np.isnan(x)
            out[ok] = woe[np.searchsorted(edges, x[ok], side="right")]
            cols.append(out)
        return np.column_stack(cols)

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        p1 = _sigmoid(self._design(X) @ self.coef_ + self.intercept_)
        return np.column_stack([1 - p1, p1])


class _LogitAverage:
    """Evaluation-only challenger: the monotone additive logistic model and monotone
    gradient boosting, averaged with equal weights in log-odds."""

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> _LogitAverage:
        self.members_ = [DistressModel().fit(X, y), _hgb(list(X.columns)).fit(X, y)]
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        logits = []
        for member in self.members_:
            p = np.clip(member.predict_proba(X)[:, 1], 1e-12, 1 - 1e-12)
            logits.append(np.log(p / (1 - p)))
        p1 = _sigmoid(np.mean(logits, axis=0))
        return np.column_stack([1 - p1, p1])


#: The 23 features of model 1.1.0 (before the quick ratio, current liabilities / total
#: assets, earnings yield, market-to-book and lagged NIMTA were added).
V1_FEATURES: tuple[str, ...] = tuple(
    f for f in FULL_FEATURES if f not in ("quick", "cl_ta", "ni_mve", "mve_ta", "nimta_lag")
)

#: Model 1.1.0's form: one slope per feature on features winsorised at 5 %/95 %, C = 0.1.
LINEAR_KNOTS: tuple[float, float] = (0.05, 0.95)


def _linear() -> DistressModel:
    return DistressModel(C=0.1, knot_quantiles=LINEAR_KNOTS)


#: Ratios tried for the book model and left out: three liquidity and cash-flow ratios the
#: panel supports (funds from operations / total liabilities, current assets other than
#: inventory and receivables / total assets, Ohlson's bounded change in net income), which
#: did not raise the tuning figures, and four weaker ones (long-term debt / total
#: liabilities, receivables / total assets, gross margin, accumulated deficit).
ADDED_BOOK_FEATURES: tuple[str, ...] = ("ffo_tl", "liquid_ta", "ni_change")
WEAKER_BOOK_FEATURES: tuple[str, ...] = ("ltd_tl", "rec_ta", "gp_sales", "re_neg")

#: The book model's features with nominal size (log total assets) instead of real size.
_BOOK_NOMINAL: tuple[str, ...] = tuple("log_ta" if f == "ohlson_size" else f for f in BOOK_FEATURES)

#: The row of the shipped model's book submodel (calibrated out of time) in the tables.
BOOK_ROW = "book-value-only submodel (no market value), train from 2003"


#: Theory signs of the ratios tried (long-term debt / total liabilities and receivables /
#: total assets are left free).
_TRIED_SIGNS: dict[str, int] = {
    "ffo_tl": -1,
    "liquid_ta": -1,
    "ni_change": -1,
    "gp_sales": -1,
    "re_neg": 1,
}


def _book_model(
    columns: Sequence[str], *, pairs: bool = True, size_free: bool = False
) -> Callable[[], DistressModel]:
    """A book-value-only model in the shipped form (one submodel, no market features),
    with the shipped pairwise terms (on nominal size when ``columns`` lack real size)."""
    signs = {**FEATURE_SIGNS, **BOOK_SIGNS, **_TRIED_SIGNS}
    if size_free:
        signs.update({"log_ta": 0, "ohlson_size": 0})
    size = "ohlson_size" if "ohlson_size" in columns else "log_ta"
    terms = tuple(
        (n, size if a == "ohlson_size" else a, da, b, db) for n, a, da, b, db in BOOK_INTERACTIONS
    )

    def build() -> DistressModel:
        return DistressModel(
            signs=signs, market_features=(), interactions={"full": terms} if pairs else None
        )

    return build


def _book_hgb(*, monotone: bool) -> Callable[[], Any]:
    def build() -> Any:
        return _BookHgb(monotone=monotone)

    return build


class _BookHgb:
    """Evaluation-only challenger: gradient boosting on book-value features (size free)."""

    def __init__(self, *, monotone: bool) -> None:
        self.monotone = monotone

    def fit(self, X: pd.DataFrame, y: np.ndarray) -> _BookHgb:
        self.model_ = _hgb(list(X.columns), monotone=self.monotone, size_free=True).fit(X, y)
        return self

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray:
        return np.asarray(self.model_.predict_proba(X))


#: Book-value models compared with the shipped book submodel (same rows, same years).
BOOK_CANDIDATES: tuple[Candidate, ...] = (
    Candidate(
        "book 3.0.0: monotone additive + size x leverage, size x loss",
        _book_model(BOOK_FEATURES),
        BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "book 2.0.0: 2.0.0 book ratios, additive, size held <= 0",
        _book_model(V2_BOOK_FEATURES, pairs=False),
        V2_BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "2.0.0 book ratios, additive, size free",
        _book_model(V2_BOOK_FEATURES, pairs=False, size_free=True),
        V2_BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "3.0.0 book features, additive, size held <= 0 (no pairwise terms)",
        _book_model(BOOK_FEATURES, pairs=False),
        BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "3.0.0 book features, additive, size free (no pairwise terms)",
        _book_model(BOOK_FEATURES, pairs=False, size_free=True),
        BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "3.0.0 form, nominal size (log total assets)",
        _book_model(_BOOK_NOMINAL),
        _BOOK_NOMINAL,
        2003,
        book=True,
    ),
    Candidate(
        "3.0.0 form + FFO / TL, liquid assets / TA, Ohlson's CHIN",
        _book_model(BOOK_FEATURES + ADDED_BOOK_FEATURES),
        BOOK_FEATURES + ADDED_BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "3.0.0 form + those three + four weaker ratios",
        _book_model(BOOK_FEATURES + ADDED_BOOK_FEATURES + WEAKER_BOOK_FEATURES),
        BOOK_FEATURES + ADDED_BOOK_FEATURES + WEAKER_BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "HistGradientBoosting (monotone, size free), 3.0.0 book features",
        _book_hgb(monotone=True),
        BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "HistGradientBoosting (unconstrained), 3.0.0 book features",
        _book_hgb(monotone=False),
        BOOK_FEATURES,
        2003,
        book=True,
    ),
    Candidate(
        "HistGradientBoosting (unconstrained), 2.0.0 book ratios",
        _book_hgb(monotone=False),
        V2_BOOK_FEATURES,
        2003,
        book=True,
    ),
)

#: The candidates compared by ``risk train``; the first is the shipped model.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate(
        "monotone additive logistic (piecewise-linear), train from 2003",
        distress_estimator,
        MODEL_FEATURES,
        2003,
    ),
    Candidate(
        "monotone additive logistic (piecewise-linear), train from 1999",
        distress_estimator,
        MODEL_FEATURES,
        1999,
    ),
    Candidate(
        "discrete-time hazard (additive logit + log age in panel), from 2003",
        DistressModel,
        FULL_FEATURES + HAZARD_FEATURES,
        2003,
    ),
    Candidate(
        "linear logistic (sign-constrained, winsorised), 1.1.0 features, from 2003",
        _linear,
        V1_FEATURES,
        2003,
    ),
    Candidate(
        "linear logistic (sign-constrained, winsorised), all features, from 2003",
        _linear,
        FULL_FEATURES,
        2003,
    ),
    Candidate("HistGradientBoosting (monotone), train from 2003", _hgb, FULL_FEATURES, 2003),
    Candidate(
        "WOE scorecard (20 monotone quantile bins), train from 2003",
        _WoeScorecard,
        FULL_FEATURES,
        2003,
    ),
    Candidate(
        "additive logistic + HistGradientBoosting, averaged in log-odds, from 2003",
        _LogitAverage,
        FULL_FEATURES,
        2003,
    ),
    *BOOK_CANDIDATES,
)


def evaluate(y: np.ndarray, p: np.ndarray, *, probability: bool = True) -> dict[str, float]:
    """Discrimination and calibration figures for one set of predictions.

    Parameters
    ----------
    y : ndarray of shape (n,)
        1 = failed within the next year.
    p : ndarray of shape (n,)
        Probabilities (or any score where higher is riskier when ``probability`` is
        False; calibration figures are then NaN).

    Returns
    -------
    dict
        ``n``, ``events``, ``auc``, ``gini`` (2 AUC - 1), ``top_decile_capture``
        (share of events among the 10 % riskiest rows), ``pr_auc`` (average
        precision), ``brier``, ``mean_predicted``, ``observed_rate`` and
        ``calibration_ratio`` (mean predicted / observed).
    """
    y = np.asarray(y, dtype="float64")
    p = np.asarray(p, dtype="float64")
    n = len(y)
    events = float(y.sum())
    out: dict[str, float] = {"n": float(n), "events": events}
    if n == 0 or events == 0 or events == n:
        nan = math.nan
        out.update(auc=nan, gini=nan, top_decile_capture=nan, pr_auc=nan)
    else:
        auc = float(roc_auc_score(y, p))
        k = math.ceil(0.1 * n)
        order = np.argsort(-p, kind="stable")
        out["auc"] = auc
        out["gini"] = 2 * auc - 1
        out["top_decile_capture"] = float(y[order[:k]].sum() / events)
        out["pr_auc"] = float(average_precision_score(y, p))
    observed = events / n if n else math.nan
    out["observed_rate"] = observed
    if probability and n:
        out["brier"] = float(np.mean((p - y) ** 2))
        out["mean_predicted"] = float(p.mean())
        out["calibration_ratio"] = float(p.mean() / observed) if observed > 0 else math.nan
    else:
        out["brier"] = out["mean_predicted"] = out["calibration_ratio"] = math.nan
    return out


def reliability_table(y: np.ndarray, p: np.ndarray, bins: int = 10) -> list[dict[str, float]]:
    """Mean predicted and observed failure rate per decile of predicted probability."""
    y = np.asarray(y, dtype="float64")
    p = np.asarray(p, dtype="float64")
    order = np.argsort(p, kind="stable")
    rows = []
    for i, chunk in enumerate(np.array_split(order, bins)):
        if len(chunk) == 0:
            continue
        rows.append(
            {
                "bin": float(i + 1),
                "n": float(len(chunk)),
                "mean_predicted": float(p[chunk].mean()),
                "observed_rate": float(y[chunk].mean()),
                "events": float(y[chunk].sum()),
            }
        )
    return rows


def fit_platt(raw_logit: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    """Platt scaling: (a, b) so that sigmoid(a + b * raw_logit) is calibrated."""
    from risk.model._estimator import _fit_logistic

    x = np.asarray(raw_logit, dtype="float64")[:, None]
    coef, intercept = _fit_logistic(x, np.asarray(y, dtype="float64"), 1e6, [(0.0, None)])
    return intercept, float(coef[0])


@dataclass
class WalkForward:
    """The result of :func:`walk_forward`."""

    years: tuple[int, ...]
    pooled_years: tuple[int, ...]
    #: name -> year (or "pooled") -> metrics
    metrics: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)
    #: name -> reliability table on the pooled years
    reliability: dict[str, list[dict[str, float]]] = field(default_factory=dict)
    #: out-of-time raw logits of the first candidate per submodel, with year and label
    oot: dict[str, np.ndarray] = field(default_factory=dict)
    #: years pooled under the key "tuning" (the years to choose on, before the headline ones)
    tuning_years: tuple[int, ...] = ()
    #: calibration of the first candidate in the distressed segment (out of time, all years)
    segments: list[dict[str, Any]] = field(default_factory=list)

    def table(self, key: str = "pooled", names: Sequence[str] | None = None) -> pd.DataFrame:
        """One row per model for a year (or ``"pooled"``)."""
        import pandas as pd

        rows = []
        for name in names or list(self.metrics):
            m = self.metrics[name].get(key)
            if m is not None:
                rows.append({"model": name, **m})
        return pd.DataFrame(rows)


def _panel_extras(panel: pd.DataFrame) -> pd.DataFrame:
    """Columns only candidates use: log(1 + years since first panel row) for the hazard
    model (a filing does not give a company's listing history), and the book ratios
    tried and left out (:data:`ADDED_BOOK_FEATURES`, :data:`WEAKER_BOOK_FEATURES`)."""
    import pandas as pd

    def col(name: str) -> np.ndarray:
        return panel[name].to_numpy(dtype="float64", na_value=np.nan)

    def div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        with np.errstate(divide="ignore", invalid="ignore"):
            out = a / np.where(b > 0, b, np.nan)
        return np.where(np.isfinite(out), out, np.nan)

    from risk.model._transform import prior_year_rows

    first = panel.groupby("entity")["fiscal_year"].transform("min")
    retained = col("retained_earnings")
    ni = col("net_income")
    prev = prior_year_rows(panel)
    prev_ni = np.where(prev >= 0, ni[np.maximum(prev, 0)], np.nan)
    liquid = col("current_assets") - col("inventory") - col("receivables")
    return pd.DataFrame(
        {
            "log_age": np.log1p(panel["fiscal_year"] - first),
            "ffo_tl": div(ni + col("depreciation_amortization"), col("total_liabilities")),
            "liquid_ta": div(liquid, col("total_assets")),
            "ni_change": div(ni - prev_ni, np.abs(ni) + np.abs(prev_ni)),
            "ltd_tl": div(col("long_term_debt"), col("total_liabilities")),
            "rec_ta": div(col("receivables"), col("total_assets")),
            "gp_sales": div(col("gross_profit"), col("revenue")),
            "re_neg": np.where(np.isnan(retained), np.nan, (retained < 0).astype("float64")),
        },
        index=panel.index,
    )


#: The distressed segment of the calibration check: total liabilities above 90 % of
#: total assets, working capital below -20 % of total assets, losses in this and the
#: prior year.
SEGMENT_TEXT = "TL/TA > 0.9, WC/TA < -0.2 and a net loss in this and the prior year"


def distressed_segment(feats: pd.DataFrame) -> np.ndarray:
    """Rows in the distressed segment (:data:`SEGMENT_TEXT`) of model features."""
    with np.errstate(invalid="ignore"):
        return np.asarray(
            (feats["tl_ta"].to_numpy() > 0.9)
            & (feats["wc_ta"].to_numpy() < -0.2)
            & (feats["loss_two_years"].to_numpy() == 1)
        )


def walk_forward(
    panel: pd.DataFrame,
    *,
    years: Sequence[int] = (2010, 2011, 2012, 2013, 2014),
    pooled_years: Sequence[int] = (2012, 2013, 2014),
    candidates: Sequence[Candidate] = CANDIDATES,
    calibration_years: Sequence[int] = (2006, 2007, 2008, 2009),
    baselines: bool = True,
    progress: Callable[[str], None] | None = None,
    tuning_years: Sequence[int] = (2010, 2011),
) -> WalkForward:
    """Walk-forward validation of every candidate and published score.

    Parameters
    ----------
    panel : pandas.DataFrame
        From :func:`risk.model.load_panel` (needs ``fiscal_year`` and ``failed_next_year``).
    years : sequence of int
        Test years; for each, candidates train on years before it (from their start).
    pooled_years : sequence of int
        Years pooled for the headline figures.
    tuning_years : sequence of int
        Years pooled under the key ``"tuning"``: the walk-forward years before the
        headline ones, on which a choice between candidates should be made.
    candidates : sequence of Candidate
        The first is the model to ship. Besides its raw figures, it is reported
        calibrated out of time (Platt map fitted on its out-of-time predictions of
        earlier years only, from ``calibration_years`` on) and book-value-only
        (market features removed from the test rows).
    baselines : bool
        Also evaluate the unfitted published scores (needs :mod:`risk.features`).

    Returns
    -------
    WalkForward

    Notes
    -----
    Runs single-threaded (BLAS and OpenMP): the same data give the same numbers on any
    machine load, and gradient boosting on a few thousand rows is faster that way.
    """
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        return _walk_forward(
            panel,
            years=years,
            pooled_years=pooled_years,
            candidates=candidates,
            calibration_years=calibration_years,
            baselines=baselines,
            progress=progress,
            tuning_years=tuning_years,
        )


def _walk_forward(
    panel: pd.DataFrame,
    *,
    years: Sequence[int],
    pooled_years: Sequence[int],
    candidates: Sequence[Candidate],
    calibration_years: Sequence[int],
    baselines: bool,
    progress: Callable[[str], None] | None,
    tuning_years: Sequence[int] = (),
) -> WalkForward:
    from risk.model._transform import TREND_FEATURES

    feats = _model_inputs(panel)
    y = panel["failed_next_year"].to_numpy(dtype="float64")
    fy = panel["fiscal_year"].to_numpy()
    result = WalkForward(
        years=tuple(years), pooled_years=tuple(pooled_years), tuning_years=tuple(tuning_years)
    )
    preds: dict[str, dict[int, np.ndarray]] = {}
    first = candidates[0]
    cal_name = first.name + " + out-of-time Platt calibration"
    book_name = BOOK_ROW
    oot_years = sorted(set(calibration_years) | set(years))
    raw_full: dict[int, np.ndarray] = {}
    raw_book: dict[int, np.ndarray] = {}
    raw_book_nt: dict[int, np.ndarray] = {}  # book submodel, trends hidden
    for t in oot_years:
        test = fy == t
        for idx, cand in enumerate(candidates):
            if t not in years and idx != 0:
                continue
            train = (fy < t) & (fy >= cand.start)
            if progress:
                progress(f"{cand.name}: test {t}")
            model = cand.build()
            cols = list(cand.columns)
            model.fit(feats.loc[train, cols], y[train])
            if isinstance(model, DistressModel):
                xt = feats.loc[test, cols]
                p = model.predict_proba(xt)[:, 1]
                if idx == 0:
                    fcols = list(model.submodels_["full"].columns)
                    raw_full[t] = model.submodels_["full"].raw_logit(
                        feats.loc[test, fcols].to_numpy()
                    )
                    bcols = list(model.submodels_["book"].columns)
                    book_values = feats.loc[test, bcols].to_numpy()
                    raw_book[t] = model.submodels_["book"].raw_logit(book_values)
                    hidden = [j for j, c in enumerate(bcols) if c in TREND_FEATURES]
                    book_values = book_values.copy()
                    book_values[:, hidden] = np.nan
                    raw_book_nt[t] = model.submodels_["book"].raw_logit(book_values)
            else:
                p = model.predict_proba(feats.loc[test, cols])[:, 1]
            preds.setdefault(cand.name, {})[t] = p
    # Calibrated and book-only figures for the first candidate, Platt fitted on earlier years.
    for t in years:
        earlier = [s for s in oot_years if s < t]
        yb = np.concatenate([y[fy == s] for s in earlier])
        a, b = fit_platt(np.concatenate([raw_full[s] for s in earlier]), yb)
        preds.setdefault(cal_name, {})[t] = _sigmoid(a + b * raw_full[t])
        a, b = fit_platt(np.concatenate([raw_book[s] for s in earlier]), yb)
        preds.setdefault(book_name, {})[t] = _sigmoid(a + b * raw_book[t])
        preds.setdefault("_book_no_trends", {})[t] = _sigmoid(a + b * raw_book_nt[t])
    scores = None
    if baselines:
        from risk.features import feature_table

        scores = feature_table(panel)
        for name, (column, _sign) in BASELINES.items():
            values = scores[column].to_numpy(dtype="float64")
            preds[name] = {t: values[fy == t] for t in years}
    ordered = [c.name for c in candidates] + [cal_name, book_name]
    if baselines:
        ordered += list(BASELINES)
    for name in ordered:
        is_prob = True
        sign = 1
        if name in BASELINES:
            column, sign = BASELINES[name]
            is_prob = column in _PROBABILITY_BASELINES
        per: dict[str, dict[str, float]] = {}
        pool_y: list[np.ndarray] = []
        pool_p: list[np.ndarray] = []
        tune_y: list[np.ndarray] = []
        tune_p: list[np.ndarray] = []
        for t in years:
            p = preds[name][t]
            yt = y[fy == t]
            ok = np.isfinite(p)
            per[str(t)] = evaluate(yt[ok], sign * p[ok], probability=is_prob)
            if sign < 0:
                per[str(t)]["brier"] = math.nan
            if t in pooled_years:
                pool_y.append(yt[ok])
                pool_p.append(p[ok])
            if t in tuning_years:
                tune_y.append(yt[ok])
                tune_p.append(p[ok])
        py = np.concatenate(pool_y)
        pp = np.concatenate(pool_p)
        per["pooled"] = evaluate(py, sign * pp, probability=is_prob)
        if tune_y:
            per["tuning"] = evaluate(
                np.concatenate(tune_y), sign * np.concatenate(tune_p), probability=is_prob
            )
        result.metrics[name] = per
        if is_prob:
            result.reliability[name] = reliability_table(py, pp)
    result.segments = _segment_rows(
        feats,
        y,
        fy,
        years,
        {
            first.name + " + out-of-time Platt calibration": preds[cal_name],
            "book-value-only submodel": preds[book_name],
            "book-value-only submodel, trends hidden (no prior year given)": preds[
                "_book_no_trends"
            ],
        },
    )
    result.oot = {
        "year": np.concatenate([fy[fy == t] for t in years]),
        "y": np.concatenate([y[fy == t] for t in years]),
        "full": np.concatenate([raw_full[t] for t in years]),
        "book": np.concatenate([raw_book[t] for t in years]),
    }
    return result


def _segment_rows(
    feats: pd.DataFrame,
    y: np.ndarray,
    fy: np.ndarray,
    years: Sequence[int],
    preds: dict[str, dict[int, np.ndarray]],
) -> list[dict[str, Any]]:
    """Mean predicted vs observed failure rate in the distressed segment, pooled years."""
    seg = distressed_segment(feats)
    small = np.asarray(feats["log_ta"].to_numpy() < math.log(200.0))
    rows: list[dict[str, Any]] = []
    for label, mask in (
        (SEGMENT_TEXT, seg),
        (SEGMENT_TEXT + ", total assets < $200M", seg & small),
    ):
        for name, per_year in preds.items():
            ys = np.concatenate([y[fy == t][mask[fy == t]] for t in years])
            ps = np.concatenate([per_year[t][mask[fy == t]] for t in years])
            ok = np.isfinite(ps)
            observed = float(ys[ok].mean()) if ok.any() else math.nan
            predicted = float(ps[ok].mean()) if ok.any() else math.nan
            rows.append(
                {
                    "segment": label,
                    "model": name,
                    "n": float(ok.sum()),
                    "events": float(ys[ok].sum()),
                    "observed_rate": observed,
                    "mean_predicted": predicted,
                    "ratio": predicted / observed if observed > 0 else math.nan,
                }
            )
    return rows


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


def _model_inputs(panel: pd.DataFrame) -> pd.DataFrame:
    """Model features plus the hazard terms, one row per panel row."""
    import pandas as pd

    from risk.model._transform import model_features

    feats = model_features(panel)
    return pd.concat([feats, _panel_extras(panel)], axis=1)
