"""The risk report: what a credit analyst reads, as a stable pydantic schema.

These models mirror what :mod:`risk.features` and :mod:`risk.model` return, but are
defined here and filled by converters at the boundary, so the report's JSON Schema
stays stable when the internals change. Every number carries where it came from.
"""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from risk._defaults import new_list

__all__ = [
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
    "Industry",
    "InputDocument",
    "MarketInfo",
    "ModelInfo",
    "PublishedScore",
    "ReportStatus",
    "ReportWarning",
    "RiskReport",
    "SignalEntry",
    "TrendPoint",
    "ValueSource",
]

_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ReportStatus(StrEnum):
    """Whether the inputs supported a probability."""

    SCORED = "scored"
    INSUFFICIENT_DATA = "insufficient_data"
    #: the filer's own filings say it has filed for bankruptcy: the event the probability
    #: is about has happened (``status_evidence`` quotes it); the model's figures are
    #: kept for reference
    IN_BANKRUPTCY = "in_bankruptcy"
    #: the company's industry (SIC code) is one the model does not apply to: banks,
    #: insurers, other financial institutions, funds, SPACs (``industry`` says which
    #: and why); no probability or band, the signals and checklist are still given
    OUT_OF_SCOPE = "out_of_scope"


class Direction(StrEnum):
    """Which way a driver pushes the probability of failure."""

    UP = "up"
    DOWN = "down"


class ChecklistStatus(StrEnum):
    """The state of one going-concern indicator."""

    PRESENT = "present"
    ABSENT = "absent"
    UNKNOWN = "unknown"


class EvidenceKind(StrEnum):
    """A quoted sentence or a reported value."""

    QUOTE = "quote"
    VALUE = "value"


class ValueSource(BaseModel):
    """Where one input value came from (a line of a table, an XBRL fact, a sentence).

    Parameters
    ----------
    field : str
        The line item (``total_liabilities`` ...).
    period_end : date or None
    months : int or None
        0 for a balance, 3/6/9/12 for a flow.
    value : float or None
        The value as used, in currency units.
    document : str or None
    document_type : str or None
    line : int or None
        1-based line of the document where the value stands.
    label : str or None
        The row label as printed.
    raw : str or None
        The cell as printed.
    source : str or None
        ``table``, ``xbrl``, ``prose``, ``input`` or ``derived``.
    formula : str or None
        For a derived value, how it was computed from others of its period
        (``total_assets - stockholders_equity``).
    """

    model_config = _FROZEN

    field: str
    period_end: date | None = None
    months: int | None = None
    value: float | None = None
    document: str | None = None
    document_type: str | None = None
    line: int | None = None
    label: str | None = None
    raw: str | None = None
    source: str | None = None
    formula: str | None = None


class Evidence(BaseModel):
    """Evidence for a checklist indicator: a quoted sentence, or a value with its source.

    Parameters
    ----------
    kind : EvidenceKind
    text : str
        The quoted sentence (``quote``) or a one-line statement of the value (``value``).
    description : str or None
        What the evidence shows, in words (for a quote: the signal it raises).
    document : str or None
    document_type : str or None
    span : tuple of int or None
        ``[start, end)`` character offsets of the quote in the document.
    value : float or None
        The value, for ``value`` evidence.
    sources : list of ValueSource
        The inputs behind the value.
    """

    model_config = _FROZEN

    kind: EvidenceKind
    text: str
    description: str | None = None
    document: str | None = None
    document_type: str | None = None
    span: tuple[int, int] | None = None
    value: float | None = None
    sources: list[ValueSource] = Field(default_factory=new_list)


class ChecklistItem(BaseModel):
    """One going-concern indicator (ISA 570 / ASC 205-40).

    Parameters
    ----------
    indicator : str
        A stable identifier (``going_concern_doubt``, ``net_current_liabilities`` ...).
    label : str
        The indicator in words.
    status : ChecklistStatus
    evidence : list of Evidence
    reference : str or None
        The standard's paragraph the indicator comes from, where known.
    note : str or None
        Why the status is unknown, or anything else a reader should know.
    """

    model_config = _FROZEN

    indicator: str
    label: str
    status: ChecklistStatus
    evidence: list[Evidence] = Field(default_factory=new_list)
    reference: str | None = None
    note: str | None = None


