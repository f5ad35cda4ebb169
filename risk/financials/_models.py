"""Pydantic models of the financials contract: periods, values, facts, signals, filings."""

# No ``from __future__ import annotations``: pydantic compiles and evaluates a string
# annotation of each field as a model class is created (about a quarter of the CPU of
# creating the models, at every start-up: issue 18).

import math
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from risk._defaults import new_dict, new_list
from risk._lazy import lazy_regex
from risk.financials._fields import (
    FLOW_FIELDS,
    POINT_IN_TIME_FIELDS,
    VALID_MONTHS,
    FactKind,
    LineItem,
    SignalKind,
    SignalState,
    Subject,
)

__all__ = [
    "DocumentInfo",
    "Fact",
    "Filing",
    "FilingWarning",
    "Period",
    "PeriodValues",
    "Provenance",
    "SharesStated",
    "Signal",
    "Source",
    "Span",
]

_STRICT = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Period(BaseModel):
    """A reporting period.

    Parameters
    ----------
    end : date
        The last day of the period (ISO date in JSON).
    months : int
        3, 6, 9 or 12 for flows; 0 for point-in-time balances.
    """

    model_config = _STRICT

    end: date
    months: int

    @field_validator("months")
    @classmethod
    def _months_valid(cls, value: int) -> int:
        if value not in VALID_MONTHS:
            raise ValueError(f"months must be one of 0, 3, 6, 9, 12; got {value!r}")
        return value

    @property
    def is_instant(self) -> bool:
        """True for a point-in-time balance (``months == 0``)."""
        return self.months == 0

    def __str__(self) -> str:
        return f"{self.end.isoformat()}" + (f" ({self.months}m)" if self.months else "")


class Source(StrEnum):
    """How a value was obtained."""

    TABLE = "table"  # a printed table (plain text or HTML)
    XBRL = "xbrl"  # a tagged XBRL fact (instance, inline XBRL or company facts)
    PROSE = "prose"  # a sentence in the text
    INPUT = "input"  # structured input (dict, CSV, Parquet)
    DERIVED = "derived"  # computed by `risk` from other values (e.g. a TTM flow)


class Provenance(BaseModel):
    """Where a value came from.

    Parameters
    ----------
    document : str
        The file or document name the value was read from.
    source : Source
        How it was obtained.
    document_type : str or None
        The EDGAR ``<TYPE>`` of the part (``EX-99.1``, ``10-Q`` ...), where known.
    line : int or None
        1-based line in the document (plain text) where the value stands.
    label : str or None
        The row label as printed (or the XBRL concept name).
    raw : str or None
        The raw cell text as printed (``(1,317)``) or the raw XBRL value.
    scale : float or None
        The multiplier applied to the raw number (1000.0 for "in thousands").
    filed : date or None
        The date the value became public, where known (point-in-time use).
    note : str or None
        Anything else the reader should know (e.g. "sign taken from the table's arithmetic").
    formula : str or None
        For a value ``risk`` computed from others (``source == "derived"``), how:
        ``"total_assets - total_equity - temporary_equity"``.
    inputs : tuple of LineItem, default ()
        The line items of the same period the formula used (each keeps its own
        provenance there); empty for a value read as printed or tagged.
    decimals : int or None
        For a tagged XBRL value, its ``decimals`` (-6: rounded to millions), where known.
    """

    model_config = _STRICT

    document: str
    source: Source = Source.TABLE
    document_type: str | None = None
    line: int | None = None
    label: str | None = None
    raw: str | None = None
    scale: float | None = None
    filed: date | None = None
    note: str | None = None
    formula: str | None = None
    inputs: tuple[LineItem, ...] = ()
    decimals: int | None = None


#: :data:`FLOW_FIELDS` and :data:`POINT_IN_TIME_FIELDS` as sets (a LineItem is found in
#: them: it hashes and compares as its value)
_FLOW_SET = frozenset(FLOW_FIELDS)
_POINT_SET = frozenset(POINT_IN_TIME_FIELDS)


def _check_finite(field: str, value: float) -> float:
    if not math.isfinite(value):
        raise ValueError(f"value of {field!r} must be a finite number; got {value!r}")
    return value


