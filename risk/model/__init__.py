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

from risk.model._artefact import load_model, load_scorer
from risk.model._bands import BANDS, band_for
from risk.model._predict import ScoringModel
from risk.model._score import score_columns, score_frame
from risk.model._signals import (
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
    model_feature_columns,
    model_features,
)
from risk.model._types import (
    BandDefinition,
    Contribution,
    ContributionDirection,
    SignalAdjustment,
    SignalFactor,
)

if TYPE_CHECKING:
    from risk.model._card import metrics_markdown
    from risk.model._estimator import DistressModel
    from risk.model._panel import load_panel
    from risk.model._train import train
    from risk.model._validation import (
        BOOK_CANDIDATES,
        BOOK_ROW,
        WalkForward,
        distress_estimator,
        evaluate,
        fit_platt,
        walk_forward,
    )

__all__ = [
    "BANDS",
    "BOOK_CANDIDATES",
    "BOOK_FEATURES",
    "BOOK_INTERACTIONS",
    "BOOK_ROW",
    "BOOK_SIGNS",
    "FEATURE_SIGNS",
    "FEATURE_TEXT",
    "SIGNAL_CAP",
    "SIGNAL_RATIOS",
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
    "band_for",
    "bankruptcy_evidence",
    "counts_for_adjustment",
    "distress_estimator",
    "evaluate",
    "fit_platt",
    "load_model",
    "load_panel",
    "load_scorer",
    "metrics_markdown",
    "model_feature_columns",
    "model_features",
    "score_columns",
    "score_frame",
    "train",
    "walk_forward",
]

#: Names whose modules need scikit-learn, SciPy or pandas: imported on first use.
_LAZY = {
    "DistressModel": "risk.model._estimator",
    "load_panel": "risk.model._panel",
    "metrics_markdown": "risk.model._card",
    "train": "risk.model._train",
    "BOOK_CANDIDATES": "risk.model._validation",
    "BOOK_ROW": "risk.model._validation",
    "distress_estimator": "risk.model._validation",
    "WalkForward": "risk.model._validation",
    "evaluate": "risk.model._validation",
    "fit_platt": "risk.model._validation",
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
