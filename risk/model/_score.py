"""Score a structured-input table: one probability and band per entity-period."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from risk.model._bands import BANDS
from risk.model._estimator import DistressModel
from risk.model._transform import core_refusals, model_features, prior_year_rows

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["PUBLISHED_SCORE_COLUMNS", "score_frame"]

#: The published scores copied into the output of :func:`score_frame`.
PUBLISHED_SCORE_COLUMNS: tuple[str, ...] = (
    "altman_z",
    "altman_z_prime",
    "altman_z_double_prime",
    "ohlson_p",
    "zmijewski_p",
)


def score_frame(
    frame: pd.DataFrame,
    model: DistressModel | None = None,
    *,
    table: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Probability of failure within 12 months for every row of a structured-input table.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`risk.financials.read_table` (currency units; several periods per
        entity so trends work).
    model : DistressModel, optional
        Defaults to the shipped model (:func:`risk.model.load_model`).
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

    from risk.features import feature_table

    if model is None:
        from risk.model._artefact import load_model

        model = load_model()
    published = feature_table(frame) if table is None else table
    feats = model_features(frame, published)
    names = [str(n) for n in model.feature_names_in_]
    values = feats[names].to_numpy(dtype="float64")
    logit, used = model._route(values)
    probability = 0.5 * (1.0 + np.tanh(0.5 * logit))
    reasons = core_refusals(frame)
    refused = np.array([r is not None for r in reasons])
    probability[refused] = np.nan
    used[refused] = ""
    cuts = np.array([b.upper for b in BANDS[:-1]])
    names_arr = np.array([b.name for b in BANDS], dtype=object)
    band = np.where(
        np.isnan(probability), "", names_arr[np.searchsorted(cuts, probability, side="right")]
    )
    out = pd.DataFrame(
        {
            "entity": frame["entity"].to_numpy(),
            "period_end": frame["period_end"].to_numpy(),
            "months": frame["months"].to_numpy(),
            "probability": probability,
            "band": band,
            "submodel": used,
            "refusal": [r or "" for r in reasons],
            "prior_year": prior_year_rows(frame) >= 0,
        },
        index=frame.index,
    )
    for column in PUBLISHED_SCORE_COLUMNS:
        out[column] = published[column].to_numpy(dtype="float64")
    return out