class PeriodValues(BaseModel):
    """The line items reported for one period, each with its provenance.

    Balances (``POINT_IN_TIME_FIELDS``) belong to ``months == 0`` periods and flows to
    ``months`` in {3, 6, 9, 12}. A missing value is an absent key, never zero or NaN.
    """

    model_config = _STRICT

    end: date
    months: int
    values: dict[LineItem, float] = Field(default_factory=new_dict)
    provenance: dict[LineItem, Provenance] = Field(default_factory=new_dict)
    estimate: bool = False

    @field_validator("months")
    @classmethod
    def _months_valid(cls, value: int) -> int:
        if value not in VALID_MONTHS:
            raise ValueError(f"months must be one of 0, 3, 6, 9, 12; got {value!r}")
        return value

    @model_validator(mode="after")
    def _fields_fit_period(self) -> "PeriodValues":
        # built for every table, part and filing: the loop tests sets of the items'
        # values (a LineItem hashes and compares as its value) and formats only to fail
        wrong = _FLOW_SET if self.months == 0 else _POINT_SET
        for item, value in self.values.items():
            if not math.isfinite(value):
                _check_finite(item.value, value)
            if item in wrong:
                if self.months == 0:
                    raise ValueError(
                        f"{item.value!r} is a flow and needs months in 3, 6, 9, 12; "
                        f"got months=0 for period ending {self.end}"
                    )
                raise ValueError(
                    f"{item.value!r} is a point-in-time balance and needs months=0; "
                    f"got months={self.months} for period ending {self.end}"
                )
        extra = self.provenance.keys() - self.values.keys()
        if extra:
            names = sorted(i.value for i in extra)
            raise ValueError(f"provenance given for fields without a value: {names}")
        return self

    @property
    def period(self) -> Period:
        """The period as a :class:`Period`."""
        return Period(end=self.end, months=self.months)

    def get(self, field: str | LineItem) -> float | None:
        """The value of ``field`` or None when it was not reported."""
        return self.values.get(LineItem(field))


Span = Annotated[tuple[int, int], Field(description="[start, end) character offsets")]


