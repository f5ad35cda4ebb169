"""The risk report: probability, band, drivers, going-concern checklist, trend.

``score(inputs, as_of=None)`` reads one company's filings (paths, texts,
:class:`~risk.financials.Filing` objects, a timeline or a structured table) and
returns a :class:`RiskReport`, which renders as JSON, Markdown or one
self-contained HTML page. Its probability comes from the scoring core,
:func:`score_companies`, which scores many companies at once (the batch's path
too): one company is a batch of one.
"""

from risk.report._cells import spreadsheet_safe
from risk.report._core import Company, Placed, Scored, score_companies, scoring_model
from risk.report._inputs import read_inputs
from risk.report._models import (
    Adjustment,
    Band,
    ChecklistItem,
    ChecklistStatus,
    DataGap,
    Direction,
    Driver,
    Evidence,
    EvidenceKind,
    FactEntry,
    FeatureEntry,
    Industry,
    InputDocument,
    MarketInfo,
    ModelInfo,
    PublishedScore,
    ReportStatus,
    ReportWarning,
    RiskReport,
    SignalEntry,
    TrendPoint,
    ValueSource,
)
from risk.report._score import score

__all__ = [
    "Adjustment",
    "Band",
    "ChecklistItem",
    "ChecklistStatus",
    "Company",
    "DataGap",
    "Direction",
    "Driver",
    "Evidence",
    "EvidenceKind",
    "FactEntry",
    "FeatureEntry",
    "Industry",
    "InputDocument",
    "MarketInfo",
    "ModelInfo",
    "Placed",
    "PublishedScore",
    "ReportStatus",
    "ReportWarning",
    "RiskReport",
    "Scored",
    "SignalEntry",
    "TrendPoint",
    "ValueSource",
    "read_inputs",
    "score",
    "score_companies",
    "scoring_model",
    "spreadsheet_safe",
]
