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
from risk.model._card import metrics_markdown, model_card
from risk.model._estimator import DistressModel, Interaction, SubModel
from risk.model._panel import PANEL_COLUMNS, load_panel
from risk.model._score import PUBLISHED_SCORE_COLUMNS, score_frame
from risk.model._signals import SIGNAL_RATIOS, adjust_for_signals
from risk.model._train import train
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
    model_features,
    prior_year_rows,
)
from risk.model._types import Band, Contribution, Direction, SignalAdjustment, SignalFactor
from risk.model._validation import (
    BASELINES,
    BOOK_CANDIDATES,
    BOOK_ROW,
    CANDIDATES,
    WalkForward,
    distress_estimator,
    evaluate,
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
    "FEATURE_SIGNS",
    "FEATURE_TEXT",
    "FULL_FEATURES",
    "MARKET_FEATURES",
    "MODEL_FEATURES",
    "PANEL_COLUMNS",
    "PUBLISHED_SCORE_COLUMNS",
    "SIGNAL_RATIOS",
    "V2_BOOK_FEATURES",
    "Band",
    "Contribution",
    "Direction",
    "DistressModel",
    "Interaction",
    "SignalAdjustment",
    "SignalFactor",
    "SubModel",
    "WalkForward",
    "adjust_for_signals",
    "artefact_payload",
    "band_for",
    "canonical_json",
    "core_refusals",
    "default_artefact_path",
    "distress_estimator",
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
