"""Scoring with a fitted distress model in numpy alone: no scikit-learn, no SciPy.

The shipped model is plain JSON (:mod:`risk.model._artefact`); scoring it needs only
its numbers. :class:`ScoringModel` holds them (the two :class:`SubModel`\\ s, the
feature order, the market features) and applies them:

- :func:`route`: which submodel scores each row (``book`` when the first market
  feature is missing, none when the core inputs are) and its calibrated log-odds,
  :data:`CHUNK_ROWS` rows at a time, so memory stays flat however many rows are
  scored; a row's log-odds depend on that row alone (:meth:`SubModel.raw_logit`);
- :func:`explain`: each feature's contribution to one row's log-odds.

:class:`risk.model.DistressModel` (the scikit-learn estimator that fits the model)
scores through the same two functions.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from risk.model._submodel import SubModel
from risk.model._transform import FEATURE_TEXT
from risk.model._types import Contribution, ContributionDirection

__all__ = [
    "BOOK",
    "CHUNK_ROWS",
    "FULL",
    "ScoringModel",
    "as_scoring_model",
    "explain",
    "feature_matrix",
    "probability",
    "refused_rows",
    "route",
]

FULL = "full"
BOOK = "book"

#: Rows passed at a time to a submodel (the rows of a chunk that are not consecutive
#: are copied: at most ``CHUNK_ROWS x 29`` floats, 1.9 MB), as many as a step of
#: :meth:`SubModel.raw_logit` (:data:`~risk.model._submodel.BLOCK_ROWS`). Memory and
#: speed only: the submodel's arithmetic is element-wise, row by row, so a row's
#: probability is the same whatever the chunk size, the row's position or the other
#: rows scored with it.
CHUNK_ROWS = 8192

#: Inputs without which a row is refused: size, leverage, and some profitability measure.
_CORE = ("log_ta", "ohlson_size", "tl_ta")
_PROFIT = ("ebit_ta", "ni_ta")


def feature_matrix(columns: Mapping[str, np.ndarray], names: Sequence[str]) -> np.ndarray:
    """The rows x features array :func:`route` scores, from one array per feature.

    Stored feature by feature (Fortran order), the layout the scorer reads fastest: a
    submodel works on its features one at a time (:meth:`SubModel.raw_logit`). The
    values are those of ``np.column_stack``; only the layout differs.
    """
    out = np.empty((len(columns[names[0]]) if names else 0, len(names)), order="F")
    for j, name in enumerate(names):
        out[:, j] = columns[name]
    return out


def refused_rows(values: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Rows without the core inputs (size, leverage, some profitability measure): a mask."""
    refused = np.zeros(values.shape[0], dtype=bool)
    pos = {n: i for i, n in enumerate(names)}
    for core in _CORE:
        if core in pos:
            refused |= np.isnan(values[:, pos[core]])
    profit = [pos[p] for p in _PROFIT if p in pos]
    if profit:
        refused |= np.isnan(values[:, profit]).all(axis=1)
    return refused


def _logit(sub: SubModel, values: np.ndarray, rows: np.ndarray, names: Sequence[str]) -> np.ndarray:
    """Calibrated log-odds of ``values[rows]`` (``rows`` increasing) under ``sub``,
    :data:`CHUNK_ROWS` at a time."""
    pos = {n: i for i, n in enumerate(names)}
    cols = np.array([pos[c] for c in sub.columns], dtype=np.intp)
    out = np.empty(len(rows))
    for start in range(0, len(rows), CHUNK_ROWS):
        chunk = rows[start : start + CHUNK_ROWS]
        first, last = int(chunk[0]), int(chunk[-1])
        # consecutive rows (rows are increasing): a view, else one copy of the rows
        block = values[first : last + 1] if last - first + 1 == len(chunk) else values[chunk]
        out[start : start + len(chunk)] = sub.logit(block, columns=cols)
    return out


