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
from risk.model._transform import FEATURE_SIGNS, MODEL_FEATURES

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BASELINES",
    "CANDIDATES",
    "Candidate",
    "WalkForward",
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
    """A model to compare: how to build it and which columns it reads."""

    name: str
    build: Callable[[], Any]
    columns: tuple[str, ...]
    start: int  # first training fiscal year


def _hgb() -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=200,
        learning_rate=0.05,
        max_leaf_nodes=15,
        min_samples_leaf=50,
        l2_regularization=1.0,
        monotonic_cst=[FEATURE_SIGNS.get(c, 0) for c in MODEL_FEATURES],
        random_state=0,
    )


#: The candidates compared by ``risk train``; the first is the shipped model.
CANDIDATES: tuple[Candidate, ...] = (
    Candidate("logistic (sign-constrained), train from 2003", DistressModel, MODEL_FEATURES, 2003),
    Candidate("logistic (sign-constrained), train from 1999", DistressModel, MODEL_FEATURES, 1999),
    Candidate(
        "discrete-time hazard (logit + log age in panel), from 2003",
        DistressModel,
        MODEL_FEATURES + HAZARD_FEATURES,
        2003,
    ),
    Candidate("HistGradientBoosting (monotone), train from 2003", _hgb, MODEL_FEATURES, 2003),
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
    """Columns only the hazard candidate uses: log(1 + years since first panel row)."""
    import pandas as pd

    first = panel.groupby("entity")["fiscal_year"].transform("min")
    return pd.DataFrame({"log_age": np.log1p(panel["fiscal_year"] - first)}, index=panel.index)


def walk_forward(
    panel: pd.DataFrame,
    *,
    years: Sequence[int] = (2010, 2011, 2012, 2013, 2014),
    pooled_years: Sequence[int] = (2012, 2013, 2014),
    candidates: Sequence[Candidate] = CANDIDATES,
    calibration_years: Sequence[int] = (2006, 2007, 2008, 2009),
    baselines: bool = True,
    progress: Callable[[str], None] | None = None,
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
) -> WalkForward:
    feats = _model_inputs(panel)
    y = panel["failed_next_year"].to_numpy(dtype="float64")
    fy = panel["fiscal_year"].to_numpy()
    result = WalkForward(years=tuple(years), pooled_years=tuple(pooled_years))
    preds: dict[str, dict[int, np.ndarray]] = {}
    first = candidates[0]
    cal_name = first.name + " + out-of-time Platt calibration"
    book_name = "book-value-only submodel (no market value), train from 2003"
    oot_years = sorted(set(calibration_years) | set(years))
    raw_full: dict[int, np.ndarray] = {}
    raw_book: dict[int, np.ndarray] = {}
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
                    raw_full[t] = model.submodels_["full"].raw_logit(xt.to_numpy())
                    bcols = list(model.submodels_["book"].columns)
                    raw_book[t] = model.submodels_["book"].raw_logit(
                        feats.loc[test, bcols].to_numpy()
                    )
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
        py = np.concatenate(pool_y)
        pp = np.concatenate(pool_p)
        per["pooled"] = evaluate(py, sign * pp, probability=is_prob)
        result.metrics[name] = per
        if is_prob:
            result.reliability[name] = reliability_table(py, pp)
    result.oot = {
        "year": np.concatenate([fy[fy == t] for t in years]),
        "y": np.concatenate([y[fy == t] for t in years]),
        "full": np.concatenate([raw_full[t] for t in years]),
        "book": np.concatenate([raw_book[t] for t in years]),
    }
    return result


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * z)))


def _model_inputs(panel: pd.DataFrame) -> pd.DataFrame:
    """Model features plus the hazard terms, one row per panel row."""
    import pandas as pd

    from risk.model._transform import model_features

    feats = model_features(panel)
    return pd.concat([feats, _panel_extras(panel)], axis=1)