class Band(BaseModel):
    """A risk band: a range of the probability of failure within the horizon.

    Parameters
    ----------
    name : str
    lower, upper : float
        ``lower <= p < upper`` (the top band includes 1).
    rank : int
        0 for the safest band, increasing with risk.
    source : str or None
        Where the cut-offs come from (the model artefact, a rating scale ...).
    """

    model_config = _FROZEN

    name: str
    lower: float = Field(ge=0.0, le=1.0)
    upper: float = Field(ge=0.0, le=1.0)
    rank: int = Field(ge=0)
    source: str | None = None


class Adjustment(BaseModel):
    """One factor applied to the model's probability for a text signal.

    Parameters
    ----------
    signal : str
        The signal kind (``going_concern_doubt`` ...).
    factor : float or None
        The multiplier applied to the odds, where the adjustment is multiplicative.
    log_odds : float or None
        The change in log-odds it contributes.
    source : str or None
        Where the factor comes from (a study, the model artefact).
    evidence : list of Evidence
        The quotes that raised the signal.
    state : str, default "asserted"
        ``intended`` for an event the filer announces (its bankruptcy), ``asserted`` else;
        the cap's own factor is the signal ``signal_cap``.
    """

    model_config = _FROZEN

    signal: str
    factor: float | None = None
    log_odds: float | None = None
    source: str | None = None
    evidence: list[Evidence] = Field(default_factory=new_list)
    state: str = "asserted"


class PublishedScore(BaseModel):
    """A published distress score (Altman Z, Ohlson O ...) and its zone.

    Parameters
    ----------
    name : str
        A stable identifier (``altman_z_double_prime`` ...).
    label : str
        The score in words.
    value : float or None
        None when an input is missing (named in ``missing``).
    zone : str or None
        ``distress``, ``grey``, ``safe`` ... as the score's authors define them.
    cutoffs : list of float
        The zone boundaries, ascending.
    period_end : date or None
    reference : str or None
        The paper the score and its cut-offs come from.
    missing : list of str
        The inputs that were missing.
    probability : float or None
        The score's own probability (Ohlson, Zmijewski), where it has one.
    zones_text : str or None
        The zone cut-offs in words.
    notes : list of str
        E.g. that a substitute score was computed.
    """

    model_config = _FROZEN

    name: str
    label: str
    value: float | None = None
    zone: str | None = None
    cutoffs: list[float] = Field(default_factory=new_list)
    period_end: date | None = None
    reference: str | None = None
    missing: list[str] = Field(default_factory=new_list)
    probability: float | None = None
    zones_text: str | None = None
    notes: list[str] = Field(default_factory=new_list)


class FeatureEntry(BaseModel):
    """One feature (a ratio, a trend, a count of signals) with its value and provenance.

    Parameters
    ----------
    name : str
    label : str or None
        One plain sentence on what it is.
    value : float or None
        None when an input is missing (``missing`` names it, ``note`` says why).
    unit : str or None
        ``currency``, ``ratio``, ``flag`` ...
    group : str or None
        ``liquidity``, ``leverage``, ``profitability`` ...
    period_end : date or None
    provenance : list of ValueSource
        The inputs used, each with where it was read.
    missing : list of str
    note : str or None
    """

    model_config = _FROZEN

    name: str
    label: str | None = None
    value: float | None = None
    unit: str | None = None
    group: str | None = None
    period_end: date | None = None
    provenance: list[ValueSource] = Field(default_factory=new_list)
    missing: list[str] = Field(default_factory=new_list)
    note: str | None = None


class Driver(BaseModel):
    """A feature that pushes the probability up or down.

    Parameters
    ----------
    feature : str
    value : float or None
        The feature's value.
    direction : Direction
    contribution : float
        Its contribution to the log-odds of failure (positive pushes up).
    words : str
        The same in plain words.
    """

    model_config = _FROZEN

    feature: str
    value: float | None = None
    direction: Direction
    contribution: float
    words: str


