"""Distress features: published scores, liquidity, leverage, trends, the going-concern checklist."""

from risk.features._assess import assess
from risk.features._models import (
    Feature,
    FeatureGroup,
    FeatureSet,
    FeatureTrendPoint,
    HistoryRow,
    Indicator,
    IndicatorEvidence,
    IndicatorEvidenceKind,
    IndicatorId,
    IndicatorStatus,
    InputValue,
    ScoreResult,
    Trend,
    Unit,
)
from risk.features._panel import PANEL_COLUMNS, PANEL_LABEL, panel_to_table
from risk.features._scores import (
    MERTON_SPEC,
    SCORE_SPECS,
    ScoreName,
    Zone,
    equity_volatility,
    merton_debt,
    naive_default_probability,
    naive_distance_to_default,
)
from risk.features._table import feature_columns, feature_table

__all__ = [
    "MERTON_SPEC",
    "PANEL_COLUMNS",
    "PANEL_LABEL",
    "SCORE_SPECS",
    "Feature",
    "FeatureGroup",
    "FeatureSet",
    "FeatureTrendPoint",
    "HistoryRow",
    "Indicator",
    "IndicatorEvidence",
    "IndicatorEvidenceKind",
    "IndicatorId",
    "IndicatorStatus",
    "InputValue",
    "ScoreName",
    "ScoreResult",
    "Trend",
    "Unit",
    "Zone",
    "assess",
    "equity_volatility",
    "feature_columns",
    "feature_table",
    "merton_debt",
    "naive_default_probability",
    "naive_distance_to_default",
    "panel_to_table",
]