def _check_span(span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    if start < 0 or end < start:
        raise ValueError(f"span must satisfy 0 <= start <= end; got {span!r}")
    return span


class Fact(BaseModel):
    """An amount stated in prose (financials.md "facts").

    Parameters
    ----------
    kind : FactKind
    amount : float
        In currency units ("$5 million" is 5000000.0).
    quote : str
        The sentence that states it.
    span : tuple of int
        ``[start, end)`` character offsets of the quote in the document text.
    document : str
        The document it came from.
    period : Period or None
        The period the amount refers to, where stated ("for 2001").
    """

    model_config = _STRICT

    kind: FactKind
    amount: float
    quote: str
    span: Span
    document: str
    document_type: str | None = None
    period: Period | None = None

    @field_validator("amount")
    @classmethod
    def _finite(cls, value: float) -> float:
        return _check_finite("amount", value)

    @field_validator("span")
    @classmethod
    def _span(cls, value: tuple[int, int]) -> tuple[int, int]:
        return _check_span(value)


class Signal(BaseModel):
    """A distress signal the text asserts of the filer.

    Parameters
    ----------
    kind : SignalKind
    quote : str
        The sentence that proves it, as printed (whitespace folded).
    span : tuple of int
        ``[start, end)`` character offsets of the quote in the document text.
    document : str
        The document it came from.
    rule : str or None
        The identifier of the pattern that matched (``item.1.03`` for a declared 8-K item).
    subject : Subject, default "filer"
        Whose event it is: the filer's, a subsidiary's or another entity's.
    subject_name : str or None
        The other entity's name as printed, where the sentence gives it.
    state : SignalState, default "asserted"
        Asserted (done, current), intended (announced, not done) or historical.
    event_date : date or None
        The date the sentence gives the event, where it gives one.
    """

    model_config = _STRICT

    kind: SignalKind
    quote: str
    span: Span
    document: str
    document_type: str | None = None
    rule: str | None = None
    subject: Subject = Subject.FILER
    subject_name: str | None = None
    state: SignalState = SignalState.ASSERTED
    event_date: date | None = None

    @property
    def of_filer(self) -> bool:
        """True for the filer's own, asserted, current event: the signals that count."""
        return self.subject is Subject.FILER and self.state is SignalState.ASSERTED

    @field_validator("span")
    @classmethod
    def _span(cls, value: tuple[int, int]) -> tuple[int, int]:
        return _check_span(value)


class FilingWarning(BaseModel):
    """Something a reader of the filing should know: a failed check, an unsure value.

    Parameters
    ----------
    code : str
        A short stable identifier (``check_failed``, ``ambiguous_sign`` ...).
    message : str
        One sentence for a person.
    document : str or None
    line : int or None
    field : LineItem or None
        The line item the warning is about, where it is about one (a value left out as
        implausible names it, so the report can name the gap).
    period : Period or None
        The period of that value.
    """

    model_config = _STRICT

    code: str
    message: str
    document: str | None = None
    line: int | None = None
    field: LineItem | None = None
    period: Period | None = None


class SharesStated(BaseModel):
    """Shares outstanding a filing states on its cover page, with their date.

    Parameters
    ----------
    value : float
        The number of shares (positive).
    on : date
        The date the count is given at ("as of October 18, 2024").
    document : str
    concept : str or None
        ``dei:EntityCommonStockSharesOutstanding`` when inline XBRL tags it; None
        when read from the cover's text.
    quote : str or None
        The cover's sentence, when read from text.
    """

    model_config = _STRICT

    value: float = Field(gt=0)
    on: date
    document: str
    concept: str | None = None
    quote: str | None = None


class DocumentInfo(BaseModel):
    """One document of a submission (an EDGAR ``<DOCUMENT>``)."""

    model_config = _STRICT

    type: str | None = None
    sequence: int | None = None
    filename: str | None = None
    description: str | None = None


_CIK = lazy_regex(r"[0-9]{1,10}")


def normal_cik(value: str | None) -> str | None:
    """A Central Index Key without its leading zeros ("0000320193" -> "320193").

    The one rule for every reader: 1 to 10 ASCII digits, not all zeros (EDGAR numbers
    filers from 1). None for anything else (None, "", "00000000", "12a", 300 digits), so
    a reader leaves a broken CIK out instead of failing on it.
    """
    if value is None:
        return None
    text = value.strip()
    if not _CIK.fullmatch(text) or not text.strip("0"):
        return None
    return text.lstrip("0")


class Filing(BaseModel):
    """Everything read from one filing (a submission, an exhibit, a table of structured input).

    Parameters
    ----------
    source : str
        Where it was read from (a path, or ``<text>`` for a string).
    sha256 : str
        SHA-256 of the bytes read, hex.
    company : str or None
    cik : str or None
        SEC Central Index Key, without leading zeros, where known.
    form : str or None
        ``10-K``, ``10-Q``, ``8-K``, ``EX-99.1`` ...
    filed : date or None
        The filing date, or failing that the release date printed in the document.
    period_of_report : date or None
    sic : str or None
        The filer's Standard Industrial Classification code (four digits) from the SEC
        header, where stated.
    cover_shares : list of SharesStated
        Shares outstanding the cover page states (one class of common stock only).
    documents : list of DocumentInfo
    periods : list of PeriodValues
        At most one entry per (end, months).
    facts : list of Fact
    signals : list of Signal
    warnings : list of FilingWarning
    """

    model_config = ConfigDict(extra="forbid", defer_build=True)

    schema_version: Literal["1"] = "1"
    source: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    company: str | None = None
    cik: str | None = None
    form: str | None = None
    filed: date | None = None
    period_of_report: date | None = None
    sic: str | None = Field(default=None, pattern=r"^\d{4}$")
    cover_shares: list[SharesStated] = Field(default_factory=new_list)
    documents: list[DocumentInfo] = Field(default_factory=new_list)
    periods: list[PeriodValues] = Field(default_factory=new_list)
    facts: list[Fact] = Field(default_factory=new_list)
    signals: list[Signal] = Field(default_factory=new_list)
    warnings: list[FilingWarning] = Field(default_factory=new_list)

    @field_validator("cik")
    @classmethod
    def _cik(cls, value: str | None) -> str | None:
        if value is None:
            return None
        cik = normal_cik(value)
        if cik is None:
            raise ValueError(f"cik must be digits (1 to 10, not all zeros); got {value!r}")
        return cik

    @model_validator(mode="after")
    def _unique_periods(self) -> "Filing":
        seen: set[tuple[date, int]] = set()
        for p in self.periods:
            key = (p.end, p.months)
            if key in seen:
                raise ValueError(f"period {p.end} ({p.months} months) appears twice")
            seen.add(key)
        return self

    def period(self, end: date, months: int) -> PeriodValues | None:
        """The values for one period, or None."""
        for p in self.periods:
            if p.end == end and p.months == months:
                return p
        return None

    def to_json(self, **kwargs: Any) -> str:
        """Serialise to JSON (lossless: :meth:`from_json` gives an equal filing)."""
        return self.model_dump_json(**kwargs)

    @classmethod
    def from_json(cls, text: str | bytes) -> "Filing":
        """Parse a filing serialised by :meth:`to_json`."""
        return cls.model_validate_json(text)