class SignalEntry(BaseModel):
    """A distress signal quoted from a document.

    ``subject`` is whose event it is (``filer``, ``subsidiary`` or ``other``, with
    ``subject_name`` where printed) and ``state`` whether it is ``asserted``, ``intended``
    or ``historical`` (``event_date`` the date the sentence gives it): only the filer's
    asserted signals (and its announced bankruptcy) move the probability.
    """

    model_config = _FROZEN

    kind: str
    quote: str
    document: str
    document_type: str | None = None
    span: tuple[int, int]
    filed: date | None = None
    rule: str | None = None
    subject: str = "filer"
    subject_name: str | None = None
    state: str = "asserted"
    event_date: date | None = None

    @property
    def of_filer(self) -> bool:
        """True for the filer's own, asserted event."""
        return self.subject == "filer" and self.state == "asserted"


class FactEntry(BaseModel):
    """An amount stated in prose (financing need, debt under renegotiation ...)."""

    model_config = _FROZEN

    kind: str
    amount: float
    quote: str
    document: str
    span: tuple[int, int]
    period_end: date | None = None


class TrendPoint(BaseModel):
    """The picture at one balance-sheet date of the timeline.

    Values are None where an input was missing; nothing is filled in.
    """

    model_config = _FROZEN

    period_end: date
    altman_z: float | None = None
    altman_z_prime: float | None = None
    altman_z_double_prime: float | None = None
    debt_to_equity: float | None = None
    working_capital: float | None = None
    probability: float | None = None
    band: str | None = None


class DataGap(BaseModel):
    """An input that was missing and what it prevented.

    Parameters
    ----------
    input : str
        The missing input: a line item (``total_assets``), alternatives
        (``operating_income or net_income``) or a period (a fiscal year).
    needed_for : list of str
        What could not be computed without it.
    blocks_probability : bool
        True when the model's probability needs it (the report is then
        ``insufficient_data``).
    """

    model_config = _FROZEN

    input: str
    needed_for: list[str] = Field(default_factory=new_list)
    blocks_probability: bool = False


class ReportWarning(BaseModel):
    """Something the reader should know about the inputs or the result."""

    model_config = _FROZEN

    code: str
    message: str
    document: str | None = None
    line: int | None = None


class ModelInfo(BaseModel):
    """The model that gave the probability."""

    model_config = _FROZEN

    name: str
    version: str
    sha256: str | None = None


class Industry(BaseModel):
    """The company's industry and whether the model applies to it.

    Attributes
    ----------
    sic : str or None
        The four-digit SIC code (None: neither given nor stated in the filings).
    source : str or None
        ``"given"`` (the caller's code) or ``"SEC header of <document>"``.
    scope : str
        ``in_scope``, ``out_of_scope`` or ``unknown`` (no SIC code).
    category : str or None
        Why out of scope: ``bank``, ``credit_institution``, ``broker_dealer``,
        ``insurer``, ``fund`` or ``blank_check``.
    reason : str
        In words, with the SIC range and the rule (``risk/scope/sic_scope.json``).
    """

    model_config = _FROZEN

    sic: str | None = None
    source: str | None = None
    scope: str
    category: str | None = None
    reason: str


class MarketInfo(BaseModel):
    """The market value of equity the company was scored with (the caller's input).

    Attributes
    ----------
    value : float
        Currency units.
    on : date
        The date of the price or capitalisation (never after ``as_of``).
    method : str
        ``market_cap`` (a capitalisation) or ``price_times_shares``.
    source : str
        ``given`` or the market-data file and row.
    price : float or None
    shares : float or None
    shares_on : date or None
    shares_source : str or None
        ``given`` or the filing (and line) the shares outstanding were read from.
    """

    model_config = _FROZEN

    value: float
    on: date
    method: str
    source: str
    price: float | None = None
    shares: float | None = None
    shares_on: date | None = None
    shares_source: str | None = None


class InputDocument(BaseModel):
    """A document the report was computed from.

    ``accession`` is the EDGAR accession number its source names (a document fetched
    by :mod:`risk.edgar`, a company-facts filing, an EDGAR ``<accession>.txt``), else None.
    """

    model_config = _FROZEN

    source: str
    sha256: str
    company: str | None = None
    form: str | None = None
    filed: date | None = None
    used: bool = True
    note: str | None = None
    accession: str | None = None


