"""The result of :func:`risk.features.assess`: features, scores, trends and the checklist."""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from risk._defaults import new_list
from risk.features._scores import ScoreName, Zone
from risk.financials import FactKind, FilingWarning, Provenance, SignalKind

__all__ = [
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
    "ScoreResult",
    "Trend",
    "Unit",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Unit(StrEnum):
    """The unit of a feature value."""

    CURRENCY = "currency"  # currency units (dollars)
    RATIO = "ratio"  # a plain ratio or a decimal share (0.25 = 25 %)
    RATIO_PER_YEAR = "ratio_per_year"  # the slope of a ratio over time
    FLAG = "flag"  # 1.0 yes, 0.0 no
    MONTHS = "months"
    COUNT = "count"


class FeatureGroup(StrEnum):
    """What a feature describes."""

    ALTMAN_RATIO = "altman_ratio"
    LIQUIDITY = "liquidity"
    REFINANCING = "refinancing"
    LEVERAGE = "leverage"
    PROFITABILITY = "profitability"
    TREND = "trend"


class IndicatorStatus(StrEnum):
    """The status of a going-concern indicator."""

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class IndicatorId(StrEnum):
    """The going-concern indicators of ISA 570 A3 and ASC 205-40-55-2 (``checklist.json``)."""

    NET_CURRENT_LIABILITY_POSITION = "net_current_liability_position"
    NET_LIABILITY_POSITION = "net_liability_position"
    BORROWINGS_APPROACHING_MATURITY = "borrowings_approaching_maturity"
    SUBSTANTIAL_OPERATING_LOSSES = "substantial_operating_losses"
    ASSET_DETERIORATION = "asset_deterioration"
    NEGATIVE_OPERATING_CASH_FLOWS = "negative_operating_cash_flows"
    ADVERSE_KEY_RATIOS = "adverse_key_ratios"
    LOAN_AGREEMENT_NONCOMPLIANCE = "loan_agreement_noncompliance"
    DEBT_RESTRUCTURING = "debt_restructuring"
    NEED_FOR_NEW_FINANCING = "need_for_new_financing"
    ESSENTIAL_INVESTMENT_UNFUNDED = "essential_investment_unfunded"
    LOSS_OF_KEY_MANAGEMENT = "loss_of_key_management"
    REGULATORY_NONCOMPLIANCE = "regulatory_noncompliance"
    GOING_CONCERN_DOUBT = "going_concern_doubt"
    BANKRUPTCY_FILING = "bankruptcy_filing"


class IndicatorEvidenceKind(StrEnum):
    """What a piece of evidence is."""

    VALUE = "value"  # a number from a statement, with its provenance
    QUOTE = "quote"  # a sentence of a document (a signal)
    FACT = "fact"  # an amount stated in prose
    SCORE = "score"  # a published score computed by `risk`


class InputValue(BaseModel):
    """One input of a feature or score: a line item at a period, with its provenance.

    ``name`` is a financials.md line item; ``prior:`` marks the value 12 months earlier,
    and fact kinds (``financing_need`` ...) name prose amounts.
    """

    model_config = _FROZEN

    name: str
    value: float
    period_end: date | None = None
    months: int | None = None
    provenance: Provenance | None = None


class Feature(BaseModel):
    """A feature at one period: its value, or the reason it is missing.

    Attributes
    ----------
    name : str
        The feature name (the ``feature_table`` column where there is one).
    value : float or None
        None when missing (see ``missing_reason``); never a number computed from a zero.
    unit : Unit
    group : FeatureGroup
    description : str
        One plain sentence.
    period_end : date or None
        The date the value refers to.
    inputs : list of InputValue
        The values used, with provenance.
    missing_inputs : list of str
        The inputs that were missing.
    missing_reason : str or None
        Why the value is missing (None when it is there).
    note : str or None
        Anything else (a proxy used, a lower bound).
    """

    model_config = _FROZEN

    name: str
    value: float | None
    unit: Unit
    group: FeatureGroup
    description: str
    period_end: date | None = None
    inputs: list[InputValue] = Field(default_factory=new_list)
    missing_inputs: list[str] = Field(default_factory=new_list)
    missing_reason: str | None = None
    note: str | None = None


class ScoreResult(BaseModel):
    """A published score at one period.

    Attributes
    ----------
    name : ScoreName
    title : str
    value : float or None
    zone : Zone or None
    probability : float or None
        For Ohlson (logistic) and Zmijewski (probit); None for the others.
    reference : str
        Authors, title, journal, year.
    zones : str
        The cut-offs in words.
    period_end : date or None
    inputs : list of InputValue
    missing_inputs : list of str
    substitute : ScoreName or None
        The score actually computed when this one could not be (Z -> Z').
    notes : list of str
    """

    model_config = _FROZEN

    name: ScoreName
    title: str
    value: float | None
    zone: Zone | None
    probability: float | None = None
    reference: str
    zones: str
    period_end: date | None = None
    inputs: list[InputValue] = Field(default_factory=new_list)
    missing_inputs: list[str] = Field(default_factory=new_list)
    substitute: ScoreName | None = None
    notes: list[str] = Field(default_factory=new_list)


class FeatureTrendPoint(BaseModel):
    """One point of a trend."""

    model_config = _FROZEN

    period_end: date
    value: float | None


class Trend(BaseModel):
    """A feature over the timeline's dates: level, slope per year, change.

    Attributes
    ----------
    name : str
    unit : Unit
        The unit of the level (the slope is per year).
    description : str
    points : list of FeatureTrendPoint
        One per date of the timeline (None where missing).
    slope_per_year : float or None
        Least-squares slope of the level against time in years (365.25 days), over the
        points with a value; None with fewer than two.
    change : float or None
        Last value minus the one before it.
    change_total : float or None
        Last value minus the first.
    missing_reason : str or None
    """

    model_config = _FROZEN

    name: str
    unit: Unit
    description: str
    points: list[FeatureTrendPoint] = Field(default_factory=new_list)
    slope_per_year: float | None = None
    change: float | None = None
    change_total: float | None = None
    missing_reason: str | None = None


class IndicatorEvidence(BaseModel):
    """Why an indicator has its status: a value with its source, or a quoted sentence."""

    model_config = _FROZEN

    kind: IndicatorEvidenceKind
    description: str
    value: float | None = None
    period_end: date | None = None
    provenance: Provenance | None = None
    quote: str | None = None
    document: str | None = None
    document_type: str | None = None
    span: tuple[int, int] | None = None
    signal: SignalKind | None = None
    fact: FactKind | None = None
    score: ScoreName | None = None


class Indicator(BaseModel):
    """One going-concern indicator of the checklist."""

    model_config = _FROZEN

    id: IndicatorId
    title: str
    reference: str
    status: IndicatorStatus
    reason: str
    evidence: list[IndicatorEvidence] = Field(default_factory=new_list)


class HistoryRow(BaseModel):
    """The ``feature_table`` row of one timeline date (None for NaN)."""

    model_config = _FROZEN

    period_end: date
    values: dict[str, float | None]


class FeatureSet(BaseModel):
    """Everything :func:`risk.features.assess` finds about a company at its latest period.

    Attributes
    ----------
    entity, cik : str or None
    as_of : date or None
        The timeline's as-of date.
    period_end : date or None
        The latest date of the timeline (the latest balance sheet date when there is one).
    features : list of Feature
    scores : list of ScoreResult
        Altman Z (falling back to Z'), Z', Z'', Ohlson, Zmijewski, Springate, Taffler.
    trends : list of Trend
        Debt-to-equity and other levels over all dates.
    checklist : list of Indicator
        ISA 570 A3 / ASC 205-40-55-2 going-concern indicators.
    history : list of HistoryRow
        The feature table over all dates of the timeline.
    warnings : list of FilingWarning
        The timeline's warnings and the assessment's own.
    """

    model_config = _FROZEN

    entity: str | None = None
    cik: str | None = None
    as_of: date | None = None
    period_end: date | None = None
    features: list[Feature] = Field(default_factory=new_list)
    scores: list[ScoreResult] = Field(default_factory=new_list)
    trends: list[Trend] = Field(default_factory=new_list)
    checklist: list[Indicator] = Field(default_factory=new_list)
    history: list[HistoryRow] = Field(default_factory=new_list)
    warnings: list[FilingWarning] = Field(default_factory=new_list)

    def feature(self, name: str) -> Feature | None:
        """The feature called ``name``, or None."""
        return next((f for f in self.features if f.name == name), None)

    def score(self, name: ScoreName | str) -> ScoreResult | None:
        """The score called ``name``, or None."""
        key = ScoreName(name)
        return next((s for s in self.scores if s.name is key), None)

    def trend(self, name: str) -> Trend | None:
        """The trend called ``name``, or None."""
        return next((t for t in self.trends if t.name == name), None)

    def indicator(self, indicator: IndicatorId | str) -> Indicator | None:
        """The checklist entry ``indicator``, or None."""
        key = IndicatorId(indicator)
        return next((i for i in self.checklist if i.id is key), None)

    def present_indicators(self) -> list[Indicator]:
        """The indicators whose status is present."""
        return [i for i in self.checklist if i.status is IndicatorStatus.PRESENT]
