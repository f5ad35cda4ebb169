"""The risk report: probability, band, drivers, going-concern checklist, trend.

``score(inputs, as_of=None)`` reads one company's filings (paths, texts,
:class:`~risk.financials.Filing` objects, a timeline or a structured table) and
returns a :class:`RiskReport`, which renders as JSON, Markdown or one
self-contained HTML page.
"""

from risk.report._convert import STALE_DAYS
from risk.report._html import render_html
from risk.report._inputs import read_inputs
from risk.report._markdown import render_markdown
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
    InputDocument,
    ModelInfo,
    PublishedScore,
    ReportStatus,
    ReportWarning,
    RiskReport,
    SignalEntry,
    TrendPoint,
    ValueSource,
)
from risk.report._refused import CORE_INPUTS, refused_core_inputs
from risk.report._score import CORE_FLOWS, SIGNAL_WINDOW_DAYS, score

__all__ = [
    "CORE_FLOWS",
    "CORE_INPUTS",
    "SIGNAL_WINDOW_DAYS",
    "STALE_DAYS",
    "Adjustment",
    "Band",
    "ChecklistItem",
    "ChecklistStatus",
    "DataGap",
    "Direction",
    "Driver",
    "Evidence",
    "EvidenceKind",
    "FactEntry",
    "FeatureEntry",
    "InputDocument",
    "ModelInfo",
    "PublishedScore",
    "ReportStatus",
    "ReportWarning",
    "RiskReport",
    "SignalEntry",
    "TrendPoint",
    "ValueSource",
    "read_inputs",
    "refused_core_inputs",
    "render_html",
    "render_markdown",
    "score",
]