def route(
    submodels: Mapping[str, SubModel],
    names: Sequence[str],
    market_features: Sequence[str],
    values: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Calibrated log-odds per row, and the submodel used (``"full"``, ``"book"`` or ``""``).

    Parameters
    ----------
    submodels : mapping of str to SubModel
        ``"full"`` and, optionally, ``"book"``.
    names : sequence of str
        The feature of each column of ``values``.
    market_features : sequence of str
        The features that need the market value of equity; a row whose first one
        (among ``names``) is missing is scored by ``"book"`` when there is one.
    values : ndarray of shape (n, len(names))
        Feature values, NaN where missing.

    Returns
    -------
    logit : ndarray of shape (n,)
        NaN for a refused row (see :func:`refused_rows`).
    used : ndarray of object, shape (n,)
    """
    n = values.shape[0]
    out = np.full(n, np.nan)
    labels = np.array(["", FULL, BOOK], dtype=object)
    code = np.zeros(n, dtype=np.intp)  # per row, its label's position in labels
    full = submodels[FULL]
    book = submodels.get(BOOK)
    market = [m for m in market_features if m in names]
    use_book = np.zeros(n, dtype=bool)
    if book is not None and market:
        use_book = np.isnan(values[:, list(names).index(market[0])])
    refused = refused_rows(values, names)
    for sub, label, mask in ((full, 1, ~use_book & ~refused), (book, 2, use_book & ~refused)):
        rows = np.flatnonzero(mask)
        if sub is not None and len(rows):
            out[rows] = _logit(sub, values, rows, names)
            code[rows] = label
    return out, labels.take(code)


def probability(logit: np.ndarray) -> np.ndarray:
    """The logistic function of calibrated log-odds (NaN stays NaN)."""
    result: np.ndarray = 0.5 * (1.0 + np.tanh(0.5 * logit))
    return result


def explain(
    submodels: Mapping[str, SubModel],
    names: Sequence[str],
    market_features: Sequence[str],
    row: Mapping[str, Any],
) -> list[Contribution]:
    """Each feature's contribution to the calibrated log-odds of one row.

    Parameters
    ----------
    submodels, names, market_features
        As for :func:`route`.
    row : mapping of str to float
        Feature name -> value; a missing, None or NaN value is imputed as in scoring.

    Returns
    -------
    list of Contribution
        Relative to a baseline company with every feature at its training median
        (so contributions sum to the row's log-odds minus the baseline's), sorted by
        absolute size, largest first; a pairwise term of the submodel is split between
        its two features (:meth:`SubModel.contributions`). Empty when the row is refused.
    """
    values = np.array(
        [[float(row[n]) if row.get(n) is not None else math.nan for n in names]],
        dtype="float64",
    )
    _, used = route(submodels, names, market_features, values)
    block = str(used[0])
    if not block:
        return []
    sub = submodels[block]
    cols = [list(names).index(c) for c in sub.columns]
    x = values[:, cols]
    per_feature = sub.calibration[1] * sub.contributions(x[0])
    out = [
        _contribution(name, float(x[0, j]), float(per_feature[j]))
        for j, name in enumerate(sub.columns)
    ]
    out.sort(key=lambda c: -abs(c.contribution))
    return out


def _contribution(name: str, value: float, contribution: float) -> Contribution:
    imputed = math.isnan(value)
    if contribution > 1e-9:
        direction = ContributionDirection.RAISES
    elif contribution < -1e-9:
        direction = ContributionDirection.LOWERS
    else:
        direction = ContributionDirection.NEUTRAL
    label = FEATURE_TEXT.get(name, name)
    factor = math.exp(contribution)
    shown = "missing (imputed at the training median)" if imputed else f"{value:.3g}"
    if direction is ContributionDirection.NEUTRAL:
        text = f"{label} is {shown}: no effect relative to a median company"
    else:
        verb = "raises" if direction is ContributionDirection.RAISES else "lowers"
        text = (
            f"{label} is {shown}: {verb} the odds of failure "
            f"{factor if factor >= 1 else 1 / factor:.2f}-fold relative to a median company"
        )
    return Contribution(
        feature=name,
        value=None if imputed else value,
        contribution=contribution,
        direction=direction,
        text=text,
    )


@dataclass(frozen=True)
class ScoringModel:
    """A fitted distress model's numbers, scored with numpy (what the scoring path loads).

    Attributes
    ----------
    feature_names : tuple of str
        The model's features, in the column order :meth:`route` expects.
    market_features : tuple of str
    submodels : mapping of str to SubModel
        ``"full"`` and, optionally, ``"book"``.
    name, version : str
    sha256 : str or None
        Of the artefact's payload, when loaded from one.
    artefact : mapping or None
        The artefact's payload (training data, metrics, bands), when loaded from one.
    """

    feature_names: tuple[str, ...]
    market_features: tuple[str, ...]
    submodels: Mapping[str, SubModel]
    name: str = "distress"
    version: str = "unversioned"
    sha256: str | None = None
    artefact: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    def route(self, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Calibrated log-odds and submodel per row of ``values`` (see :func:`route`)."""
        return route(self.submodels, self.feature_names, self.market_features, values)

    def predict(self, values: np.ndarray) -> np.ndarray:
        """Probability of failure within 12 months per row (NaN where refused)."""
        logit, _ = self.route(values)
        return probability(logit)

    def explain(self, row: Mapping[str, Any]) -> list[Contribution]:
        """Each feature's contribution to one row's log-odds (see :func:`explain`)."""
        return explain(self.submodels, self.feature_names, self.market_features, row)


def as_scoring_model(model: Any) -> ScoringModel:
    """A :class:`ScoringModel` from itself or from a fitted :class:`~risk.model.DistressModel`."""
    if isinstance(model, ScoringModel):
        return model
    return ScoringModel(
        feature_names=tuple(str(n) for n in model.feature_names_in_),
        market_features=tuple(str(m) for m in model.market_features),
        submodels=dict(model.submodels_),
        name=str(getattr(model, "name", "distress")),
        version=str(getattr(model, "version", "unversioned")),
        sha256=getattr(model, "sha256", None),
        artefact=getattr(model, "artefact_", None),
    )
