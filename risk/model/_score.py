"""Score a structured-input table: one probability and band per entity-period.

:func:`score_columns` is the scoring core on numpy columns (what a company's report
and the batch call, without pandas); :func:`score_frame` is the same on a pandas
DataFrame (``risk score-table``). Large tables are scored :data:`TABLE_CHUNK_ROWS`
rows at a time (whole entities per chunk, so that trends find the prior year), so
that memory stays flat however many rows there are.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from risk.model._bands import BANDS
from risk.model._predict import ScoringModel, as_scoring_model, feature_matrix, probability
from risk.model._transform import (
    REFUSALS,
    model_feature_columns,
    prior_year_rows,
    refusal_index,
)
from risk.timelines import Columns, as_columns

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PUBLISHED_SCORE_COLUMNS", "TABLE_CHUNK_ROWS", "score_columns", "score_frame"]

#: The published scores copied into the output of :func:`score_frame`.
PUBLISHED_SCORE_COLUMNS: tuple[str, ...] = (
    "altman_z",
    "altman_z_prime",
    "altman_z_double_prime",
    "ohlson_p",
    "zmijewski_p",
)

_REASONS = np.array([r or "" for r in REFUSALS], dtype=object)

#: Rows of a table scored at a time by :func:`score_frame` (whole entities per chunk).
TABLE_CHUNK_ROWS = 65536


def _scorer(model: Any) -> ScoringModel:
    if model is None:
        from risk.model._artefact import load_scorer

        return load_scorer()
    return as_scoring_model(model)


def _bands(p: np.ndarray) -> np.ndarray:
    """The band name of each probability ("" where NaN)."""
    cuts = np.array([b.upper for b in BANDS[:-1]])
    names = np.array([b.name for b in BANDS], dtype=object)
    index = np.searchsorted(cuts, np.where(np.isnan(p), 0.0, p), side="right")
    return np.where(np.isnan(p), "", names[index])


def score_columns(
    columns: Columns, model: Any = None, *, table: Columns | None = None
) -> dict[str, np.ndarray]:
    """Probability of failure within 12 months for every row of a table of numpy columns.

    Parameters
    ----------
    columns : mapping of str to numpy array
        The structured-input layout (:data:`risk.timelines.Columns`).
    model : ScoringModel, DistressModel or None, default None
        None: the shipped model (:func:`risk.model.load_scorer`).
    table : mapping of str to numpy array, optional
        ``risk.features.feature_columns(columns)`` when the caller has it already.

    Returns
    -------
    dict of str to numpy array
        ``probability`` (NaN when refused), ``band``, ``submodel`` (``full``, ``book``
        or empty), ``refusal`` (the reason, empty when scored), ``prior_year`` and
        :data:`PUBLISHED_SCORE_COLUMNS`, as described in :func:`score_frame`.
    """
    from risk.features import feature_columns

    scorer = _scorer(model)
    published = feature_columns(columns) if table is None else table
    prior = prior_year_rows(columns)
    feats = model_feature_columns(columns, published, prior=prior)
    values = feature_matrix(feats, scorer.feature_names)
    logit, used = scorer.route(values)
    p = probability(logit)
    reason = refusal_index(columns)
    refused = reason > 0
    p[refused] = np.nan
    used[refused] = ""
    out: dict[str, np.ndarray] = {
        "probability": p,
        "band": _bands(p),
        "submodel": used,
        "refusal": _REASONS[reason],
        "prior_year": prior >= 0,
    }
    for column in PUBLISHED_SCORE_COLUMNS:
        out[column] = np.asarray(published[column], dtype="float64")
    return out


def _sorted_codes(entity: np.ndarray) -> np.ndarray:
    """Each row's entity as the rank of its text among the distinct texts: what
    ``np.unique(entity.astype(str), return_inverse=True)`` gives, with the texts of the
    distinct entities sorted rather than every row's (the rows are hashed)."""
    import pandas as pd

    if pd.isna(entity).any():  # None and NaN hash as one missing value, but print apart
        codes: np.ndarray = np.unique(entity.astype(str), return_inverse=True)[1].ravel()
        return codes
    first, uniques = pd.factorize(entity)
    rank = np.unique(np.asarray(uniques).astype(str), return_inverse=True)[1].ravel()
    result: np.ndarray = rank[first]
    return result


def _chunks(entity: np.ndarray, size: int) -> list[np.ndarray]:
    """Row positions in chunks of about ``size`` rows, each entity's rows in one chunk."""
    n = len(entity)
    if n <= size:
        return [np.arange(n)]
    codes = _sorted_codes(entity)
    order = np.argsort(codes, kind="stable")
    bounds = np.flatnonzero(np.diff(codes[order])) + 1  # where a new entity starts
    cuts = [0]
    for start in bounds:
        if start - cuts[-1] >= size:
            cuts.append(int(start))
    cuts.append(n)
    return [np.sort(order[a:b]) for a, b in pairwise(cuts)]


def score_frame(
    frame: pd.DataFrame,
    model: Any = None,
    *,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Probability of failure within 12 months for every row of a structured-input table.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`risk.financials.read_table` (currency units; several periods per
        entity so trends work).
    model : ScoringModel, DistressModel or None, default None
        None: the shipped model (:func:`risk.model.load_scorer`).
    table : pandas.DataFrame, optional
        ``risk.features.feature_table(frame)`` when the caller has it already.

    Returns
    -------
    pandas.DataFrame
        ``entity``, ``period_end``, ``months``, ``probability`` (NaN when refused),
        ``band``, ``submodel`` (``full``, ``book`` or empty), ``refusal`` (the reason,
        empty when scored), ``prior_year`` (True when the entity's prior fiscal year
        was found in ``frame``, 9-15 months back; without it the trends are missing and
        the row is scored like a newly listed company's, which fails less often: give
        the prior year whenever there is one) and :data:`PUBLISHED_SCORE_COLUMNS`; same
        row order as ``frame``.
    """
    import pandas as pd

    scorer = _scorer(model)
    if table is not None or len(frame) <= TABLE_CHUNK_ROWS:
        scored = score_columns(
            as_columns(frame), scorer, table=None if table is None else as_columns(table)
        )
    else:
        scored = _score_in_chunks(frame, scorer)
    out = pd.DataFrame(
        {
            "entity": frame["entity"].to_numpy(),
            "period_end": frame["period_end"].to_numpy(),
            "months": frame["months"].to_numpy(),
        },
        index=frame.index,
    )
    for name, values in scored.items():
        out[name] = values
    return out


def _score_in_chunks(frame: pd.DataFrame, scorer: ScoringModel) -> dict[str, np.ndarray]:
    """:func:`score_columns` over :data:`TABLE_CHUNK_ROWS` rows at a time, reassembled.

    Each chunk holds whole entities (their trends need their prior years) and is
    copied out of ``frame`` on its own, so memory grows with the chunk, not the table.
    """
    out: dict[str, np.ndarray] = {}
    for rows in _chunks(frame["entity"].to_numpy(), TABLE_CHUNK_ROWS):
        part = score_columns(as_columns(frame.take(rows)), scorer)
        for name, values in part.items():
            if name not in out:
                out[name] = np.empty(len(frame), dtype=values.dtype)
            out[name][rows] = values
    return out
