"""The fitted distress model, its JSON artefact, calibration, bands and signal adjustment."""

from risk.model._artefact import (
    ARTEFACT_NAME,
    artefact_payload,
    canonical_json,
    default_artefact_path,
    load_model,
    payload_sha256,
    write_artefact,
)
from risk.model._bands import BANDS, band_for
from risk.model._estimator import DistressModel, SubModel
from risk.model._panel import PANEL_COLUMNS, load_panel
from risk.model._score import PUBLISHED_SCORE_COLUMNS, score_frame
from risk.model._signals import (
    INTENDED_RATIOS,
    SIGNAL_CAP,
    SIGNAL_RATIOS,
    adjust_for_signals,
    bankruptcy_evidence,
    counts_for_adjustment,
)
from risk.model._train import metrics_markdown, model_card, train
from risk.model._transform import (
    BOOK_FEATURES,
    BOOK_SIGNS,
    FEATURE_SIGNS,
    FEATURE_TEXT,
    MARKET_FEATURES,
    MODEL_FEATURES,
    core_refusals,
    model_features,
    prior_year_rows,
)
from risk.model._types import Band, Contribution, Direction, SignalAdjustment, SignalFactor
from risk.model._validation import (
    BASELINES,
    CANDIDATES,
    WalkForward,
    evaluate,
    reliability_table,
    walk_forward,
)

__all__ = [
    "ARTEFACT_NAME",
    "BANDS",
    "BASELINES",
    "BOOK_FEATURES",
    "BOOK_SIGNS",
    "CANDIDATES",
    "FEATURE_SIGNS",
    "FEATURE_TEXT",
    "INTENDED_RATIOS",
    "MARKET_FEATURES",
    "MODEL_FEATURES",
    "PANEL_COLUMNS",
    "PUBLISHED_SCORE_COLUMNS",
    "SIGNAL_CAP",
    "SIGNAL_RATIOS",
    "Band",
    "Contribution",
    "Direction",
    "DistressModel",
    "SignalAdjustment",
    "SignalFactor",
    "SubModel",
    "WalkForward",
    "adjust_for_signals",
    "artefact_payload",
    "band_for",
    "bankruptcy_evidence",
    "canonical_json",
    "core_refusals",
    "counts_for_adjustment",
    "default_artefact_path",
    "evaluate",
    "load_model",
    "load_panel",
    "metrics_markdown",
    "model_card",
    "model_features",
    "payload_sha256",
    "prior_year_rows",
    "reliability_table",
    "score_frame",
    "train",
    "walk_forward",
    "write_artefact",
]