class RiskReport(BaseModel):
    """The risk report of one company as of a date.

    Parameters
    ----------
    entity : str or None
        The company's name as the filings give it.
    cik : str or None
    as_of : date
        Only documents public on this date were used.
    horizon_months : int, default 12
        The probability is of failure within this many months of ``as_of``.
    status : ReportStatus
        ``insufficient_data`` when the inputs could not support a probability;
        ``probability`` is then None and ``data_gaps`` says what is missing.
        ``in_bankruptcy`` when the filer's own filings say it has filed for bankruptcy
        (``status_evidence`` quotes them); the probabilities are then the model's
        reference figures, without a bankruptcy factor.
        ``out_of_scope`` when the company's industry is one the model does not apply
        to (``industry`` says which): no probability or band.
    status_evidence : list of SignalEntry
        The sentences that give the status (the filer's own bankruptcy filing).
    industry : Industry or None
        The SIC code, where it came from, and whether the model applies.
    market : MarketInfo or None
        The market value of equity the caller gave, with its date and source.
    submodel : str or None
        The submodel that gave ``model_probability``: ``full`` (financial statements
        and the market value of equity) or ``book`` (financial statements only).
    model_probability : float or None
        The fitted model's probability from the financial statements.
    probability : float or None
        The probability after the adjustment for text signals (the headline figure).
    adjustments : list of Adjustment
        The factors applied to go from ``model_probability`` to ``probability``.
    band : Band or None
        The band ``probability`` falls in.
    bands : list of Band
        Every band of the scale, safest first.
    scores, features, drivers, checklist, signals, facts, trend :
        See the respective models.
    data_gaps : list of DataGap
    warnings : list of ReportWarning
    model : ModelInfo or None
    documents : list of InputDocument
    risk_version : str
        The version of `risk` that wrote the report.
    """

    model_config = ConfigDict(extra="forbid", protected_namespaces=(), defer_build=True)

    schema_version: Literal["1"] = "1"
    entity: str | None = None
    cik: str | None = None
    as_of: date
    horizon_months: int = 12
    status: ReportStatus
    status_evidence: list[SignalEntry] = Field(default_factory=new_list)
    industry: Industry | None = None
    market: MarketInfo | None = None
    submodel: str | None = None
    model_probability: float | None = Field(default=None, ge=0.0, le=1.0)
    probability: float | None = Field(default=None, ge=0.0, le=1.0)
    adjustments: list[Adjustment] = Field(default_factory=new_list)
    band: Band | None = None
    bands: list[Band] = Field(default_factory=new_list)
    scores: list[PublishedScore] = Field(default_factory=new_list)
    features: list[FeatureEntry] = Field(default_factory=new_list)
    drivers: list[Driver] = Field(default_factory=new_list)
    checklist: list[ChecklistItem] = Field(default_factory=new_list)
    signals: list[SignalEntry] = Field(default_factory=new_list)
    facts: list[FactEntry] = Field(default_factory=new_list)
    trend: list[TrendPoint] = Field(default_factory=new_list)
    data_gaps: list[DataGap] = Field(default_factory=new_list)
    warnings: list[ReportWarning] = Field(default_factory=new_list)
    model: ModelInfo | None = None
    documents: list[InputDocument] = Field(default_factory=new_list)
    risk_version: str | None = None

    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON (validates against ``risk schema report``)."""
        return self.model_dump_json(indent=indent)

    def to_markdown(self) -> str:
        """The report as Markdown (for terminals and notes)."""
        from risk.report._markdown import render_markdown

        return render_markdown(self)

    def to_html(self) -> str:
        """The report as one self-contained HTML page (inline CSS and SVG, no script)."""
        from risk.report._html import render_html

        return render_html(self)

    def checklist_item(self, indicator: str) -> ChecklistItem | None:
        """The checklist entry of ``indicator``, or None."""
        return next((c for c in self.checklist if c.indicator == indicator), None)

    def score(self, name: str) -> PublishedScore | None:
        """The published score ``name``, or None."""
        return next((s for s in self.scores if s.name == name), None)
