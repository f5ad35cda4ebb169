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
from risk.timelines import Columns, as_columns, entity_codes

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


def _chunks(codes: np.ndarray, size: int) -> list[slice] | list[np.ndarray]:
    """Rows in chunks of about ``size`` rows, each entity's rows in one chunk.

    ``codes`` tells the entities apart as scoring does (:func:`risk.timelines.entity_codes`:
    None and NaN are one missing entity, -1). A chunk ends where an entity ends, at its
    ``size``-th row or later.

    Returns
    -------
    list of slice or list of numpy.ndarray
        Slices when every entity's rows are one run of the table (as
        :func:`risk.financials.read_table` sorts them, and the panel's): a chunk is then
        read without a copy. Otherwise row positions grouped by entity, each entity's
        rows in table order (a stable sort by entity).
    """
    n = len(codes)
    if n <= size:
        return [slice(0, n)]
    starts = np.flatnonzero(codes[1:] != codes[:-1]) + 1  # where another entity begins
    entities = int(codes.max()) + 1 + int(bool((codes < 0).any()))
    order = None
    if len(starts) + 1 != entities:  # some entity's rows are apart: group them
        order = np.argsort(codes, kind="stable")
        grouped = codes[order]
        starts = np.flatnonzero(grouped[1:] != grouped[:-1]) + 1
    cuts = [0]
    while (i := int(np.searchsorted(starts, cuts[-1] + size))) < len(starts):
        cuts.append(int(starts[i]))
    cuts.append(n)
    if order is None:
        return [slice(a, b) for a, b in pairwise(cuts)]
    return [order[a:b] for a, b in pairwise(cuts)]


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

    Each chunk holds whole entities (their trends need their prior years) and is read
    out of ``frame`` on its own (a slice of it when the entities' rows are in runs), so
    memory grows with the chunk, not the table. A row's scores do not depend on the
    other rows scored with it, only on its entity's rows, so chunks give the
    probabilities of the table scored in one piece, bit for bit.
    """
    out: dict[str, np.ndarray] = {}
    for rows in _chunks(entity_codes(as_columns(frame)), TABLE_CHUNK_ROWS):
        part = score_columns(as_columns(frame.iloc[rows]), scorer)
        for name, values in part.items():
            if name not in out:
                out[name] = np.empty(len(frame), dtype=values.dtype)
            out[name][rows] = values
    return out
