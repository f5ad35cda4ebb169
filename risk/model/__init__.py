"""The fitted distress model, its JSON artefact, calibration, bands and signal adjustment.

Scoring needs numpy only: :func:`load_scorer` reads the shipped JSON into a
:class:`ScoringModel` and :func:`score_frame` / :func:`score_columns` apply it. The
estimator that fits the model (:class:`DistressModel`, scikit-learn and SciPy), its
training and its validation are imported on first use of their names, so that
scoring does not pay for them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from risk.model._artefact import (
    ARTEFACT_NAME,
    artefact_payload,
    canonical_json,
    default_artefact_path,
    load_model,
    load_scorer,
    payload_sha256,
    write_artefact,
)
from risk.model._bands import BANDS, band_for
from risk.model._predict import CHUNK_ROWS, ScoringModel, as_scoring_model
from risk.model._score import PUBLISHED_SCORE_COLUMNS, score_columns, score_frame
from risk.model._signals import (
    INTENDED_RATIOS,
    SIGNAL_CAP,
    SIGNAL_RATIOS,
    adjust_for_signals,
    bankruptcy_evidence,
    counts_for_adjustment,
)
from risk.model._submodel import Interaction, SubModel
from risk.model._transform import (
    BOOK_FEATURES,
    BOOK_INTERACTIONS,
    BOOK_SIGNS,
    FEATURE_SIGNS,
    FEATURE_TEXT,
    FULL_FEATURES,
    MARKET_FEATURES,
    MODEL_FEATURES,
    V2_BOOK_FEATURES,
    core_refusals,
    model_feature_columns,
    model_features,
    prior_year_rows,
)
from risk.model._types import (
    BandDefinition,
    Contribution,
    ContributionDirection,
    SignalAdjustment,
    SignalFactor,
)

if TYPE_CHECKING:
    from risk.model._card import metrics_markdown, model_card
    from risk.model._estimator import DistressModel
    from risk.model._panel import PANEL_COLUMNS, load_panel
    from risk.model._train import train
    from risk.model._validation import (
        BASELINES,
        BOOK_CANDIDATES,
        BOOK_ROW,
        CANDIDATES,
        WalkForward,
        distress_estimator,
        evaluate,
        fit_platt,
        reliability_table,
        walk_forward,
    )

__all__ = [
    "ARTEFACT_NAME",
    "BANDS",
    "BASELINES",
    "BOOK_CANDIDATES",
    "BOOK_FEATURES",
    "BOOK_INTERACTIONS",
    "BOOK_ROW",
    "BOOK_SIGNS",
    "CANDIDATES",
    "CHUNK_ROWS",
    "FEATURE_SIGNS",
    "FEATURE_TEXT",
    "FULL_FEATURES",
    "INTENDED_RATIOS",
    "MARKET_FEATURES",
    "MODEL_FEATURES",
    "PANEL_COLUMNS",
    "PUBLISHED_SCORE_COLUMNS",
    "SIGNAL_CAP",
    "SIGNAL_RATIOS",
    "V2_BOOK_FEATURES",
    "BandDefinition",
    "Contribution",
    "ContributionDirection",
    "DistressModel",
    "Interaction",
    "ScoringModel",
    "SignalAdjustment",
    "SignalFactor",
    "SubModel",
    "WalkForward",
    "adjust_for_signals",
    "artefact_payload",
    "as_scoring_model",
    "band_for",
    "bankruptcy_evidence",
    "canonical_json",
    "core_refusals",
    "counts_for_adjustment",
    "default_artefact_path",
    "distress_estimator",
    "evaluate",
    "fit_platt",
    "load_model",
    "load_panel",
    "load_scorer",
    "metrics_markdown",
    "model_card",
    "model_feature_columns",
    "model_features",
    "payload_sha256",
    "prior_year_rows",
    "reliability_table",
    "score_columns",
    "score_frame",
    "train",
    "walk_forward",
    "write_artefact",
]

#: Names whose modules need scikit-learn, SciPy or pandas: imported on first use.
_LAZY = {
    "DistressModel": "risk.model._estimator",
    "PANEL_COLUMNS": "risk.model._panel",
    "load_panel": "risk.model._panel",
    "metrics_markdown": "risk.model._card",
    "model_card": "risk.model._card",
    "train": "risk.model._train",
    "BASELINES": "risk.model._validation",
    "BOOK_CANDIDATES": "risk.model._validation",
    "BOOK_ROW": "risk.model._validation",
    "distress_estimator": "risk.model._validation",
    "CANDIDATES": "risk.model._validation",
    "WalkForward": "risk.model._validation",
    "evaluate": "risk.model._validation",
    "fit_platt": "risk.model._validation",
    "reliability_table": "risk.model._validation",
    "walk_forward": "risk.model._validation",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'risk.model' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
