"""Whether the distress model applies to a company's industry, from its SIC code."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, model_validator

from risk._rules import load_rule_file
from risk.exceptions import InputError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from risk.financials import Filing

__all__ = [
    "SCOPE_RULES",
    "Scope",
    "ScopeCategory",
    "ScopeRules",
    "ScopeStatus",
    "filings_scope",
    "scope",
]

_RULES_FILE = Path(__file__).with_name("sic_scope.json")
_FROZEN = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class ScopeStatus(StrEnum):
    """Whether the model applies."""

    IN_SCOPE = "in_scope"
    OUT_OF_SCOPE = "out_of_scope"
    UNKNOWN = "unknown"  # no SIC code to decide on


class ScopeCategory(StrEnum):
    """Why an industry is out of scope (the ranges of ``sic_scope.json``)."""

    BANK = "bank"
    CREDIT_INSTITUTION = "credit_institution"
    BROKER_DEALER = "broker_dealer"
    INSURER = "insurer"
    FUND = "fund"
    BLANK_CHECK = "blank_check"


class _Range(BaseModel):
    model_config = _FROZEN

    first: int
    last: int
    title: str

    @model_validator(mode="after")
    def _ordered(self) -> _Range:
        if not 100 <= self.first <= self.last <= 9999:
            raise ValueError(f"need 100 <= first <= last <= 9999; got {self.first}-{self.last}")
        return self

    def holds(self, code: int) -> bool:
        """Whether ``code`` lies in the range."""
        return self.first <= code <= self.last


class _OutRange(_Range):
    category: ScopeCategory
    reason: str


class _KeptRange(_Range):
    note: str


class ScopeRules(BaseModel):
    """The rule file: SIC ranges out of scope (with the reason) and ranges kept in scope
    on purpose (with a note). Ranges must not overlap."""

    model_config = _FROZEN

    source: str
    out_of_scope: tuple[_OutRange, ...]
    kept_in_scope: tuple[_KeptRange, ...]

    @model_validator(mode="after")
    def _disjoint(self) -> ScopeRules:
        ranges = sorted((*self.out_of_scope, *self.kept_in_scope), key=lambda r: r.first)
        for a, b in pairwise(ranges):
            if b.first <= a.last:
                raise ValueError(f"SIC ranges overlap: {a.first}-{a.last} and {b.first}-{b.last}")
        return self

    @classmethod
    def from_file(cls, path: str | Path) -> ScopeRules:
        """Read and validate a rule file (``sic_scope.json``'s layout).

        Raises
        ------
        InputError
            Naming the file and the rule broken (an unknown key, overlapping ranges).
        """
        return load_rule_file(Path(path), cls)


#: The scope rules of ``sic_scope.json`` (loaded once, validated: unknown keys fail).
SCOPE_RULES: ScopeRules = ScopeRules.from_file(_RULES_FILE)


class Scope(BaseModel):
    """The model's scope for one company.

    Attributes
    ----------
    status : ScopeStatus
    sic : str or None
        The four-digit SIC code decided on (None when unknown).
    category : ScopeCategory or None
        Set when out of scope.
    reason : str
        In words, with the SIC range and the rule file's reason or note.
    source : str or None
        Where the SIC code came from: ``"given"`` (the caller's), ``"SEC header of
        <document>"`` (a filing's), None when there is no code.
    """

    model_config = _FROZEN

    status: ScopeStatus
    sic: str | None = None
    category: ScopeCategory | None = None
    reason: str
    source: str | None = None


def _code(sic: str | int | None) -> str | None:
    """The SIC code as four digits, None when not given; InputError when malformed."""
    if sic is None:
        return None
    if isinstance(sic, bool):
        text = ""
    elif isinstance(sic, int):
        text = f"{sic:04d}" if 0 <= sic <= 9999 else str(sic)
    else:
        text = str(sic).strip()
    if len(text) != 4 or not text.isdigit():
        raise InputError(f"sic must be a four-digit SIC code (e.g. '6022'); got {sic!r}")
    return text


def scope(sic: str | int | None, *, rules: ScopeRules = SCOPE_RULES) -> Scope:
    """Whether the distress model applies to a company with this SIC code.

    Parameters
    ----------
    sic : str, int or None
        The Standard Industrial Classification code (``"6022"`` or ``6022``; a
        three-digit int such as 100 is zero-padded). None or ``"0000"`` (not assigned):
        the scope is unknown.
    rules : ScopeRules, default ``SCOPE_RULES``

    Returns
    -------
    Scope
        ``out_of_scope`` with the category and reason when the code lies in an
        excluded range of ``sic_scope.json`` (banks, credit institutions, brokers and
        dealers, insurers, funds, blank checks); ``in_scope`` otherwise;
        ``unknown`` without a code.

    Raises
    ------
    InputError
        When ``sic`` is not a four-digit code.
    """
    code = _code(sic)
    if code is None or code == "0000":
        return Scope(
            status=ScopeStatus.UNKNOWN,
            reason="no SIC code: the industry is unknown, so whether the model applies "
            "(it does not to banks, insurers, other financial institutions, funds or "
            "SPACs) cannot be told; give the SIC code",
        )
    number = int(code)
    for rule in rules.out_of_scope:
        if rule.holds(number):
            return Scope(
                status=ScopeStatus.OUT_OF_SCOPE,
                sic=code,
                category=rule.category,
                reason=f"SIC {code} ({rule.first}-{rule.last}: {rule.title}) is out of the "
                f"model's scope: {rule.reason}",
            )
    note = next((r for r in rules.kept_in_scope if r.holds(number)), None)
    reason = f"SIC {code} is not in an excluded industry: the model applies"
    if note is not None:
        reason += f" ({note.first}-{note.last}, {note.title}: {note.note})"
    return Scope(status=ScopeStatus.IN_SCOPE, sic=code, reason=reason)


def filings_scope(filings: Sequence[Filing], sic: str | int | None = None) -> Scope:
    """The scope of the company whose filings these are.

    Parameters
    ----------
    filings : sequence of Filing
        One company's filings (their ``sic``, read from SEC headers).
    sic : str, int or None, default None
        An explicit SIC code (the caller's override); it wins over the filings'.

    Returns
    -------
    Scope
        From ``sic`` when given (``source`` "given"), else from the code the filings
        state (the latest filed one's when they differ, the others named in the
        reason; ``source`` names its SEC header), else unknown.
    """
    if sic is not None:
        return scope(sic).model_copy(update={"source": "given"})
    stated = [f for f in filings if f.sic is not None]
    if not stated:
        return scope(None)
    latest = max(stated, key=lambda f: (f.filed is not None, f.filed or date.min))
    result = scope(latest.sic).model_copy(update={"source": f"SEC header of {latest.source}"})
    others = sorted({str(f.sic) for f in stated} - {str(latest.sic)})
    if others:
        note = f"; other filings state SIC {', '.join(others)}: the latest filing's is used"
        result = result.model_copy(update={"reason": result.reason + note})
    return result
